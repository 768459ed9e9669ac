//! The Python class `vpsclient.Sandbox`.

use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyString};

use crate::python::{config_error, int_in, invalid, seconds_number, type_name};
use crate::sandbox::{Fault, Sandbox, SandboxBuilder};

/// An offline sandbox of both clouds on 127.0.0.1, for trying vpsclient without an
/// account and for testing automation before it meets real money.
///
/// Use it as a context manager::
///
///     with vpsclient.Sandbox() as sb:
///         tavu = sb.tavu_client()
///         joviam = sb.joviam_client()
///
/// Args:
///     port: Port to listen on; 0 (the default) picks a free one.
///     build_delay: Seconds asynchronous work takes (an instance build, a start).
///     rate_limit: Answer 429 past this many requests per second; None for no limit.
///     state: Start from this world, as :meth:`export_state` returned it (possibly saved
///         as JSON and loaded back), instead of a new account's.
///
/// Raises:
///     ConfigError: A setting is invalid (the message names it), the state cannot be
///         loaded, or the port is taken.
#[pyclass(name = "Sandbox", module = "vpsclient", frozen)]
pub(crate) struct PySandbox {
    inner: std::sync::Mutex<Option<Sandbox>>,
    url: String,
    tavu_key: String,
    joviam_token: String,
}

impl PySandbox {
    /// Runs `f` on the sandbox while it is running; a stopped one raises ConfigError.
    fn with_running<T>(&self, f: impl FnOnce(&Sandbox) -> crate::Result<T>) -> PyResult<T> {
        match self.inner.lock() {
            Ok(guard) if guard.is_some() => {
                f(guard.as_ref().expect("checked above")).map_err(crate::python::to_pyerr)
            }
            _ => Err(crate::python::to_pyerr(crate::Error::Config(
                "the sandbox has been stopped".into(),
            ))),
        }
    }
}

/// A finite, non-negative number of seconds (int or float, not bool).
fn seconds(name: &str, value: &Bound<'_, PyAny>, fail: fn(String) -> PyErr) -> PyResult<Duration> {
    let number = seconds_number(name, value, fail)?;
    Duration::try_from_secs_f64(number).map_err(|_| {
        fail(format!(
            "{name} must be a non-negative, finite number of seconds, not {number}"
        ))
    })
}

/// A `str` argument for `inject_fault`.
fn text(name: &str, value: &Bound<'_, PyAny>) -> PyResult<String> {
    let s = value
        .cast::<PyString>()
        .map_err(|_| invalid(format!("{name} must be a str, not {}", type_name(value))))?;
    s.to_cow().map(|t| t.into_owned()).map_err(|_| {
        invalid(format!(
            "{name} holds characters that cannot be encoded as UTF-8"
        ))
    })
}

