//! The Tavu client checked against the reference as a whole: every example maps to exactly one
//! declared operation and back, path parameters are encoded as single segments, the team header
//! is optional, and responses are read tolerantly.

mod common;

use std::collections::HashSet;

use common::*;
use mockito::Matcher;
use serde_json::json;
use vpsclient::OperationInfo;

/// Every fixture of tests/fixtures/tavu, with its file stem.
fn all_fixtures() -> Vec<(String, Fixture)> {
    let dir = format!("{}/tests/fixtures/tavu", env!("CARGO_MANIFEST_DIR"));
    let mut stems: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| path.file_stem().unwrap().to_str().unwrap().to_owned())
        .collect();
    stems.sort();
    stems
        .into_iter()
        .map(|stem| {
            let fx = fixture("tavu", &stem);
            (stem, fx)
        })
        .collect()
}

/// `instance_interfaces` -> `InstanceInterfacesHandler`.
fn handler_name(resource: &str) -> String {
    let mut name: String = resource
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().unwrap().to_ascii_uppercase();
            std::iter::once(first).chain(chars).collect::<String>()
        })
        .collect();
    name.push_str("Handler");
    name
}

/// Whether a path template (`{}` standing for one non-empty segment) matches a concrete path.
fn template_matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| if *t == "{}" { !p.is_empty() } else { t == p })
}

#[test]
fn every_example_is_exactly_one_declared_operation() {
    let operations = vpsclient::TavuClient::operations();
    assert_eq!(operations.len(), 93, "declared Tavu operations");
    let distinct: HashSet<(&str, &str)> =
        operations.iter().map(|op| (op.handler, op.name)).collect();
    assert_eq!(
        distinct.len(),
        operations.len(),
        "handler+name pairs repeat"
    );

    let fixtures = all_fixtures();
    assert_eq!(fixtures.len(), 93, "Tavu fixtures");

    let mut matched: HashSet<(&str, &str)> = HashSet::new();
    for (stem, fx) in &fixtures {
        assert_eq!(&fx.operation, stem, "fixture file name vs its operation");
        let (resource, op_name) = fx.operation.split_once('.').unwrap();
        let handler = handler_name(resource);

        // Same HTTP method, and the template matches the example's path.
        let candidates: Vec<&OperationInfo> = operations
            .iter()
            .filter(|op| op.method == fx.method && template_matches(op.path, &fx.path))
            .collect();
        assert!(
            !candidates.is_empty(),
            "{}: no declared operation for {} {}",
            fx.operation,
            fx.method,
            fx.path
        );
        if candidates.len() > 1 {
            // Only the instance actions share a method and path; the body tells them apart.
            assert!(
                candidates.iter().all(|op| op.handler == "InstancesHandler"
                    && op.path == "/compute/v1/instances/{}/action"),
                "{}: {} {} matches several operations: {candidates:?}",
                fx.operation,
                fx.method,
                fx.path
            );
        }
        let named: Vec<&&OperationInfo> = candidates
            .iter()
            .filter(|op| op.handler == handler && op.name == op_name)
            .collect();
        assert_eq!(
            named.len(),
            1,
            "{}: expected {handler}::{op_name} among {candidates:?}",
            fx.operation
        );
        assert!(
            matched.insert((named[0].handler, named[0].name)),
            "{}: {:?} already matched by another example",
            fx.operation,
            named[0]
        );
    }
    assert_eq!(
        matched.len(),
        operations.len(),
        "operations without example"
    );
}

#[test]
fn path_parameters_are_encoded_as_one_segment() {
    let mut server = server();
    // mockito matches the raw, still-encoded path.
    let mock = common_headers(
        server
            .mock("GET", "/compute/v1/ssh-keys/my%20key%2Fwith%20%3F%23")
            .match_header("authorization", TAVU_KEY)
            .match_header("x-team-id", TAVU_TEAM)
            .match_body(Matcher::Exact(String::new())),
    )
    .with_status(200)
    .with_header("content-type", "application/json")
    .with_body(json!({"name": "my key/with ?#", "public_key": "ssh-ed25519 AAAA"}).to_string())
    .expect(1)
    .create();
    let key = tavu(&server).ssh_keys().get("my key/with ?#").unwrap();
    mock.assert();
    assert_eq!(key.name, "my key/with ?#");
}

