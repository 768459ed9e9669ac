//! The glue between the Rust API and the Python extension module `vpsclient._native`.
//!
//! Operations, models and handlers get their Python side from the declaration macros in
//! [`crate::operation`]; this module holds what those expansions call: error conversion, keyword
//! arguments to request bodies, model `repr` and `to_dict`, and the module itself.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyModule, PyString, PyTuple};
use pyo3::PyTypeInfo;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Error;

/// Fields whose values are secrets: shown as `'***'` by `repr`, readable as attributes.
const SECRET_FIELDS: &[&str] = &["password", "private_key", "token"];

/// Whether an argument or field name holds a secret, whose value no message may echo.
pub(crate) fn is_secret_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [
        "password",
        "private_key",
        "token",
        "secret",
        "api_key",
        "passphrase",
    ]
    .iter()
    .any(|s| name.contains(s))
}

/// Deepest nesting of lists, dicts and models accepted in an argument. Far beyond any
/// request body of either API, and far below what could exhaust the stack.
const MAX_ARGUMENT_DEPTH: usize = 64;

/// Adds class `T` to the module as `<prefix><name>`; `vpsclient.tavu` and `vpsclient.joviam`
/// re-export them without the prefix, so both providers can have an `Instance`.
pub(crate) fn add_class<T: PyTypeInfo>(
    m: &Bound<'_, PyModule>,
    prefix: &str,
    name: &str,
) -> PyResult<()> {
    m.add(format!("{prefix}{name}"), T::type_object(m.py()))
}

/// Converts a crate error into the matching exception of `vpsclient._errors`.
pub(crate) fn to_pyerr(err: Error) -> PyErr {
    Python::attach(|py| build_exception(py, &err).unwrap_or_else(|e| e))
}

fn build_exception(py: Python<'_>, err: &Error) -> PyResult<PyErr> {
    static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    let module =
        ERRORS.get_or_try_init(py, || py.import("vpsclient._errors").map(Bound::unbind))?;
    let kwargs = PyDict::new(py);
    let class = match err {
        Error::Transport {
            method,
            url,
            attempts,
            ..
        }
        | Error::Timeout {
            method,
            url,
            attempts,
            ..
        } => {
            kwargs.set_item("method", method)?;
            kwargs.set_item("url", url)?;
            kwargs.set_item("attempts", attempts)?;
            if matches!(err, Error::Timeout { .. }) {
                "RequestTimeoutError"
            } else {
                "TransportError"
            }
        }
        Error::Decode(d) => {
            kwargs.set_item("status", d.status)?;
            kwargs.set_item("method", &d.method)?;
            kwargs.set_item("url", &d.url)?;
            kwargs.set_item("path", &d.path)?;
            kwargs.set_item("excerpt", &d.excerpt)?;
            kwargs.set_item("request_id", &d.request_id)?;
            "DecodeError"
        }
        Error::Config(_) => "ConfigError",
        Error::Interrupted => {
            return Ok(pyo3::exceptions::PyKeyboardInterrupt::new_err(
                "interrupted: the call was abandoned and nothing was retried",
            ))
        }
        Error::WaitTimeout {
            resource,
            id,
            wanted,
            last_state,
            waited,
        } => {
            kwargs.set_item("resource", resource)?;
            kwargs.set_item("id", id)?;
            kwargs.set_item("wanted", wanted)?;
            kwargs.set_item("last_state", last_state)?;
            kwargs.set_item("waited", waited.as_secs_f64())?;
            "WaitTimeoutError"
        }
        Error::WaitFailed {
            resource,
            id,
            wanted,
            state,
        } => {
            kwargs.set_item("resource", resource)?;
            kwargs.set_item("id", id)?;
            kwargs.set_item("wanted", wanted)?;
            kwargs.set_item("state", state)?;
            "WaitFailedError"
        }
        Error::WaitMany { failures } => {
            let list = PyList::empty(py);
            for (id, e) in failures {
                list.append((id, build_exception(py, e)?.into_value(py)))?;
            }
            kwargs.set_item("failures", list)?;
            "WaitManyError"
        }
        Error::InvalidArgument(_) => "InvalidArgumentError",
        other => {
            let Some(api) = other.api() else {
                return Ok(pyo3::exceptions::PyRuntimeError::new_err(other.to_string()));
            };
            kwargs.set_item("status", api.status)?;
            kwargs.set_item("method", &api.method)?;
            kwargs.set_item("url", &api.url)?;
            kwargs.set_item("code", &api.code)?;
            kwargs.set_item("message", &api.message)?;
            let details = match &api.details {
                Some(d) => json_to_py(py, d)?,
                None => py.None().into_bound(py),
            };
            kwargs.set_item("details", details)?;
            kwargs.set_item("retry_after", api.retry_after.map(|d| d.as_secs_f64()))?;
            kwargs.set_item("request_id", &api.request_id)?;
            kwargs.set_item("location", &api.location)?;
            kwargs.set_item("attempts", api.attempts)?;
            match other {
                Error::BadRequest(_) => "BadRequestError",
                Error::Authentication(_) => "AuthenticationError",
                Error::PermissionDenied(_) => "PermissionDeniedError",
                Error::NotFound(_) => "NotFoundError",
                Error::Validation(_) => "ValidationError",
                Error::RateLimit(_) => "RateLimitError",
                Error::Server(_) => "ServerError",
                _ => "ApiError",
            }
        }
    };
    kwargs.set_item("retryable", err.is_retryable())?;
    let instance = module
        .bind(py)
        .getattr(class)?
        .call((err.to_string(),), Some(&kwargs))?;
    Ok(PyErr::from_value(instance))
}

