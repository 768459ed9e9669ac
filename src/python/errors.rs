//! Crate errors as the exceptions of `vpsclient._errors`.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyModule};

use super::convert::json_to_py;
use crate::error::Error;

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

/// An `InvalidArgumentError` with this message.
pub(crate) fn invalid(message: String) -> PyErr {
    to_pyerr(Error::InvalidArgument(message))
}
