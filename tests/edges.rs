//! Safety at the edges of the transport: redirects, repeated requests, resets, limits, TLS
//! trust, proxies and echoed credentials. Every case runs against a scripted loopback server
//! that records each request it receives (method, path, headers, connection), so each test
//! asserts what reached the server as well as the error class and `retryable`.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use common::{TAVU_KEY, TAVU_TEAM};
use vpsclient::{Error, TavuClient};

const NETWORKS: &str = "/networking/v1/networks";
const NETWORK_BODY: &str = r#"[{"id": "n1", "name": "one"}]"#;

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    connection: usize,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the script does with a request.
enum Act {
    /// Answer with this status, extra headers and body; keep the connection open.
    Answer(u16, Vec<(String, String)>, String),
    /// Close the connection without answering.
    Close,
    /// Reset the connection (RST) without answering.
    Reset,
    /// Send the head and part of a longer body, then reset.
    ResetMidBody,
    /// Never answer.
    Hang,
}

fn ok(body: &str) -> Act {
    Act::Answer(200, vec![], body.to_owned())
}

fn redirect(status: u16, location: &str) -> Act {
    Act::Answer(
        status,
        vec![("Location".into(), location.to_owned())],
        String::new(),
    )
}

/// A loopback server that runs `script` on every request (with the request's index, from 0)
/// and records what it received.
struct Scripted {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Scripted {
    fn start(script: impl Fn(&Seen, usize) -> Act + Send + Sync + 'static) -> Scripted {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(script);
        let log = Arc::clone(&seen);
        thread::spawn(move || {
            let connections = AtomicUsize::new(0);
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let connection = connections.fetch_add(1, Ordering::SeqCst);
                let (script, log) = (Arc::clone(&script), Arc::clone(&log));
                thread::spawn(move || serve(stream, connection, &*script, &log));
            }
        });
        Scripted { url, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn count(&self, method: &str) -> usize {
        self.seen().iter().filter(|s| s.method == method).count()
    }

    fn connections(&self) -> usize {
        let mut ids: Vec<usize> = self.seen().iter().map(|s| s.connection).collect();
        ids.dedup();
        ids.len()
    }
}

fn serve(
    stream: TcpStream,
    connection: usize,
    script: &(dyn Fn(&Seen, usize) -> Act + Send + Sync),
    log: &Mutex<Vec<Seen>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut stream = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_owned();
        let path = parts.next().unwrap_or_default().to_owned();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((n, v)) = h.split_once(':') {
                headers.push((n.trim().to_owned(), v.trim().to_owned()));
            }
        }
        let length: usize = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let request = Seen {
            method,
            path,
            headers,
            connection,
        };
        let index = {
            let mut log = log.lock().unwrap();
            log.push(request.clone());
            log.len() - 1
        };
        match script(&request, index) {
            Act::Answer(status, extra, body) => {
                let mut head = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
                    body.len()
                );
                for (n, v) in extra {
                    head.push_str(&format!("{n}: {v}\r\n"));
                }
                head.push_str("\r\n");
                if stream.write_all(head.as_bytes()).is_err()
                    || stream.write_all(body.as_bytes()).is_err()
                {
                    return;
                }
            }
            Act::Close => return,
            Act::Reset => {
                reset(stream);
                return;
            }
            Act::ResetMidBody => {
                let _ = stream.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n[{\"id\": \"n1\", ",
                );
                let _ = stream.flush();
                thread::sleep(Duration::from_millis(20));
                reset(stream);
                return;
            }
            Act::Hang => {
                thread::sleep(Duration::from_secs(30));
                return;
            }
        }
    }
}

/// Closes with RST instead of FIN.
fn reset(stream: TcpStream) {
    let socket = socket2::Socket::from(stream);
    let _ = socket.set_linger(Some(Duration::ZERO));
    drop(socket);
}