#[pymethods]
impl PySandbox {
    #[new]
    #[pyo3(
        signature = (*, port = None, build_delay = None, rate_limit = None, state = None),
        text_signature = "(*, port=0, build_delay=0.5, rate_limit=None, state=None)"
    )]
    fn new(
        py: Python<'_>,
        port: Option<&Bound<'_, PyAny>>,
        build_delay: Option<&Bound<'_, PyAny>>,
        rate_limit: Option<&Bound<'_, PyAny>>,
        state: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut builder = SandboxBuilder::default();
        if let Some(port) = port.filter(|v| !v.is_none()) {
            builder = builder.port(int_in("port", port, 0, 65_535, config_error)? as u16);
        }
        if let Some(delay) = build_delay.filter(|v| !v.is_none()) {
            builder = builder.build_delay(seconds("build_delay", delay, config_error)?);
        }
        if let Some(limit) = rate_limit.filter(|v| !v.is_none()) {
            builder =
                builder.rate_limit(
                    int_in("rate_limit", limit, 1, u32::MAX.into(), config_error)? as u32,
                );
        }
        if let Some(state) = state.filter(|v| !v.is_none()) {
            if !state.is_instance_of::<pyo3::types::PyDict>() {
                return Err(config_error(format!(
                    "state must be a dict, as Sandbox.export_state() returns it, not {}",
                    type_name(state)
                )));
            }
            let state = crate::python::py_to_json(state, "state")
                .map_err(|e| config_error(format!("state cannot be read: {e}")))?;
            builder = builder.state(state);
        }
        let sandbox = py
            .detach(|| builder.start())
            .map_err(crate::python::to_pyerr)?;
        Ok(PySandbox {
            url: sandbox.url().to_owned(),
            tavu_key: sandbox.tavu_key().to_owned(),
            joviam_token: sandbox.joviam_token().to_owned(),
            inner: std::sync::Mutex::new(Some(sandbox)),
        })
    }

    /// The server's root URL, e.g. ``http://127.0.0.1:40123``.
    #[getter]
    fn url(&self) -> &str {
        &self.url
    }

    /// The Tavu base URL in the sandbox (``<url>/tavu``).
    #[getter]
    fn tavu_base_url(&self) -> String {
        format!("{}/tavu", self.url)
    }

    /// The Joviam base URL in the sandbox (``<url>/joviam``).
    #[getter]
    fn joviam_base_url(&self) -> String {
        format!("{}/joviam", self.url)
    }

    /// The Tavu API key the sandbox accepts.
    #[getter]
    fn tavu_key(&self) -> &str {
        &self.tavu_key
    }

    /// The Joviam access token the sandbox accepts.
    #[getter]
    fn joviam_token(&self) -> &str {
        &self.joviam_token
    }

    /// A TavuClient pointed at the sandbox, with its key.
    fn tavu_client(&self, py: Python<'_>) -> PyResult<crate::python::PyTavuClient> {
        crate::python::ensure_logging(py)?;
        let client = self.with_running(|sb| {
            sb.tavu_client_builder()
                .interrupt(crate::python::ctrl_c_interrupt())
                .build()
        })?;
        Ok(crate::python::PyTavuClient::from_client(client))
    }

    /// A JoviamClient pointed at the sandbox, with its token.
    fn joviam_client(&self, py: Python<'_>) -> PyResult<crate::python::PyJoviamClient> {
        crate::python::ensure_logging(py)?;
        let client = self.with_running(|sb| {
            sb.joviam_client_builder()
                .interrupt(crate::python::ctrl_c_interrupt())
                .build()
        })?;
        Ok(crate::python::PyJoviamClient::from_client(client))
    }

    /// Makes matching requests fail, from now on, for tests of how code copes with a
    /// misbehaving cloud. Faults apply in the order injected (the first that fires wins),
    /// after the rate limit and before the credential check; a request a fault answers still
    /// counts against the rate limit.
    ///
    /// A fault is for one operation (``operation="instances.create"``: its method and path
    /// come from the declarations) or for a method and a path pattern. For example
    /// ``sb.inject_fault("tavu", operation="instances.create", status=503, times=1)`` makes
    /// the next instance create answer 503 and the one after succeed.
    ///
    /// Args:
    ///     provider: ``"tavu"``, ``"joviam"``, or ``"*"`` for both (not with ``operation``).
    ///     method: ``"POST"``, ..., or ``"*"`` for any; with ``path``, instead of
    ///         ``operation``.
    ///     path: The path relative to the provider's base URL, without the query; ``*``
    ///         stands for any text within one segment, ``**`` for any text at all
    ///         (``"/**"`` matches every request).
    ///     operation: One declared operation, ``"<resource>.<method>"`` as the client
    ///         names it (``"volumes.attach"``); each path parameter matches any ID.
    ///     status: Answer this status (with a body in the provider's error format and, for
    ///         429, ``Retry-After: 1``) instead; the request is not carried out.
    ///     latency: Seconds to wait before answering (alone, or before the other effect).
    ///     reset: ``"before"``: reset the connection (TCP RST) instead of answering, the
    ///         request not carried out; ``"during"``: carry it out, then reset the connection
    ///         halfway through the answer's body.
    ///     stall: Answer nothing for this many seconds, then close the connection; the
    ///         request is not carried out. Pick more than the client's timeout.
    ///     times: Apply to the next this many matching requests only; None for all.
    ///     probability: Apply to each matching request with this probability (0 to 1),
    ///         drawn from a generator seeded with ``seed``: the same every run.
    ///     seed: The seed for ``probability``.
    ///
    /// Raises:
    ///     InvalidArgumentError: An argument is invalid (the message names it), the
    ///         operation is not declared, neither or both of ``operation`` and
    ///         ``method``/``path`` are given, or more than one of ``status``, ``reset`` and
    ///         ``stall`` is.
    ///     ConfigError: The sandbox has been stopped.
    #[pyo3(signature = (provider, method = None, path = None, *, operation = None, status = None, latency = None, reset = None, stall = None, times = None, probability = None, seed = None))]
    #[allow(clippy::too_many_arguments)]
    fn inject_fault(
        &self,
        provider: &Bound<'_, PyAny>,
        method: Option<&Bound<'_, PyAny>>,
        path: Option<&Bound<'_, PyAny>>,
        operation: Option<&Bound<'_, PyAny>>,
        status: Option<&Bound<'_, PyAny>>,
        latency: Option<&Bound<'_, PyAny>>,
        reset: Option<&Bound<'_, PyAny>>,
        stall: Option<&Bound<'_, PyAny>>,
        times: Option<&Bound<'_, PyAny>>,
        probability: Option<&Bound<'_, PyAny>>,
        seed: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let fault = fault_from_args(
            provider,
            [method, path, operation],
            [status, latency, reset, stall, times, probability],
            seed,
        )?;
        self.with_running(|sb| {
            sb.inject_fault(fault);
            Ok(())
        })
    }

    /// Removes every injected fault.
    ///
    /// Raises:
    ///     ConfigError: The sandbox has been stopped.
    fn clear_faults(&self) -> PyResult<()> {
        self.with_running(|sb| {
            sb.clear_faults();
            Ok(())
        })
    }

    /// What the sandbox received since it started (or since :meth:`clear_requests`),
    /// oldest first. Headers are never recorded, so no credential is.
    ///
    /// Returns:
    ///     A list of :class:`vpsclient.sandbox.SandboxRequest` named tuples with
    ///     ``provider``, ``method``, ``path`` (relative to the provider's base URL),
    ///     ``query`` (or None), ``body`` (the parsed JSON, or None) and ``status`` (the
    ///     status answered, or None when the connection was reset or stalled).
    ///
    /// Raises:
    ///     ConfigError: The sandbox has been stopped.
    fn requests<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let entries = self.with_running(|sb| Ok(sb.requests()))?;
        let class = py.import("vpsclient.sandbox")?.getattr("SandboxRequest")?;
        entries
            .iter()
            .map(|e| {
                let body = match &e.body {
                    Some(body) => crate::python::json_to_py(py, body)?,
                    None => py.None().into_bound(py),
                };
                class.call1((
                    e.provider.as_str(),
                    e.method.as_str(),
                    e.path.as_str(),
                    e.query.as_deref(),
                    body,
                    e.status,
                ))
            })
            .collect()
    }

    /// Empties the request journal.
    ///
    /// Raises:
    ///     ConfigError: The sandbox has been stopped.
    fn clear_requests(&self) -> PyResult<()> {
        self.with_running(|sb| {
            sb.clear_requests();
            Ok(())
        })
    }

    /// The whole simulated world (every object of both providers, the catalogues, and the
    /// transitions still to come) as JSON-able data: pass it as ``Sandbox(state=...)`` to
    /// start another sandbox from it, or save it with :func:`json.dump`. The format is
    /// versioned (``"version"``), and a saved state keeps loading in later releases. Faults,
    /// the journal and the settings are not part of it.
    ///
    /// Returns:
    ///     A dict of plain JSON values.
    ///
    /// Raises:
    ///     ConfigError: The sandbox has been stopped.
    fn export_state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let state = self.with_running(|sb| Ok(sb.export_state()))?;
        crate::python::json_to_py(py, &state)
    }

    /// Stops the server. Calling it again does nothing.
    fn stop(&self, py: Python<'_>) {
        let taken = self.inner.lock().ok().and_then(|mut guard| guard.take());
        if let Some(sandbox) = taken {
            py.detach(|| sandbox.stop());
        }
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&self, py: Python<'_>, _args: &Bound<'_, pyo3::types::PyTuple>) -> bool {
        self.stop(py);
        false
    }

    fn __repr__(&self) -> String {
        let state = match self.inner.lock() {
            Ok(guard) if guard.is_some() => "running",
            _ => "stopped",
        };
        format!(
            "Sandbox(url={}, {state})",
            crate::python::py_quote(&self.url)
        )
    }
}

