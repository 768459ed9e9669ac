//! What every model class calls: `repr`, `to_dict`, notebook HTML, rich, pickling, `extra`,
//! and list results as `ResourceList`.

use super::convert::{json_to_py, SECRET_FIELDS};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use std::sync::atomic::{AtomicPtr, Ordering};

use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyModule};
use serde::Serialize;
use serde_json::Value;

/// The Python values of a model's attributes, each built on its first read and kept: the
/// attributes of a frozen model never change, so a nested object is made once, not on every
/// read. A list is kept too, but each read gets its own shallow copy (a new `list` of the
/// same, immutable, items), so changing it changes nothing in the model. One slot per
/// declared field, allocated on the first read. A clone starts empty, and the cache takes no
/// part in comparisons.
pub(crate) struct AttributeCache(AtomicPtr<Slots>);

/// The slots of one model's attributes.
type Slots = Box<[PyOnceLock<Py<PyAny>>]>;

impl Default for AttributeCache {
    fn default() -> Self {
        AttributeCache(AtomicPtr::new(std::ptr::null_mut()))
    }
}

impl AttributeCache {
    /// The value in `slot` (of `slots`), made by `make` if this is its first read. Two
    /// threads reading it first at once may both make it; one value is kept.
    pub(crate) fn get(
        &self,
        py: Python<'_>,
        slot: usize,
        slots: usize,
        make: impl FnOnce(Python<'_>) -> PyResult<Py<PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let value = self.slots(slots)[slot]
            .get_or_try_init(py, || make(py))?
            .bind(py);
        match value.cast::<PyList>() {
            Ok(list) => Ok(PyList::new(py, list.iter())?.into_any().unbind()),
            Err(_) => Ok(value.clone().unbind()),
        }
    }

    /// The slots, allocated on the first call. (A pointer rather than a `OnceLock`: 8 bytes
    /// in every model instead of 24, which is 1.7 MB over a 10,000-instance list.)
    fn slots(&self, slots: usize) -> &Slots {
        let mut current = self.0.load(Ordering::Acquire);
        if current.is_null() {
            let fresh: Slots = (0..slots).map(|_| PyOnceLock::new()).collect();
            let fresh = Box::into_raw(Box::new(fresh));
            match self.0.compare_exchange(
                std::ptr::null_mut(),
                fresh,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => current = fresh,
                Err(theirs) => {
                    // Another thread allocated them first.
                    // SAFETY: `fresh` came from `Box::into_raw` above and was never shared.
                    drop(unsafe { Box::from_raw(fresh) });
                    current = theirs;
                }
            }
        }
        // SAFETY: a non-null pointer came from `Box::into_raw` and is freed only in `drop`,
        // which has `&mut self`.
        unsafe { &*current }
    }
}

impl Drop for AttributeCache {
    fn drop(&mut self) {
        let slots = *self.0.get_mut();
        if !slots.is_null() {
            // SAFETY: set once from `Box::into_raw`; nothing else frees it.
            drop(unsafe { Box::from_raw(slots) });
        }
    }
}

/// Where field `name` stands among `fields` (the slot of its attribute in Python's cache).
pub(crate) const fn field_slot(fields: &[crate::operation::FieldInfo], name: &str) -> usize {
    let mut i = 0;
    while i < fields.len() {
        if str_eq(fields[i].name, name) {
            return i;
        }
        i += 1;
    }
    panic!("no such field")
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl Clone for AttributeCache {
    fn clone(&self) -> Self {
        AttributeCache::default()
    }
}

impl PartialEq for AttributeCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
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

/// A string as Python's `repr` writes it (single quotes).
pub(crate) fn py_quote(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// `vpsclient._display`, imported once.
pub(super) fn display_module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
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

/// A list result as `vpsclient.ResourceList`: a `list` subclass with a notebook table
/// (`_repr_html_`), `to_dicts()` and `to_pandas()`.
///
/// The items are moved into their Python objects from the end of `items`, whose buffer
/// shrinks as it goes, so a large list is not held twice (for 10,000 instances the buffer
/// is about 7 MB).
pub(crate) fn resource_list<'py, T>(py: Python<'py>, mut items: Vec<T>) -> PyResult<Py<PyAny>>
where
    T: pyo3::IntoPyObject<'py>,
{
    /// Items moved between two shrinks of the buffer.
    const SHRINK_EVERY: usize = 1024;
    let mut objects = Vec::with_capacity(items.len());
    while let Some(item) = items.pop() {
        objects.push(pyo3::IntoPyObjectExt::into_bound_py_any(item, py)?);
        if items.len() % SHRINK_EVERY == 0 {
            items.shrink_to_fit();
        }
    }
    objects.reverse();
    let list = PyList::new(py, objects)?;
    Ok(display_module(py)?
        .getattr("ResourceList")?
        .call1((list,))?
        .unbind())
}