/// The `vpsclient.NOT_GIVEN` sentinel: a keyword argument holding it is left out of the body.
fn is_not_given(value: &Bound<'_, PyAny>) -> PyResult<bool> {
    static NOT_GIVEN: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let py = value.py();
    let sentinel = NOT_GIVEN.get_or_try_init(py, || {
        py.import("vpsclient._sentinel")?
            .getattr("NOT_GIVEN")
            .map(Bound::unbind)
    })?;
    Ok(value.is(sentinel.bind(py)))
}

/// A deserialisation message fit to show: for a secret field the value serde quotes is cut
/// out, keeping what was expected.
fn describe_serde_error(path: &str, message: &str) -> String {
    if !is_secret_name(path) {
        return message.to_owned();
    }
    match message.split_once(", expected ") {
        Some((_, expected)) => format!(
            "not accepted (expected {expected}); the value is not shown because it is a secret"
        ),
        None => "not accepted; the value is not shown because it is a secret".to_owned(),
    }
}

/// Reads a string path parameter; anything but a `str` raises `InvalidArgumentError`.
pub(crate) fn path_str(operation: &str, name: &str, value: &Bound<'_, PyAny>) -> PyResult<String> {
    match value.cast::<PyString>() {
        Ok(s) => py_str(s, &format!("{operation}: {name}")),
        Err(_) => Err(invalid(format!(
            "{operation}: {name}: expected a str, not {}",
            value.get_type().name()?
        ))),
    }
}

/// Reads an integer path parameter (Tavu instance user and script IDs); a bool, a negative or
/// too large number, or anything but an `int` raises `InvalidArgumentError`.
pub(crate) fn path_int(operation: &str, name: &str, value: &Bound<'_, PyAny>) -> PyResult<u64> {
    if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        return value.extract::<u64>().map_err(|_| {
            invalid(format!(
                "{operation}: {name}: {value} is not a non-negative 64-bit integer"
            ))
        });
    }
    Err(invalid(format!(
        "{operation}: {name}: expected an int, not {}",
        value.get_type().name()?
    )))
}

/// Builds a request body from one Python argument that is the whole body (a dict of context
/// variables). Wrong shapes raise `InvalidArgumentError` naming the argument and the path
/// inside it.
pub(crate) fn body_from_value<T: DeserializeOwned>(
    operation: &str,
    name: &str,
    value: &Bound<'_, PyAny>,
) -> PyResult<T> {
    let json = py_to_json(value, name)?;
    serde_path_to_error::deserialize(json).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." {
            name.to_owned()
        } else {
            format!("{name}.{path}")
        };
        to_pyerr(Error::InvalidArgument(format!(
            "{operation}: {at}: {}",
            describe_serde_error(&at, &e.inner().to_string())
        )))
    })
}

/// Converts a Python argument (None, bool, int, float, str, list, tuple, dict, or a model
/// object) to JSON.
///
/// Cannot crash on hostile input: nesting deeper than [`MAX_ARGUMENT_DEPTH`], a list or dict
/// that contains itself, a `to_dict()` that returns its own object, strings that are not
/// valid Unicode (lone surrogates) and non-finite floats all raise `InvalidArgumentError`
/// naming the argument and the place inside it. Values of secret fields are never echoed.
pub(crate) fn py_to_json(value: &Bound<'_, PyAny>, field: &str) -> PyResult<Value> {
    let mut path = Vec::new();
    to_json(value, field, &mut path)
}

