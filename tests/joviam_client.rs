//! What the per-operation examples do not show: clearing fields with `null` versus leaving
//! them out, DHCP network adapters, states the reference does not list, 202 answers to the
//! replacement lists, and where the token comes from.

mod common;

use common::*;
use mockito::Matcher;
use serde_json::json;
use vpsclient::joviam::*;
use vpsclient::{Error, JoviamClient, Nullable};

const INSTANCE: &str = "51afcc4f-fa9f-7e01-87e0-e53ba9ef0e4c";
const IP: &str = "41ba5632-95f5-82b1-416e-e4a1ff74fee4";
const NETWORK: &str = "4e19114d-66ab-e7ed-ba93-91885a98c59b";

/// Expects exactly `body` on `method path`, answering with the fixture's response.
fn expect_exact(
    server: &mut mockito::ServerGuard,
    method: &str,
    path: &str,
    body: serde_json::Value,
    answer: &Fixture,
) -> mockito::Mock {
    server
        .mock(method, path)
        .match_header("authorization", format!("Bearer {JOVIAM_TOKEN}").as_str())
        .match_body(Matcher::Json(body))
        .with_status(200)
        .with_body(serde_json::to_vec(answer.response.as_ref().unwrap()).unwrap())
        .expect(1)
        .create()
}

#[test]
fn ip_address_name_cleared_with_null() {
    let mut server = server();
    let fx = fixture("joviam", "ip_addresses.update");
    let path = format!("/ip_addresses/{IP}");
    let mock = expect_exact(&mut server, "PUT", &path, json!({"name": null}), &fx);
    joviam(&server)
        .ip_addresses()
        .update(
            IP,
            &UpdateIpAddress {
                name: Nullable::Null,
                ..Default::default()
            },
        )
        .unwrap();
    mock.assert();
}

