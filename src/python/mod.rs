//! The glue between the Rust API and the Python extension module `vpsclient._native`.
//!
//! Operations, models and handlers get their Python side from the declaration macros in
//! [`crate::operation`]; this module holds what those expansions call: error conversion, keyword
//! arguments to request bodies, model `repr` and `to_dict`, and the module itself.

use pyo3::prelude::*;
use pyo3::types::PyModule;
use pyo3::PyTypeInfo;

mod args;
mod convert;
mod declare;
mod errors;
mod joviam;
mod models;
mod runtime;
mod sandbox;
mod settings;
mod tavu;
mod timestamp;
mod topology;
mod wait;

pub(crate) use args::*;
pub(crate) use convert::*;
pub(crate) use declare::{
    client_class, enum_to_str, handler_class, handler_methods, model_methods, model_registry, pass,
    py_call, py_doc, py_result,
};
pub(crate) use errors::*;
pub(crate) use joviam::PyJoviamClient;
pub(crate) use models::*;
pub(crate) use runtime::*;
pub(crate) use settings::*;
pub(crate) use tavu::PyTavuClient;
pub(crate) use wait::*;

/// Adds class `T` to the module as `<prefix><name>`; `vpsclient.tavu` and `vpsclient.joviam`
/// re-export them without the prefix, so both providers can have an `Instance`.
pub(crate) fn add_class<T: PyTypeInfo>(
    m: &Bound<'_, PyModule>,
    prefix: &str,
    name: &str,
) -> PyResult<()> {
    m.add(format!("{prefix}{name}"), T::type_object(m.py()))
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
    tavu::register(m)?;
    joviam::register(m)?;
    add_class::<sandbox::PySandbox>(m, "", "Sandbox")?;
    add_class::<topology::PyTopology>(m, "", "Topology")?;
    Ok(())
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
