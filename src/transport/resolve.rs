//! Name resolution that costs nothing on a kept-alive connection.
//!
//! ureq resolves the host before every call, even one that reuses a pooled connection, and
//! with an overall timeout set (ours always is) it does so on a new thread each time: about
//! 35 µs of a 60 µs call on loopback, and a DNS lookup per call for a real host name. This
//! resolver answers an IP literal without any lookup and keeps a host name's addresses for
//! [`DNS_TTL`], as curl does; a lookup that is needed still goes through ureq's own resolver,
//! within the call's timeout.

use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

use super::interrupt::{interrupted, run_interruptibly, watching};
use super::Interrupt;

/// How long a host name's addresses are reused (curl's default DNS cache timeout).
pub(super) const DNS_TTL: Duration = Duration::from_secs(60);

/// ureq's resolver with IP literals answered directly and the last lookup remembered. A lookup
/// on an interrupt-watched thread runs on a helper thread (see `interrupt.rs`).
#[derive(Default)]
pub(super) struct CachingResolver {
    inner: DefaultResolver,
    interrupt: Option<Interrupt>,
    /// The last lookup: its `scheme://authority`, when it was made, what it answered. One
    /// entry is enough: a client talks to one origin (redirects never leave it).
    last: Mutex<Option<(String, Instant, ResolvedSocketAddrs)>>,
}

impl std::fmt::Debug for CachingResolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachingResolver").finish_non_exhaustive()
    }
}

impl Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        if let Some(addr) = ip_literal(uri) {
            let mut addrs = self.empty();
            addrs.push(addr);
            return Ok(addrs);
        }
        let scheme = uri.scheme_str().unwrap_or_default();
        let authority = uri.authority().map(|a| a.as_str()).unwrap_or_default();
        if let Ok(last) = self.last.lock() {
            if let Some((key, at, addrs)) = last.as_ref() {
                let same = key
                    .strip_prefix(scheme)
                    .and_then(|rest| rest.strip_prefix("://"))
                    == Some(authority);
                if same && at.elapsed() < DNS_TTL {
                    return Ok(addrs.clone());
                }
            }
        }
        let addrs = match watching(&self.interrupt) {
            Some(interrupt) => self.resolve_on_helper(uri, interrupt)?,
            None => self.inner.resolve(uri, config, timeout)?,
        };
        if let Ok(mut last) = self.last.lock() {
            let key = format!("{scheme}://{authority}");
            *last = Some((key, Instant::now(), addrs.clone()));
        }
        Ok(addrs)
    }
}

impl CachingResolver {
    /// A resolver whose lookups on the thread `interrupt` watches can be interrupted.
    pub(super) fn new(interrupt: Option<Interrupt>) -> Self {
        CachingResolver {
            interrupt,
            ..Default::default()
        }
    }

    /// A lookup on a helper thread while this one runs the interrupt check.
    fn resolve_on_helper(
        &self,
        uri: &Uri,
        interrupt: &Interrupt,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let (Some(scheme), Some(authority)) = (uri.scheme(), uri.authority()) else {
            return Err(ureq::Error::HostNotFound);
        };
        let host_port =
            DefaultResolver::host_and_port(scheme, authority).ok_or(ureq::Error::HostNotFound)?;
        let found = run_interruptibly(interrupt, move || {
            host_port
                .to_socket_addrs()
                .map(|found| found.collect::<Vec<_>>())
        })
        .ok_or_else(interrupted)??;
        let mut addrs = self.empty();
        for addr in found.into_iter().take(16) {
            addrs.push(addr);
        }
        if addrs.is_empty() {
            return Err(ureq::Error::HostNotFound);
        }
        Ok(addrs)
    }
}

/// The socket address of a URI whose host is an IP address (`127.0.0.1`, `[::1]`), with its
/// port or the scheme's default.
fn ip_literal(uri: &Uri) -> Option<SocketAddr> {
    let host = uri.host()?;
    let ip: IpAddr = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host)
        .parse()
        .ok()?;
    let port = uri.port_u16().or(match uri.scheme_str()? {
        "https" => Some(443),
        "http" => Some(80),
        _ => None,
    })?;
    Some(SocketAddr::new(ip, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_literals_need_no_lookup() {
        let cases = [
            ("http://127.0.0.1:8080/x", Some("127.0.0.1:8080")),
            ("https://127.0.0.1/x", Some("127.0.0.1:443")),
            ("http://[::1]:9/x", Some("[::1]:9")),
            ("http://[::1]/x", Some("[::1]:80")),
            ("https://api.tavu.io/vps", None),
            ("https://localhost:8443/", None),
        ];
        for (uri, expected) in cases {
            let uri: Uri = uri.parse().unwrap();
            assert_eq!(
                ip_literal(&uri),
                expected.map(|e| e.parse().unwrap()),
                "{uri}"
            );
        }
    }

    #[test]
    fn a_host_name_is_looked_up_once_per_ttl() {
        let resolver = CachingResolver::default();
        let config = ureq::config::Config::default();
        let uri: Uri = "http://localhost:8080/x".parse().unwrap();
        let first = resolver.resolve(&uri, &config, NextTimeout::default());
        let Ok(first) = first else {
            return; // no resolver for "localhost" on this machine: nothing to check
        };
        assert!(first
            .iter()
            .all(|a| a.port() == 8080 && a.ip().is_loopback()));
        let cached = resolver
            .last
            .lock()
            .unwrap()
            .as_ref()
            .map(|(k, _, _)| k.clone());
        assert_eq!(cached.as_deref(), Some("http://localhost:8080"));
        let again = resolver
            .resolve(&uri, &config, NextTimeout::default())
            .unwrap();
        assert_eq!(&*again, &*first);
    }
}
