//! The error model and the retry policy of the shared transport, seen through the Tavu client:
//! each HTTP error status maps to its variant with status, method, URL and the server's
//! message; retries happen only where repeating the request is safe.

mod common;

use std::time::{Duration, Instant};

use common::*;
use mockito::Matcher;
use vpsclient::{Error, TavuClient};

const INSTANCE: &str = "1c06dd09-966b-4ea7-abf1-243b2a447c60";
const INSTANCES: &str = "/compute/v1/instances";

fn client(server: &mockito::ServerGuard, retries: u32) -> TavuClient {
    TavuClient::builder()
        .api_key(TAVU_KEY)
        .base_url(server.url())
        .max_retries(retries)
        .build()
        .unwrap()
}

fn get_path() -> String {
    format!("{INSTANCES}/{INSTANCE}")
}

/// Serves one error answer to a GET of an instance and returns the error.
fn error_for(status: usize, body: &str, headers: &[(&str, &str)]) -> Error {
    let mut server = server();
    let mut mock = server
        .mock("GET", get_path().as_str())
        .with_status(status)
        .with_body(body);
    for (name, value) in headers {
        mock = mock.with_header(*name, value);
    }
    let mock = mock.expect(1).create();
    let err = client(&server, 0).instances().get(INSTANCE).unwrap_err();
    mock.assert();
    assert_eq!(err.status(), Some(status as u16));
    let api = err.api().expect("an API error");
    assert_eq!(api.method, "GET");
    assert_eq!(api.url, format!("{}{}", server.url(), get_path()));
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(TAVU_KEY), "the credential leaked: {shown}");
    err
}

