//! Fault injection: what the client does when the network or the server misbehaves. Faults
//! below HTTP (a reset mid-body, a truncated body) come from a raw TCP listener on loopback;
//! the rest from mockito. Each test asserts the outcome a caller relies on.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::thread;
use std::time::Duration;

use common::*;
use vpsclient::{Error, TavuClient};

const INSTANCE: &str = "1c06dd09-966b-4ea7-abf1-243b2a447c60";

fn client_for(url: &str, retries: u32) -> TavuClient {
    TavuClient::builder()
        .api_key(TAVU_KEY)
        .base_url(url)
        .max_retries(retries)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

/// Serves `responses` raw, one per accepted connection, then stops.
fn raw_server(responses: Vec<Vec<u8>>) -> (String, thread::JoinHandle<usize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let handle = thread::spawn(move || {
        let mut served = 0;
        for response in responses {
            let (mut stream, _) = listener.accept().unwrap();
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(&response);
            let _ = stream.flush();
            served += 1;
            // Dropping the stream closes (or resets) the connection.
        }
        served
    });
    (url, handle)
}

#[test]
fn connection_reset_mid_body_is_a_transport_error() {
    let mut response =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
            .to_vec();
    response.extend_from_slice(br#"{"id": "1c06dd09", "name": "#);
    let (url, server) = raw_server(vec![response]);
    let err = client_for(&url, 0).instances().get(INSTANCE).unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(server.join().unwrap(), 1);
}

#[test]
fn truncated_json_is_a_decode_error() {
    let body = br#"{"id": "1c06dd09", "name": "x", "status": "act"#;
    let mut response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(body);
    let (url, server) = raw_server(vec![response]);
    let err = client_for(&url, 0).instances().get(INSTANCE).unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("{err:?}")
    };
    assert!(d.message.contains("EOF"), "{d:?}");
    server.join().unwrap();
}

#[test]
fn an_html_502_page_is_a_server_error_retried_for_get() {
    let mut server = server();
    let page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let path = format!("/compute/v1/instances/{INSTANCE}");
    let mock = server
        .mock("GET", path.as_str())
        .with_status(502)
        .with_header("content-type", "text/html")
        .with_body(page)
        .expect(3)
        .create();
    let err = client_for(&server.url(), 2)
        .instances()
        .get(INSTANCE)
        .unwrap_err();
    mock.assert();
    let Error::Server(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.status, 502);
    assert_eq!(api.attempts, 3);
    assert!(api.message.contains("502 Bad Gateway"));
    assert!(err.is_retryable());
}

#[test]
fn a_429_with_an_http_date_retry_after_then_success() {
    let mut server = server();
    let fx = fixture("tavu", "instances.list");
    let limited = server
        .mock("GET", fx.path.as_str())
        .with_status(429)
        .with_header("retry-after", "Thu, 01 Jan 1970 00:00:00 GMT")
        .expect(1)
        .create();
    let ok = server
        .mock("GET", fx.path.as_str())
        .with_body(serde_json::to_vec(fx.response.as_ref().unwrap()).unwrap())
        .expect(1)
        .create();
    let list = client_for(&server.url(), 1).instances().list().unwrap();
    limited.assert();
    ok.assert();
    assert_eq!(list.len(), 2);
}

#[test]
fn a_body_over_the_limit_is_refused() {
    let mut server = server();
    let _m = server
        .mock("GET", "/compute/v1/instances")
        .with_body(format!("[{}]", "0,".repeat(4096) + "0"))
        .create();
    let tavu = TavuClient::builder()
        .api_key(TAVU_KEY)
        .base_url(server.url())
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let err = tavu.instances().list().unwrap_err();
    let Error::Transport { message, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(message.contains("limit of 1024 bytes"), "{message}");
}

#[test]
fn invalid_utf8_is_a_decode_error() {
    let mut server = server();
    let mut body = br#"{"id": "x", "name": ""#.to_vec();
    body.extend_from_slice(&[0xff, 0xfe]);
    body.extend_from_slice(br#"", "status": "active"}"#);
    let _m = server
        .mock("GET", format!("/compute/v1/instances/{INSTANCE}").as_str())
        .with_body(body)
        .create();
    let err = client_for(&server.url(), 0)
        .instances()
        .get(INSTANCE)
        .unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.path, "name");
}

#[test]
fn a_wrong_content_type_with_a_json_body_is_read() {
    let mut server = server();
    let fx = fixture("tavu", "networks.get");
    let _m = server
        .mock("GET", fx.path.as_str())
        .with_header("content-type", "text/plain")
        .with_body(serde_json::to_vec(fx.response.as_ref().unwrap()).unwrap())
        .create();
    let network = client_for(&server.url(), 0)
        .networks()
        .get(&fx.segment(3))
        .unwrap();
    assert_eq!(network.name, "API-network-001");
}

#[test]
fn unknown_status_values_and_extra_fields_are_kept_and_ignored() {
    let mut server = server();
    let _m = server
        .mock("GET", format!("/compute/v1/instances/{INSTANCE}").as_str())
        .with_body(format!(
            r#"{{"id": "{INSTANCE}", "name": "n", "status": "hibernating", "brand_new_field": {{"x": [1, 2]}}}}"#
        ))
        .create();
    let instance = client_for(&server.url(), 0)
        .instances()
        .get(INSTANCE)
        .unwrap();
    assert_eq!(instance.status, "hibernating");
    assert!(instance.ports.is_empty());
}

#[test]
fn null_in_a_required_field_is_a_decode_error_naming_it() {
    let mut server = server();
    let _m = server
        .mock("GET", "/networking/v1/networks")
        .with_body(r#"[{"id": "a", "name": "ok"}, {"id": "b", "name": null}]"#)
        .create();
    let err = client_for(&server.url(), 0).networks().list().unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.path, "[1].name");
    assert!(d.message.contains("null"), "{d:?}");
}

#[test]
fn a_redirect_to_another_host_is_not_followed_and_nothing_reaches_it() {
    let mut other = server();
    let landed = other.mock("GET", "/elsewhere").expect(0).create();
    let mut origin = server();
    let location = format!(
        "{}/elsewhere",
        other.url().replace("127.0.0.1", "localhost")
    );
    let redirect = origin
        .mock("GET", "/networking/v1/networks")
        .match_header("authorization", TAVU_KEY)
        .with_status(302)
        .with_header("location", &location)
        .expect(1)
        .create();
    let err = client_for(&origin.url(), 2).networks().list().unwrap_err();
    redirect.assert();
    landed.assert();
    let Error::Api(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.status, 302);
    assert_eq!(api.location.as_deref(), Some(location.as_str()));
    assert!(!err.is_retryable());
}