/// A fault for a method and a path pattern, both checked.
fn route_fault(
    provider: String,
    method: &Bound<'_, PyAny>,
    path: &Bound<'_, PyAny>,
) -> PyResult<Fault> {
    let method = text("method", method)?;
    if method.is_empty() || !(method == "*" || method.bytes().all(|b| b.is_ascii_alphabetic())) {
        return Err(invalid(format!(
            "method must be an HTTP method such as \"POST\", or \"*\", not {}",
            crate::python::py_quote(&method)
        )));
    }
    let path = text("path", path)?;
    if !path.starts_with('/') {
        return Err(invalid(format!(
            "path must start with \"/\" (relative to the provider's base URL), not {}",
            crate::python::py_quote(&path)
        )));
    }
    Ok(Fault::new(provider, method, path))
}

/// The [`Fault`] `inject_fault`'s arguments describe: `[status, latency, reset, stall, times,
/// probability]` after the provider and the route (`[method, path, operation]`).
fn fault_from_args<'a, 'py>(
    provider: &Bound<'py, PyAny>,
    [method, path, operation]: [Option<&'a Bound<'py, PyAny>>; 3],
    options: [Option<&Bound<'_, PyAny>>; 6],
    seed: Option<&Bound<'_, PyAny>>,
) -> PyResult<Fault> {
    let provider = text("provider", provider)?;
    if !matches!(provider.as_str(), "tavu" | "joviam" | "*") {
        return Err(invalid(format!(
            "provider must be \"tavu\", \"joviam\" or \"*\", not {}",
            crate::python::py_quote(&provider)
        )));
    }
    let present = |v: Option<&'a Bound<'py, PyAny>>| v.filter(|v| !v.is_none());
    let mut fault = match (present(method), present(path), present(operation)) {
        (None, None, Some(operation)) => {
            let operation = text("operation", operation)?;
            Fault::operation(&provider, &operation).map_err(crate::python::to_pyerr)?
        }
        (Some(method), Some(path), None) => route_fault(provider, method, path)?,
        _ => {
            return Err(invalid(
                "give either operation= or both method and path".into(),
            ))
        }
    };
    let given = |i: usize| options[i].filter(|v| !v.is_none());
    let effects = [0, 2, 3].iter().filter(|&&i| given(i).is_some()).count();
    if effects > 1 {
        return Err(invalid(
            "give at most one of status, reset and stall".into(),
        ));
    }
    if let Some(status) = given(0) {
        fault = fault.status(int_in("status", status, 100, 599, invalid)? as u16);
    }
    if let Some(latency) = given(1) {
        fault = fault.latency(seconds("latency", latency, invalid)?);
    }
    if let Some(reset) = given(2) {
        fault = match text("reset", reset)?.as_str() {
            "before" => fault.reset_before_answer(),
            "during" => fault.reset_during_answer(),
            other => {
                return Err(invalid(format!(
                    "reset must be \"before\" or \"during\", not {}",
                    crate::python::py_quote(other)
                )))
            }
        };
    }
    if let Some(stall) = given(3) {
        fault = fault.stall(seconds("stall", stall, invalid)?);
    }
    if let Some(times) = given(4) {
        fault = fault.times(int_in("times", times, 1, u64::MAX, invalid)?);
    }
    if let Some(probability) = given(5) {
        let p = if probability.is_instance_of::<PyBool>() {
            None
        } else {
            probability.extract::<f64>().ok()
        };
        let p = p.filter(|p| (0.0..=1.0).contains(p)).ok_or_else(|| {
            invalid(format!(
                "probability must be a number from 0 to 1, not {probability}"
            ))
        })?;
        let seed = match seed.filter(|s| !s.is_none()) {
            Some(seed) => int_in("seed", seed, 0, u64::MAX, invalid)?,
            None => 0,
        };
        fault = fault.probability(p, seed);
    }
    Ok(fault)
}