/// [`py_to_json`] with the containers on the way down (`path`), for depth and cycle checks.
fn to_json(value: &Bound<'_, PyAny>, field: &str, path: &mut Vec<usize>) -> PyResult<Value> {
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(i) = value.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = value.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(invalid(format!("{field}: integer out of range")));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return serde_json::Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| {
                let shown = if is_secret_name(field) {
                    "the value".to_owned()
                } else {
                    f.value().to_string()
                };
                invalid(format!(
                    "{field}: {shown} cannot be sent as JSON (not finite)"
                ))
            });
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Value::String(py_str(s, field)?));
    }
    let is_container = value.is_instance_of::<PyDict>()
        || value.is_instance_of::<PyList>()
        || value.is_instance_of::<PyTuple>();
    let to_dict = if is_container {
        None
    } else {
        match value.getattr("to_dict") {
            Ok(method) => Some(method),
            Err(_) => {
                return Err(invalid(format!(
                    "{field}: a value of type {} cannot be sent as JSON",
                    value.get_type().name()?
                )))
            }
        }
    };
    // Containers and models: check depth and cycles before going down.
    let id = value.as_ptr() as usize;
    if path.contains(&id) {
        return Err(invalid(format!(
            "{field}: the value contains itself (a reference cycle), so it cannot be sent as JSON"
        )));
    }
    if path.len() >= MAX_ARGUMENT_DEPTH {
        return Err(invalid(format!(
            "{field}: nested more than {MAX_ARGUMENT_DEPTH} levels deep; no request body of either API is"
        )));
    }
    path.push(id);
    let result = (|| {
        if let Some(to_dict) = to_dict {
            let dict = to_dict.call0()?;
            return to_json(&dict, field, path);
        }
        if let Ok(dict) = value.cast::<PyDict>() {
            let mut map = Map::new();
            for (k, v) in dict.iter() {
                let Ok(key) = k.cast::<PyString>() else {
                    return Err(invalid(format!("{field}: dict keys must be strings")));
                };
                let key = py_str(key, &format!("{field} (a key)"))?;
                let json = to_json(&v, &format!("{field}.{key}"), path)?;
                map.insert(key, json);
            }
            return Ok(Value::Object(map));
        }
        let mut items = Vec::new();
        for (i, item) in value.try_iter()?.enumerate() {
            items.push(to_json(&item?, &format!("{field}[{i}]"), path)?);
        }
        Ok(Value::Array(items))
    })();
    path.pop();
    result
}

/// A Python `str` as Rust text; one that cannot be encoded as UTF-8 (a lone surrogate such as
/// `"\udc80"`) raises `InvalidArgumentError` naming `what`.
pub(crate) fn py_str(s: &Bound<'_, PyString>, what: &str) -> PyResult<String> {
    match s.to_cow() {
        Ok(text) => Ok(text.into_owned()),
        Err(_) => Err(invalid(format!(
            "{what}: the string holds characters that cannot be encoded as UTF-8 (a lone surrogate such as '\\udc80')"
        ))),
    }
}

/// An `InvalidArgumentError` with this message.
pub(crate) fn invalid(message: String) -> PyErr {
    to_pyerr(Error::InvalidArgument(message))
}

/// Converts JSON to plain Python objects (dict, list, str, int, float, bool, None).
pub(crate) fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, json_to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// `extra` of every model: a new `dict` of its JSON values on each read.
impl<'py> IntoPyObject<'py> for &crate::Extra {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let dict = PyDict::new(py);
        for (key, value) in self.iter() {
            dict.set_item(key, json_to_py(py, value)?)?;
        }
        Ok(dict.into_any())
    }
}

/// `to_dict()` of every model.
pub(crate) fn model_to_dict<'py, T: Serialize>(
    py: Python<'py>,
    model: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(model).map_err(|e| PyTypeError::new_err(e.to_string()))?;
    json_to_py(py, &value)
}

/// `repr()` of every model: `Name(field=value, ...)` in Python literal style, nested objects
/// abbreviated and secrets masked, so it stays readable in a notebook and safe in a log.
pub(crate) fn model_repr<T: Serialize>(name: &str, model: &T) -> String {
    let fields = match serde_json::to_value(model) {
        Ok(Value::Object(map)) => map,
        _ => return format!("{name}(...)"),
    };
    let parts: Vec<String> = fields
        .iter()
        .map(|(key, value)| {
            let shown = if SECRET_FIELDS.contains(&key.as_str()) && !value.is_null() {
                "'***'".to_owned()
            } else {
                repr_value(value, 0)
            };
            format!("{key}={shown}")
        })
        .collect();
    format!("{name}({})", parts.join(", "))
}

fn repr_value(value: &Value, depth: usize) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => py_quote(s),
        Value::Array(items) if depth == 0 && items.iter().all(|v| !v.is_object()) => {
            let inner: Vec<String> = items.iter().map(|v| repr_value(v, depth + 1)).collect();
            format!("[{}]", inner.join(", "))
        }
        Value::Array(items) => format!("[{} items]", items.len()),
        Value::Object(map) => match map.get("id").or_else(|| map.get("name")) {
            Some(id) => format!("{{id={}, ...}}", repr_value(id, depth + 1)),
            None => "{...}".into(),
        },
    }
}

