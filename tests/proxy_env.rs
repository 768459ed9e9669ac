//! The proxy and trust settings read from the environment. One test in its own binary, since
//! it changes process-wide environment variables.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;

use vpsclient::{Error, TavuClient};

/// A server answering every connection's first request with an empty list; counts requests.
fn counting_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&hits);
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            counter.fetch_add(1, Ordering::SeqCst);
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]");
        }
    });
    (url, hits)
}

#[test]
fn environment_proxies_and_ca_bundles() {
    let (proxy_url, proxied) = counting_server();
    let (target_url, direct) = counting_server();
    for var in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy"] {
        std::env::set_var(var, &proxy_url);
    }
    std::env::remove_var("NO_PROXY");
    std::env::remove_var("no_proxy");

    // A loopback base URL (the sandbox, local tests) never goes through the environment's proxy.
    let tavu = TavuClient::builder()
        .api_key("my-api-key")
        .base_url(&target_url)
        .build()
        .unwrap();
    tavu.networks().list().unwrap();
    assert_eq!(direct.load(Ordering::SeqCst), 1);
    assert_eq!(proxied.load(Ordering::SeqCst), 0);

    // Unless a proxy is asked for explicitly (the counting server answers the CONNECT, so
    // the call itself fails; what matters is where it went).
    let tavu = TavuClient::builder()
        .api_key("my-api-key")
        .base_url(&target_url)
        .proxy(&proxy_url)
        .max_retries(0)
        .build()
        .unwrap();
    let _ = tavu.networks().list();
    assert_eq!(direct.load(Ordering::SeqCst), 1);
    assert_eq!(proxied.load(Ordering::SeqCst), 1);

    // REQUESTS_CA_BUNDLE is read when ca_bundle is not given; a bad one names the variable.
    std::env::set_var("REQUESTS_CA_BUNDLE", "/no/such/bundle.pem");
    let err = TavuClient::builder()
        .api_key("my-api-key")
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("REQUESTS_CA_BUNDLE")),
        "{err:?}"
    );
    std::env::remove_var("REQUESTS_CA_BUNDLE");
    std::env::set_var("SSL_CERT_FILE", "/no/such/bundle.pem");
    let err = TavuClient::builder()
        .api_key("my-api-key")
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("SSL_CERT_FILE")),
        "{err:?}"
    );
    std::env::remove_var("SSL_CERT_FILE");

    // SOCKS proxies are not supported: refused, never bypassed (ureq would otherwise connect
    // straight to the API). From the environment, for a non-loopback host:
    for var in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy"] {
        std::env::set_var(var, "socks5://127.0.0.1:1080");
    }
    let err = TavuClient::builder()
        .api_key("my-api-key")
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("SOCKS") && m.contains("ALL_PROXY")),
        "{err:?}"
    );
    // ...and given explicitly, with the URL (which may hold credentials) not shown.
    let err = TavuClient::builder()
        .api_key("my-api-key")
        .base_url(&target_url)
        .proxy("socks5://user:secret@127.0.0.1:1080")
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("SOCKS") && !m.contains("secret")),
        "{err:?}"
    );
    for var in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy"] {
        std::env::remove_var(var);
    }
}