#[test]
fn ip_address_name_left_out_when_absent() {
    let mut server = server();
    let fx = fixture("joviam", "ip_addresses.update");
    let path = format!("/ip_addresses/{IP}");
    let mock = expect_exact(&mut server, "PUT", &path, json!({"shareable": true}), &fx);
    joviam(&server)
        .ip_addresses()
        .update(
            IP,
            &UpdateIpAddress {
                shareable: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    mock.assert();
}

#[test]
fn network_gateway_and_nameservers_cleared_with_null() {
    let mut server = server();
    let fx = fixture("joviam", "networks.update");
    let path = format!("/networks/{NETWORK}");
    let body =
        json!({"gateway": null, "primary_nameserver": null, "secondary_nameserver": "8.8.8.8"});
    let mock = expect_exact(&mut server, "PUT", &path, body, &fx);
    joviam(&server)
        .networks()
        .update(
            NETWORK,
            &UpdateNetwork {
                gateway: Nullable::Null,
                primary_nameserver: None.into(),
                secondary_nameserver: "8.8.8.8".into(),
                ..Default::default()
            },
        )
        .unwrap();
    mock.assert();
}

#[test]
fn network_created_without_a_name() {
    let mut server = server();
    let fx = fixture("joviam", "networks.create");
    let body = json!({"name": null, "region": "r", "specification": "10.0.0.0/24"});
    let mock = expect_exact(&mut server, "POST", "/networks", body, &fx);
    joviam(&server)
        .networks()
        .create(&CreateNetwork::new(None, "r", "10.0.0.0/24"))
        .unwrap();
    mock.assert();
}

#[test]
fn network_adapters_with_dhcp_and_with_ids() {
    let mut server = server();
    let fx = fixture("joviam", "instances.set_network_adapters");
    let path = format!("/instances/{INSTANCE}/network_adapters");
    let body = json!({"network_adapters": [
        {"network": NETWORK, "ip_addresses": "dhcp"},
        {"network": "public", "ip_addresses": [IP]},
        {"network": "none", "ip_addresses": []},
    ]});
    let mock = expect_exact(&mut server, "PUT", &path, body, &fx);
    joviam(&server)
        .instances()
        .set_network_adapters(
            INSTANCE,
            &SetInstanceNetworkAdapters::new(vec![
                NetworkAdapterSpec::dhcp(NETWORK),
                NetworkAdapterSpec::new("public", vec![IP]),
                NetworkAdapterSpec::new("none", AdapterAddresses::default()),
            ]),
        )
        .unwrap();
    mock.assert();
}

#[test]
fn adapter_addresses_read_from_either_shape() {
    let dhcp: AdapterAddresses = serde_json::from_value(json!("dhcp")).unwrap();
    assert_eq!(dhcp, AdapterAddresses::Dhcp);
    let ids: AdapterAddresses = serde_json::from_value(json!([IP])).unwrap();
    assert_eq!(ids, AdapterAddresses::Ids(vec![IP.to_owned()]));
    let err = serde_json::from_value::<AdapterAddresses>(json!("static")).unwrap_err();
    assert!(err.to_string().contains(r#""dhcp" or a list"#), "{err}");
    assert!(serde_json::from_value::<AdapterAddresses>(json!(3)).is_err());
}

#[test]
fn remote_access_without_a_type_sends_an_empty_object() {
    let mut server = server();
    let fx = fixture("joviam", "instances.remote_access");
    let path = format!("/instances/{INSTANCE}/remote_access");
    let mock = expect_exact(&mut server, "POST", &path, json!({}), &fx);
    joviam(&server)
        .instances()
        .remote_access(INSTANCE, &StartRemoteAccess::default())
        .unwrap();
    mock.assert();
}

#[test]
fn unlisted_states_are_kept() {
    let mut server = server();
    let mock = server
        .mock("GET", format!("/instances/{INSTANCE}/state").as_str())
        .with_body(r#"{"state": "migrating"}"#)
        .create();
    let state = joviam(&server).instances().state(INSTANCE).unwrap();
    mock.assert();
    assert_eq!(state, InstanceState::Other("migrating".into()));
    assert_eq!(state.as_str(), "migrating");
    assert_eq!(state, "migrating");
    assert_eq!(serde_json::to_value(&state).unwrap(), json!("migrating"));

    let mut disk: serde_json::Value = fixture("joviam", "disks.get").response.unwrap();
    disk["state"] = json!("snapshotting");
    let disk: Disk = serde_json::from_value(disk).unwrap();
    assert_eq!(disk.state.to_string(), "snapshotting");
}

#[test]
fn enums_compare_by_their_string() {
    assert_eq!(
        InstanceState::Other("running".into()),
        InstanceState::Running
    );
    assert_eq!(InstanceState::from("running"), InstanceState::Running);
    assert_eq!(
        "updating_network".parse(),
        Ok(InstanceState::UpdatingNetwork)
    );
    assert_eq!(DiskState::VALUES.len(), 14);
    assert_eq!(InstanceState::VALUES.len(), 13);
    assert_eq!(NetworkState::VALUES.len(), 8);
    assert_eq!(BootDevice::Cdrom.to_string(), "cdrom");
    assert_eq!(
        serde_json::to_value(Virtualization::Pv).unwrap(),
        json!("pv")
    );
}

#[test]
fn replacement_answered_202_while_running() {
    // A running instance attaches disks live: the API answers 202 with the same list.
    let mut server = server();
    let fx = fixture("joviam", "instances.set_disks");
    let mock = server
        .mock("PUT", fx.path.as_str())
        .match_body(Matcher::Json(fx.request.clone().unwrap()))
        .with_status(202)
        .with_body(serde_json::to_vec(fx.response.as_ref().unwrap()).unwrap())
        .create();
    let disks = joviam(&server)
        .instances()
        .set_disks(
            INSTANCE,
            &SetInstanceDisks::new(vec!["dc2706a0-52ce-de25-ff5a-0d15acd34c51".to_owned()]),
        )
        .unwrap();
    mock.assert();
    assert_parsed(&disks, &fx);
}

#[test]
fn token_from_argument_or_environment() {
    // One test, so no other test of this binary sees the environment change.
    std::env::remove_var("JOVIAM_TOKEN");
    let err = JoviamClient::from_env().unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(err.to_string().contains("JOVIAM_TOKEN"), "{err}");

    std::env::set_var("JOVIAM_TOKEN", "from-env");
    let mut server = server();
    let mock = server
        .mock("GET", "/regions")
        .match_header("authorization", "Bearer from-env")
        .with_body("[]")
        .create();
    let client = JoviamClient::builder()
        .base_url(server.url())
        .build()
        .unwrap();
    assert!(client.regions().list().unwrap().is_empty());
    mock.assert();
    std::env::remove_var("JOVIAM_TOKEN");

    let client = JoviamClient::new("secret-token").unwrap();
    assert_eq!(client.base_url(), "https://cloud.joviam.com/api/v1");
    assert!(!format!("{client:?}").contains("secret-token"));
    let builder = JoviamClient::builder().token("secret-token");
    assert!(!format!("{builder:?}").contains("secret-token"));
}
