//! Joviam networking operations against the reference's examples: IP addresses and networks.

mod common;

use common::*;
use vpsclient::joviam::*;
use vpsclient::Nullable;

const REGION: &str = "0f442f96-09e5-d4cc-9452-34896246cce7";
const NETWORK: &str = "4e19114d-66ab-e7ed-ba93-91885a98c59b";

/// Checks the example IP address every IP address operation answers with.
fn assert_example_ip(ip: &IpAddress) {
    assert_eq!(ip.id, "41ba5632-95f5-82b1-416e-e4a1ff74fee4");
    assert_eq!(ip.name.as_deref(), Some("Web Server IP"));
    assert_eq!(ip.address, "12.34.56.78");
    assert_eq!(ip.network_id, NETWORK);
    assert_eq!(ip.instance_ids, ["51afcc4f-fa9f-7e01-87e0-e53ba9ef0e4c"]);
    assert!(!ip.shareable);
    assert_eq!(ip.created_at.as_deref(), Some("2016-05-10T03:36:34.615Z"));
}

#[test]
fn ip_addresses_list() {
    let mut server = server();
    let fx = fixture("joviam", "ip_addresses.list");
    let mock = mock_joviam(&mut server, &fx);
    let ips = joviam(&server).ip_addresses().list().unwrap();
    mock.assert();
    assert_parsed(&ips, &fx);
    assert_eq!(ips.len(), 1);
    assert_example_ip(&ips[0]);
}

#[test]
fn ip_addresses_list_public() {
    let mut server = server();
    let fx = fixture("joviam", "ip_addresses.list_public");
    let mock = mock_joviam(&mut server, &fx);
    let ips = joviam(&server).ip_addresses().list_public().unwrap();
    mock.assert();
    assert_parsed(&ips, &fx);
    assert_example_ip(&ips[0]);
}

#[test]
fn ip_addresses_list_private() {
    let mut server = server();
    let fx = fixture("joviam", "ip_addresses.list_private");
    let mock = mock_joviam(&mut server, &fx);
    let ips = joviam(&server).ip_addresses().list_private().unwrap();
    mock.assert();
    assert_parsed(&ips, &fx);
    assert_example_ip(&ips[0]);
}

#[test]
fn ip_addresses_get() {
    let mut server = server();
    let fx = fixture("joviam", "ip_addresses.get");
    let mock = mock_joviam(&mut server, &fx);
    let ip = joviam(&server).ip_addresses().get(&fx.segment(1)).unwrap();
    mock.assert();
    assert_parsed(&ip, &fx);
    assert_example_ip(&ip);
}

#[test]
fn ip_addresses_allocate() {
    let mut server = server();
    let fx = fixture("joviam", "ip_addresses.allocate");
    assert_eq!(fx.status, Some(201));
    let mock = mock_joviam(&mut server, &fx);
    let ip = joviam(&server)
        .ip_addresses()
        .allocate(&AllocateIpAddress {
            name: "Web Server IP".into(),
            shareable: Some(false),
            address: Some("12.34.56.78".into()),
            region: Some(REGION.into()),
            network: Some(NETWORK.into()),
        })
        .unwrap();
    mock.assert();
    assert_parsed(&ip, &fx);
    assert_example_ip(&ip);
}

