//! Shared test harness: loads the reference's examples (tests/fixtures/<provider>/<op>.json),
//! serves them from mockito with every request detail matched, and compares parsed results
//! with the example response field by field.

#![allow(dead_code)]

use mockito::{Matcher, Mock, Server, ServerGuard};
use serde::Serialize;
use serde_json::Value;

pub const TAVU_KEY: &str = "my-api-key";
pub const TAVU_TEAM: &str = "my-team";
pub const JOVIAM_TOKEN: &str = "my-access-token";

/// One operation's example from the reference.
#[derive(Debug, serde::Deserialize)]
pub struct Fixture {
    pub operation: String,
    pub method: String,
    pub path: String,
    pub request: Option<Value>,
    pub response: Option<Value>,
    /// The reference's path template, e.g. `/disks/{disk_id}` (Joviam fixtures).
    #[serde(default)]
    pub path_template: Option<String>,
    /// The HTTP status the reference's example shows (Joviam fixtures: 200, 201 or 202).
    #[serde(default)]
    pub status: Option<usize>,
}

impl Fixture {
    /// The path parameter at `index` of the example path's segments (0-based, after the base).
    pub fn segment(&self, index: usize) -> String {
        self.path
            .split('/')
            .filter(|s| !s.is_empty())
            .nth(index)
            .unwrap()
            .to_owned()
    }
}

pub fn fixture(provider: &str, operation: &str) -> Fixture {
    let path = format!(
        "{}/tests/fixtures/{provider}/{operation}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// A Tavu client pointed at the mock server, with a key and a team.
pub fn tavu(server: &ServerGuard) -> vpsclient::TavuClient {
    vpsclient::TavuClient::builder()
        .api_key(TAVU_KEY)
        .team_id(TAVU_TEAM)
        .base_url(server.url())
        .max_retries(0)
        .build()
        .unwrap()
}

/// Mocks the fixture's exchange for Tavu: the exact method and path, the auth and team
/// headers, the exact JSON body (or no body), answered with the example response (or an
/// empty 200). `.assert()` the returned mock after the call.
pub fn mock_tavu(server: &mut ServerGuard, fx: &Fixture) -> Mock {
    let mock = server
        .mock(fx.method.as_str(), fx.path.as_str())
        .match_header("authorization", TAVU_KEY)
        .match_header("x-team-id", TAVU_TEAM);
    respond(expect_body(common_headers(mock), fx), fx, 200)
}

/// A Joviam client pointed at the mock server, with a token.
pub fn joviam(server: &ServerGuard) -> vpsclient::JoviamClient {
    vpsclient::JoviamClient::builder()
        .token(JOVIAM_TOKEN)
        .base_url(server.url())
        .max_retries(0)
        .build()
        .unwrap()
}

/// Mocks the fixture's exchange for Joviam: the exact method and path, `Authorization: Bearer
/// <token>`, the exact JSON body (or no body), answered with the example response and the
/// status the example shows. `.assert()` the returned mock after the call.
pub fn mock_joviam(server: &mut ServerGuard, fx: &Fixture) -> Mock {
    let mock = server
        .mock(fx.method.as_str(), fx.path.as_str())
        .match_header("authorization", format!("Bearer {JOVIAM_TOKEN}").as_str());
    let status = fx
        .status
        .expect("Joviam fixtures carry the example's status");
    respond(expect_body(common_headers(mock), fx), fx, status)
}

/// The example response's value at `key` (for operations answering one field, returned bare).
pub fn response_field(fx: &Fixture, key: &str) -> Value {
    fx.response.as_ref().expect("fixture has a response")[key].clone()
}

pub fn common_headers(mock: Mock) -> Mock {
    mock.match_header("user-agent", Matcher::Regex(r"^vpsclient/\d".into()))
        .match_header("accept", "application/json")
}

pub fn expect_body(mock: Mock, fx: &Fixture) -> Mock {
    match &fx.request {
        Some(body) => mock
            .match_header("content-type", "application/json")
            .match_body(Matcher::Json(body.clone())),
        None => mock
            .match_header("content-type", Matcher::Missing)
            .match_body(Matcher::Exact(String::new())),
    }
}

pub fn respond(mock: Mock, fx: &Fixture, status: usize) -> Mock {
    let mock = mock.with_status(status).expect(1);
    match &fx.response {
        Some(body) => mock
            .with_header("content-type", "application/json")
            .with_body(serde_json::to_vec(body).unwrap())
            .create(),
        None => mock.create(),
    }
}

pub fn server() -> ServerGuard {
    Server::new()
}

/// Asserts that every field of the example response reached the parsed result with the same
/// value: the result is serialised back and the example must be contained in it. Two
/// normalisations mirror the documented tolerant reading: `1`/`0` read as booleans, and the
/// router field `external_gateway_port` read as `external_gateway_info`.
pub fn assert_parsed<T: Serialize>(parsed: &T, fx: &Fixture) {
    let expected = fx.response.as_ref().expect("fixture has a response");
    let actual = serde_json::to_value(parsed).unwrap();
    assert_contains(&actual, expected, "$");
}

fn assert_contains(actual: &Value, expected: &Value, path: &str) {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            for (key, ev) in e {
                let key_in_model = if key == "external_gateway_port" {
                    "external_gateway_info"
                } else {
                    key
                };
                let av = a
                    .get(key_in_model)
                    .unwrap_or_else(|| panic!("{path}.{key}: field missing from the parsed model"));
                assert_contains(av, ev, &format!("{path}.{key}"));
            }
        }
        (Value::Array(a), Value::Array(e)) => {
            assert_eq!(a.len(), e.len(), "{path}: list length");
            for (i, (av, ev)) in a.iter().zip(e).enumerate() {
                assert_contains(av, ev, &format!("{path}[{i}]"));
            }
        }
        (Value::Bool(b), Value::Number(n)) => assert_eq!(*b, n.as_i64() != Some(0), "{path}"),
        (a, e) => assert_eq!(a, e, "{path}"),
    }
}