fn client(url: &str, retries: u32) -> TavuClient {
    TavuClient::builder()
        .api_key(TAVU_KEY)
        .team_id(TAVU_TEAM)
        .base_url(url)
        .max_retries(retries)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

/// A loopback port with nothing listening on it.
fn dead_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    url
}

fn create_network(client: &TavuClient) -> vpsclient::Result<vpsclient::tavu::Network> {
    client
        .networks()
        .create(&vpsclient::tavu::CreateNetwork::new("net"))
}

// Problem 1: a POST redirected to a port where nothing listens was sent three times.
#[test]
fn a_redirected_post_is_sent_exactly_once() {
    let dead = dead_port_url();
    let server = Scripted::start(move |_, _| redirect(302, &format!("{dead}/elsewhere")));
    let err = create_network(&client(&server.url, 5)).unwrap_err();
    assert_eq!(server.count("POST"), 1, "{:?}", server.seen());
    let Error::Api(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.status, 302);
    assert!(api.location.as_deref().unwrap().ends_with("/elsewhere"));
    assert!(!err.is_retryable());
}

// Problem 2: a create, update or delete answered 301/302/303 became a GET and a success.
#[test]
fn writes_answered_with_a_redirect_fail_and_are_never_turned_into_gets() {
    for status in [301, 302, 303, 307, 308] {
        let server = Scripted::start(move |seen, _| match seen.method.as_str() {
            "GET" => ok(NETWORK_BODY),
            _ => redirect(status, "/networking/v1/networks"),
        });
        let tavu = client(&server.url, 2);
        let created = create_network(&tavu).unwrap_err();
        let updated = tavu
            .networks()
            .update("n1", &vpsclient::tavu::UpdateNetwork::default())
            .unwrap_err();
        let deleted = tavu.networks().delete("n1").unwrap_err();
        for err in [&created, &updated, &deleted] {
            assert_eq!(err.status(), Some(status), "{err:?}");
            assert!(matches!(err, Error::Api(_)), "{err:?}");
            assert!(!err.is_retryable());
        }
        assert_eq!(server.count("GET"), 0, "{status}: {:?}", server.seen());
        assert_eq!(server.count("POST"), 1);
        assert_eq!(server.count("PATCH") + server.count("PUT"), 1);
        assert_eq!(server.count("DELETE"), 1);
    }
}

// Problem 3: a same-origin redirect dropped Authorization (and ended in a 401).
#[test]
fn a_same_origin_redirect_keeps_every_header() {
    let server = Scripted::start(|seen, _| {
        if seen.path == NETWORKS {
            redirect(301, "/networking/v1/networks-moved")
        } else {
            ok(NETWORK_BODY)
        }
    });
    let networks = client(&server.url, 0).networks().list().unwrap();
    assert_eq!(networks.len(), 1);
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    for request in &seen {
        assert_eq!(request.header("authorization"), Some(TAVU_KEY));
        assert_eq!(request.header("x-team-id"), Some(TAVU_TEAM));
    }
}

// Problem 3: a GET followed redirects to plain-http hosts and sent X-Team-Id elsewhere.
#[test]
fn a_get_never_leaves_its_origin() {
    let other = Scripted::start(|_, _| ok(NETWORK_BODY));
    let other_url = other.url.replace("127.0.0.1", "localhost");
    for location in [
        format!("{other_url}{NETWORKS}"),
        "http://example.com/networking/v1/networks".to_owned(),
        format!("{}{NETWORKS}", other.url.replace("http://", "https://")),
    ] {
        let target = location.clone();
        let origin = Scripted::start(move |_, _| redirect(302, &target));
        let err = client(&origin.url, 3).networks().list().unwrap_err();
        let Error::Api(api) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(api.location.as_deref(), Some(location.as_str()));
        assert!(api.message.contains("another origin"), "{}", api.message);
        assert!(!err.is_retryable());
        assert_eq!(origin.seen().len(), 1);
    }
    assert_eq!(other.seen().len(), 0, "nothing may reach another origin");
}

