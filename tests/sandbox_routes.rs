//! The sandbox routes from the declarations: every operation either client declares reaches a
//! handler of its world (none is answered "no such endpoint" or "not simulated").
#![cfg(feature = "sandbox")]

use vpsclient::sandbox::Sandbox;
use vpsclient::{JoviamClient, TavuClient};

/// Sends every declared operation, with `0` for each path parameter and `{}` as the body, and
/// returns those answered with 404 "no such endpoint" or 501.
fn unrouted(
    base: &str,
    auth: &str,
    operations: Vec<vpsclient::OperationInfo>,
) -> Vec<(String, String, u16, String)> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut missed = Vec::new();
    for op in operations {
        let url = format!("{base}{}", op.path.replace("{}", "0"));
        let answer = match op.method {
            "GET" => agent.get(&url).header("Authorization", auth).call(),
            "DELETE" => agent.delete(&url).header("Authorization", auth).call(),
            "POST" => agent.post(&url).header("Authorization", auth).send("{}"),
            "PUT" => agent.put(&url).header("Authorization", auth).send("{}"),
            "PATCH" => agent.patch(&url).header("Authorization", auth).send("{}"),
            other => panic!("unexpected method {other}"),
        };
        let mut answer = answer.unwrap();
        let status = answer.status().as_u16();
        let body = answer.body_mut().read_to_string().unwrap_or_default();
        if status == 501 || (status == 404 && body.contains("no such endpoint")) {
            missed.push((op.handler.to_owned(), op.name.to_owned(), status, body));
        }
    }
    missed
}

#[test]
fn every_declared_tavu_operation_has_a_sandbox_handler() {
    let sandbox = Sandbox::start().unwrap();
    let operations = TavuClient::operations();
    assert_eq!(operations.len(), 93);
    let missed = unrouted(&sandbox.tavu_base_url(), sandbox.tavu_key(), operations);
    assert!(missed.is_empty(), "{missed:#?}");
}

#[test]
fn every_declared_joviam_operation_has_a_sandbox_handler() {
    let sandbox = Sandbox::start().unwrap();
    let operations = JoviamClient::operations();
    assert_eq!(operations.len(), 54);
    let auth = format!("Bearer {}", sandbox.joviam_token());
    let missed = unrouted(&sandbox.joviam_base_url(), &auth, operations);
    assert!(missed.is_empty(), "{missed:#?}");
}