#[test]
fn an_empty_id_is_refused_without_a_request() {
    let mut server = server();
    let get = server.mock("GET", Matcher::Any).expect(0).create();
    let post = server.mock("POST", Matcher::Any).expect(0).create();
    let err = tavu(&server).ssh_keys().get("").unwrap_err();
    assert!(
        matches!(err, vpsclient::Error::InvalidArgument(_)),
        "expected InvalidArgument, got {err:?}"
    );
    let err = tavu(&server).instances().start("").unwrap_err();
    assert!(matches!(err, vpsclient::Error::InvalidArgument(_)));
    get.assert();
    post.assert();
}

#[test]
fn a_client_without_a_team_sends_no_team_header() {
    let mut server = server();
    let fx = fixture("tavu", "instances.list");
    let mock = respond(
        expect_body(
            common_headers(
                server
                    .mock("GET", "/compute/v1/instances")
                    .match_header("authorization", TAVU_KEY)
                    .match_header("x-team-id", Matcher::Missing),
            ),
            &fx,
        ),
        &fx,
        200,
    );
    let client = vpsclient::TavuClient::builder()
        .api_key(TAVU_KEY)
        .base_url(server.url())
        .max_retries(0)
        .build()
        .unwrap();
    assert_eq!(
        client.team_id(),
        None,
        "TAVU_TEAM_ID is set in the environment; unset it to run this test"
    );
    let instances = client.instances().list().unwrap();
    mock.assert();
    assert_eq!(instances.len(), 2);
}

#[test]
fn responses_are_read_tolerantly() {
    let mut server = server();

    // A port sending `"admin_state_up": 1` (as the port examples do) and a field the models
    // do not know.
    let port_id = "0ae04bdd-e282-4601-b290-f0c29f293bf5";
    let port_mock =
        common_headers(server.mock("GET", format!("/networking/v1/ports/{port_id}").as_str()))
            .with_status(200)
            .with_header("content-type", "application/json")
            .with_body(
                json!({
                    "id": port_id,
                    "network_id": "9ff312e4-3afb-45c3-ae32-18f96f15b317",
                    "admin_state_up": 1,
                    "status": "ACTIVE",
                    "binding:vnic_type": "normal",
                    "ip_allocations": [{"ip_address": "192.168.1.2", "qos": {"class": "gold"}}]
                })
                .to_string(),
            )
            .expect(1)
            .create();
    let port = tavu(&server).ports().get(port_id).unwrap();
    port_mock.assert();
    assert_eq!(port.admin_state_up, Some(true));
    assert_eq!(port.ip_allocations[0].ip_address, "192.168.1.2");
    assert_eq!(port.ip_allocations[0].subnet_id, None);

    // A router whose gateway comes as `external_gateway_port` (the routers.update example).
    let fx = fixture("tavu", "routers.update");
    let router_id = fx.segment(3);
    let router_mock = common_headers(server.mock(
        "GET",
        format!("/networking/v1/routers/{router_id}").as_str(),
    ))
    .with_status(200)
    .with_header("content-type", "application/json")
    .with_body(serde_json::to_vec(fx.response.as_ref().unwrap()).unwrap())
    .expect(1)
    .create();
    let router = tavu(&server).routers().get(&router_id).unwrap();
    router_mock.assert();
    assert_parsed(&router, &fx);
    let gateway = router.external_gateway_info.as_ref().unwrap();
    assert_eq!(gateway.id, "879744a3-7134-4bcf-8bd4-ca1617af7f06");
    assert_eq!(
        gateway.device_owner.as_deref(),
        Some("network:router_gateway")
    );
    assert_eq!(gateway.ip_allocations[0].ip_address, "192.168.255.40");
}
