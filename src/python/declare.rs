//! The Python side of the declarations: the macros that `resource!`, `models!` and
//! `client_resources!` call under the `python` feature, emitting the pyo3 classes and methods.

/// The Python docstring of one operation: its signature line (so `inspect.signature`,
/// `help()` and Jupyter show every parameter), the summary, the HTTP route, `Args:`,
/// `Returns:` and `Raises:`. Every line but the first is indented by one space, which
/// `inspect.cleandoc` removes.
macro_rules! py_doc {
    ($op:ident [$($doc:literal)*] [$($pp:ident : $pk:ident),*] [$($ret:tt)*] $method:ident $path:literal { $($kind:tt)* }) => {
        concat!(
            stringify!($op), "($self", $(", ", stringify!($pp),)* crate::python::py_doc!(@sig $($kind)*), ")\n--\n\n",
            $($doc, "\n",)*
            "\n HTTP: ``", stringify!($method), " ", $path, "``\n",
            crate::python::py_doc!(@args [$($pp : $pk),*] $($kind)*),
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
        concat!($(", ", crate::operation::py_name!($req),)* crate::python::py_doc!(@star $($opt)*) $(, ", ", crate::operation::py_name!($opt), "=vpsclient.NOT_GIVEN")*)
    };
    (@star) => { "" };
    (@star $($opt:ident)+) => { ", *" };
    (@args [] none) => { "" };
    (@args [] action $action:literal) => { "" };
    (@args [$($pp:ident : $pk:ident),*] $($kind:tt)*) => {
        concat!(
            "\n Args:",
            $("\n     ", stringify!($pp), " (", stringify!($pk), "): the ID that goes in the request path.",)*
            crate::python::py_doc!(@body_args $($kind)*),
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
pub(crate) use py_doc;

/// Runs one operation from Python: binds the arguments to the declared parameters, converts
/// them, and calls the Rust method with the GIL released.
macro_rules! py_call {
    ($t:ident $py:ident $args:ident $kwargs:ident $info:ident $h:ident $op:ident [$($pp:ident : $pk:ident),*] { fields $b:ident $($rest:tt)* }) => {{
        #[allow(unused_mut)]
        let mut bound = crate::python::Args::bind(&$info, $args, $kwargs)?;
        $(let $pp = bound.$pk()?;)*
        let body: $b = bound.body()?;
        $py.detach(|| $h::new($t).$op($(crate::python::pass!($pk $pp),)* &body))
            .map_err(crate::python::to_pyerr)
    }};
    ($t:ident $py:ident $args:ident $kwargs:ident $info:ident $h:ident $op:ident [$($pp:ident : $pk:ident),*] { value $arg:ident : $bty:ty }) => {{
        let mut bound = crate::python::Args::bind(&$info, $args, $kwargs)?;
        $(let $pp = bound.$pk()?;)*
        let $arg: $bty = bound.value()?;
        $py.detach(|| $h::new($t).$op($(crate::python::pass!($pk $pp),)* &$arg))
            .map_err(crate::python::to_pyerr)
    }};
    ($t:ident $py:ident $args:ident $kwargs:ident $info:ident $h:ident $op:ident [$($pp:ident : $pk:ident),*] { $($kind:tt)* }) => {{
        #[allow(unused_mut, unused_variables)]
        let mut bound = crate::python::Args::bind(&$info, $args, $kwargs)?;
        $(let $pp = bound.$pk()?;)*
        $py.detach(|| $h::new($t).$op($(crate::python::pass!($pk $pp)),*))
            .map_err(crate::python::to_pyerr)
    }};
}
pub(crate) use py_call;

/// An operation's result as Python sees it: a list becomes a `vpsclient.ResourceList` (a
/// `list` that displays as a table in notebooks), anything else converts as it is.
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
pub(crate) use py_result;

/// Passes a converted path parameter to the Rust method.
macro_rules! pass {
    (str $x:ident) => {
        $x.as_str()
    };
    (int $x:ident) => {
        $x
    };
}
pub(crate) use pass;

/// The Python class of a handler (see `resource!`): same name, same methods, owning a share
/// of the client's transport; in a module `py` beside the Rust handler.
macro_rules! handler_class {
    ($handler:ident $pymod:literal) => {
        /// The Python class of the handler: same name, same methods, owning a share of the
        /// client's transport.
        pub(crate) mod py {
            #[pyo3::pyclass(frozen, module = $pymod)]
            pub(crate) struct $handler {
                pub(crate) transport: std::sync::Arc<crate::transport::Transport>,
            }
        }
    };
}
pub(crate) use handler_class;

/// The Python methods of a handler: one per operation (binding the arguments with
/// [`Args`](crate::python::Args), calling the Rust method with the GIL released, converting the
/// result) and, when the handler declares waiters, `wait_for_*` and `wait_until_gone`.
/// pyo3 reads one `#[pymethods]` block per class, so everything is emitted here at once.
macro_rules! handler_methods {
    ($h:ident
        [$(waiters $res:literal $obj:ident $field:ident $idp:ident $statep:ident [$($fail:literal),*] [$($gone:literal),*] $wait:ident $wait_all:ident $wait_gone:ident)?]
        $( { [$($doc:literal)*] $op:ident [$($pp:ident : $pk:ident),*] [$($ret:tt)*] $method:ident $path:literal $kind:tt } )*
    ) => {
        #[pyo3::pymethods]
        impl py::$h {
            $(
                #[doc = crate::python::py_doc!($op [$($doc)*] [$($pp : $pk),*] [$($ret)*] $method $path $kind)]
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
                    let result: $($ret)* = crate::python::py_call!(transport py args kwargs INFO $h $op [$($pp : $pk),*] $kind)?;
                    crate::python::py_result!(py result $($ret)*)
                }
            )*
            $(
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
                    let operation = concat!(stringify!($h), ".", stringify!($wait), "()");
                    let options = crate::python::wait_options(timeout, interval)?;
                    let wanted = crate::python::path_str(operation, stringify!($statep), $statep)?;
                    let transport = &*self.transport;
                    match crate::python::one_or_many_ids(operation, $idp)? {
                        crate::python::Ids::One(id) => {
                            let object = crate::python::run_wait(py, progress, $res, &wanted, options, |options| {
                                $h::new(transport).$wait(&id, &wanted, options)
                            })?;
                            pyo3::IntoPyObjectExt::into_py_any(object, py)
                        }
                        crate::python::Ids::Many(ids) => {
                            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
                            let objects = crate::python::run_wait(py, progress, $res, &wanted, options, |options| {
                                $h::new(transport).$wait_all(&refs, &wanted, options)
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
                    let operation = concat!(stringify!($h), ".", stringify!($wait_gone), "()");
                    let options = crate::python::wait_options(timeout, interval)?;
                    let id = crate::python::path_str(operation, stringify!($idp), $idp)?;
                    let transport = &*self.transport;
                    crate::python::run_wait(py, progress, $res, "deleted", options, |options| {
                        $h::new(transport).$wait_gone(&id, options)
                    })
                }
            )?
        }

        impl py::$h {
            /// Adds the class to the module as `<prefix><name>`.
            pub(crate) fn register(m: &pyo3::Bound<'_, pyo3::types::PyModule>, prefix: &str) -> pyo3::PyResult<()> {
                crate::python::add_class::<Self>(m, prefix, stringify!($h))
            }
        }
    };
}
pub(crate) use handler_methods;

/// The methods every model class has (see `models!`): one attribute per field, whose Python
/// value is built on the first read and kept in the model's [`AttributeCache`]
/// (`instance.ports[0]` does not rebuild the list), `extra`, `repr`, `to_dict()`, notebook
/// HTML, rich's pretty printer, pickling.
///
/// [`AttributeCache`]: crate::python::AttributeCache
macro_rules! model_methods {
    ($name:ident [$( [$(#$fattr:tt)*] $field:ident )*]) => {
        #[pyo3::pymethods]
        impl $name {
            $(
                #[doc = crate::operation::doc_text!($(#$fattr)*)]
                #[getter]
                fn $field(slf: &pyo3::Bound<'_, Self>) -> pyo3::PyResult<pyo3::Py<pyo3::PyAny>> {
                    const SLOT: usize = crate::python::field_slot(
                        $name::FIELD_INFO,
                        crate::operation::field_name(stringify!($field)),
                    );
                    let model = slf.get();
                    model.extra.attributes.get(slf.py(), SLOT, $name::FIELD_INFO.len(), |py| {
                        pyo3::IntoPyObjectExt::into_py_any(model.$field.clone(), py)
                    })
                }
            )*

            /// Fields the server sent that this model does not declare, by JSON name, with
            /// their values as sent (empty when there are none); a new dict on each read.
            #[getter]
            fn extra<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                pyo3::IntoPyObject::into_pyobject(&self.extra, py)
            }

            fn __repr__(&self) -> String {
                crate::python::model_repr(stringify!($name), self)
            }

            /// The object as a plain dict of JSON values, as the server sent it: timestamps
            /// are the server's strings (the attributes are `datetime`), and the `extra`
            /// fields are keys beside the declared ones.
            fn to_dict<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                crate::python::model_to_dict(py, self)
            }

            /// The object as an HTML table, for notebooks.
            fn _repr_html_(slf: &pyo3::Bound<'_, Self>) -> pyo3::PyResult<String> {
                crate::python::model_html(slf.as_any())
            }

            /// The fields for `rich`'s pretty printer (secrets masked).
            fn __rich_repr__<'py>(
                slf: &pyo3::Bound<'py, Self>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                crate::python::model_rich_repr(slf.as_any())
            }

            /// Pickling (and `copy`): the class's `_from_json` with the object's JSON.
            fn __reduce__<'py>(
                slf: &pyo3::Bound<'py, Self>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                crate::python::model_reduce(slf.as_any(), &*slf.get())
            }

            /// Rebuilds an object from its JSON form (what pickling stores).
            #[staticmethod]
            fn _from_json(json: &str) -> pyo3::PyResult<Self> {
                serde_json::from_str(json)
                    .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
            }
        }
    };
}
pub(crate) use model_methods;

/// `register_models`: adds every model class of a provider to the module as `<prefix><name>`.
macro_rules! model_registry {
    ($($name:ident)*) => {
        pub(crate) fn register_models(m: &pyo3::Bound<'_, pyo3::types::PyModule>, prefix: &str) -> pyo3::PyResult<()> {
            $( crate::python::add_class::<$name>(m, prefix, stringify!($name))?; )*
            Ok(())
        }
    };
}
pub(crate) use model_registry;

/// A `string_enum!` type converts to a Python `str` (by value and by reference), so model
/// attributes of these types read as plain strings.
macro_rules! enum_to_str {
    ($name:ident) => {
        impl<'py> pyo3::IntoPyObject<'py> for $name {
            type Target = pyo3::types::PyString;
            type Output = pyo3::Bound<'py, pyo3::types::PyString>;
            type Error = std::convert::Infallible;
            fn into_pyobject(self, py: pyo3::Python<'py>) -> Result<Self::Output, Self::Error> {
                Ok(pyo3::types::PyString::new(py, self.as_str()))
            }
        }

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
pub(crate) use enum_to_str;

/// The Python client class's methods: one attribute per resource (from `client_resources!`,
/// through the provider's `python_client!`), `operations()`, `operation_parameters()`, and the
/// methods written in `src/python/<provider>.rs`; plus `register_handlers`, which adds every
/// handler class to the module.
macro_rules! client_class {
    (
        [$( [$(#$doc:tt)*] $name:ident $provider:ident $module:ident $handler:ident )*]
        $pyclient:ident { $($methods:tt)* }
    ) => {
        #[pyo3::pymethods]
        impl $pyclient {
            $(
                $(#$doc)*
                #[getter]
                fn $name(&self) -> crate::$provider::$module::py::$handler {
                    crate::$provider::$module::py::$handler { transport: std::sync::Arc::clone(self.transport()) }
                }
            )*

            /// Every operation this client offers, as ``(attribute, method, http_method,
            /// path_template)`` tuples, e.g. ``("instances", "get", "GET", <the path, with
            /// "{}" for the instance ID>)``.
            #[staticmethod]
            fn operations() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
                let mut all = Vec::new();
                $(
                    for op in crate::$provider::$handler::OPERATIONS {
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
                    for op in crate::$provider::$handler::OPERATIONS {
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

            $($methods)*
        }

        impl $pyclient {
            /// Adds every handler class to the module as `<prefix><Handler>`.
            pub(crate) fn register_handlers(m: &pyo3::Bound<'_, pyo3::types::PyModule>, prefix: &str) -> pyo3::PyResult<()> {
                $( crate::$provider::$module::py::$handler::register(m, prefix)?; )*
                Ok(())
            }
        }
    };
}
pub(crate) use client_class;