/// The thread Python delivers signals to, recorded when the module is imported there.
static MAIN_THREAD: std::sync::OnceLock<std::thread::ThreadId> = std::sync::OnceLock::new();

/// Records the current thread as Python's main thread if it is.
fn note_main_thread(py: Python<'_>) -> PyResult<()> {
    let threading = py.import("threading")?;
    let current = threading.call_method0("current_thread")?;
    let main = threading.call_method0("main_thread")?;
    if current.is(&main) {
        let _ = MAIN_THREAD.set(std::thread::current().id());
    }
    Ok(())
}

/// The interrupt of Python clients. Calls on Python's main thread (the only one that receives
/// signals) run their exchange on a helper thread and run Python's signal handlers every
/// 50 ms; one that raised (KeyboardInterrupt on Ctrl-C) stops the call. Calls on other
/// threads run inline.
pub(crate) fn ctrl_c_interrupt() -> crate::transport::Interrupt {
    crate::transport::Interrupt {
        applies: std::sync::Arc::new(|| MAIN_THREAD.get() == Some(&std::thread::current().id())),
        check: std::sync::Arc::new(|| Python::attach(|py| py.check_signals().is_err())),
    }
}

/// Waiter settings from Python seconds, refusing negative, NaN and infinite values.
pub(crate) fn wait_options(timeout: f64, interval: f64) -> PyResult<crate::WaitOptions> {
    let valid = |name: &str, v: f64| {
        std::time::Duration::try_from_secs_f64(v).map_err(|_| {
            to_pyerr(Error::InvalidArgument(format!(
                "{name} must be a non-negative number of seconds, not {v}"
            )))
        })
    };
    Ok(crate::WaitOptions::default()
        .timeout(valid("timeout", timeout)?)
        .interval(valid("interval", interval)?))
}

/// One ID or a list of IDs, as the waiters take them.
pub(crate) enum Ids {
    One(String),
    Many(Vec<String>),
}

/// Reads a waiter's first argument: a `str`, or a list or tuple of `str`.
pub(crate) fn one_or_many_ids(operation: &str, value: &Bound<'_, PyAny>) -> PyResult<Ids> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Ids::One(py_str(s, operation)?));
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let mut ids = Vec::new();
        for item in value.try_iter()? {
            let item = item?;
            match item.cast::<PyString>() {
                Ok(s) => ids.push(py_str(s, operation)?),
                Err(_) => return Err(invalid(format!("{operation}: every ID must be a str"))),
            }
        }
        return Ok(Ids::Many(ids));
    }
    Err(invalid(format!(
        "{operation}: expected an ID (str) or a list of IDs, not {}",
        value.get_type().name()?
    )))
}

/// A string as Python's `repr` writes it (single quotes).
pub(crate) fn py_quote(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// The compiled module, `vpsclient._native`. Its classes are re-exported by the pure-Python
/// package, which owns the public names.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(pyo3::wrap_pyfunction!(_declarations, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(_init_logging, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(_joviam_enums, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(_reset_logging, m)?)?;
    note_main_thread(m.py())?;
    crate::tavu::register_python(m)?;
    crate::joviam::register_python(m)?;
    add_class::<crate::sandbox::python::PySandbox>(m, "", "Sandbox")?;
    add_class::<crate::topology::PyTopology>(m, "", "Topology")?;
    Ok(())
}

/// The connection settings both Python client constructors take, each checked with a
/// `ConfigError` that names the parameter (and never echoes a credential).
pub(crate) struct Settings {
    base_url: String,
    timeout: std::time::Duration,
    connect_timeout: std::time::Duration,
    max_retries: u32,
    max_response_bytes: u64,
    ca_bundle: Option<std::path::PathBuf>,
    system_trust: bool,
    proxy: crate::transport::ProxySetting,
    pool_size: usize,
}

