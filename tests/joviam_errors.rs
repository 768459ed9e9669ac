//! Joviam's error answers, as the reference lists them, reaching the caller through the error
//! model: the `Error` variant, the status, the `error` code, the message
//! (`error_description` or string `details`) and the structured `details`.

mod common;

use common::*;
use mockito::Mock;
use serde_json::{json, Value};
use vpsclient::{ApiError, Error};

const INSTANCE: &str = "51afcc4f-fa9f-7e01-87e0-e53ba9ef0e4c";

/// Serves `body` with `status` for `GET /instances/{id}` and returns the client's error.
fn error_of_get(status: usize, body: Value) -> Error {
    let mut server = server();
    let mock: Mock = server
        .mock("GET", format!("/instances/{INSTANCE}").as_str())
        .match_header("authorization", format!("Bearer {JOVIAM_TOKEN}").as_str())
        .with_status(status)
        .with_header("content-type", "application/json")
        .with_body(body.to_string())
        .expect(1)
        .create();
    let err = joviam(&server).instances().get(INSTANCE).unwrap_err();
    mock.assert();
    let api = err.api().expect("an API error");
    assert_eq!(api.method, "GET");
    assert!(api.url.ends_with(&format!("/instances/{INSTANCE}")));
    assert!(!err.to_string().contains(JOVIAM_TOKEN), "{err}");
    err
}

fn api(err: &Error) -> &ApiError {
    err.api().unwrap()
}

#[test]
fn bad_request() {
    let err = error_of_get(
        400,
        json!({"error": "bad_request", "details": "memory must be an integer"}),
    );
    assert!(matches!(err, Error::BadRequest(_)), "{err:?}");
    assert_eq!(err.status(), Some(400));
    let api = api(&err);
    assert_eq!(api.code.as_deref(), Some("bad_request"));
    assert_eq!(api.message, "memory must be an integer");
    assert_eq!(api.details, Some(json!("memory must be an integer")));
}

#[test]
fn unauthorized() {
    let err = error_of_get(401, json!({"error": "unauthorized"}));
    assert!(matches!(err, Error::Authentication(_)), "{err:?}");
    assert_eq!(err.status(), Some(401));
    let api = api(&err);
    assert_eq!(api.code.as_deref(), Some("unauthorized"));
    assert_eq!(api.message, "Unauthorized");
    assert_eq!(api.details, None);
}

#[test]
fn invalid_token_expired() {
    let err = error_of_get(
        401,
        json!({"error": "invalid_token", "error_description": "The access token expired"}),
    );
    assert!(matches!(err, Error::Authentication(_)), "{err:?}");
    assert_eq!(err.status(), Some(401));
    let api = api(&err);
    // Same status and variant as a wrong token; the code and message tell them apart.
    assert_eq!(api.code.as_deref(), Some("invalid_token"));
    assert_ne!(api.code.as_deref(), Some("unauthorized"));
    assert_eq!(api.message, "The access token expired");
    assert_eq!(api.details, None);
    assert!(err.to_string().contains("(invalid_token)"), "{err}");
    assert!(
        err.to_string().contains("The access token expired"),
        "{err}"
    );
}

#[test]
fn forbidden() {
    let err = error_of_get(403, json!({"error": "forbidden"}));
    assert!(matches!(err, Error::PermissionDenied(_)), "{err:?}");
    assert_eq!(err.status(), Some(403));
    let api = api(&err);
    assert_eq!(api.code.as_deref(), Some("forbidden"));
    assert_eq!(api.message, "Forbidden");
    assert_eq!(api.details, None);
}

#[test]
fn not_found() {
    let err = error_of_get(404, json!({"error": "not_found"}));
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
    assert_eq!(err.status(), Some(404));
    let api = api(&err);
    assert_eq!(api.code.as_deref(), Some("not_found"));
    assert_eq!(api.message, "Not Found");
    assert_eq!(api.details, None);
}

#[test]
fn validation_fail() {
    let details = json!({"memory": ["must be between 512MB and 64GB"]});
    let err = error_of_get(
        422,
        json!({"error": "validation_fail", "details": details.clone()}),
    );
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
    assert_eq!(err.status(), Some(422));
    let api = api(&err);
    assert_eq!(api.code.as_deref(), Some("validation_fail"));
    assert_eq!(api.details, Some(details));
    assert_eq!(
        api.details.as_ref().unwrap()["memory"][0],
        "must be between 512MB and 64GB"
    );
    // With no message of its own, the map is shown so the error's text says what failed.
    assert!(api.message.contains("must be between 512MB and 64GB"));
}

#[test]
fn internal_server_error() {
    let err = error_of_get(500, json!({"error": "internal_server_error"}));
    assert!(matches!(err, Error::Server(_)), "{err:?}");
    assert_eq!(err.status(), Some(500));
    let api = api(&err);
    assert_eq!(api.code.as_deref(), Some("internal_server_error"));
    assert_eq!(api.message, "Internal Server Error");
    assert_eq!(api.details, None);
}

#[test]
fn unlisted_code_kept_verbatim() {
    let err = error_of_get(
        409,
        json!({"error": "conflict", "error_description": "The instance is busy"}),
    );
    assert!(matches!(err, Error::Api(_)), "{err:?}");
    let api = api(&err);
    assert_eq!(api.status, 409);
    assert_eq!(api.code.as_deref(), Some("conflict"));
    assert_eq!(api.message, "The instance is busy");
}

#[test]
fn validation_fail_on_an_operation_with_a_body() {
    let mut server = server();
    let mock = server
        .mock("PUT", format!("/instances/{INSTANCE}").as_str())
        .match_body(mockito::Matcher::Json(json!({"memory": 64})))
        .with_status(422)
        .with_body(
            json!({"error": "validation_fail", "details": {"memory": ["must be between 512MB and 64GB"]}})
                .to_string(),
        )
        .create();
    let err = joviam(&server)
        .instances()
        .update(
            INSTANCE,
            &vpsclient::joviam::UpdateInstance {
                memory: Some(64),
                ..Default::default()
            },
        )
        .unwrap_err();
    mock.assert();
    let Error::Validation(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.method, "PUT");
    assert_eq!(
        api.details.as_ref().unwrap()["memory"],
        json!(["must be between 512MB and 64GB"])
    );
}
