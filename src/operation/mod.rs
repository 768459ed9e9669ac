//! How operations, request bodies and models are declared: once each, in tables that expand to
//! the Rust API, its Python twin and the list of operations the tests check against the
//! references.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// One operation as declared: its Rust and Python method name, HTTP method and path template
/// (path parameters shown as `{}`, relative to the client's base URL), its parameters and its
/// docs. The Python signatures, docstrings and type stubs are derived from these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct OperationInfo {
    /// Name of the handler the operation hangs off, e.g. `InstancesHandler`.
    pub handler: &'static str,
    /// Method name, the same in Rust and Python, e.g. `create`.
    pub name: &'static str,
    /// HTTP method, e.g. `POST`.
    pub method: &'static str,
    /// Path template relative to the base URL, with `{}` for each path parameter.
    pub path: &'static str,
    /// Names of the path parameters, in order (the leading arguments in both languages).
    pub path_params: &'static [&'static str],
    /// The type of each path parameter: `str`, or `int` for Tavu's integer IDs.
    pub path_kinds: &'static [&'static str],
    /// Body fields Python takes positionally after the path parameters (the required ones),
    /// or the one argument that is the whole body.
    pub positional: &'static [&'static str],
    /// Every field of the request body, as the API names it; those not positional are
    /// Python keyword-only arguments.
    pub body_fields: &'static [&'static str],
    /// What the request body is.
    pub body: BodyInfo,
    /// The operation's doc comment, one line per line.
    pub doc: &'static str,
    /// The Python type of the result, e.g. `list[Instance]`.
    pub returns: &'static str,
}

/// The request body of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum BodyInfo {
    /// No body.
    None,
    /// An instance action: `{"<key>": null}`.
    Action {
        /// The action's key.
        key: &'static str,
    },
    /// One argument that is the whole body (e.g. a map of context variables).
    Value {
        /// The argument's name.
        name: &'static str,
        /// Its Rust type.
        rust_type: &'static str,
    },
    /// A request struct whose fields are the operation's parameters.
    Fields {
        /// The struct's name, e.g. `CreateInstance`.
        name: &'static str,
        /// The key the body is wrapped in (`{"instance": {...}}`), if any.
        wrapper: Option<&'static str>,
        /// Its fields, required ones first.
        fields: &'static [FieldInfo],
    },
}

/// One field of a request body or a model, as declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct FieldInfo {
    /// The name, as the API spells it.
    pub name: &'static str,
    /// The Rust type as written in the declaration, e.g. `Option<Vec<String>>`.
    pub rust_type: &'static str,
    /// The field's doc comment.
    pub doc: &'static str,
    /// Whether the field must be given (request bodies) or is always present (models).
    pub required: bool,
}

/// One resource of a client (`tavu.instances`), as declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct ResourceInfo {
    /// The client's attribute (Rust method) for it, e.g. `instances`.
    pub attribute: &'static str,
    /// That attribute's doc comment.
    pub attribute_doc: &'static str,
    /// The handler's type name, e.g. `InstancesHandler`.
    pub handler: &'static str,
    /// The handler's doc comment.
    pub doc: &'static str,
    /// Its operations.
    pub operations: &'static [OperationInfo],
    /// Its waiters, if it has any.
    pub waiter: Option<WaiterInfo>,
}

/// Everything one provider declares: resources, models and enums. The Python type stubs are
/// generated from this (`tools/gen_stubs.py`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Declarations {
    /// The client's resources.
    pub resources: Vec<ResourceInfo>,
    /// The response models.
    pub models: &'static [ModelInfo],
    /// The enumerations of string values.
    pub enums: &'static [EnumInfo],
}

/// A handler's waiters, as declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct WaiterInfo {
    /// What is waited on, e.g. `instance`.
    pub resource: &'static str,
    /// The model `get` returns, e.g. `Instance`.
    pub object: &'static str,
    /// Its state field, e.g. `status`.
    pub state_field: &'static str,
    /// The ID parameter's name.
    pub id_param: &'static str,
    /// The wanted-state parameter's name.
    pub state_param: &'static str,
    /// The state waiter's name, e.g. `wait_for_status`.
    pub wait: &'static str,
    /// The deletion waiter's name.
    pub wait_gone: &'static str,
    /// States that stop a wait with a failure.
    pub failure_states: &'static [&'static str],
    /// States that count as gone.
    pub gone_states: &'static [&'static str],
}

