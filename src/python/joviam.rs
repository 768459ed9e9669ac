//! The Python class `vpsclient.JoviamClient`, its resource attributes (from the declarations, through
//! `crate::joviam::python_client!`) and the registration of every Joviam API class.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyModule;

use crate::joviam::{JoviamClient, DEFAULT_BASE_URL};
use crate::transport::Transport;

/// A client of the Joviam API (the Python class `vpsclient.JoviamClient`).
///
/// Args:
///     token: The organization's access token (without "Bearer "); defaults to the
///         JOVIAM_TOKEN environment variable.
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
///     ConfigError: no token was given or found, or a setting is invalid; the message
///         names the parameter and never shows a credential.
///
/// Resources are attributes: ``joviam.instances.list()``, ``joviam.disks.state(disk_id)``.
#[pyo3::pyclass(name = "JoviamClient", module = "vpsclient", frozen)]
pub(crate) struct PyJoviamClient {
    client: JoviamClient,
}

impl PyJoviamClient {
    /// Wraps a Rust client (the sandbox hands these out).
    pub(crate) fn from_client(client: JoviamClient) -> Self {
        PyJoviamClient { client }
    }

    /// The shared transport, for the resource attributes.
    fn transport(&self) -> &Arc<Transport> {
        &self.client.transport
    }
}

crate::joviam::python_client! {
    PyJoviamClient {
    /// Draws the account as SVG: networks, instances with their addresses, disks and
    /// IP addresses.
    ///
    /// Returns:
    ///     A vpsclient.Topology: shown inline in Jupyter; ``save(path)`` writes the SVG.
    ///
    /// Raises:
    ///     VpsClientError: a list request failed (the first failure is raised).
    fn topology(&self, py: Python<'_>) -> PyResult<super::topology::PyTopology> {
        super::topology::joviam_topology_py(py, &self.client)
    }

    /// Builds the client; see the class documentation for the arguments.
    #[new]
    #[pyo3(signature = (token=None, *, base_url=None, timeout=None, connect_timeout=None, max_retries=None, max_response_bytes=None, ca_bundle=None, system_trust=None, proxy=None, pool_size=None))]
    // Spelled out so help() and inspect show the real defaults.
    #[pyo3(text_signature = "(token=None, *, base_url='https://cloud.joviam.com/api/v1', timeout=30.0, connect_timeout=10.0, max_retries=2, max_response_bytes=67108864, ca_bundle=None, system_trust=False, proxy=None, pool_size=16)")]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        py: Python<'_>,
        token: Option<&Bound<'_, PyAny>>,
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
        let mut builder = JoviamClient::builder()
            .settings(settings)
            .interrupt(super::ctrl_c_interrupt());
        if let Some(secret) = super::credential("token", token)? {
            builder = builder.token(secret);
        }
        let client = builder.build().map_err(super::to_pyerr)?;
        Ok(PyJoviamClient { client })
    }

    /// The base URL requests go to.
    #[getter]
    fn base_url(&self) -> &str {
        self.client.base_url()
    }

    fn __repr__(&self) -> String {
        // Never the token.
        format!("JoviamClient(base_url={:?})", self.client.base_url())
    }
    }
}

/// Adds the Joviam API classes to the Python module: the client, and the handlers and models
/// prefixed `Joviam_` (re-exported by `vpsclient.joviam` without the prefix).
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    super::add_class::<PyJoviamClient>(m, "", "JoviamClient")?;
    PyJoviamClient::register_handlers(m, "Joviam_")?;
    crate::joviam::models::register_models(m, "Joviam_")
}
