//! `request!`: request bodies, and the helpers that read a declaration's docs and names.

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
