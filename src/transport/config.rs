//! Client settings, their defaults and checks, TLS trust and proxies, and building the agent.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use ureq::http::{HeaderName, HeaderValue, Uri};

use super::exchange::strip_userinfo;
use super::interrupt::InterruptibleTcp;
use super::{Interrupt, Origin, Shared, Transport, MAX_POOL_SIZE, MAX_RETRIES_LIMIT};
use crate::error::{Error, Result};

/// Settings shared by both clients' builders.
#[derive(Clone)]
pub(crate) struct ClientConfig {
    pub base_url: String,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_retries: u32,
    pub max_response_bytes: u64,
    pub interrupt: Option<Interrupt>,
    pub proxy: ProxySetting,
    pub ca_bundle: Option<PathBuf>,
    pub system_trust: bool,
    pub pool_size: usize,
}

impl ClientConfig {
    pub(crate) fn new(base_url: &str) -> Self {
        ClientConfig {
            base_url: base_url.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            interrupt: None,
            proxy: ProxySetting::Environment,
            ca_bundle: None,
            system_trust: false,
            pool_size: DEFAULT_POOL_SIZE,
        }
    }
}

/// Where requests go through: the environment's `*_PROXY` variables, nowhere, or one proxy.
#[derive(Clone, Default)]
pub(crate) enum ProxySetting {
    /// `ALL_PROXY`, `HTTPS_PROXY` or `HTTP_PROXY`, honouring `NO_PROXY`; never for a loopback
    /// base URL.
    #[default]
    Environment,
    /// No proxy at all.
    Off,
    /// This proxy URL (it may hold credentials, so it is never echoed).
    Url(String),
}

/// Default overall timeout of one request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default timeout for opening a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Default cap on the size of a response body (64 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;
/// Default number of idle connections kept open for reuse: one per thread of a typical thread
/// pool sharing the client.
pub const DEFAULT_POOL_SIZE: usize = 16;

/// Secrets shorter than this are not searched for in server text (they would match by chance).
const MIN_REDACTED_LEN: usize = 4;

/// Checks a credential before it goes into a header: printable ASCII without spaces, so it
/// can neither break the header nor be silently re-encoded. The message names the parameter,
/// never the value.
pub(crate) fn check_credential(param: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::Config(format!("{param} must not be empty")));
    }
    if let Some(bad) = value.chars().find(|c| !c.is_ascii_graphic()) {
        let what = if bad.is_ascii_whitespace() {
            "white space".to_owned()
        } else if bad.is_ascii_control() {
            "a control character".to_owned()
        } else {
            "a character outside printable ASCII".to_owned()
        };
        return Err(Error::Config(format!(
            "{param} holds {what}; a credential is printable ASCII without spaces (the value is not shown)"
        )));
    }
    Ok(())
}

