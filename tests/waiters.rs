//! Waiters: polling until a state, failing fast on a failure state, timing out with the last
//! state seen, waiting for deletion, and waiting on several objects at once.

mod common;

use std::time::Duration;

use common::*;
use mockito::ServerGuard;
use vpsclient::{Error, TavuClient, WaitOptions};

const A: &str = "1c06dd09-966b-4ea7-abf1-243b2a447c60";
const B: &str = "6ca83822-e89b-4607-b362-6580577005ab";

fn fast() -> WaitOptions {
    WaitOptions::default()
        .timeout(Duration::from_secs(5))
        .interval(Duration::from_millis(10))
}

fn client(server: &ServerGuard) -> TavuClient {
    TavuClient::builder()
        .api_key(TAVU_KEY)
        .base_url(server.url())
        .max_retries(0)
        .build()
        .unwrap()
}

fn instance(id: &str, status: &str) -> String {
    format!(r#"{{"id": "{id}", "name": "web", "status": "{status}"}}"#)
}

fn answer(server: &mut ServerGuard, id: &str, status: &str, times: usize) -> mockito::Mock {
    server
        .mock("GET", format!("/compute/v1/instances/{id}").as_str())
        .with_body(instance(id, status))
        .expect(times)
        .create()
}

#[test]
fn waits_until_the_status_is_reached() {
    let mut server = server();
    let building = answer(&mut server, A, "building", 2);
    let active = answer(&mut server, A, "active", 1);
    let got = client(&server)
        .instances()
        .wait_for_status(A, "active", &fast())
        .unwrap();
    building.assert();
    active.assert();
    assert_eq!(got.status, "active");
}

#[test]
fn stops_at_a_failure_status() {
    let mut server = server();
    let _building = answer(&mut server, A, "building", 1);
    let _error = answer(&mut server, A, "error", 1);
    let err = client(&server)
        .instances()
        .wait_for_status(A, "active", &fast())
        .unwrap_err();
    let Error::WaitFailed {
        id, state, wanted, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(
        (id.as_str(), state.as_str(), wanted.as_str()),
        (A, "error", "active")
    );
}

#[test]
fn times_out_naming_the_last_status() {
    let mut server = server();
    let _m = server
        .mock("GET", format!("/compute/v1/instances/{A}").as_str())
        .with_body(instance(A, "building"))
        .expect_at_least(2)
        .create();
    let options = fast().timeout(Duration::from_millis(100));
    let err = client(&server)
        .instances()
        .wait_for_status(A, "active", &options)
        .unwrap_err();
    let Error::WaitTimeout {
        last_state, waited, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(last_state.as_deref(), Some("building"));
    assert!(*waited >= Duration::from_millis(100));
    assert!(
        err.to_string().contains("last state seen: building"),
        "{err}"
    );
}

#[test]
fn polls_through_a_transient_server_error() {
    let mut server = server();
    let path = format!("/compute/v1/instances/{A}");
    let _busy = server
        .mock("GET", path.as_str())
        .with_status(503)
        .expect(1)
        .create();
    let _active = answer(&mut server, A, "active", 1);
    let got = client(&server)
        .instances()
        .wait_for_status(A, "active", &fast())
        .unwrap();
    assert_eq!(got.id, A);
}

#[test]
fn a_missing_instance_fails_at_once() {
    let mut server = server();
    let path = format!("/compute/v1/instances/{A}");
    let gone = server
        .mock("GET", path.as_str())
        .with_status(404)
        .expect(1)
        .create();
    let err = client(&server)
        .instances()
        .wait_for_status(A, "active", &fast())
        .unwrap_err();
    gone.assert();
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
}

#[test]
fn waits_for_deletion_until_404() {
    let mut server = server();
    let path = format!("/compute/v1/instances/{A}");
    let deleting = answer(&mut server, A, "deleting", 2);
    let gone = server
        .mock("GET", path.as_str())
        .with_status(404)
        .expect(1)
        .create();
    client(&server)
        .instances()
        .wait_for_deletion(A, &fast())
        .unwrap();
    deleting.assert();
    gone.assert();
}

#[test]
fn waits_on_several_and_reports_every_failure() {
    let mut server = server();
    let _a1 = answer(&mut server, A, "building", 1);
    let _a2 = answer(&mut server, A, "active", 1);
    let _b = answer(&mut server, B, "error", 1);
    let err = client(&server)
        .instances()
        .wait_for_status_all(&[A, B], "active", &fast())
        .unwrap_err();
    let Error::WaitMany { failures } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].0, B);
    assert!(matches!(failures[0].1, Error::WaitFailed { .. }));
}

#[test]
fn waits_on_several_and_returns_them_in_order() {
    let mut server = server();
    let _a = answer(&mut server, A, "active", 1);
    let _b1 = answer(&mut server, B, "building", 1);
    let _b2 = answer(&mut server, B, "active", 1);
    let got = client(&server)
        .instances()
        .wait_for_status_all(&[B, A], "active", &fast())
        .unwrap();
    assert_eq!(
        got.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        vec![B, A]
    );
}

/// A Joviam object from the reference's example with its `state` replaced.
fn joviam_with_state(operation: &str, state: &str) -> String {
    let mut object = fixture("joviam", operation).response.unwrap();
    object["state"] = serde_json::Value::String(state.into());
    object.to_string()
}

fn joviam_answer(
    server: &mut ServerGuard,
    path: &str,
    operation: &str,
    state: &str,
    times: usize,
) -> mockito::Mock {
    server
        .mock("GET", path)
        .with_body(joviam_with_state(operation, state))
        .expect(times)
        .create()
}

#[test]
fn joviam_instance_waits_until_running() {
    let mut server = server();
    let fx = fixture("joviam", "instances.get");
    let id = fx.path.rsplit('/').next().unwrap().to_owned();
    let starting = joviam_answer(&mut server, &fx.path, "instances.get", "starting", 1);
    let running = joviam_answer(&mut server, &fx.path, "instances.get", "running", 1);
    let instance = joviam(&server)
        .instances()
        .wait_for_state(&id, "running", &fast())
        .unwrap();
    starting.assert();
    running.assert();
    assert_eq!(instance.state, vpsclient::joviam::InstanceState::Running);
}

#[test]
fn joviam_disk_stops_at_failed_to_provision() {
    let mut server = server();
    let fx = fixture("joviam", "disks.get");
    let id = fx.path.rsplit('/').next().unwrap().to_owned();
    let _p = joviam_answer(&mut server, &fx.path, "disks.get", "provisioning", 1);
    let _f = joviam_answer(&mut server, &fx.path, "disks.get", "failed_to_provision", 1);
    let err = joviam(&server)
        .disks()
        .wait_for_state(&id, "unattached", &fast())
        .unwrap_err();
    let Error::WaitFailed {
        resource, state, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(
        (resource.as_str(), state.as_str()),
        ("disk", "failed_to_provision")
    );
}

#[test]
fn joviam_deletion_ends_at_terminated() {
    let mut server = server();
    let fx = fixture("joviam", "instances.get");
    let id = fx.path.rsplit('/').next().unwrap().to_owned();
    let terminating = joviam_answer(&mut server, &fx.path, "instances.get", "terminating", 1);
    let terminated = joviam_answer(&mut server, &fx.path, "instances.get", "terminated", 1);
    joviam(&server)
        .instances()
        .wait_for_deletion(&id, &fast())
        .unwrap();
    terminating.assert();
    terminated.assert();
}

#[test]
fn tavu_volume_waits_until_available() {
    let mut server = server();
    let fx = fixture("tavu", "volumes.get");
    let id = fx.path.rsplit('/').next().unwrap().to_owned();
    let body = |status: &str| {
        let mut v = fx.response.clone().unwrap();
        v["status"] = status.into();
        v.to_string()
    };
    let creating = server
        .mock("GET", fx.path.as_str())
        .with_body(body("creating"))
        .expect(1)
        .create();
    let available = server
        .mock("GET", fx.path.as_str())
        .with_body(body("available"))
        .expect(1)
        .create();
    let volume = client(&server)
        .volumes()
        .wait_for_status(&id, "available", &fast())
        .unwrap();
    creating.assert();
    available.assert();
    assert_eq!(volume.status, "available");
}