impl Settings {
    /// Reads the constructor arguments `base_url, timeout, connect_timeout, max_retries,
    /// max_response_bytes, ca_bundle, system_trust, proxy, pool_size`, in that order; a missing one (or
    /// None, for those without a None meaning) takes its default.
    pub(crate) fn read(
        py: Python<'_>,
        default_base_url: &str,
        args: [Option<&Bound<'_, PyAny>>; 9],
    ) -> PyResult<Settings> {
        let none = py.None().into_bound(py);
        let given = |i: usize| args[i].filter(|v| !v.is_none());
        let base_url = match given(0) {
            Some(v) => v.clone(),
            None => PyString::new(py, default_base_url).into_any(),
        };
        let float = |i: usize, default: f64| -> PyResult<Bound<'_, PyAny>> {
            Ok(match given(i) {
                Some(v) => v.clone(),
                None => default.into_pyobject(py)?.into_any(),
            })
        };
        let timeout = float(1, crate::DEFAULT_TIMEOUT.as_secs_f64())?;
        let connect_timeout = float(2, crate::DEFAULT_CONNECT_TIMEOUT.as_secs_f64())?;
        let max_retries = match given(3) {
            Some(v) => v.clone(),
            None => crate::DEFAULT_MAX_RETRIES.into_pyobject(py)?.into_any(),
        };
        let max_response_bytes = match given(4) {
            Some(v) => v.clone(),
            None => crate::DEFAULT_MAX_RESPONSE_BYTES
                .into_pyobject(py)?
                .into_any(),
        };
        let ca_bundle = args[5].cloned().unwrap_or_else(|| none.clone());
        let system_trust = match given(6) {
            Some(v) => v.clone(),
            None => PyBool::new(py, false).to_owned().into_any(),
        };
        let proxy = args[7].cloned().unwrap_or_else(|| none.clone());
        let pool_size = match given(8) {
            Some(v) => {
                config_count("pool_size", v, 1, crate::transport::MAX_POOL_SIZE as u64)? as usize
            }
            None => crate::DEFAULT_POOL_SIZE,
        };
        let (
            base_url,
            timeout,
            connect_timeout,
            max_retries,
            max_response_bytes,
            ca_bundle,
            system_trust,
            proxy,
        ) = (
            &base_url,
            &timeout,
            &connect_timeout,
            &max_retries,
            &max_response_bytes,
            &ca_bundle,
            &system_trust,
            &proxy,
        );
        let ca_bundle = if ca_bundle.is_none() {
            None
        } else {
            let os = ca_bundle.py().import("os")?;
            let path = os.call_method1("fspath", (ca_bundle,)).map_err(|_| {
                config_error(format!(
                    "ca_bundle must be a path (str or os.PathLike) to a PEM file or folder, not {}",
                    type_name(ca_bundle)
                ))
            })?;
            match path.cast::<PyString>() {
                Ok(s) => Some(std::path::PathBuf::from(config_text("ca_bundle", s)?)),
                Err(_) => {
                    return Err(config_error(
                        "ca_bundle must be a text path (str), not bytes".into(),
                    ))
                }
            }
        };
        let proxy = if proxy.is_none() {
            crate::transport::ProxySetting::Environment
        } else if proxy.cast::<PyBool>().is_ok_and(|b| !b.is_true()) {
            crate::transport::ProxySetting::Off
        } else if let Ok(s) = proxy.cast::<PyString>() {
            crate::transport::ProxySetting::Url(config_text("proxy", s)?)
        } else {
            return Err(config_error(format!(
                "proxy must be a proxy URL (str), False for none, or None for the environment's, not {}",
                type_name(proxy)
            )));
        };
        let Ok(system_trust) = system_trust.cast::<PyBool>() else {
            return Err(config_error(format!(
                "system_trust must be True or False, not {}",
                type_name(system_trust)
            )));
        };
        Ok(Settings {
            base_url: match base_url.cast::<PyString>() {
                Ok(s) => config_text("base_url", s)?,
                Err(_) => {
                    return Err(config_error(format!(
                        "base_url must be a str, not {}",
                        type_name(base_url)
                    )))
                }
            },
            timeout: config_seconds("timeout", timeout)?,
            connect_timeout: config_seconds("connect_timeout", connect_timeout)?,
            max_retries: config_count(
                "max_retries",
                max_retries,
                0,
                crate::transport::MAX_RETRIES_LIMIT.into(),
            )? as u32,
            max_response_bytes: config_count(
                "max_response_bytes",
                max_response_bytes,
                1,
                u64::MAX,
            )?,
            ca_bundle,
            system_trust: system_trust.is_true(),
            proxy,
            pool_size,
        })
    }

    pub(crate) fn apply(self, config: &mut crate::transport::ClientConfig) {
        config.base_url = self.base_url;
        config.timeout = self.timeout;
        config.connect_timeout = self.connect_timeout;
        config.max_retries = self.max_retries;
        config.max_response_bytes = self.max_response_bytes;
        config.ca_bundle = self.ca_bundle;
        config.system_trust = self.system_trust;
        config.proxy = self.proxy;
        config.pool_size = self.pool_size;
    }
}

/// A `ConfigError` with this message.
pub(crate) fn config_error(message: String) -> PyErr {
    to_pyerr(Error::Config(message))
}

/// The name of a value's type, for messages that must not echo the value.
pub(crate) fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an unknown type".into())
}

/// A `str` setting as Rust text; unencodable text is a `ConfigError` naming it.
fn config_text(name: &str, s: &Bound<'_, PyString>) -> PyResult<String> {
    s.to_cow().map(|t| t.into_owned()).map_err(|_| {
        config_error(format!(
            "{name} holds characters that cannot be encoded as UTF-8 (a lone surrogate)"
        ))
    })
}