#[test]
fn status_400_is_bad_request_with_the_hint() {
    let err = error_for(400, r#"{"message": "Name can't be blank"}"#, &[]);
    assert!(matches!(err, Error::BadRequest(_)), "{err:?}");
    assert_eq!(err.api().unwrap().message, "Name can't be blank");
}

#[test]
fn status_401_is_authentication() {
    let err = error_for(401, r#"{"error": "unauthorized"}"#, &[]);
    assert!(matches!(err, Error::Authentication(_)), "{err:?}");
    assert_eq!(err.api().unwrap().code.as_deref(), Some("unauthorized"));
}

#[test]
fn status_403_is_permission_denied() {
    let err = error_for(
        403,
        r#"{"message": "You do not have the permissions"}"#,
        &[],
    );
    assert!(matches!(err, Error::PermissionDenied(_)), "{err:?}");
    assert!(err.to_string().contains("You do not have the permissions"));
}

#[test]
fn status_404_is_not_found_with_request_id() {
    let err = error_for(
        404,
        r#"{"message": "Instance not found"}"#,
        &[("x-openstack-request-id", "req-42")],
    );
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
    let api = err.api().unwrap();
    assert_eq!(api.message, "Instance not found");
    assert_eq!(api.request_id.as_deref(), Some("req-42"));
}

#[test]
fn status_429_is_rate_limit_with_retry_after() {
    let err = error_for(429, "Too Many Requests", &[("retry-after", "7")]);
    assert!(matches!(err, Error::RateLimit(_)), "{err:?}");
    assert_eq!(err.api().unwrap().retry_after, Some(Duration::from_secs(7)));
}

#[test]
fn status_500_is_server_error_with_a_non_json_body() {
    let err = error_for(500, "<html><body>Internal Server Error</body></html>", &[]);
    assert!(matches!(err, Error::Server(_)), "{err:?}");
    assert!(err.api().unwrap().message.contains("Internal Server Error"));
}

#[test]
fn other_statuses_are_api_errors() {
    let err = error_for(409, r#"{"message": "conflict"}"#, &[]);
    assert!(matches!(err, Error::Api(_)), "{err:?}");
}

#[test]
fn a_mismatched_body_is_a_decode_error_naming_the_field() {
    let mut server = server();
    let _m = server
        .mock("GET", get_path().as_str())
        .with_body(r#"{"id": "x", "name": "n", "status": "active", "ports": [{"id": "p", "network_id": 5}]}"#)
        .create();
    let err = client(&server, 0).instances().get(INSTANCE).unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.status, 200);
    assert_eq!(d.path, "ports[0].network_id");
    assert!(d.excerpt.starts_with("{\"id\""));
}

#[test]
fn an_empty_body_where_json_is_expected_is_a_decode_error() {
    let mut server = server();
    let _m = server
        .mock("GET", get_path().as_str())
        .with_body("")
        .create();
    let err = client(&server, 0).instances().get(INSTANCE).unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
}

#[test]
fn get_is_retried_after_503_twice_then_succeeds() {
    let mut server = server();
    let fx = fixture("tavu", "instances.get");
    let failing = server
        .mock("GET", get_path().as_str())
        .with_status(503)
        .expect(2)
        .create();
    let ok = server
        .mock("GET", get_path().as_str())
        .with_body(serde_json::to_vec(fx.response.as_ref().unwrap()).unwrap())
        .expect(1)
        .create();
    let instance = client(&server, 2).instances().get(INSTANCE).unwrap();
    failing.assert();
    ok.assert();
    assert_eq!(instance.id, INSTANCE);
}

#[test]
fn retries_stop_at_max_retries() {
    let mut server = server();
    let failing = server
        .mock("GET", get_path().as_str())
        .with_status(503)
        .expect(2)
        .create();
    let err = client(&server, 1).instances().get(INSTANCE).unwrap_err();
    failing.assert();
    assert!(matches!(err, Error::Server(_)), "{err:?}");
}

#[test]
fn a_429_is_retried_after_the_servers_delay_even_for_post() {
    let mut server = server();
    let fx = fixture("tavu", "security_groups.create");
    let limited = server
        .mock("POST", fx.path.as_str())
        .with_status(429)
        .with_header("retry-after", "1")
        .expect(1)
        .create();
    let ok = server
        .mock("POST", fx.path.as_str())
        .match_body(Matcher::Json(fx.request.clone().unwrap()))
        .with_status(201)
        .with_body(serde_json::to_vec(fx.response.as_ref().unwrap()).unwrap())
        .expect(1)
        .create();
    let started = Instant::now();
    let group = client(&server, 2)
        .security_groups()
        .create(&vpsclient::tavu::CreateSecurityGroup {
            description: Some("This is an example security group.".into()),
            ..vpsclient::tavu::CreateSecurityGroup::new("Api-security-group-001")
        })
        .unwrap();
    limited.assert();
    ok.assert();
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "Retry-After was not honoured"
    );
    assert_eq!(group.name, "Api-security-group-001");
}

#[test]
fn a_create_that_got_500_is_not_repeated() {
    let mut server = server();
    let fx = fixture("tavu", "networks.create");
    let failing = server
        .mock("POST", fx.path.as_str())
        .with_status(500)
        .expect(1)
        .create();
    let err = client(&server, 2)
        .networks()
        .create(&vpsclient::tavu::CreateNetwork::new("API-network-001"))
        .unwrap_err();
    failing.assert();
    assert!(matches!(err, Error::Server(_)), "{err:?}");
}

#[test]
fn a_post_that_got_503_is_not_repeated() {
    let mut server = server();
    let path = format!("{INSTANCES}/{INSTANCE}/action");
    let failing = server
        .mock("POST", path.as_str())
        .with_status(503)
        .expect(1)
        .create();
    let err = client(&server, 2).instances().start(INSTANCE).unwrap_err();
    failing.assert();
    assert!(matches!(err, Error::Server(_)), "{err:?}");
}

#[test]
fn a_refused_connection_is_a_transport_error() {
    // Bind then drop a listener so the port is (almost certainly) closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let tavu = TavuClient::builder()
        .api_key(TAVU_KEY)
        .base_url(format!("http://127.0.0.1:{port}"))
        .max_retries(1)
        .build()
        .unwrap();
    let err = tavu.instances().list().unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(!format!("{err:?}").contains(TAVU_KEY));
}

#[test]
fn a_server_slower_than_the_timeout_is_a_timeout() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Accept and hold the connection without answering until the client has given up, so the
    // outcome cannot depend on how busy the machine is.
    let (done, release) = std::sync::mpsc::channel::<()>();
    let holder = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let _ = release.recv_timeout(Duration::from_secs(30));
        drop(stream);
    });
    let tavu = TavuClient::builder()
        .api_key(TAVU_KEY)
        .base_url(format!("http://127.0.0.1:{port}"))
        .timeout(Duration::from_millis(300))
        .max_retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let err = tavu.instances().list().unwrap_err();
    let waited = started.elapsed();
    done.send(()).unwrap();
    holder.join().unwrap();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    // The 300 ms timeout fired, well before the 30 s the server would have held on.
    assert!(
        waited >= Duration::from_millis(300) && waited < Duration::from_secs(10),
        "{waited:?}"
    );
}

