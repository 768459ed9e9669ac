//! The waiters' Python side: their arguments and the progress display.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use super::convert::py_str;
use super::errors::{invalid, to_pyerr};
use super::models::display_module;
use crate::error::Error;

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
