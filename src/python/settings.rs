//! The settings both Python client constructors take, each checked with a `ConfigError`
//! naming the parameter.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString};

use super::errors::to_pyerr;
use crate::error::Error;

/// The connection settings both Python client constructors take, each checked with a
/// `ConfigError` that names the parameter (and never echoes a credential).
pub(crate) struct Settings {
    base_url: String,
    timeout: std::time::Duration,
    connect_timeout: std::time::Duration,
    max_retries: u32,
    max_response_bytes: u64,
    ca_bundle: Option<std::path::PathBuf>,
    system_trust: bool,
    proxy: crate::transport::ProxySetting,
    pool_size: usize,
}

impl Settings {
    /// Reads the constructor arguments `base_url, timeout, connect_timeout, max_retries,
    /// max_response_bytes, ca_bundle, system_trust, proxy, pool_size`, in that order; a missing one (or
    /// None, for those without a None meaning) takes its default.
    pub(crate) fn read(
        py: Python<'_>,
        default_base_url: &str,
        args: [Option<&Bound<'_, PyAny>>; 9],
    ) -> PyResult<Settings> {
        let none = py.None().into_bound(py);
        let given = |i: usize| args[i].filter(|v| !v.is_none());
        let base_url = match given(0) {
            Some(v) => v.clone(),
            None => PyString::new(py, default_base_url).into_any(),
        };
        let float = |i: usize, default: f64| -> PyResult<Bound<'_, PyAny>> {
            Ok(match given(i) {
                Some(v) => v.clone(),
                None => default.into_pyobject(py)?.into_any(),
            })
        };
        let timeout = float(1, crate::DEFAULT_TIMEOUT.as_secs_f64())?;
        let connect_timeout = float(2, crate::DEFAULT_CONNECT_TIMEOUT.as_secs_f64())?;
        let max_retries = match given(3) {
            Some(v) => v.clone(),
            None => crate::DEFAULT_MAX_RETRIES.into_pyobject(py)?.into_any(),
        };
        let max_response_bytes = match given(4) {
            Some(v) => v.clone(),
            None => crate::DEFAULT_MAX_RESPONSE_BYTES
                .into_pyobject(py)?
                .into_any(),
        };
        let ca_bundle = args[5].cloned().unwrap_or_else(|| none.clone());
        let system_trust = match given(6) {
            Some(v) => v.clone(),
            None => PyBool::new(py, false).to_owned().into_any(),
        };
        let proxy = args[7].cloned().unwrap_or_else(|| none.clone());
        let pool_size = match given(8) {
            Some(v) => {
                config_count("pool_size", v, 1, crate::transport::MAX_POOL_SIZE as u64)? as usize
            }
            None => crate::DEFAULT_POOL_SIZE,
        };
        let (
            base_url,
            timeout,
            connect_timeout,
            max_retries,
            max_response_bytes,
            ca_bundle,
            system_trust,
            proxy,
        ) = (
            &base_url,
            &timeout,
            &connect_timeout,
            &max_retries,
            &max_response_bytes,
            &ca_bundle,
            &system_trust,
            &proxy,
        );
        let ca_bundle = if ca_bundle.is_none() {
            None
        } else {
            let os = ca_bundle.py().import("os")?;
            let path = os.call_method1("fspath", (ca_bundle,)).map_err(|_| {
                config_error(format!(
                    "ca_bundle must be a path (str or os.PathLike) to a PEM file or folder, not {}",
                    type_name(ca_bundle)
                ))
            })?;
            match path.cast::<PyString>() {
                Ok(s) => Some(std::path::PathBuf::from(config_text("ca_bundle", s)?)),
                Err(_) => {
                    return Err(config_error(
                        "ca_bundle must be a text path (str), not bytes".into(),
                    ))
                }
            }
        };
        let proxy = if proxy.is_none() {
            crate::transport::ProxySetting::Environment
        } else if proxy.cast::<PyBool>().is_ok_and(|b| !b.is_true()) {
            crate::transport::ProxySetting::Off
        } else if let Ok(s) = proxy.cast::<PyString>() {
            crate::transport::ProxySetting::Url(config_text("proxy", s)?)
        } else {
            return Err(config_error(format!(
                "proxy must be a proxy URL (str), False for none, or None for the environment's, not {}",
                type_name(proxy)
            )));
        };
        let Ok(system_trust) = system_trust.cast::<PyBool>() else {
            return Err(config_error(format!(
                "system_trust must be True or False, not {}",
                type_name(system_trust)
            )));
        };
        Ok(Settings {
            base_url: match base_url.cast::<PyString>() {
                Ok(s) => config_text("base_url", s)?,
                Err(_) => {
                    return Err(config_error(format!(
                        "base_url must be a str, not {}",
                        type_name(base_url)
                    )))
                }
            },
            timeout: config_seconds("timeout", timeout)?,
            connect_timeout: config_seconds("connect_timeout", connect_timeout)?,
            max_retries: config_count(
                "max_retries",
                max_retries,
                0,
                crate::transport::MAX_RETRIES_LIMIT.into(),
            )? as u32,
            max_response_bytes: config_count(
                "max_response_bytes",
                max_response_bytes,
                1,
                u64::MAX,
            )?,
            ca_bundle,
            system_trust: system_trust.is_true(),
            proxy,
            pool_size,
        })
    }