#[test]
fn a_missing_key_or_a_bad_setting_fails_at_construction() {
    let no_key = TavuClient::builder().api_key("").build().unwrap_err();
    assert!(matches!(no_key, Error::Config(_)), "{no_key:?}");
    let injected = TavuClient::new("secret\r\nX-Evil: 1").unwrap_err();
    assert!(matches!(injected, Error::Config(_)));
    assert!(!injected.to_string().contains("secret"));
    let plain_http = TavuClient::builder()
        .api_key("k")
        .base_url("http://api.tavu.io/vps")
        .build()
        .unwrap_err();
    assert!(matches!(plain_http, Error::Config(_)));
}

#[test]
fn debug_output_never_shows_the_key() {
    let tavu = TavuClient::builder()
        .api_key("super-secret-key")
        .team_id("team-1")
        .build()
        .unwrap();
    let shown = format!(
        "{tavu:?} {:?}",
        TavuClient::builder().api_key("super-secret-key")
    );
    assert!(!shown.contains("super-secret-key"), "{shown}");
    assert!(shown.contains("team-1"));
}

/// A list far larger than one read chunk (1 MiB) is decoded element by element; the result
/// is the same as decoding it whole, and a bad element is named by its index.
#[test]
fn a_large_list_decodes_whole_and_names_a_bad_element_by_index() {
    let examples = fixture("tavu", "instances.list").response.unwrap();
    let examples = examples.as_array().unwrap();
    let many: Vec<serde_json::Value> = (0..2_000)
        .map(|i| {
            let mut one = examples[i % examples.len()].clone();
            one["name"] = format!("web-{i}, \"quoted\" [x] {{y}}").into();
            one
        })
        .collect();
    let body = serde_json::to_string(&many).unwrap();
    assert!(body.len() > 3 << 20, "{} bytes", body.len());
    let mut server = server();
    let _m = server
        .mock("GET", "/compute/v1/instances")
        .with_body(&body)
        .create();
    let list = client(&server, 0).instances().list().unwrap();
    let whole: Vec<vpsclient::tavu::Instance> = serde_json::from_str(&body).unwrap();
    assert_eq!(list, whole);
    assert_eq!(list[1_234].name, "web-1234, \"quoted\" [x] {y}");

    let mut broken = many;
    broken[1_500]["ports"][0]["network_id"] = 5.into();
    let body = serde_json::to_string(&broken).unwrap();
    let _m = server
        .mock("GET", "/compute/v1/instances")
        .with_body(&body)
        .create();
    let err = client(&server, 0).instances().list().unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.path, "[1500].ports[0].network_id");
    assert!(
        d.excerpt.starts_with("[{\"") && d.excerpt.ends_with('…'),
        "{}",
        d.excerpt
    );
}