/// A credential argument: None (then the environment variable is read) or a `str`. Its value
/// is never echoed; the Rust builder checks its characters.
pub(crate) fn credential(name: &str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    match value.cast::<PyString>() {
        Ok(s) => s.to_cow().map(|t| Some(t.into_owned())).map_err(|_| {
            config_error(format!(
                "{name} holds characters that are not printable ASCII (the value is not shown)"
            ))
        }),
        Err(_) => Err(config_error(format!(
            "{name} must be a str, not {} (the value is not shown)",
            type_name(value)
        ))),
    }
}

/// A number of seconds given as an int or float (not a bool), or the error `fail` builds.
/// The caller checks the range.
pub(crate) fn seconds_number(
    name: &str,
    value: &Bound<'_, PyAny>,
    fail: fn(String) -> PyErr,
) -> PyResult<f64> {
    let number = if value.is_instance_of::<PyBool>() {
        None
    } else if value.is_instance_of::<PyInt>() || value.is_instance_of::<PyFloat>() {
        value.extract::<f64>().ok()
    } else {
        None
    };
    number.ok_or_else(|| {
        fail(format!(
            "{name} must be a number of seconds (int or float), not {}",
            type_name(value)
        ))
    })
}

/// A positive, finite number of seconds (int or float, not bool).
fn config_seconds(name: &str, value: &Bound<'_, PyAny>) -> PyResult<std::time::Duration> {
    let number = seconds_number(name, value, config_error)?;
    std::time::Duration::try_from_secs_f64(number)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            config_error(format!(
                "{name} must be a positive, finite number of seconds, not {number}"
            ))
        })
}

/// A whole number in `min..=max` (an int, not a bool), as a setting.
fn config_count(name: &str, value: &Bound<'_, PyAny>, min: u64, max: u64) -> PyResult<u64> {
    int_in(name, value, min, max, config_error)
}

/// A whole number in `min..=max` (an int, not a bool), or the error `fail` builds.
pub(crate) fn int_in(
    name: &str,
    value: &Bound<'_, PyAny>,
    min: u64,
    max: u64,
    fail: fn(String) -> PyErr,
) -> PyResult<u64> {
    if !value.is_instance_of::<PyInt>() || value.is_instance_of::<PyBool>() {
        return Err(fail(format!(
            "{name} must be an int, not {}",
            type_name(value)
        )));
    }
    match value.extract::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ if max == u64::MAX => Err(fail(format!("{name} must be at least {min}, not {value}"))),
        _ => Err(fail(format!(
            "{name} must be between {min} and {max}, not {value}"
        ))),
    }
}

/// The arguments of one Python call, bound to an operation's declared parameters: the path
/// parameters, then the positional body fields (or the one whole-body argument), then the
/// keyword-only body fields. Read in that order with [`Args::str`], [`Args::int`],
/// [`Args::body`] and [`Args::value`].
pub(crate) struct Args<'py> {
    info: &'static crate::operation::OperationInfo,
    /// One slot per parameter, in declaration order; `None` where nothing was given.
    slots: Vec<Option<Bound<'py, PyAny>>>,
    next: usize,
}