#[test]
fn ip_addresses_update() {
    let mut server = server();
    let fx = fixture("joviam", "ip_addresses.update");
    let mock = mock_joviam(&mut server, &fx);
    let ip = joviam(&server)
        .ip_addresses()
        .update(
            &fx.segment(1),
            &UpdateIpAddress {
                name: Nullable::Value("Web Server IP".into()),
                shareable: Some(false),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&ip, &fx);
    assert_example_ip(&ip);
}

#[test]
fn ip_addresses_deallocate() {
    let mut server = server();
    let fx = fixture("joviam", "ip_addresses.deallocate");
    assert_eq!(fx.response, Some(serde_json::json!({})));
    let mock = mock_joviam(&mut server, &fx);
    let () = joviam(&server)
        .ip_addresses()
        .deallocate(&fx.segment(1))
        .unwrap();
    mock.assert();
}

/// Checks the example network every network operation answers with.
fn assert_example_network(network: &Network) {
    assert_eq!(network.id, NETWORK);
    assert_eq!(network.name.as_deref(), Some("My Private Network"));
    assert!(!network.is_public);
    assert_eq!(network.specification, "192.168.2.0/24");
    assert_eq!(network.netmask, "255.255.255.0");
    assert_eq!(network.gateway.as_deref(), Some("192.168.2.1"));
    assert_eq!(network.primary_nameserver.as_deref(), Some("192.168.2.4"));
    assert_eq!(network.secondary_nameserver.as_deref(), Some("192.168.2.5"));
    assert_eq!(network.state, NetworkState::Ready);
    assert_eq!(network.network_address, "192.168.2.0");
    assert_eq!(network.region.id, REGION);
}

#[test]
fn networks_list() {
    let mut server = server();
    let fx = fixture("joviam", "networks.list");
    let mock = mock_joviam(&mut server, &fx);
    let networks = joviam(&server).networks().list().unwrap();
    mock.assert();
    assert_parsed(&networks, &fx);
    assert_eq!(networks.len(), 1);
    assert_example_network(&networks[0]);
}

#[test]
fn networks_list_public() {
    let mut server = server();
    let fx = fixture("joviam", "networks.list_public");
    let mock = mock_joviam(&mut server, &fx);
    let networks = joviam(&server).networks().list_public().unwrap();
    mock.assert();
    assert_parsed(&networks, &fx);
    assert_example_network(&networks[0]);
}

#[test]
fn networks_list_private() {
    let mut server = server();
    let fx = fixture("joviam", "networks.list_private");
    let mock = mock_joviam(&mut server, &fx);
    let networks = joviam(&server).networks().list_private().unwrap();
    mock.assert();
    assert_parsed(&networks, &fx);
    assert_example_network(&networks[0]);
}

#[test]
fn networks_get() {
    let mut server = server();
    let fx = fixture("joviam", "networks.get");
    let mock = mock_joviam(&mut server, &fx);
    let network = joviam(&server).networks().get(&fx.segment(1)).unwrap();
    mock.assert();
    assert_parsed(&network, &fx);
    assert_example_network(&network);
}

#[test]
fn networks_create() {
    let mut server = server();
    let fx = fixture("joviam", "networks.create");
    assert_eq!(fx.status, Some(201));
    let mock = mock_joviam(&mut server, &fx);
    let network = joviam(&server)
        .networks()
        .create(&CreateNetwork {
            gateway: "192.168.2.1".into(),
            primary_nameserver: "192.168.2.4".into(),
            secondary_nameserver: "192.168.2.5".into(),
            ..CreateNetwork::new("My Private Network".to_owned(), REGION, "192.168.2.0/24")
        })
        .unwrap();
    mock.assert();
    assert_parsed(&network, &fx);
    assert_example_network(&network);
}

#[test]
fn networks_update() {
    let mut server = server();
    let fx = fixture("joviam", "networks.update");
    let mock = mock_joviam(&mut server, &fx);
    let network = joviam(&server)
        .networks()
        .update(
            &fx.segment(1),
            &UpdateNetwork {
                name: "My Private Network".into(),
                gateway: "192.168.2.1".into(),
                primary_nameserver: "192.168.2.4".into(),
                secondary_nameserver: "192.168.2.5".into(),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&network, &fx);
    assert_example_network(&network);
}

#[test]
fn networks_delete() {
    let mut server = server();
    let fx = fixture("joviam", "networks.delete");
    let mock = mock_joviam(&mut server, &fx);
    let network = joviam(&server).networks().delete(&fx.segment(1)).unwrap();
    mock.assert();
    assert_parsed(&network, &fx);
    assert_example_network(&network);
}
