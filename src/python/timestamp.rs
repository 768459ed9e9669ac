//! [`Timestamp`](crate::Timestamp) attributes read as aware `datetime.datetime` objects.

use pyo3::types::PyString;
use pyo3::{Bound, IntoPyObject, PyAny, PyErr, Python};

use crate::Timestamp;

impl<'py> IntoPyObject<'py> for &Timestamp {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    /// An aware `datetime.datetime`, or the server's `str` when it could not be read (or
    /// lies outside the years Python's `datetime` holds).
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        if let Some(value) = self.value() {
            if let Ok(datetime) = value.into_pyobject(py) {
                return Ok(datetime.into_any());
            }
        }
        Ok(PyString::new(py, self.as_str()).into_any())
    }
}

impl<'py> IntoPyObject<'py> for Timestamp {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        (&self).into_pyobject(py)
    }
}