impl Transport {
    /// Builds the agent. `headers` are sent with every request (auth, team); `secrets` are
    /// the credential values, masked wherever the server's text is quoted.
    pub(crate) fn new(
        config: ClientConfig,
        headers: Vec<(&'static str, String)>,
        secrets: Vec<String>,
    ) -> Result<Self> {
        let (base_url, base_uri) = validate_base_url(&config.base_url)?;
        if config.timeout.is_zero() {
            return Err(Error::Config("timeout must be more than zero".into()));
        }
        if config.connect_timeout.is_zero() {
            return Err(Error::Config(
                "connect_timeout must be more than zero".into(),
            ));
        }
        if config.max_retries > MAX_RETRIES_LIMIT {
            return Err(Error::Config(format!(
                "max_retries must be at most {MAX_RETRIES_LIMIT}, not {}",
                config.max_retries
            )));
        }
        if config.pool_size == 0 || config.pool_size > MAX_POOL_SIZE {
            return Err(Error::Config(format!(
                "pool_size must be between 1 and {MAX_POOL_SIZE}, not {}",
                config.pool_size
            )));
        }
        if config.max_response_bytes == 0 {
            return Err(Error::Config(
                "max_response_bytes must be at least 1 (no response could be read)".into(),
            ));
        }
        let mut header_values = Vec::with_capacity(headers.len());
        for (name, value) in headers {
            let mut hv = HeaderValue::from_str(&value).map_err(|_| {
                // The value is the credential: never echo it.
                Error::Config(format!(
                    "the value for the {name} header holds characters that cannot be sent in an HTTP header"
                ))
            })?;
            hv.set_sensitive(true);
            header_values.push((HeaderName::from_static(name), hv));
        }
        let host = base_uri.host().unwrap_or_default();
        let proxy = match &config.proxy {
            ProxySetting::Off => None,
            ProxySetting::Url(url) => Some(ureq::Proxy::new(url).map_err(|_| {
                Error::Config(
                    "proxy is not a valid proxy URL (http:// or https://; the value is not shown)"
                        .into(),
                )
            })?),
            ProxySetting::Environment if is_loopback(host) => None,
            ProxySetting::Environment => ureq::Proxy::try_from_env(),
        };
        // ureq is built without SOCKS support, and its connector chain would then connect
        // straight to the API, past the proxy: refuse rather than bypass it silently.
        if let Some(p) = &proxy {
            if !matches!(
                p.protocol(),
                ureq::ProxyProtocol::Http | ureq::ProxyProtocol::Https
            ) {
                let source = match &config.proxy {
                    ProxySetting::Url(_) => "proxy",
                    _ => "the proxy from ALL_PROXY/HTTPS_PROXY/HTTP_PROXY",
                };
                return Err(Error::Config(format!(
                    "{source} is a SOCKS proxy, which vpsclient does not support: use an http:// or https:// proxy, or no proxy"
                )));
            }
        }
        let agent_config = ureq::Agent::config_builder()
            // We read the provider's error JSON ourselves.
            .http_status_as_error(false)
            // Redirects are ours to follow (see the module docs): ureq would turn a POST into
            // a GET and send custom headers to other hosts.
            .max_redirects(0)
            .timeout_global(Some(config.timeout))
            .timeout_connect(Some(config.connect_timeout))
            .user_agent(concat!("vpsclient/", env!("CARGO_PKG_VERSION")))
            .accept("application/json")
            .proxy(proxy)
            .tls_config(tls_config(&config)?)
            // One idle connection per thread sharing the client (ureq keeps 3 by default, so
            // 8 threads kept opening new ones: a TLS handshake each over real HTTPS).
            .max_idle_connections_per_host(config.pool_size)
            .max_idle_connections(config.pool_size.max(1) * 4)
            .build();
        Ok(Transport {
            shared: Arc::new(Shared {
                // ureq's connector (TLS, proxies) with a resolver that does not look the
                // host up again on every call (see resolve.rs).
                agent: ureq::Agent::with_parts(
                    agent_config,
                    connector(&config.interrupt),
                    super::resolve::CachingResolver::new(config.interrupt.clone()),
                ),
                headers: header_values,
                origin: Origin::of(&base_uri)
                    .ok_or_else(|| Error::Config("base URL has no host".into()))?,
                max_response_bytes: config.max_response_bytes,
                secrets: secrets
                    .into_iter()
                    .filter(|s| s.len() >= MIN_REDACTED_LEN)
                    .collect(),
            }),
            base_url,
            max_retries: config.max_retries,
            timeout: config.timeout,
            interrupt: config.interrupt,
        })
    }
}

/// ureq's connector chain (an HTTP CONNECT proxy, TCP, rustls) with its TCP step replaced by
/// [`InterruptibleTcp`], which lets an interrupt stop a call on the thread it watches.
fn connector(interrupt: &Option<Interrupt>) -> impl ureq::unversioned::transport::Connector {
    use ureq::unversioned::transport::{ConnectProxyConnector, Connector, RustlsConnector};
    ().chain(ConnectProxyConnector::default())
        .chain(InterruptibleTcp {
            interrupt: interrupt.clone(),
        })
        .chain(RustlsConnector::default())
}

/// The TLS trust: `ca_bundle` (or `REQUESTS_CA_BUNDLE`, or `SSL_CERT_FILE`) when given, the
/// operating system's store when asked, and the bundled Mozilla roots otherwise.
fn tls_config(config: &ClientConfig) -> Result<ureq::tls::TlsConfig> {
    let from_env = || {
        ["REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"]
            .iter()
            .find_map(|var| {
                std::env::var_os(var)
                    .filter(|v| !v.is_empty())
                    .map(|v| (*var, PathBuf::from(v)))
            })
    };
    let roots = match (&config.ca_bundle, config.system_trust) {
        (Some(_), true) => {
            return Err(Error::Config(
                "ca_bundle and system_trust exclude each other: pick one".into(),
            ))
        }
        (Some(path), false) => {
            ureq::tls::RootCerts::Specific(Arc::new(load_pem_certs("ca_bundle", path)?))
        }
        (None, true) => ureq::tls::RootCerts::PlatformVerifier,
        (None, false) => match from_env() {
            Some((var, path)) => {
                ureq::tls::RootCerts::Specific(Arc::new(load_pem_certs(var, &path)?))
            }
            None => ureq::tls::RootCerts::WebPki,
        },
    };
    Ok(ureq::tls::TlsConfig::builder().root_certs(roots).build())
}

/// Every certificate in a PEM file, or in the files of a folder (as `c_rehash` leaves them).
fn load_pem_certs(param: &str, path: &Path) -> Result<Vec<ureq::tls::Certificate<'static>>> {
    let shown = path.display();
    let files: Vec<PathBuf> = if path.is_dir() {
        let entries = std::fs::read_dir(path)
            .map_err(|e| Error::Config(format!("{param}: cannot read the folder {shown}: {e}")))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        files
    } else if path.is_file() {
        vec![path.to_owned()]
    } else {
        return Err(Error::Config(format!(
            "{param}: {shown} is neither a PEM file nor a folder of them"
        )));
    };
    let mut certs = Vec::new();
    for file in files {
        let bytes = std::fs::read(&file)
            .map_err(|e| Error::Config(format!("{param}: cannot read {}: {e}", file.display())))?;
        for item in ureq::tls::parse_pem(&bytes) {
            if let Ok(ureq::tls::PemItem::Certificate(cert)) = item {
                certs.push(cert);
            }
        }
    }
    if certs.is_empty() {
        return Err(Error::Config(format!(
            "{param}: {shown} holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
        )));
    }
    Ok(certs)
}

