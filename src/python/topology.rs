//! [`Topology`] for Python: the class `vpsclient.Topology` and the functions behind
//! `tavu.topology()` and `joviam.topology()`. Built with the `python` feature only.

use crate::topology::Topology;
use crate::{JoviamClient, TavuClient};

/// A picture of a cloud account as SVG (the Python class ``vpsclient.Topology``).
///
/// Returned by ``tavu.topology()`` and ``joviam.topology()``. Jupyter shows it inline
/// (``_repr_svg_``); elsewhere, ``save("cloud.svg")`` writes it to a file, and ``svg`` is
/// the text itself.
#[pyo3::pyclass(name = "Topology", module = "vpsclient", frozen)]
pub(crate) struct PyTopology {
    topology: Topology,
}

impl From<Topology> for PyTopology {
    fn from(topology: Topology) -> Self {
        PyTopology { topology }
    }
}

#[pyo3::pymethods]
impl PyTopology {
    /// The SVG document, as text.
    #[getter]
    fn svg(&self) -> &str {
        self.topology.svg()
    }

    /// How many objects of each kind the picture shows: a dict with the keys ``networks``,
    /// ``subnets``, ``routers``, ``instances``, ``volumes`` (Tavu volumes or Joviam disks) and
    /// ``addresses`` (Tavu floating IPs or Joviam IP addresses).
    #[getter]
    fn counts<'py>(
        &self,
        py: pyo3::Python<'py>,
    ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::types::PyDict>> {
        use pyo3::types::PyDictMethods;

        let c = self.topology.counts();
        let counts = pyo3::types::PyDict::new(py);
        for (key, value) in [
            ("networks", c.networks),
            ("subnets", c.subnets),
            ("routers", c.routers),
            ("instances", c.instances),
            ("volumes", c.volumes),
            ("addresses", c.addresses),
        ] {
            counts.set_item(key, value)?;
        }
        Ok(counts)
    }

    /// The provider drawn: ``"tavu"`` or ``"joviam"``.
    #[getter]
    fn provider(&self) -> &str {
        self.topology.provider()
    }

    /// The SVG, for IPython and Jupyter's rich display.
    fn _repr_svg_(&self) -> String {
        self.topology.svg().to_owned()
    }

    /// Writes the SVG to a file, replacing it if it exists.
    ///
    /// Args:
    ///     path: Where to write it (str or os.PathLike), conventionally ending in ``.svg``.
    ///
    /// Raises:
    ///     InvalidArgumentError: ``path`` is not a str or os.PathLike of str, or is empty.
    ///     OSError: the file cannot be written (FileNotFoundError, PermissionError, ...).
    #[pyo3(signature = (path))]
    fn save(
        &self,
        py: pyo3::Python<'_>,
        path: &pyo3::Bound<'_, pyo3::PyAny>,
    ) -> pyo3::PyResult<()> {
        use pyo3::types::{PyAnyMethods, PyTypeMethods};

        let invalid =
            |message: String| crate::python::to_pyerr(crate::Error::InvalidArgument(message));
        let type_name = |value: &pyo3::Bound<'_, pyo3::PyAny>| {
            value
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_else(|_| "?".into())
        };
        let os = py.import("os")?;
        let text = os.call_method1("fspath", (path,)).map_err(|_| {
            invalid(format!(
                "save: path must be a str or os.PathLike, not {}",
                type_name(path)
            ))
        })?;
        if text.cast::<pyo3::types::PyString>().is_err() {
            return Err(invalid(
                "save: path must be a text path (str), not bytes".into(),
            ));
        }
        let text: String = text
            .extract()
            .map_err(|_| invalid("save: path must be valid Unicode (no lone surrogates)".into()))?;
        if text.is_empty() {
            return Err(invalid("save: path must not be empty".into()));
        }
        let result = py.detach(|| self.topology.save(&text));
        result.map_err(|err| match err.raw_os_error() {
            // OSError(errno, strerror, filename) becomes FileNotFoundError and the like.
            Some(code) => pyo3::exceptions::PyOSError::new_err((code, err.to_string(), text)),
            None => pyo3::PyErr::from(err),
        })
    }

    fn __repr__(&self) -> String {
        let c = self.topology.counts();
        format!(
            "Topology(provider='{}', networks={}, subnets={}, routers={}, instances={}, volumes={}, addresses={})",
            self.topology.provider(),
            c.networks,
            c.subnets,
            c.routers,
            c.instances,
            c.volumes,
            c.addresses
        )
    }
}

/// Fetches and draws a Tavu account for Python, with the GIL released.
pub(crate) fn tavu_topology_py(
    py: pyo3::Python<'_>,
    client: &TavuClient,
) -> pyo3::PyResult<PyTopology> {
    py.detach(|| Topology::of_tavu(client))
        .map(PyTopology::from)
        .map_err(crate::python::to_pyerr)
}

/// Fetches and draws a Joviam account for Python, with the GIL released.
pub(crate) fn joviam_topology_py(
    py: pyo3::Python<'_>,
    client: &JoviamClient,
) -> pyo3::PyResult<PyTopology> {
    py.detach(|| Topology::of_joviam(client))
        .map(PyTopology::from)
        .map_err(crate::python::to_pyerr)
}