/// One enumeration of values the API sends and takes as plain strings, as declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct EnumInfo {
    /// The enum's name, e.g. `InstanceState`.
    pub name: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
    /// `(variant name, value)` for every listed value.
    pub values: &'static [(&'static str, &'static str)],
}

/// One response model, as declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct ModelInfo {
    /// The class name, e.g. `Instance`.
    pub name: &'static str,
    /// The model's doc comment.
    pub doc: &'static str,
    /// Its fields.
    pub fields: &'static [FieldInfo],
}

/// Whether a declared Rust type (as `stringify!` writes it) may be absent: an `Option`.
pub(crate) const fn is_optional_type(rust_type: &str) -> bool {
    let b = rust_type.as_bytes();
    b.len() >= 7
        && b[0] == b'O'
        && b[1] == b'p'
        && b[2] == b't'
        && b[3] == b'i'
        && b[4] == b'o'
        && b[5] == b'n'
        && b[6] == b'<'
}

/// A field's JSON name from its Rust identifier (`r#type` is `type`).
pub(crate) const fn field_name(ident: &'static str) -> &'static str {
    match ident.as_bytes() {
        [b'r', b'#', rest @ ..] => match std::str::from_utf8(rest) {
            Ok(name) => name,
            Err(_) => ident,
        },
        _ => ident,
    }
}

/// Serialises `value` as `{"<key>": value}`: the wrapper objects of Tavu request bodies.
pub(crate) struct Wrapped<'a, T>(pub &'static str, pub &'a T);

impl<T: Serialize> Serialize for Wrapped<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.0, self.1)?;
        map.end()
    }
}

/// Serialises a request body; serialising our own request types cannot fail in practice, but
/// a failure is reported, not unwrapped.
pub(crate) fn encode_body<T: Serialize>(
    wrap: Option<&'static str>,
    body: &T,
) -> crate::Result<Vec<u8>> {
    let encoded = match wrap {
        Some(key) => serde_json::to_vec(&Wrapped(key, body)),
        None => serde_json::to_vec(body),
    };
    encoded.map_err(|e| crate::Error::InvalidArgument(format!("request body: {e}")))
}

/// The fields a server sent that a model does not declare: the `extra` field of every model,
/// keyed by JSON name, with the values as sent. Dereferences to the [`serde_json::Map`]
/// holding them (sorted by name, as serde_json's maps are).
///
/// In Python, `obj.extra` is a `dict` (empty when there are none); `to_dict()` has these keys
/// beside the declared ones.
///
/// ```
/// let volume: vpsclient::tavu::Volume = serde_json::from_str(
///     r#"{"id": "v1", "name": "data", "size": 10, "status": "available", "zone": "fi-1"}"#,
/// )?;
/// assert_eq!(volume.extra["zone"], "fi-1");
/// assert_eq!(serde_json::to_value(&volume)?["zone"], "fi-1");
/// # Ok::<_, serde_json::Error>(())
/// ```
///
/// Under the `python` feature it also keeps the Python objects made for the model's attributes,
/// so that reading `instance.ports[0]` twice builds the `Port` once: a clone starts without
/// them, and they take no part in comparisons.
#[derive(Clone, Default, PartialEq, serde::Serialize)]
#[serde(transparent)]
pub struct Extra {
    map: serde_json::Map<String, serde_json::Value>,
    #[cfg(feature = "python")]
    #[serde(skip)]
    pub(crate) attributes: crate::python::AttributeCache,
}

impl Extra {
    /// The fields, as a map from JSON name to value.
    pub fn into_map(self) -> serde_json::Map<String, serde_json::Value> {
        self.map
    }
}

impl std::fmt::Debug for Extra {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.map.fmt(f)
    }
}

impl std::ops::Deref for Extra {
    type Target = serde_json::Map<String, serde_json::Value>;
    fn deref(&self) -> &Self::Target {
        &self.map
    }
}

impl std::ops::DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.map
    }
}

impl From<serde_json::Map<String, serde_json::Value>> for Extra {
    fn from(map: serde_json::Map<String, serde_json::Value>) -> Self {
        Extra {
            map,
            #[cfg(feature = "python")]
            attributes: Default::default(),
        }
    }
}

mod client;
mod model;
mod request;
mod resource;

pub(crate) use client::{client_resources, config_setters};
pub(crate) use model::{models, string_enum};
pub(crate) use request::{doc_text, py_name, py_type, request};
pub(crate) use resource::{decoder, op_info, resource, rty, rust_op, wrap};
