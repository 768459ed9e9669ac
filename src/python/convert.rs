//! Python values to JSON and back, path parameters and request bodies: every check that
//! keeps hostile input from crashing the interpreter.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::errors::{invalid, to_pyerr};
use crate::error::Error;

/// Fields whose values are secrets: shown as `'***'` by `repr`, readable as attributes.
pub(super) const SECRET_FIELDS: &[&str] = &["password", "private_key", "token"];

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

/// The `vpsclient.NOT_GIVEN` sentinel: a keyword argument holding it is left out of the body.
pub(super) fn is_not_given(value: &Bound<'_, PyAny>) -> PyResult<bool> {
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
pub(super) fn describe_serde_error(path: &str, message: &str) -> String {
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
