//! `models!` (response models) and `string_enum!` (the string enumerations they hold).

/// Declares response models: each struct gets serde both ways, `Debug`, `Clone`, `PartialEq`,
/// and under the `python` feature becomes a frozen Python class with one attribute per field
/// (each value built on first read and kept), `__eq__`, a readable `__repr__` (secrets masked)
/// and `to_dict()`.
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
            #[cfg_attr(feature = "python", pyo3::pyclass(frozen, eq, module = $pymod))]
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
                    model.extra = crate::operation::Extra::from(extra);
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
            crate::python::model_methods!($name [$( [$(#$fattr)*] $field )*]);
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
        crate::python::model_registry!($($name)*);
    };
}
pub(crate) use models;

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
        crate::python::enum_to_str!($name);
    };
}
pub(crate) use string_enum;
