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
    /// Path template relative to the base URL, e.g. `/compute/v1/instances/{}`.
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

/// Declares a request body struct: required fields first, then `optional { ... }` fields
/// (`Option<T>` or [`Nullable<T>`](crate::Nullable)) that are left out of the JSON when unset.
///
/// Emits the struct (serde both ways, unknown fields refused so a misspelt Python keyword is
/// caught), a `new` taking the required fields, [`FieldInfo`] for each field, and a hidden
/// companion macro of the same name that hands the field list to [`resource!`], so an
/// operation taking this body derives its Python parameters and docs from it.
macro_rules! request {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#$rattr:tt)* pub $req:ident : $rty:ty, )*
        }
        $( optional {
            $( $(#$oattr:tt)* pub $opt:ident : $oty:ty, )*
        } )?
    ) => {
        crate::operation::request!(@emit ($) [$(#[$meta])*] $name
            [$( [$(#$rattr)*] $req : $rty, )*]
            [$($( [$(#$oattr)*] $opt : $oty, )*)?]
        );
    };
    (@emit ($d:tt) [$($meta:tt)*] $name:ident
        [$( [$(#$rattr:tt)*] $req:ident : $rty:ty, )*]
        [$( [$(#$oattr:tt)*] $opt:ident : $oty:ty, )*]
    ) => {
        $($meta)*
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $( $(#$rattr)* pub $req: $rty, )*
            $(
                $(#$oattr)*
                #[serde(
                    default,
                    skip_serializing_if = "crate::nullable::Omittable::is_omitted",
                    deserialize_with = "crate::nullable::deserialize_present"
                )]
                pub $opt: $oty,
            )*
        }

        impl $name {
            /// The body's field names as the API spells them, required ones first.
            pub const FIELDS: &'static [&'static str] = &[
                $(crate::operation::field_name(stringify!($req)),)*
                $(crate::operation::field_name(stringify!($opt)),)*
            ];

            /// Every field as declared: name, Rust type, doc and whether it is required.
            pub const FIELD_INFO: &'static [crate::operation::FieldInfo] = &[
                $(crate::operation::FieldInfo {
                    name: crate::operation::field_name(stringify!($req)),
                    rust_type: stringify!($rty),
                    doc: crate::operation::doc_text!($(#$rattr)*),
                    required: true,
                },)*
                $(crate::operation::FieldInfo {
                    name: crate::operation::field_name(stringify!($opt)),
                    rust_type: stringify!($oty),
                    doc: crate::operation::doc_text!($(#$oattr)*),
                    required: false,
                },)*
            ];

            /// Creates the request from its required fields; optional fields start unset.
            #[allow(clippy::too_many_arguments, clippy::new_without_default)]
            pub fn new($($req: impl Into<$rty>),*) -> Self {
                #[allow(clippy::needless_update)]
                Self { $($req: $req.into(),)* ..Default::default() }
            }
        }

        // Hands the fields to `resource!` (see `resource!`'s body operations).
        #[allow(unused_macros)]
        macro_rules! $name {
            ({ $d($d ctx:tt)* }) => {
                crate::operation::resource! {
                    @with_fields
                    [$( [$(#$rattr)*] $req, )*]
                    [$( [$(#$oattr)*] $opt, )*]
                    $d($d ctx)*
                }
            };
        }
    };
}
pub(crate) use request;

/// The text of the `#[doc]` attributes among `attrs`, lines joined by their leading space.
macro_rules! doc_text {
    () => { "" };
    (# [doc = $d:literal] $($rest:tt)*) => { concat!($d, crate::operation::doc_text!($($rest)*)) };
    (# [$($other:tt)*] $($rest:tt)*) => { crate::operation::doc_text!($($rest)*) };
}
pub(crate) use doc_text;

/// A field's Python name from its Rust identifier, as a literal (`r#type` is `type`).
macro_rules! py_name {
    (r#type) => {
        "type"
    };
    ($i:ident) => {
        stringify!($i)
    };
}
pub(crate) use py_name;

/// The Python type an operation returns, as docstrings name it.
macro_rules! py_type {
    (()) => {
        "None"
    };
    (Vec<String>) => {
        "list[str]"
    };
    (Vec<$t:ident>) => {
        concat!("list[", stringify!($t), "]")
    };
    (String) => {
        "str"
    };
    (InstanceState) => {
        "str"
    };
    (DiskState) => {
        "str"
    };
    (ContextVariables) => {
        "dict[str, str]"
    };
    ($t:ident) => {
        stringify!($t)
    };
}
pub(crate) use py_type;

/// Declares response models: each struct gets serde both ways, `Debug`, `Clone`, `PartialEq`,
/// and under the `python` feature becomes a frozen Python class with one attribute per field,
/// `__eq__`, a readable `__repr__` (secrets masked) and `to_dict()`.
///
/// Also emits `register_models`, which adds every class to the Python module.
macro_rules! models {
    (
        python_module = $pymod:literal;
        $(
            $(#$sattr:tt)*
            pub struct $name:ident {
                $( $(#$fattr:tt)* pub $field:ident : $fty:ty, )*
            }
        )*
    ) => {
        $(
            $(#$sattr)*
            // `remote = "Self"`: serde's derived code becomes `$name::serialize` and
            // `$name::deserialize`, which the trait impls below wrap.
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            #[serde(remote = "Self")]
            #[cfg_attr(feature = "python", pyo3::pyclass(get_all, frozen, eq, module = $pymod))]
            #[non_exhaustive]
            pub struct $name {
                $( $(#$fattr)* pub $field: $fty, )*
                /// Fields the server sent that this model does not declare, by JSON name, with
                /// their values as sent (empty when there are none). They are serialised back
                /// with the declared fields, so `to_dict()` and pickling keep them.
                #[serde(flatten, skip_deserializing)]
                pub extra: crate::operation::Extra,
            }

            impl serde::Serialize for $name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    $name::serialize(self, serializer)
                }
            }

            impl<'de> serde::Deserialize<'de> for $name {
                /// The declared fields as serde's derive reads them, with their attributes; the
                /// keys it does not declare are kept on the way, into `extra`.
                /// (`#[serde(flatten)]` would do the same by buffering the whole object: 1.5 to
                /// 1.9 times the decoding time of a 10,000-instance list.)
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let mut extra = serde_json::Map::new();
                    let mut model = $name::deserialize(crate::lenient::CollectUnknown::new(deserializer, &mut extra))?;
                    model.extra = crate::operation::Extra(extra);
                    Ok(model)
                }
            }

            impl $name {
                /// Every field as declared: name, Rust type, doc, and whether the server
                /// always sends it.
                pub const FIELD_INFO: &'static [crate::operation::FieldInfo] = &[
                    $(crate::operation::FieldInfo {
                        name: crate::operation::field_name(stringify!($field)),
                        rust_type: stringify!($fty),
                        doc: crate::operation::doc_text!($(#$fattr)*),
                        required: !crate::operation::is_optional_type(stringify!($fty)),
                    },)*
                ];
            }

            #[cfg(feature = "python")]
            #[pyo3::pymethods]
            impl $name {
                fn __repr__(&self) -> String {
                    crate::python::model_repr(stringify!($name), self)
                }

                /// The object as a plain dict of JSON values, as the server sent it: timestamps
                /// are the server's strings (the attributes are `datetime`), and the `extra`
                /// fields are keys beside the declared ones.
                fn to_dict<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                    crate::python::model_to_dict(py, self)
                }

                /// The object as an HTML table, for notebooks.
                fn _repr_html_(slf: &pyo3::Bound<'_, Self>) -> pyo3::PyResult<String> {
                    crate::python::model_html(slf.as_any())
                }

                /// The fields for `rich`'s pretty printer (secrets masked).
                fn __rich_repr__<'py>(slf: &pyo3::Bound<'py, Self>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                    crate::python::model_rich_repr(slf.as_any())
                }

                /// Pickling (and `copy`): the class's `_from_json` with the object's JSON.
                fn __reduce__<'py>(slf: &pyo3::Bound<'py, Self>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                    crate::python::model_reduce(slf.as_any(), &*slf.get())
                }

                /// Rebuilds an object from its JSON form (what pickling stores).
                #[staticmethod]
                fn _from_json(json: &str) -> pyo3::PyResult<Self> {
                    serde_json::from_str(json)
                        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
                }
            }
        )*

        /// Every model of this module, as declared: name, doc and fields.
        pub const MODEL_INFO: &[crate::operation::ModelInfo] = &[
            $(crate::operation::ModelInfo {
                name: stringify!($name),
                doc: crate::operation::doc_text!($(#$sattr)*),
                fields: $name::FIELD_INFO,
            },)*
        ];

        #[cfg(feature = "python")]
        pub(crate) fn register_models(m: &pyo3::Bound<'_, pyo3::types::PyModule>, prefix: &str) -> pyo3::PyResult<()> {
            $( crate::python::add_class::<$name>(m, prefix, stringify!($name))?; )*
            Ok(())
        }
    };
}
pub(crate) use models;

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
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
#[serde(transparent)]
pub struct Extra(pub serde_json::Map<String, serde_json::Value>);

impl std::ops::Deref for Extra {
    type Target = serde_json::Map<String, serde_json::Value>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl From<serde_json::Map<String, serde_json::Value>> for Extra {
    fn from(map: serde_json::Map<String, serde_json::Value>) -> Self {
        Extra(map)
    }
}

/// Declares one resource: its Rust handler (borrowing the client) with one method per
/// operation, the Python class with the same methods, and the list of its operations.
///
/// Each operation reads
/// `fn NAME(PATH_PARAM: str|int, ... [; BODY [in "wrapper"] [POSITIONAL, ...]]) [action "key"] -> RESULT = METHOD "path/{}" => json|empty|field("key");`
/// where positional names are the body fields Python takes positionally (the required ones).
/// An optional `waiters { ... }` block after the header declares the handler's waiters, which
/// poll `get` until the object's state field reaches a value (or a failure state, or a
/// timeout), or until the object is gone; it expands to the Rust methods and their Python twins.
macro_rules! resource {
    (
        $(#$hattr:tt)*
        pub struct $handler:ident in $pymod:literal;
        waiters {
            resource $res:literal;
            object $obj:ident . $field:ident;
            args ($idp:ident, $statep:ident);
            failure_states [$($fail:literal),*];
            gone_states [$($gone:literal),*];
            fn $wait:ident, $wait_all:ident, $wait_gone:ident;
        }
        $($ops:tt)*
    ) => {
        crate::operation::resource!(@handler [$(#$hattr)*] $handler $pymod);
        impl $handler<'_> {
            /// The handler's waiters, as declared.
            pub const WAITER: Option<crate::operation::WaiterInfo> = Some(crate::operation::WaiterInfo {
                resource: $res,
                object: stringify!($obj),
                state_field: stringify!($field),
                id_param: stringify!($idp),
                state_param: stringify!($statep),
                wait: stringify!($wait),
                wait_gone: stringify!($wait_gone),
                failure_states: &[$($fail),*],
                gone_states: &[$($gone),*],
            });
        }
        crate::operation::resource!(@munch $handler {
            [
                #[doc = concat!(" Polls the ", $res, " until its `", stringify!($field), "` equals `", stringify!($statep), "`, and returns it.")]
                #[doc = ""]
                #[doc = concat!(" Stops early with [`Error::WaitFailed`](crate::Error::WaitFailed) when it reaches a failure state (one of `", stringify!([$($fail),*]), "`), and with [`Error::WaitTimeout`](crate::Error::WaitTimeout), naming the last state seen, when `options.timeout` runs out.")]
                pub fn $wait(&self, $idp: &str, $statep: &str, options: &crate::WaitOptions) -> crate::Result<$obj> {
                    self.waiter(options).until_state($idp, $statep, &[$($fail),*], |id| self.get(id), |o| o.$field.to_string())
                }

                #[doc = concat!(" [`", stringify!($wait), "`](Self::", stringify!($wait), ") for several ", $res, "s at once, polled in rounds: returns them in the order given, or [`Error::WaitMany`](crate::Error::WaitMany) listing every one that failed or timed out.")]
                pub fn $wait_all(&self, ids: &[&str], $statep: &str, options: &crate::WaitOptions) -> crate::Result<Vec<$obj>> {
                    self.waiter(options).until_state_all(ids, $statep, &[$($fail),*], |id| self.get(id), |o| o.$field.to_string())
                }

                #[doc = concat!(" Polls until the ", $res, " is gone (`get` answers 404", $(", or its state is `", $gone, "`",)* "), e.g. after `delete`.")]
                pub fn $wait_gone(&self, $idp: &str, options: &crate::WaitOptions) -> crate::Result<()> {
                    self.waiter(options).until_gone($idp, &[$($gone),*], |id| self.get(id), |o| o.$field.to_string())
                }

                fn waiter(&self, options: &crate::WaitOptions) -> crate::waiter::Waiter<'_> {
                    crate::waiter::Waiter { transport: self.transport, resource: $res, options: options.clone() }
                }
            ]
            [
                #[doc = concat!("Waits until the ", $res, ", or each ", $res, " of a list, has `", stringify!($field), "` equal to `", stringify!($statep), "`, polling every `interval` seconds for at most `timeout` seconds.")]
                #[doc = ""]
                #[doc = " Returns the object (or the list, in the order given)."]
                #[doc = ""]
                #[doc = " Args:"]
                #[doc = concat!("     ", stringify!($idp), ": the ", $res, "'s ID, or a list of IDs to wait on together.")]
                #[doc = concat!("     ", stringify!($statep), ": the `", stringify!($field), "` to wait for.")]
                #[doc = "     timeout: seconds to wait in all."]
                #[doc = "     interval: seconds between two polls."]
                #[doc = "     progress: None (a live display inside Jupyter, nothing in a script), True (one line on stderr), False (silent), or a callable called with (id, state, elapsed_seconds) on every poll."]
                #[doc = ""]
                #[doc = " Raises:"]
                #[doc = "     WaitTimeoutError: time ran out; it names the last state seen."]
                #[doc = concat!("     WaitFailedError: a failure state was reached (one of ", stringify!([$($fail),*]), ").")]
                #[doc = "     WaitManyError: for a list, every object that failed or timed out."]
                #[doc = "     KeyboardInterrupt: Ctrl-C while waiting."]
                #[pyo3(signature = ($idp, $statep, *, timeout = 600.0, interval = 5.0, progress = None))]
                fn $wait(
                    &self,
                    py: pyo3::Python<'_>,
                    $idp: &pyo3::Bound<'_, pyo3::PyAny>,
                    $statep: &pyo3::Bound<'_, pyo3::PyAny>,
                    timeout: f64,
                    interval: f64,
                    progress: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
                ) -> pyo3::PyResult<pyo3::Py<pyo3::PyAny>> {
                    let operation = concat!(stringify!($handler), ".", stringify!($wait), "()");
                    let options = crate::python::wait_options(timeout, interval)?;
                    let wanted = crate::python::path_str(operation, stringify!($statep), $statep)?;
                    let transport = &*self.transport;
                    match crate::python::one_or_many_ids(operation, $idp)? {
                        crate::python::Ids::One(id) => {
                            let object = crate::python::run_wait(py, progress, $res, &wanted, options, |options| {
                                $handler::new(transport).$wait(&id, &wanted, options)
                            })?;
                            pyo3::IntoPyObjectExt::into_py_any(object, py)
                        }
                        crate::python::Ids::Many(ids) => {
                            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
                            let objects = crate::python::run_wait(py, progress, $res, &wanted, options, |options| {
                                $handler::new(transport).$wait_all(&refs, &wanted, options)
                            })?;
                            crate::python::resource_list(py, objects)
                        }
                    }
                }

                #[doc = concat!("Waits until the ", $res, " is gone (its GET answers 404", $(", or its state is ", $gone,)* "), polling every `interval` seconds for at most `timeout` seconds.")]
                #[doc = ""]
                #[doc = " Args:"]
                #[doc = concat!("     ", stringify!($idp), ": the ", $res, "'s ID.")]
                #[doc = "     timeout: seconds to wait in all."]
                #[doc = "     interval: seconds between two polls."]
                #[doc = "     progress: None (a live display inside Jupyter, nothing in a script), True (one line on stderr), False (silent), or a callable called with (id, state, elapsed_seconds) on every poll; state is None once it is gone."]
                #[doc = ""]
                #[doc = " Raises:"]
                #[doc = "     WaitTimeoutError: it still existed when time ran out."]
                #[pyo3(signature = ($idp, *, timeout = 600.0, interval = 5.0, progress = None))]
                fn $wait_gone(
                    &self,
                    py: pyo3::Python<'_>,
                    $idp: &pyo3::Bound<'_, pyo3::PyAny>,
                    timeout: f64,
                    interval: f64,
                    progress: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
                ) -> pyo3::PyResult<()> {
                    let operation = concat!(stringify!($handler), ".", stringify!($wait_gone), "()");
                    let options = crate::python::wait_options(timeout, interval)?;
                    let id = crate::python::path_str(operation, stringify!($idp), $idp)?;
                    let transport = &*self.transport;
                    crate::python::run_wait(py, progress, $res, "deleted", options, |options| {
                        $handler::new(transport).$wait_gone(&id, options)
                    })
                }
            ]
            []
            }
            $($ops)*
        );
    };
    (
        $(#$hattr:tt)*
        pub struct $handler:ident in $pymod:literal;
        $($ops:tt)*
    ) => {
        crate::operation::resource!(@handler [$(#$hattr)*] $handler $pymod);
        impl $handler<'_> {
            /// The handler's waiters, as declared: none.
            pub const WAITER: Option<crate::operation::WaiterInfo> = None;
        }
        crate::operation::resource!(@munch $handler { [] [] [] } $($ops)*);
    };

    // The handler struct and its Python class.
    (@handler [$(#$hattr:tt)*] $handler:ident $pymod:literal) => {
        $(#$hattr)*
        #[derive(Debug, Clone, Copy)]
        pub struct $handler<'a> {
            transport: &'a crate::transport::Transport,
        }

        impl $handler<'_> {
            /// The handler's doc comment.
            pub const DOC: &'static str = crate::operation::doc_text!($(#$hattr)*);
        }

        impl<'a> $handler<'a> {
            pub(crate) fn new(transport: &'a crate::transport::Transport) -> Self {
                Self { transport }
            }
        }

        /// The Python class of the handler: same name, same methods, owning a share of the
        /// client's transport.
        #[cfg(feature = "python")]
        pub(crate) mod py {
            #[pyo3::pyclass(frozen, module = $pymod)]
            pub(crate) struct $handler {
                pub(crate) transport: std::sync::Arc<crate::transport::Transport>,
            }

            pub(crate) fn register(m: &pyo3::Bound<'_, pyo3::types::PyModule>, prefix: &str) -> pyo3::PyResult<()> {
                crate::python::add_class::<$handler>(m, prefix, stringify!($handler))
            }
        }

    };

    // One operation: its header is read here; the part after `;` in the parameter list (the
    // body, if any) decides its kind in `@kind`.
    (@munch $h:ident $acc:tt
        $(#[doc = $doc:literal])*
        fn $op:ident ( $($pp:ident : $pk:ident),* $(; $($body:tt)+)? ) $(action $action:literal)? -> $rt:tt $(<$inner:ident>)? = $method:ident $path:literal => $dec:ident $(($dkey:literal))?;
        $($rest:tt)*
    ) => {
        crate::operation::resource!(@kind $h $acc
            { [$($doc)*] $op [$($pp : $pk),*] [$rt $(<$inner>)?] $method $path [$dec $(($dkey))?] }
            [$($($body)+)?] [$($action)?]
            $($rest)*
        );
    };

    // The kinds of operation: no body, an instance action (`{"<key>": null}`), one argument
    // that is the whole body, or a request struct whose fields become the parameters (asked
    // of the struct's companion macro, which answers with `@with_fields`).
    (@kind $h:ident $acc:tt $opd:tt [] [] $($rest:tt)*) => {
        crate::operation::resource!(@emit $h $acc $opd { none } $($rest)*);
    };
    (@kind $h:ident $acc:tt $opd:tt [] [$action:literal] $($rest:tt)*) => {
        crate::operation::resource!(@emit $h $acc $opd { action $action } $($rest)*);
    };
    (@kind $h:ident $acc:tt $opd:tt [body $arg:ident : $bty:ty] [] $($rest:tt)*) => {
        crate::operation::resource!(@emit $h $acc $opd { value $arg : $bty } $($rest)*);
    };
    (@kind $h:ident $acc:tt $opd:tt [$b:ident $(in $wrap:literal)?] [] $($rest:tt)*) => {
        $b! { { @fields $h $acc $opd $b [$($wrap)?] $($rest)* } }
    };
    (@with_fields $req:tt $opt:tt @fields $h:ident $acc:tt $opd:tt $b:ident $wrap:tt $($rest:tt)*) => {
        crate::operation::resource!(@emit $h $acc $opd { fields $b $wrap $req $opt } $($rest)*);
    };

    // Emits one operation: its Rust method, its Python method and its `OperationInfo`.
    (@emit $h:ident { [$($rust:tt)*] [$($py:tt)*] [$($info:tt)*] }
        { [$($doc:literal)*] $op:ident [$($pp:ident : $pk:ident),*] [$($ret:tt)*] $method:ident $path:literal [$($dec:tt)*] }
        $kind:tt
        $($rest:tt)*
    ) => {
        crate::operation::resource!(@munch $h {
            [$($rust)*
                crate::operation::rust_op! { [$($doc)*] $op [$($pp : $pk),*] [$($ret)*] $method $path [$($dec)*] $kind }
            ]
            [$($py)*
                #[doc = crate::operation::py_doc!($op [$($doc)*] [$($pp : $pk),*] [$($ret)*] $method $path $kind)]
                #[pyo3(signature = (*args, **kwargs), text_signature = None)]
                fn $op(
                    &self,
                    py: pyo3::Python<'_>,
                    args: &pyo3::Bound<'_, pyo3::types::PyTuple>,
                    kwargs: Option<&pyo3::Bound<'_, pyo3::types::PyDict>>,
                ) -> pyo3::PyResult<pyo3::Py<pyo3::PyAny>> {
                    const INFO: crate::operation::OperationInfo =
                        crate::operation::op_info!($h $op [$($doc)*] [$($pp : $pk),*] [$($ret)*] $method $path $kind);
                    let transport = &*self.transport;
                    let result: $($ret)* = crate::operation::py_call!(transport py args kwargs INFO $h $op [$($pp : $pk),*] $kind)?;
                    crate::operation::py_result!(py result $($ret)*)
                }
            ]
            [$($info)* crate::operation::op_info!($h $op [$($doc)*] [$($pp : $pk),*] [$($ret)*] $method $path $kind),]
        } $($rest)*);
    };

    // All operations read: emit the impl blocks.
    (@munch $h:ident { [$($rust:tt)*] [$($py:tt)*] [$($info:tt)*] }) => {
        impl<'a> $h<'a> {
            /// Every operation of this handler: name, HTTP method, path template, parameters
            /// and docs.
            pub const OPERATIONS: &'static [crate::operation::OperationInfo] = &[$($info)*];

            $($rust)*
        }

        #[cfg(feature = "python")]
        #[pyo3::pymethods]
        impl py::$h {
            $($py)*
        }
    };
}
pub(crate) use resource;

/// The Rust method of one operation (see [`resource!`]).
macro_rules! rust_op {
    ([$($doc:literal)*] $op:ident [$($pp:ident : $pk:ident),*] [$($ret:tt)*] $method:ident $path:literal [$($dec:tt)*] { none }) => {
        $(#[doc = $doc])*
        #[doc = ""]
        #[doc = concat!(" HTTP: `", stringify!($method), " ", $path, "`.")]
        pub fn $op(&self, $($pp: crate::operation::rty!($pk)),*) -> crate::Result<$($ret)*> {
            let path = format!($path, $(crate::transport::encode_segment(stringify!($pp), &$pp)?),*);
            self.transport.call(ureq::http::Method::$method, &path, None, crate::operation::decoder!([$($ret)*] $($dec)*))
        }
    };
    ([$($doc:literal)*] $op:ident [$($pp:ident : $pk:ident),*] [$($ret:tt)*] $method:ident $path:literal [$($dec:tt)*] { action $action:literal }) => {
        $(#[doc = $doc])*
        #[doc = ""]
        #[doc = concat!(" HTTP: `", stringify!($method), " ", $path, "` with the body `{\"", $action, "\": null}`.")]
        pub fn $op(&self, $($pp: crate::operation::rty!($pk)),*) -> crate::Result<$($ret)*> {
            let path = format!($path, $(crate::transport::encode_segment(stringify!($pp), &$pp)?),*);
            // Only the key matters to the server; its value is null.
            let body = concat!("{\"", $action, "\":null}").as_bytes().to_vec();
            self.transport.call(ureq::http::Method::$method, &path, Some(body), crate::operation::decoder!([$($ret)*] $($dec)*))
        }
    };
    ([$($doc:literal)*] $op:ident [$($pp:ident : $pk:ident),*] [$($ret:tt)*] $method:ident $path:literal [$($dec:tt)*] { value $arg:ident : $bty:ty }) => {
        $(#[doc = $doc])*
        #[doc = ""]
        #[doc = concat!(" HTTP: `", stringify!($method), " ", $path, "`, with `", stringify!($arg), "` as the JSON body.")]
        pub fn $op(&self, $($pp: crate::operation::rty!($pk),)* $arg: &$bty) -> crate::Result<$($ret)*> {
            let path = format!($path, $(crate::transport::encode_segment(stringify!($pp), &$pp)?),*);
            let bytes = crate::operation::encode_body(None, $arg)?;
            self.transport.call(ureq::http::Method::$method, &path, Some(bytes), crate::operation::decoder!([$($ret)*] $($dec)*))
        }
    };
    ([$($doc:literal)*] $op:ident [$($pp:ident : $pk:ident),*] [$($ret:tt)*] $method:ident $path:literal [$($dec:tt)*] { fields $b:ident [$($wrap:literal)?] $req:tt $opt:tt }) => {
        $(#[doc = $doc])*
        #[doc = ""]
        #[doc = concat!(" HTTP: `", stringify!($method), " ", $path, "`, with [`", stringify!($b), "`] as the JSON body", $(" inside `{\"", $wrap, "\": ...}`",)? "; its fields are the operation's parameters.")]
        pub fn $op(&self, $($pp: crate::operation::rty!($pk),)* body: &$b) -> crate::Result<$($ret)*> {
            let path = format!($path, $(crate::transport::encode_segment(stringify!($pp), &$pp)?),*);
            let bytes = crate::operation::encode_body(crate::operation::wrap!($($wrap)?), body)?;
            self.transport.call(ureq::http::Method::$method, &path, Some(bytes), crate::operation::decoder!([$($ret)*] $($dec)*))
        }
    };
}
pub(crate) use rust_op;

/// The `OperationInfo` of one operation (see [`resource!`]).
macro_rules! op_info {
    ($h:ident $op:ident [$($doc:literal)*] [$($pp:ident : $pk:ident),*] [$($ret:tt)*] $method:ident $path:literal { $($kind:tt)* }) => {
        crate::operation::OperationInfo {
            handler: stringify!($h),
            name: stringify!($op),
            method: stringify!($method),
            path: $path,
            path_params: &[$(stringify!($pp)),*],
            path_kinds: &[$(stringify!($pk)),*],
            positional: crate::operation::op_info!(@positional $($kind)*),
            body_fields: crate::operation::op_info!(@fields $($kind)*),
            body: crate::operation::op_info!(@body $($kind)*),
            doc: concat!($($doc, "\n",)*),
            returns: crate::operation::py_type!($($ret)*),
        }
    };
    (@positional fields $b:ident $wrap:tt [$( [$($rattr:tt)*] $req:ident, )*] $opt:tt) => { &[$(crate::operation::py_name!($req)),*] };
    (@positional value $arg:ident : $bty:ty) => { &[stringify!($arg)] };
    (@positional $($other:tt)*) => { &[] };
    (@fields fields $b:ident $($rest:tt)*) => { $b::FIELDS };
    (@fields $($other:tt)*) => { &[] };
    (@body none) => { crate::operation::BodyInfo::None };
    (@body action $action:literal) => { crate::operation::BodyInfo::Action { key: $action } };
    (@body value $arg:ident : $bty:ty) => { crate::operation::BodyInfo::Value { name: stringify!($arg), rust_type: stringify!($bty) } };
    (@body fields $b:ident [$($wrap:literal)?] $req:tt $opt:tt) => {
        crate::operation::BodyInfo::Fields { name: stringify!($b), wrapper: crate::operation::wrap!($($wrap)?), fields: $b::FIELD_INFO }
    };
}
pub(crate) use op_info;

/// The Python docstring of one operation: its signature line (so `inspect.signature`,
/// `help()` and Jupyter show every parameter), the summary, the HTTP route, `Args:`,
/// `Returns:` and `Raises:`. Every line but the first is indented by one space, which
/// `inspect.cleandoc` removes.
#[cfg(feature = "python")]
macro_rules! py_doc {
    ($op:ident [$($doc:literal)*] [$($pp:ident : $pk:ident),*] [$($ret:tt)*] $method:ident $path:literal { $($kind:tt)* }) => {
        concat!(
            stringify!($op), "($self", $(", ", stringify!($pp),)* crate::operation::py_doc!(@sig $($kind)*), ")\n--\n\n",
            $($doc, "\n",)*
            "\n HTTP: ``", stringify!($method), " ", $path, "``\n",
            crate::operation::py_doc!(@args [$($pp : $pk),*] $($kind)*),
            "\n Returns:\n     ", crate::operation::py_type!($($ret)*), "\n",
            "\n Raises:",
            "\n     InvalidArgumentError: an argument is missing, unknown, or of the wrong type or value; nothing was sent.",
            "\n     ApiError: the server answered with an error status; the subclass says which (NotFoundError, ValidationError, RateLimitError, ...).",
            "\n     TransportError: no usable answer came (RequestTimeoutError when a timeout fired).",
            "\n"
        )
    };
    (@sig none) => { "" };
    (@sig action $action:literal) => { "" };
    (@sig value $arg:ident : $bty:ty) => { concat!(", ", stringify!($arg)) };
    (@sig fields $b:ident $wrap:tt [$( [$($rattr:tt)*] $req:ident, )*] [$( [$($oattr:tt)*] $opt:ident, )*]) => {
        concat!($(", ", crate::operation::py_name!($req),)* crate::operation::py_doc!(@star $($opt)*) $(, ", ", crate::operation::py_name!($opt), "=vpsclient.NOT_GIVEN")*)
    };
    (@star) => { "" };
    (@star $($opt:ident)+) => { ", *" };
    (@args [] none) => { "" };
    (@args [] action $action:literal) => { "" };
    (@args [$($pp:ident : $pk:ident),*] $($kind:tt)*) => {
        concat!(
            "\n Args:",
            $("\n     ", stringify!($pp), " (", stringify!($pk), "): the ID that goes in the request path.",)*
            crate::operation::py_doc!(@body_args $($kind)*),
            "\n"
        )
    };
    (@body_args none) => { "" };
    (@body_args action $action:literal) => { "" };
    (@body_args value $arg:ident : $bty:ty) => { concat!("\n     ", stringify!($arg), ": the whole JSON body, as a dict.") };
    (@body_args fields $b:ident $wrap:tt [$( [$(#$rattr:tt)*] $req:ident, )*] [$( [$(#$oattr:tt)*] $opt:ident, )*]) => {
        concat!(
            $("\n     ", crate::operation::py_name!($req), ":", crate::operation::doc_text!($(#$rattr)*),)*
            $("\n     ", crate::operation::py_name!($opt), ":", crate::operation::doc_text!($(#$oattr)*), " Optional.",)*
        )
    };
}
#[cfg(feature = "python")]
pub(crate) use py_doc;

/// Runs one operation from Python: binds the arguments to the declared parameters, converts
/// them, and calls the Rust method with the GIL released.
#[cfg(feature = "python")]
macro_rules! py_call {
    ($t:ident $py:ident $args:ident $kwargs:ident $info:ident $h:ident $op:ident [$($pp:ident : $pk:ident),*] { fields $b:ident $($rest:tt)* }) => {{
        #[allow(unused_mut)]
        let mut bound = crate::python::Args::bind(&$info, $args, $kwargs)?;
        $(let $pp = bound.$pk()?;)*
        let body: $b = bound.body()?;
        $py.detach(|| $h::new($t).$op($(crate::operation::pass!($pk $pp),)* &body))
            .map_err(crate::python::to_pyerr)
    }};
    ($t:ident $py:ident $args:ident $kwargs:ident $info:ident $h:ident $op:ident [$($pp:ident : $pk:ident),*] { value $arg:ident : $bty:ty }) => {{
        let mut bound = crate::python::Args::bind(&$info, $args, $kwargs)?;
        $(let $pp = bound.$pk()?;)*
        let $arg: $bty = bound.value()?;
        $py.detach(|| $h::new($t).$op($(crate::operation::pass!($pk $pp),)* &$arg))
            .map_err(crate::python::to_pyerr)
    }};
    ($t:ident $py:ident $args:ident $kwargs:ident $info:ident $h:ident $op:ident [$($pp:ident : $pk:ident),*] { $($kind:tt)* }) => {{
        #[allow(unused_mut, unused_variables)]
        let mut bound = crate::python::Args::bind(&$info, $args, $kwargs)?;
        $(let $pp = bound.$pk()?;)*
        $py.detach(|| $h::new($t).$op($(crate::operation::pass!($pk $pp)),*))
            .map_err(crate::python::to_pyerr)
    }};
}
#[cfg(feature = "python")]
pub(crate) use py_call;

/// An operation's result as Python sees it: a list becomes a `vpsclient.ResourceList` (a
/// `list` that displays as a table in notebooks), anything else converts as it is.
#[cfg(feature = "python")]
macro_rules! py_result {
    ($py:ident $value:ident Vec<$t:ident>) => {
        crate::python::resource_list($py, $value)
    };
    ($py:ident $value:ident ()) => {{
        let () = $value;
        Ok($py.None())
    }};
    ($py:ident $value:ident $($ret:tt)*) => {
        pyo3::IntoPyObjectExt::into_py_any($value, $py)
    };
}
#[cfg(feature = "python")]
pub(crate) use py_result;

/// The Rust type of a path parameter: `str` or `int` (Tavu's integer IDs).
macro_rules! rty {
    (str) => {
        &str
    };
    (int) => {
        u64
    };
}
pub(crate) use rty;

/// Passes a converted path parameter to the Rust method.
#[cfg(feature = "python")]
macro_rules! pass {
    (str $x:ident) => {
        $x.as_str()
    };
    (int $x:ident) => {
        $x
    };
}
#[cfg(feature = "python")]
pub(crate) use pass;

/// The wrapper key of a body, if any.
macro_rules! wrap {
    () => {
        None
    };
    ($w:literal) => {
        Some($w)
    };
}
pub(crate) use wrap;

/// How a success body is read: `json` into the result type, `empty` (ignored), or
/// `field("key")` out of a small object.
macro_rules! decoder {
    ([$($ret:tt)*] json) => { crate::transport::decode_json::<$($ret)*> };
    ([$($ret:tt)*] empty) => { crate::transport::decode_empty };
    ([$($ret:tt)*] field($k:literal)) => { crate::transport::decode_field::<$($ret)*>($k) };
}
pub(crate) use decoder;

/// Declares a client's resources once: the Rust accessor methods, the Python attributes of the
/// same names, the list of all operations, and the Python registration of the handler classes.
/// `python { ... }` holds the Python client's other methods (one `#[pymethods]` block per class).
macro_rules! client_resources {
    (
        impl $client:ident / $pyclient:ident {
            $( $(#$doc:tt)* $name:ident: $module:ident::$handler:ident, )*
        }
        python { $($pyextra:tt)* }
    ) => {
        impl $client {
            $(
                $(#$doc)*
                pub fn $name(&self) -> $module::$handler<'_> {
                    $module::$handler::new(&self.transport)
                }
            )*

            /// Every resource (handler) of this client as declared: the attribute, the
            /// handler, its docs, operations and waiters.
            pub fn resources() -> Vec<crate::operation::ResourceInfo> {
                vec![$(crate::operation::ResourceInfo {
                    attribute: stringify!($name),
                    attribute_doc: crate::operation::doc_text!($(#$doc)*),
                    handler: stringify!($handler),
                    doc: $module::$handler::DOC,
                    operations: $module::$handler::OPERATIONS,
                    waiter: $module::$handler::WAITER,
                },)*]
            }

            /// Every operation this client offers: handler, method name, HTTP method and path.
            pub fn operations() -> Vec<crate::operation::OperationInfo> {
                let mut all = Vec::new();
                $( all.extend_from_slice($module::$handler::OPERATIONS); )*
                all
            }
        }

        #[cfg(feature = "python")]
        #[pyo3::pymethods]
        impl $pyclient {
            $(
                $(#$doc)*
                #[getter]
                fn $name(&self) -> $module::py::$handler {
                    $module::py::$handler { transport: self.transport.clone() }
                }
            )*

            /// Every operation this client offers, as ``(attribute, method, http_method,
            /// path_template)`` tuples, e.g. ``("instances", "create", "POST",
            /// "/compute/v1/instances")``.
            #[staticmethod]
            fn operations() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
                let mut all = Vec::new();
                $(
                    for op in $module::$handler::OPERATIONS {
                        all.push((stringify!($name), op.name, op.method, op.path));
                    }
                )*
                all
            }

            /// The parameters of every operation, as ``(attribute, method, path_params,
            /// positional, body_fields)`` tuples: the path parameters and required body fields
            /// come positionally, in that order, and the other body fields are keywords.
            #[staticmethod]
            fn operation_parameters() -> Vec<(
                &'static str,
                &'static str,
                Vec<&'static str>,
                Vec<&'static str>,
                Vec<&'static str>,
            )> {
                let mut all = Vec::new();
                $(
                    for op in $module::$handler::OPERATIONS {
                        all.push((
                            stringify!($name),
                            op.name,
                            op.path_params.to_vec(),
                            op.positional.to_vec(),
                            op.body_fields.to_vec(),
                        ));
                    }
                )*
                all
            }

            $($pyextra)*
        }

        #[cfg(feature = "python")]
        fn register_handlers(m: &pyo3::Bound<'_, pyo3::types::PyModule>, prefix: &str) -> pyo3::PyResult<()> {
            $( $module::py::register(m, prefix)?; )*
            Ok(())
        }
    };
}
pub(crate) use client_resources;

/// The builder setters both clients share; each sets one field of `self.config`.
macro_rules! config_setters {
    () => {
        /// Base URL every path is appended to. Must be `https://`, or `http://` to a loopback
        /// host (tests, the sandbox). Defaults to the provider's production URL.
        pub fn base_url(mut self, url: impl Into<String>) -> Self {
            self.config.base_url = url.into();
            self
        }

        /// Overall time limit of one HTTP request, from connecting to reading the whole body.
        /// Defaults to 30 seconds; zero fails [`build`](Self::build).
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.config.timeout = timeout;
            self
        }

        /// Time limit for opening a connection. Defaults to 10 seconds.
        pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.config.connect_timeout = timeout;
            self
        }

        /// How many times a failed request is retried when retrying is safe (429 for any
        /// method; 502-504 and dropped or reset connections for GET, PUT, DELETE and HEAD;
        /// connections that were never made for any method). Defaults to 2.
        pub fn max_retries(mut self, retries: u32) -> Self {
            self.config.max_retries = retries;
            self
        }

        /// Largest response body accepted, in bytes; a larger one is refused rather than read
        /// into memory. Defaults to 64 MiB; zero fails [`build`](Self::build).
        pub fn max_response_bytes(mut self, bytes: u64) -> Self {
            self.config.max_response_bytes = bytes;
            self
        }

        /// How many idle connections are kept open for reuse: set it to the number of threads
        /// that share the client, so each finds one (over HTTPS, each new connection costs a
        /// TLS handshake). Defaults to 16; 0 fails [`build`](Self::build).
        pub fn pool_size(mut self, connections: usize) -> Self {
            self.config.pool_size = connections;
            self
        }

        /// Sends every request through this proxy (`http://`, `https://`, `socks4://` or
        /// `socks5://`, credentials allowed: they are never shown), even to a loopback host.
        /// Without this, the `ALL_PROXY`/`HTTPS_PROXY`/`HTTP_PROXY` environment variables are
        /// used (honouring `NO_PROXY`), except for loopback hosts such as the sandbox.
        pub fn proxy(mut self, url: impl Into<String>) -> Self {
            self.config.proxy = crate::transport::ProxySetting::Url(url.into());
            self
        }

        /// Uses no proxy at all, whatever the environment says.
        pub fn no_proxy(mut self) -> Self {
            self.config.proxy = crate::transport::ProxySetting::Off;
            self
        }

        /// Trusts the certificates in this PEM file, or in the PEM files of this folder,
        /// instead of the bundled Mozilla roots: for a private CA or a corporate TLS proxy.
        /// Without it, `REQUESTS_CA_BUNDLE` or else `SSL_CERT_FILE` is read when set. A path
        /// that holds no certificate fails [`build`](Self::build) with `Error::Config`.
        pub fn ca_bundle(mut self, path: impl Into<std::path::PathBuf>) -> Self {
            self.config.ca_bundle = Some(path.into());
            self
        }

        /// Trusts the operating system's certificate store instead of the bundled Mozilla
        /// roots (exclusive with [`ca_bundle`](Self::ca_bundle)).
        pub fn system_trust_store(mut self, on: bool) -> Self {
            self.config.system_trust = on;
            self
        }

        /// Applies settings read from Python arguments.
        #[cfg(feature = "python")]
        pub(crate) fn settings(mut self, settings: crate::python::Settings) -> Self {
            settings.apply(&mut self.config);
            self
        }

        /// How a blocked call is stopped (the Python bindings pass a Ctrl-C check).
        #[cfg(feature = "python")]
        pub(crate) fn interrupt(mut self, interrupt: crate::transport::Interrupt) -> Self {
            self.config.interrupt = Some(interrupt);
            self
        }
    };
}
pub(crate) use config_setters;

/// Declares an enumeration the API sends and takes as a plain string (a state, a type, a mode):
/// one variant per value the reference lists, plus `Other(String)` for any value it does not,
/// kept verbatim so a new server-side state never breaks parsing.
///
/// Emits the enum with `as_str()`, `VALUES` (the listed strings), `Display`, `FromStr`
/// (infallible), `From<&str>`/`From<String>`, comparison with `str`, serde as a plain string,
/// and under the `python` feature conversion to a Python `str`, so model attributes of these
/// types read as plain strings in Python. Equality and hashing go by the string, so
/// `Other("running")` equals `Running`.
macro_rules! string_enum {
    (
        $(#$sattr:tt)*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )*
        }
    ) => {
        $(#$sattr)*
        #[derive(Debug, Clone, Eq)]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[doc = concat!("`\"", $value, "\"`")]
                $variant,
            )*
            /// A value the reference does not list, kept as the server sent it.
            Other(String),
        }

        impl $name {
            /// The enum as declared: name, doc and every listed value.
            pub const INFO: crate::operation::EnumInfo = crate::operation::EnumInfo {
                name: stringify!($name),
                doc: crate::operation::doc_text!($(#$sattr)*),
                values: &[$((stringify!($variant), $value)),*],
            };

            /// Every value the reference lists, as the API spells them.
            pub const VALUES: &'static [&'static str] = &[$($value),*];

            /// The value as the API spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )*
                    Self::Other(value) => value,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $value => Self::$variant, )*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match Self::from(value.as_str()) {
                    Self::Other(_) => Self::Other(value),
                    known => known,
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok(Self::from(String::deserialize(deserializer)?))
            }
        }

        #[cfg(feature = "python")]
        impl<'py> pyo3::IntoPyObject<'py> for $name {
            type Target = pyo3::types::PyString;
            type Output = pyo3::Bound<'py, pyo3::types::PyString>;
            type Error = std::convert::Infallible;
            fn into_pyobject(self, py: pyo3::Python<'py>) -> Result<Self::Output, Self::Error> {
                Ok(pyo3::types::PyString::new(py, self.as_str()))
            }
        }

        #[cfg(feature = "python")]
        impl<'a, 'py> pyo3::IntoPyObject<'py> for &'a $name {
            type Target = pyo3::types::PyString;
            type Output = pyo3::Bound<'py, pyo3::types::PyString>;
            type Error = std::convert::Infallible;
            fn into_pyobject(self, py: pyo3::Python<'py>) -> Result<Self::Output, Self::Error> {
                Ok(pyo3::types::PyString::new(py, self.as_str()))
            }
        }
    };
}
pub(crate) use string_enum;