impl<'py> Args<'py> {
    /// Binds `args` and `kwargs` like Python binds a call to
    /// `op(path..., required..., *, optional=NOT_GIVEN...)`, raising `InvalidArgumentError`
    /// (a `TypeError`) for a missing, repeated or unknown argument.
    pub(crate) fn bind(
        info: &'static crate::operation::OperationInfo,
        args: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Args<'py>> {
        let positional = info.path_params.len() + info.positional.len();
        let keyword_only = info
            .body_fields
            .iter()
            .filter(|f| !info.positional.contains(f))
            .count();
        let mut slots: Vec<Option<Bound<'py, PyAny>>> = vec![None; positional + keyword_only];
        let name = |i: usize| -> &'static str {
            if i < info.path_params.len() {
                info.path_params[i]
            } else if i < positional {
                info.positional[i - info.path_params.len()]
            } else {
                info.body_fields
                    .iter()
                    .filter(|f| !info.positional.contains(f))
                    .nth(i - positional)
                    .copied()
                    .unwrap_or_default()
            }
        };
        let call = || format!("{}.{}()", info.handler, info.name);
        if args.len() > positional {
            return Err(invalid(format!(
                "{} takes {positional} positional argument{} but {} were given (the other parameters are keyword-only)",
                call(),
                if positional == 1 { "" } else { "s" },
                args.len()
            )));
        }
        for (i, value) in args.iter().enumerate() {
            slots[i] = Some(value);
        }
        if let Some(kwargs) = kwargs {
            for (key, value) in kwargs.iter() {
                let key = key
                    .cast::<PyString>()
                    .map_err(|_| invalid(format!("{}: keywords must be strings", call())))?;
                let key = py_str(key, &call())?;
                let Some(i) = (0..slots.len()).find(|&i| name(i) == key) else {
                    return Err(invalid(format!(
                        "{} got an unexpected keyword argument {}; it takes {}",
                        call(),
                        py_quote(&key),
                        (0..slots.len()).map(name).collect::<Vec<_>>().join(", ")
                    )));
                };
                if slots[i].is_some() {
                    return Err(invalid(format!(
                        "{} got multiple values for argument {}",
                        call(),
                        py_quote(&key)
                    )));
                }
                slots[i] = Some(value);
            }
        }
        let missing: Vec<&str> = (0..positional)
            .filter(|&i| slots[i].is_none())
            .map(name)
            .collect();
        if !missing.is_empty() {
            return Err(invalid(format!(
                "{} missing required argument{}: {}",
                call(),
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", ")
            )));
        }
        Ok(Args {
            info,
            slots,
            next: 0,
        })
    }

    fn take(&mut self) -> (&'static str, Bound<'py, PyAny>) {
        let i = self.next;
        self.next += 1;
        let name = self.info.path_params.get(i).copied().unwrap_or_default();
        let value = self.slots[i]
            .take()
            .expect("bind() checked that every positional parameter is present");
        (name, value)
    }

    fn operation(&self) -> String {
        format!("{}.{}()", self.info.handler, self.info.name)
    }

    /// The next path parameter, a `str`.
    pub(crate) fn str(&mut self) -> PyResult<String> {
        let (name, value) = self.take();
        path_str(&self.operation(), name, &value)
    }

    /// The next path parameter, a non-negative `int`.
    pub(crate) fn int(&mut self) -> PyResult<u64> {
        let (name, value) = self.take();
        path_int(&self.operation(), name, &value)
    }

    /// The request body from the remaining (body field) slots; `NOT_GIVEN` and absent ones
    /// are left out.
    pub(crate) fn body<T: DeserializeOwned>(&mut self) -> PyResult<T> {
        let operation = self.operation();
        let fields = self.info.positional.iter().chain(
            self.info
                .body_fields
                .iter()
                .filter(|f| !self.info.positional.contains(f)),
        );
        let mut map = Map::new();
        for (field, slot) in fields.zip(self.slots[self.next..].iter()) {
            if let Some(value) = slot {
                if !is_not_given(value)? {
                    map.insert((*field).to_owned(), py_to_json(value, field)?);
                }
            }
        }
        serde_path_to_error::deserialize(Value::Object(map)).map_err(|e| {
            let path = e.path().to_string();
            to_pyerr(Error::InvalidArgument(format!(
                "{operation}: {path}: {}",
                describe_serde_error(&path, &e.inner().to_string())
            )))
        })
    }

    /// The one argument that is the whole body.
    pub(crate) fn value<T: DeserializeOwned>(&mut self) -> PyResult<T> {
        let operation = self.operation();
        let name = self.info.positional.first().copied().unwrap_or("body");
        let value = self.slots[self.next]
            .take()
            .expect("bind() checked that every positional parameter is present");
        self.next += 1;
        body_from_value(&operation, name, &value)
    }
}

/// `vpsclient._display`, imported once.
fn display_module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    static DISPLAY: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    Ok(DISPLAY
        .get_or_try_init(py, || py.import("vpsclient._display").map(Bound::unbind))?
        .bind(py))
}

/// `_repr_html_` of every model: `vpsclient._display.model_html`.
pub(crate) fn model_html(model: &Bound<'_, PyAny>) -> PyResult<String> {
    display_module(model.py())?
        .call_method1("model_html", (model,))?
        .extract()
}

/// `__rich_repr__` of every model: `vpsclient._display.model_rich_repr`.
pub(crate) fn model_rich_repr<'py>(model: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    display_module(model.py())?.call_method1("model_rich_repr", (model,))
}

/// `__reduce__` of every model: `(type(model)._from_json, (json,))`, so pickle, `copy` and
/// process pools rebuild an equal object from the JSON the server sent.
pub(crate) fn model_reduce<'py, T: Serialize>(
    model: &Bound<'py, PyAny>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_string(value).map_err(|e| PyTypeError::new_err(e.to_string()))?;
    let restore = model.get_type().getattr("_from_json")?;
    Ok((restore, (json,)).into_pyobject(model.py())?.into_any())
}

/// Everything both providers declare, as plain data: ``{"tavu": {...}, "joviam": {...}}``
/// with their resources (operations, parameters, docs, waiters), models and enums. The type
/// stubs, the enum classes of ``vpsclient.joviam`` and the tests read it.
#[pyfunction]
fn _declarations(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let value = serde_json::json!({
        "tavu": crate::tavu::declarations(),
        "joviam": crate::joviam::declarations(),
    });
    json_to_py(py, &value)
}