#[test]
fn a_get_follows_at_most_five_redirects() {
    let server = Scripted::start(|_, i| redirect(302, &format!("/hop/{i}")));
    let err = client(&server.url, 0).networks().list().unwrap_err();
    assert_eq!(server.count("GET"), 6);
    let Error::Api(api) = &err else {
        panic!("{err:?}")
    };
    assert!(api.message.contains("more than 5 redirects"), "{api:?}");
}

// Problem 6: a kept-alive connection the server closed as the request went out.
#[test]
fn idempotent_calls_survive_a_dropped_kept_alive_connection() {
    for act in ["close", "reset", "reset-mid-body"] {
        let server = Scripted::start(move |_, i| match (i, act) {
            (1, "close") => Act::Close,
            (1, "reset") => Act::Reset,
            (1, _) => Act::ResetMidBody,
            _ => ok(NETWORK_BODY),
        });
        let tavu = client(&server.url, 2);
        tavu.networks().list().unwrap();
        let second = tavu.networks().list();
        assert!(second.is_ok(), "{act}: {second:?}");
        assert_eq!(server.count("GET"), 3, "{act}");
        assert_eq!(
            server.connections(),
            2,
            "{act}: the retry opened a new connection"
        );
    }
}

#[test]
fn a_post_on_a_dropped_connection_is_not_repeated() {
    for act in ["close", "reset", "reset-mid-body"] {
        let server = Scripted::start(move |seen, _| match (seen.method.as_str(), act) {
            ("GET", _) => ok(NETWORK_BODY),
            (_, "close") => Act::Close,
            (_, "reset") => Act::Reset,
            _ => Act::ResetMidBody,
        });
        let tavu = client(&server.url, 3);
        tavu.networks().list().unwrap();
        let err = create_network(&tavu).unwrap_err();
        assert!(matches!(err, Error::Transport { .. }), "{act}: {err:?}");
        assert!(!err.is_retryable(), "{act}: {err:?}");
        assert_eq!(server.count("POST"), 1, "{act}");
    }
}

// A POST whose connection was never made is safe to repeat, and is repeated.
#[test]
fn a_post_to_a_refused_port_is_retried_and_marked_retryable() {
    let err = create_network(&client(&dead_port_url(), 2)).unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(err.attempts(), 3);
    assert!(err.is_retryable());
}

// Problem 7: a 100 KB path parameter was a retryable transport error.
#[test]
fn a_too_long_path_parameter_is_an_invalid_argument_and_nothing_is_sent() {
    let server = Scripted::start(|_, _| ok("{}"));
    let long = "x".repeat(100 * 1024);
    let err = client(&server.url, 2).networks().get(&long).unwrap_err();
    let Error::InvalidArgument(message) = &err else {
        panic!("{err:?}")
    };
    assert!(message.contains("network_id"), "{message}");
    assert!(!err.is_retryable());
    assert!(server.seen().is_empty());
}