    pub(crate) fn apply(self, config: &mut crate::transport::ClientConfig) {
        config.base_url = self.base_url;
        config.timeout = self.timeout;
        config.connect_timeout = self.connect_timeout;
        config.max_retries = self.max_retries;
        config.max_response_bytes = self.max_response_bytes;
        config.ca_bundle = self.ca_bundle;
        config.system_trust = self.system_trust;
        config.proxy = self.proxy;
        config.pool_size = self.pool_size;
    }
}

/// A `ConfigError` with this message.
pub(crate) fn config_error(message: String) -> PyErr {
    to_pyerr(Error::Config(message))
}

/// The name of a value's type, for messages that must not echo the value.
pub(crate) fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an unknown type".into())
}

/// A `str` setting as Rust text; unencodable text is a `ConfigError` naming it.
fn config_text(name: &str, s: &Bound<'_, PyString>) -> PyResult<String> {
    s.to_cow().map(|t| t.into_owned()).map_err(|_| {
        config_error(format!(
            "{name} holds characters that cannot be encoded as UTF-8 (a lone surrogate)"
        ))
    })
}

/// A credential argument: None (then the environment variable is read) or a `str`. Its value
/// is never echoed; the Rust builder checks its characters.
pub(crate) fn credential(name: &str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    match value.cast::<PyString>() {
        Ok(s) => s.to_cow().map(|t| Some(t.into_owned())).map_err(|_| {
            config_error(format!(
                "{name} holds characters that are not printable ASCII (the value is not shown)"
            ))
        }),
        Err(_) => Err(config_error(format!(
            "{name} must be a str, not {} (the value is not shown)",
            type_name(value)
        ))),
    }
}

/// A number of seconds given as an int or float (not a bool), or the error `fail` builds.
/// The caller checks the range.
pub(crate) fn seconds_number(
    name: &str,
    value: &Bound<'_, PyAny>,
    fail: fn(String) -> PyErr,
) -> PyResult<f64> {
    let number = if value.is_instance_of::<PyBool>() {
        None
    } else if value.is_instance_of::<PyInt>() || value.is_instance_of::<PyFloat>() {
        value.extract::<f64>().ok()
    } else {
        None
    };
    number.ok_or_else(|| {
        fail(format!(
            "{name} must be a number of seconds (int or float), not {}",
            type_name(value)
        ))
    })
}

/// A positive, finite number of seconds (int or float, not bool).
fn config_seconds(name: &str, value: &Bound<'_, PyAny>) -> PyResult<std::time::Duration> {
    let number = seconds_number(name, value, config_error)?;
    std::time::Duration::try_from_secs_f64(number)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            config_error(format!(
                "{name} must be a positive, finite number of seconds, not {number}"
            ))
        })
}

/// A whole number in `min..=max` (an int, not a bool), as a setting.
fn config_count(name: &str, value: &Bound<'_, PyAny>, min: u64, max: u64) -> PyResult<u64> {
    int_in(name, value, min, max, config_error)
}

/// A whole number in `min..=max` (an int, not a bool), or the error `fail` builds.
pub(crate) fn int_in(
    name: &str,
    value: &Bound<'_, PyAny>,
    min: u64,
    max: u64,
    fail: fn(String) -> PyErr,
) -> PyResult<u64> {
    if !value.is_instance_of::<PyInt>() || value.is_instance_of::<PyBool>() {
        return Err(fail(format!(
            "{name} must be an int, not {}",
            type_name(value)
        )));
    }
    match value.extract::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ if max == u64::MAX => Err(fail(format!("{name} must be at least {min}, not {value}"))),
        _ => Err(fail(format!(
            "{name} must be between {min} and {max}, not {value}"
        ))),
    }
}
