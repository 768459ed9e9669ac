//! The Python class `vpsclient.TavuClient`, its resource attributes (from the declarations, through
//! `crate::tavu::python_client!`) and the registration of every Tavu.io VPS API class.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyModule;

use crate::tavu::{TavuClient, DEFAULT_BASE_URL};
use crate::transport::Transport;

/// A client of the Tavu.io VPS API (the Python class `vpsclient.TavuClient`).
///
/// Args:
///     api_key: The API key; defaults to the TAVU_API_KEY environment variable.
///     team_id: The team to act for (sent as X-Team-Id); defaults to TAVU_TEAM_ID.
///     base_url: The API's base URL; https, or http to a loopback host.
///     timeout: Overall limit of one request, in seconds.
///     connect_timeout: Limit for opening a connection, in seconds.
///     max_retries: Retries of a request when retrying is safe.
///     max_response_bytes: Largest response body accepted (default 64 MiB); a larger one
///         raises TransportError instead of being read into memory.
///     ca_bundle: A PEM file, or a folder of them, whose certificates are trusted instead of
///         the bundled Mozilla roots (a private CA, a corporate TLS proxy). Defaults to
///         REQUESTS_CA_BUNDLE or SSL_CERT_FILE when set.
///     system_trust: Trust the operating system's certificate store instead (not together
///         with ca_bundle).
///     proxy: An http:// or https:// proxy URL to send every request through (SOCKS
///         proxies are refused), False for no proxy, or None (the
///         default) for the HTTPS_PROXY/HTTP_PROXY/ALL_PROXY environment variables, honouring
///         NO_PROXY and never for loopback hosts.
///     pool_size: Idle connections kept open for reuse (default 16): at least the number of
///         threads that share the client, so none has to open a new one.
///
/// Raises:
///     ConfigError: no API key was given or found, or a setting is invalid; the message
///         names the parameter and never shows a credential.
///
/// Resources are attributes: ``tavu.instances.list()``, ``tavu.volumes.attach(volume_id,
/// instance_id)``.
#[pyo3::pyclass(name = "TavuClient", module = "vpsclient", frozen)]
pub(crate) struct PyTavuClient {
    client: TavuClient,
}

impl PyTavuClient {
    /// Wraps a Rust client (the sandbox hands these out).
    pub(crate) fn from_client(client: TavuClient) -> Self {
        PyTavuClient { client }
    }

    /// The shared transport, for the resource attributes.
    fn transport(&self) -> &Arc<Transport> {
        &self.client.transport
    }
}

crate::tavu::python_client! {
    PyTavuClient {
    #[new]
    #[pyo3(signature = (api_key=None, *, team_id=None, base_url=None, timeout=None, connect_timeout=None, max_retries=None, max_response_bytes=None, ca_bundle=None, system_trust=None, proxy=None, pool_size=None))]
    // Spelled out so help() and inspect show the real defaults.
    #[pyo3(text_signature = "(api_key=None, *, team_id=None, base_url='https://api.tavu.io/vps', timeout=30.0, connect_timeout=10.0, max_retries=2, max_response_bytes=67108864, ca_bundle=None, system_trust=False, proxy=None, pool_size=16)")]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        py: Python<'_>,
        api_key: Option<&Bound<'_, PyAny>>,
        team_id: Option<&Bound<'_, PyAny>>,
        base_url: Option<&Bound<'_, PyAny>>,
        timeout: Option<&Bound<'_, PyAny>>,
        connect_timeout: Option<&Bound<'_, PyAny>>,
        max_retries: Option<&Bound<'_, PyAny>>,
        max_response_bytes: Option<&Bound<'_, PyAny>>,
        ca_bundle: Option<&Bound<'_, PyAny>>,
        system_trust: Option<&Bound<'_, PyAny>>,
        proxy: Option<&Bound<'_, PyAny>>,
        pool_size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        super::ensure_logging(py)?;
        let settings = super::Settings::read(
            py,
            DEFAULT_BASE_URL,
            [base_url, timeout, connect_timeout, max_retries, max_response_bytes, ca_bundle, system_trust, proxy, pool_size],
        )?;
        let mut builder = TavuClient::builder()
            .settings(settings)
            .interrupt(super::ctrl_c_interrupt());
        if let Some(secret) = super::credential("api_key", api_key)? {
            builder = builder.api_key(secret);
        }
        if let Some(team) = super::credential("team_id", team_id)? {
            builder = builder.team_id(team);
        }
        let client = builder.build().map_err(super::to_pyerr)?;
        Ok(PyTavuClient { client })
    }

    /// The base URL requests go to.
    #[getter]
    fn base_url(&self) -> &str {
        self.client.base_url()
    }

    /// The team requests act for, or None.
    #[getter]
    fn team_id(&self) -> Option<&str> {
        self.client.team_id()
    }

    /// Draws the account as SVG: networks and subnets, routers and their interfaces,
    /// instances with their addresses, volumes and floating IPs.
    ///
    /// Returns:
    ///     A vpsclient.Topology: shown inline in Jupyter; ``save(path)`` writes the SVG.
    ///
    /// Raises:
    ///     VpsClientError: a list request failed (the first failure is raised).
    fn topology(&self, py: Python<'_>) -> PyResult<super::topology::PyTopology> {
        super::topology::tavu_topology_py(py, &self.client)
    }

    fn __repr__(&self) -> String {
        // Never the key.
        let base_url = super::py_quote(self.client.base_url());
        match self.client.team_id() {
            Some(team) => format!("TavuClient(base_url={base_url}, team_id={})", super::py_quote(team)),
            None => format!("TavuClient(base_url={base_url})"),
        }
    }
    }
}

/// Adds the Tavu.io VPS API classes to the Python module: the client, and the handlers and models
/// prefixed `Tavu_` (re-exported by `vpsclient.tavu` without the prefix).
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    super::add_class::<PyTavuClient>(m, "", "TavuClient")?;
    PyTavuClient::register_handlers(m, "Tavu_")?;
    crate::tavu::models::register_models(m, "Tavu_")
}
