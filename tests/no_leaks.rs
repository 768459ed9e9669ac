//! The credential never shows: not in `Debug` of clients or builders, not in any error's
//! `Display` or `Debug`, for both providers, whatever went wrong. (The crate writes no logs.)

mod common;

use std::time::Duration;

use common::*;
use vpsclient::{Error, JoviamClient, TavuClient};

const SECRET: &str = "s3cr3t-Credential-Value";

fn assert_hidden(what: &str, shown: String) {
    assert!(
        !shown.contains(SECRET),
        "{what} shows the credential: {shown}"
    );
    assert!(
        !shown.contains("s3cr3t"),
        "{what} shows part of the credential: {shown}"
    );
}

fn check_error(what: &str, err: Error) {
    assert_hidden(what, format!("{err} | {err:?}"));
}

/// Every kind of failure from one client, each checked.
fn exercise(what: &str, tavu: Option<&TavuClient>, joviam: Option<&JoviamClient>) {
    let list = || -> Result<usize, Error> {
        match (tavu, joviam) {
            (Some(t), _) => t.instances().list().map(|v| v.len()),
            (_, Some(j)) => j.instances().list().map(|v| v.len()),
            _ => unreachable!(),
        }
    };
    let err = list().unwrap_err();
    check_error(what, err);
}

#[test]
fn clients_and_builders_never_print_the_credential() {
    let tavu = TavuClient::builder()
        .api_key(SECRET)
        .team_id("team")
        .build()
        .unwrap();
    let joviam = JoviamClient::builder().token(SECRET).build().unwrap();
    assert_hidden("TavuClient", format!("{tavu:?}"));
    assert_hidden("JoviamClient", format!("{joviam:?}"));
    assert_hidden(
        "TavuClientBuilder",
        format!("{:?}", TavuClient::builder().api_key(SECRET)),
    );
    assert_hidden(
        "JoviamClientBuilder",
        format!("{:?}", JoviamClient::builder().token(SECRET)),
    );
}

#[test]
fn api_errors_never_print_the_credential() {
    for status in [400, 401, 403, 404, 422, 429, 500, 502] {
        let mut server = server();
        // Errors quote what the server says; what is asserted here is that our own formatting
        // (method, URL, status, attempts) never adds the credential.
        let _t = server
            .mock("GET", "/compute/v1/instances")
            .with_status(status)
            .with_body(r#"{"message": "no"}"#)
            .create();
        let _j = server
            .mock("GET", "/instances")
            .with_status(status)
            .with_body(r#"{"error": "forbidden", "error_description": "no"}"#)
            .create();
        let tavu = TavuClient::builder()
            .api_key(SECRET)
            .base_url(server.url())
            .max_retries(0)
            .build()
            .unwrap();
        let joviam = JoviamClient::builder()
            .token(SECRET)
            .base_url(server.url())
            .max_retries(0)
            .build()
            .unwrap();
        exercise(&format!("Tavu {status}"), Some(&tavu), None);
        exercise(&format!("Joviam {status}"), None, Some(&joviam));
    }
}

#[test]
fn transport_timeout_and_decode_errors_never_print_the_credential() {
    // Refused connection.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let tavu = TavuClient::builder()
        .api_key(SECRET)
        .base_url(&url)
        .max_retries(0)
        .build()
        .unwrap();
    let joviam = JoviamClient::builder()
        .token(SECRET)
        .base_url(&url)
        .max_retries(0)
        .build()
        .unwrap();
    exercise("Tavu refused", Some(&tavu), None);
    exercise("Joviam refused", None, Some(&joviam));

    // Timeout: a listener that accepts and never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let hold = std::thread::spawn(move || {
        let held: Vec<_> = (0..2).filter_map(|_| listener.accept().ok()).collect();
        std::thread::sleep(Duration::from_millis(600));
        drop(held);
    });
    let short = Duration::from_millis(200);
    let tavu = TavuClient::builder()
        .api_key(SECRET)
        .base_url(&url)
        .timeout(short)
        .max_retries(0)
        .build()
        .unwrap();
    let joviam = JoviamClient::builder()
        .token(SECRET)
        .base_url(&url)
        .timeout(short)
        .max_retries(0)
        .build()
        .unwrap();
    let err = tavu.instances().list().unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    check_error("Tavu timeout", err);
    let err = joviam.instances().list().unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    check_error("Joviam timeout", err);
    hold.join().unwrap();

    // Decode error.
    let mut server = server();
    let _t = server
        .mock("GET", "/compute/v1/instances")
        .with_body("<html>")
        .create();
    let _j = server
        .mock("GET", "/instances")
        .with_body("<html>")
        .create();
    let tavu = TavuClient::builder()
        .api_key(SECRET)
        .base_url(server.url())
        .build()
        .unwrap();
    let joviam = JoviamClient::builder()
        .token(SECRET)
        .base_url(server.url())
        .build()
        .unwrap();
    exercise("Tavu decode", Some(&tavu), None);
    exercise("Joviam decode", None, Some(&joviam));
}

#[test]
fn configuration_errors_never_print_the_credential() {
    let with_newline = format!("{SECRET}\r\nX-Injected: 1");
    check_error(
        "Tavu CRLF key",
        TavuClient::new(with_newline.clone()).unwrap_err(),
    );
    check_error(
        "Joviam CRLF token",
        JoviamClient::new(with_newline).unwrap_err(),
    );
    check_error(
        "Tavu plain-http URL",
        TavuClient::builder()
            .api_key(SECRET)
            .base_url("http://example.com")
            .build()
            .unwrap_err(),
    );
}