/// Checks the base URL and returns it without a trailing slash, with its parsed form.
///
/// HTTPS is required unless the host is loopback (local tests and the sandbox), so a typo
/// cannot send the credential in clear text across a network. A URL with user info is refused
/// (credentials travel in headers, and the password would show in every message); messages
/// quote the URL without it.
fn validate_base_url(raw: &str) -> Result<(String, Uri)> {
    let trimmed = raw.trim_end_matches('/');
    let shown = strip_userinfo(trimmed);
    let uri: Uri = trimmed
        .parse()
        .map_err(|e| Error::Config(format!("base_url {shown:?} is not a valid URL: {e}")))?;
    let Some(host) = uri.host().filter(|h| !h.is_empty()) else {
        return Err(Error::Config(format!(
            "base_url {shown:?} is not an absolute URL with a host, such as https://api.example.com/v1"
        )));
    };
    if uri.authority().is_some_and(|a| a.as_str().contains('@')) {
        return Err(Error::Config(format!(
            "base_url {shown:?} must not hold user info (user:password@): credentials are passed as api_key/token and sent in headers"
        )));
    }
    if uri.query().is_some() || trimmed.contains('#') {
        return Err(Error::Config(format!(
            "base_url {shown:?} must not carry a query or fragment"
        )));
    }
    match uri.scheme_str().map(str::to_ascii_lowercase).as_deref() {
        Some("https") => {}
        Some("http") if is_loopback(host) => {}
        Some("http") => {
            return Err(Error::Config(format!(
                "base_url {shown:?} uses plain http, which is allowed only for loopback hosts (localhost, 127.0.0.1, ::1): use https"
            )))
        }
        Some(other) => {
            return Err(Error::Config(format!(
                "base_url {shown:?} uses the scheme {other:?}: only https (or http to a loopback host) is supported"
            )))
        }
        None => {
            return Err(Error::Config(format!(
                "base_url {shown:?} has no scheme: start it with https://"
            )))
        }
    }
    Ok((trimmed.to_owned(), uri))
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .map(|ip| ip.is_loopback())
            .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_checked_without_echoing_them() {
        assert!(check_credential("api_key", "abc-123_XYZ").is_ok());
        for bad in ["", "with space", "tab\there", "k\u{e4}y", "line\nbreak"] {
            let err = check_credential("api_key", bad).unwrap_err().to_string();
            assert!(err.contains("api_key"), "{err}");
            if !bad.is_empty() {
                assert!(!err.contains(bad), "{err}");
            }
        }
    }

    #[test]
    fn base_url_rules() {
        assert_eq!(
            validate_base_url("https://api.tavu.io/vps/").unwrap().0,
            "https://api.tavu.io/vps"
        );
        let err = validate_base_url("https://user:hunter22@api.tavu.io/vps")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("user info") && !err.contains("hunter22"),
            "{err}"
        );
        let err = validate_base_url("http://example.com")
            .unwrap_err()
            .to_string();
        assert!(err.contains("plain http"), "{err}");
        assert!(validate_base_url("HTTPS://api.tavu.io").is_ok());
        assert!(validate_base_url("http://127.0.0.1:8080").is_ok());
        assert!(validate_base_url("http://localhost:1/api").is_ok());
        assert!(validate_base_url("http://[::1]:1").is_ok());
        assert!(validate_base_url("http://example.com").is_err());
        assert!(validate_base_url("ftp://example.com").is_err());
        assert!(validate_base_url("not a url").is_err());
        assert!(validate_base_url("https://x.io/?a=b").is_err());
    }
}