// Problem 7: oversize bodies and POST timeouts were marked retryable.
#[test]
fn an_oversize_body_is_not_retryable_and_not_retried() {
    let big = format!("[{}]", vec![r#"{"id":"n","name":"x"}"#; 200].join(","));
    let server = Scripted::start(move |_, _| ok(&big));
    let tavu = TavuClient::builder()
        .api_key(TAVU_KEY)
        .base_url(&server.url)
        .max_response_bytes(1000)
        .build()
        .unwrap();
    let err = tavu.networks().list().unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(!err.is_retryable());
    assert_eq!(server.count("GET"), 1);
}

#[test]
fn a_timeout_is_retryable_only_where_repeating_is_safe() {
    let server = Scripted::start(|_, _| Act::Hang);
    let tavu = TavuClient::builder()
        .api_key(TAVU_KEY)
        .base_url(&server.url)
        .timeout(Duration::from_millis(300))
        .max_retries(2)
        .build()
        .unwrap();
    let post = create_network(&tavu).unwrap_err();
    assert!(matches!(post, Error::Timeout { .. }), "{post:?}");
    assert!(
        !post.is_retryable(),
        "a POST that timed out may have been carried out"
    );
    assert_eq!(server.count("POST"), 1);
    let get = tavu.networks().list().unwrap_err();
    assert!(matches!(get, Error::Timeout { .. }), "{get:?}");
    assert!(get.is_retryable());
}

#[test]
fn server_errors_are_retryable_only_for_idempotent_methods() {
    let server = Scripted::start(|_, _| Act::Answer(500, vec![], "{}".into()));
    let tavu = client(&server.url, 2);
    let post = create_network(&tavu).unwrap_err();
    assert!(matches!(post, Error::Server(_)));
    assert!(!post.is_retryable());
    assert_eq!(server.count("POST"), 1);
    let get = tavu.networks().get("n1").unwrap_err();
    assert!(get.is_retryable());
    let limited = Scripted::start(|_, _| Act::Answer(429, vec![], "{}".into()));
    let post = create_network(&client(&limited.url, 0)).unwrap_err();
    assert!(post.is_retryable(), "a 429 means the server did not act");
}

// Problem 8: a server that echoes the key had it quoted verbatim in the message.
#[test]
fn an_echoed_credential_is_masked_in_messages_and_details() {
    let body = format!(
        r#"{{"message": "key {TAVU_KEY} is revoked", "details": {{"key": ["{TAVU_KEY}"]}}}}"#
    );
    let server = Scripted::start(move |seen, _| match seen.method.as_str() {
        "GET" if seen.path == NETWORKS => {
            Act::Answer(200, vec![], format!("[{{\"oops\": \"{TAVU_KEY}\""))
        }
        _ => Act::Answer(401, vec![], body.clone()),
    });
    let tavu = client(&server.url, 0);
    let err = tavu.networks().get("n1").unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains(TAVU_KEY), "{text}");
    assert!(text.contains("***"), "{text}");
    let decode = tavu.networks().list().unwrap_err();
    let text = format!("{decode} {decode:?}");
    assert!(matches!(decode, Error::Decode(_)), "{text}");
    assert!(!text.contains(TAVU_KEY), "{text}");
}

#[test]
fn bad_settings_are_config_errors_naming_the_setting() {
    let build = |b: vpsclient::tavu::TavuClientBuilder| b.api_key(TAVU_KEY).build().unwrap_err();
    let cases = [
        (
            build(TavuClient::builder().max_response_bytes(0)),
            "max_response_bytes",
        ),
        (
            build(TavuClient::builder().timeout(Duration::ZERO)),
            "timeout",
        ),
        (
            build(TavuClient::builder().max_retries(1000)),
            "max_retries",
        ),
        (build(TavuClient::builder().team_id("")), "team_id"),
        (
            build(TavuClient::builder().base_url("https://me:hunter22@api.tavu.io")),
            "user info",
        ),
        (
            build(TavuClient::builder().ca_bundle("/no/such/file.pem")),
            "ca_bundle",
        ),
        (
            build(TavuClient::builder().proxy("not a url at all")),
            "proxy",
        ),
    ];
    for (err, named) in cases {
        assert!(matches!(err, Error::Config(_)), "{err:?}");
        let text = err.to_string();
        assert!(text.contains(named), "{text}");
        assert!(!text.contains("hunter22"), "{text}");
    }
    let err = TavuClient::builder()
        .api_key("k\u{e9}y-123")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)) && err.to_string().contains("api_key"));
}