/// A list result as `vpsclient.ResourceList`: a `list` subclass with a notebook table
/// (`_repr_html_`), `to_dicts()` and `to_pandas()`.
pub(crate) fn resource_list<'py, T>(py: Python<'py>, items: Vec<T>) -> PyResult<Py<PyAny>>
where
    T: pyo3::IntoPyObject<'py>,
{
    let list = PyList::new(py, items)?;
    Ok(display_module(py)?
        .getattr("ResourceList")?
        .call1((list,))?
        .unbind())
}

/// Runs a waiter with the GIL released, reporting every poll to a
/// `vpsclient._display.Progress` chosen by the `progress=` argument. An exception the
/// progress display (or the user's callback) raises stops the wait and is raised as it is.
pub(crate) fn run_wait<T: Send>(
    py: Python<'_>,
    progress: Option<&Bound<'_, PyAny>>,
    resource: &str,
    wanted: &str,
    options: crate::WaitOptions,
    wait: impl FnOnce(&crate::WaitOptions) -> crate::Result<T> + Send,
) -> PyResult<T> {
    let choice = match progress {
        Some(p) => p.clone(),
        None => py.None().into_bound(py),
    };
    let kwargs = PyDict::new(py);
    kwargs.set_item("resource", resource)?;
    kwargs.set_item("wanted", wanted)?;
    let display = display_module(py)?
        .getattr("Progress")?
        .call_method("create", (choice,), Some(&kwargs))?
        .unbind();
    let raised: std::sync::Arc<std::sync::Mutex<Option<PyErr>>> = Default::default();
    let hook_display = display.clone_ref(py);
    let hook_raised = std::sync::Arc::clone(&raised);
    let options = options.on_poll(move |id, state, elapsed| {
        Python::attach(|py| {
            match hook_display
                .bind(py)
                .call_method1("update", (id, state, elapsed.as_secs_f64()))
            {
                Ok(_) => Ok(()),
                Err(err) => {
                    if let Ok(mut slot) = hook_raised.lock() {
                        *slot = Some(err);
                    }
                    Err(Error::Interrupted)
                }
            }
        })
    });
    let outcome = py.detach(|| wait(&options));
    let final_state = if outcome.is_ok() { Some(wanted) } else { None };
    let closed = display.bind(py).call_method1("close", (final_state,));
    if let Some(err) = raised.lock().ok().and_then(|mut slot| slot.take()) {
        return Err(err);
    }
    let value = outcome.map_err(to_pyerr)?;
    closed?;
    Ok(value)
}

/// The bridge from Rust's `log` records to Python's `logging`, once installed.
static LOG_RESET: std::sync::OnceLock<pyo3_log::ResetHandle> = std::sync::OnceLock::new();

/// Sends vpsclient's log records (targets `vpsclient::*`) to the Python loggers of the same
/// names (`vpsclient.http`, `vpsclient.retry`, `vpsclient.wait`). Records of the HTTP and TLS
/// crates underneath are never forwarded: ureq's TRACE output holds the wire unredacted.
/// Called by `vpsclient/__init__.py`; does nothing if another logger is installed.
#[pyfunction]
fn _init_logging(py: Python<'_>) -> PyResult<()> {
    if LOG_RESET.get().is_some() {
        return Ok(());
    }
    let logger = pyo3_log::Logger::new(py, pyo3_log::Caching::LoggersAndLevels)?
        .filter(log::LevelFilter::Off)
        .filter_target("vpsclient".to_owned(), log::LevelFilter::Debug);
    if let Ok(handle) = logger.install() {
        let _ = LOG_RESET.set(handle);
    }
    Ok(())
}

/// Forgets the cached Python logger levels, after `logging` was reconfigured.
#[pyfunction]
fn _reset_logging() {
    if let Some(handle) = LOG_RESET.get() {
        handle.reset();
    }
}

/// The Joviam enums as declared, `[(name, doc, [value, ...]), ...]`: what `vpsclient.joviam`
/// builds its enum classes from at import (lighter than `_declarations()`).
#[pyfunction]
fn _joviam_enums() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    crate::joviam::declarations()
        .enums
        .iter()
        .map(|e| (e.name, e.doc, e.values.iter().map(|(_, v)| *v).collect()))
        .collect()
}

/// Installs the logging bridge the first time a client is built, so `import vpsclient` does
/// not import `logging` (about a third of its import time).
///
/// Also records Python's main thread (for Ctrl-C during calls) if this is it: done here
/// rather than at import for the same reason (`threading`).
pub(crate) fn ensure_logging(py: Python<'_>) -> PyResult<()> {
    if MAIN_THREAD.get().is_none() {
        note_main_thread(py)?;
    }
    if LOG_RESET.get().is_some() {
        return Ok(());
    }
    py.import("vpsclient")?.call_method0("_setup_logging")?;
    Ok(())
}