// TLS: a private CA is refused by default and trusted with ca_bundle.
#[test]
fn a_private_ca_is_trusted_only_through_ca_bundle() {
    let (url, ca_pem, hits) = tls_server();
    let dir = std::env::temp_dir().join(format!("vpsclient-ca-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ca_file = dir.join("ca.pem");
    std::fs::write(&ca_file, &ca_pem).unwrap();

    let untrusted = TavuClient::builder()
        .api_key(TAVU_KEY)
        .base_url(&url)
        .no_proxy()
        .max_retries(2)
        .build()
        .unwrap()
        .networks()
        .list()
        .unwrap_err();
    assert!(
        matches!(untrusted, Error::Transport { .. }),
        "{untrusted:?}"
    );
    assert!(
        !untrusted.is_retryable(),
        "an untrusted certificate will not change: {untrusted:?}"
    );
    assert_eq!(untrusted.attempts(), 1);

    for bundle in [ca_file.clone(), dir.clone()] {
        let networks = TavuClient::builder()
            .api_key(TAVU_KEY)
            .base_url(&url)
            .ca_bundle(bundle)
            .no_proxy()
            .build()
            .unwrap()
            .networks()
            .list()
            .unwrap();
        assert_eq!(networks.len(), 1);
    }
    assert_eq!(
        hits.load(Ordering::SeqCst),
        2,
        "only the trusted calls got through"
    );

    std::fs::write(dir.join("ca.pem"), "not a certificate").unwrap();
    let err = TavuClient::builder()
        .api_key(TAVU_KEY)
        .ca_bundle(&ca_file)
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("ca_bundle")),
        "{err:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// An HTTPS server on loopback with a certificate for `localhost` signed by a CA made here;
/// returns its URL, the CA's PEM and a count of requests it answered.
fn tls_server() -> (String, String, Arc<AtomicUsize>) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let issuer = rcgen::Issuer::new(ca_params, ca_key);
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["localhost".to_owned()])
        .unwrap()
        .signed_by(&leaf_key, &issuer)
        .unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![leaf.der().clone()],
            rustls::pki_types::PrivateKeyDer::try_from(leaf_key.serialize_der()).unwrap(),
        )
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&hits);
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let (config, counter) = (Arc::clone(&config), Arc::clone(&counter));
            thread::spawn(move || {
                let conn = rustls::ServerConnection::new(config).unwrap();
                let mut tls = rustls::StreamOwned::new(conn, stream);
                let mut reader = BufReader::new(&mut tls);
                loop {
                    let mut line = String::new();
                    match reader.read_line(&mut line) {
                        Ok(0) | Err(_) => return,
                        Ok(_) if line == "\r\n" => break,
                        Ok(_) => {}
                    }
                }
                drop(reader);
                counter.fetch_add(1, Ordering::SeqCst);
                let response = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{NETWORK_BODY}",
                    NETWORK_BODY.len()
                );
                let _ = tls.write_all(response.as_bytes());
                tls.conn.send_close_notify();
                let _ = tls.flush();
            });
        }
    });
    (format!("https://localhost:{port}"), ca.pem(), hits)
}

// Proxies: an explicit proxy is used even for loopback (ureq tunnels with CONNECT).
#[test]
fn an_explicit_proxy_receives_the_requests() {
    let proxy = Scripted::start(|_, _| Act::Close);
    let target = Scripted::start(|_, _| ok(NETWORK_BODY));
    let tavu = TavuClient::builder()
        .api_key(TAVU_KEY)
        .base_url(&target.url)
        .proxy(&proxy.url)
        .max_retries(0)
        .build()
        .unwrap();
    let _ = tavu.networks().list();
    let seen = proxy.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].method, "CONNECT");
    assert_eq!(seen[0].path, target.url.trim_start_matches("http://"));
    assert!(target.seen().is_empty());
    let direct = TavuClient::builder()
        .api_key(TAVU_KEY)
        .base_url(&target.url)
        .no_proxy()
        .build()
        .unwrap();
    direct.networks().list().unwrap();
    assert_eq!(target.seen().len(), 1);
    assert_eq!(proxy.seen().len(), 1);
}
