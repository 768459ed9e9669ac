//! Tavu networking operations against the reference's examples: ports, networks, subnets,
//! firewalls and their rules, routers and their interfaces, security groups and their rules,
//! and floating IPs.

mod common;

use common::*;
use vpsclient::tavu::*;
use vpsclient::Nullable;

// ---- ports ----

#[test]
fn ports_list() {
    let mut server = server();
    let fx = fixture("tavu", "ports.list");
    let mock = mock_tavu(&mut server, &fx);
    let ports = tavu(&server).ports().list().unwrap();
    mock.assert();
    assert_parsed(&ports, &fx);
    assert_eq!(ports.len(), 2);
    // The port examples send `"admin_state_up": 1`.
    assert_eq!(ports[0].admin_state_up, Some(true));
    assert_eq!(ports[0].device_owner.as_deref(), Some("network:dhcp"));
    assert_eq!(ports[1].ip_allocations[0].ip_address, "192.168.1.12");
}

#[test]
fn ports_get() {
    let mut server = server();
    let fx = fixture("tavu", "ports.get");
    let mock = mock_tavu(&mut server, &fx);
    let port = tavu(&server)
        .ports()
        .get("0ae04bdd-e282-4601-b290-f0c29f293bf5")
        .unwrap();
    mock.assert();
    assert_parsed(&port, &fx);
    assert_eq!(port.id, "0ae04bdd-e282-4601-b290-f0c29f293bf5");
    assert_eq!(port.admin_state_up, Some(true));
    assert_eq!(
        port.ip_allocations[0].network_id.as_deref(),
        Some("9ff312e4-3afb-45c3-ae32-18f96f15b317")
    );
}

#[test]
fn ports_update() {
    let mut server = server();
    let fx = fixture("tavu", "ports.update");
    let mock = mock_tavu(&mut server, &fx);
    let port = tavu(&server)
        .ports()
        .update(
            "022eb2ac-4dd8-4074-be76-227ab2c205ec",
            &UpdatePort {
                name: Some("API-port-001".into()),
                description: Some("This is an example port.".into()),
                admin_state_up: Some(true),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&port, &fx);
    assert_eq!(port.id, "022eb2ac-4dd8-4074-be76-227ab2c205ec");
    assert_eq!(port.name.as_deref(), Some("API-port-001"));
    assert_eq!(port.status.as_deref(), Some("DOWN"));
}

// ---- networks ----

#[test]
fn networks_list() {
    let mut server = server();
    let fx = fixture("tavu", "networks.list");
    let mock = mock_tavu(&mut server, &fx);
    let networks = tavu(&server).networks().list().unwrap();
    mock.assert();
    assert_parsed(&networks, &fx);
    assert_eq!(networks.len(), 1);
    assert_eq!(networks[0].id, "9ff312e4-3afb-45c3-ae32-18f96f15b317");
    assert_eq!(networks[0].name, "API-network-001");
}

#[test]
fn networks_get() {
    let mut server = server();
    let fx = fixture("tavu", "networks.get");
    let mock = mock_tavu(&mut server, &fx);
    let network = tavu(&server)
        .networks()
        .get("9ff312e4-3afb-45c3-ae32-18f96f15b317")
        .unwrap();
    mock.assert();
    assert_parsed(&network, &fx);
    assert_eq!(network.id, "9ff312e4-3afb-45c3-ae32-18f96f15b317");
    assert_eq!(network.status.as_deref(), Some("ACTIVE"));
    assert_eq!(network.admin_state_up, Some(true));
}

#[test]
fn networks_create() {
    let mut server = server();
    let fx = fixture("tavu", "networks.create");
    let mock = mock_tavu(&mut server, &fx);
    let network = tavu(&server)
        .networks()
        .create(&CreateNetwork {
            description: Some("This is an example network.".into()),
            admin_state_up: Some(true),
            ..CreateNetwork::new("API-network-001")
        })
        .unwrap();
    mock.assert();
    assert_parsed(&network, &fx);
    assert_eq!(network.id, "165d4a26-2114-4a14-9e75-b865b48e2ce0");
    assert_eq!(network.name, "API-network-001");
    assert_eq!(
        network.description.as_deref(),
        Some("This is an example network.")
    );
}

#[test]
fn networks_update() {
    let mut server = server();
    let fx = fixture("tavu", "networks.update");
    let mock = mock_tavu(&mut server, &fx);
    let network = tavu(&server)
        .networks()
        .update(
            "165d4a26-2114-4a14-9e75-b865b48e2ce0",
            &UpdateNetwork {
                name: Some("Network-1".into()),
                description: Some("A brand new description.".into()),
                admin_state_up: Some(false),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&network, &fx);
    assert_eq!(network.id, "165d4a26-2114-4a14-9e75-b865b48e2ce0");
    assert_eq!(network.name, "Network-1");
    assert_eq!(network.admin_state_up, Some(false));
}

#[test]
fn networks_delete() {
    let mut server = server();
    let fx = fixture("tavu", "networks.delete");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .networks()
        .delete("d290eda3-7a62-41c9-8386-730b5d84013a")
        .unwrap();
    mock.assert();
}

// ---- subnets ----

#[test]
fn subnets_list() {
    let mut server = server();
    let fx = fixture("tavu", "subnets.list");
    let mock = mock_tavu(&mut server, &fx);
    let subnets = tavu(&server).subnets().list().unwrap();
    mock.assert();
    assert_parsed(&subnets, &fx);
    assert_eq!(subnets.len(), 2);
    assert_eq!(subnets[0].cidr, "192.168.2.0/24");
    assert_eq!(subnets[1].ip_version, 6);
    assert_eq!(subnets[1].gateway_ip, None);
    assert_eq!(subnets[1].ipv6_ra_mode.as_deref(), Some("dhcpv6-stateful"));
    assert!(subnets[1].dns_nameservers.is_empty());
}

#[test]
fn subnets_get() {
    let mut server = server();
    let fx = fixture("tavu", "subnets.get");
    let mock = mock_tavu(&mut server, &fx);
    let subnet = tavu(&server)
        .subnets()
        .get("9874325d-754c-4e66-989e-e5d83e5d8248")
        .unwrap();
    mock.assert();
    assert_parsed(&subnet, &fx);
    assert_eq!(subnet.id, "9874325d-754c-4e66-989e-e5d83e5d8248");
    assert_eq!(subnet.gateway_ip.as_deref(), Some("192.168.2.1"));
    assert_eq!(subnet.allocation_pools[1].end, "192.168.2.20");
    assert_eq!(subnet.host_routes[0].nexthop, "192.168.2.7");
}

#[test]
fn subnets_create() {
    let mut server = server();
    let fx = fixture("tavu", "subnets.create");
    let mock = mock_tavu(&mut server, &fx);
    let subnet = tavu(&server)
        .subnets()
        .create(&CreateSubnet {
            description: Some("This is an example subnet".into()),
            gateway_ip: "192.168.2.1".into(),
            enable_dhcp: Some(true),
            dns_nameservers: Some(vec!["8.8.8.8".into(), "4.4.2.2".into()]),
            allocation_pools: Some(vec![
                AllocationPoolSpec::new("192.168.2.2", "192.168.2.7"),
                AllocationPoolSpec::new("192.168.2.10", "192.168.2.200"),
            ]),
            host_routes: Some(vec![RouteSpec::new("192.168.2.6/32", "192.168.2.7")]),
            ..CreateSubnet::new(
                "API-subnet-001",
                "165d4a26-2114-4a14-9e75-b865b48e2ce0",
                "192.168.2.0/24",
                4u8,
            )
        })
        .unwrap();
    mock.assert();
    assert_parsed(&subnet, &fx);
    assert_eq!(subnet.id, "9874325d-754c-4e66-989e-e5d83e5d8248");
    assert_eq!(subnet.network_id, "165d4a26-2114-4a14-9e75-b865b48e2ce0");
    // The answer lists the pools in another order than the request.
    assert_eq!(subnet.allocation_pools[0].start, "192.168.2.10");
    assert_eq!(subnet.host_routes[0].destination, "192.168.2.6/32");
}

#[test]
fn subnets_update() {
    let mut server = server();
    let fx = fixture("tavu", "subnets.update");
    let mock = mock_tavu(&mut server, &fx);
    let subnet = tavu(&server)
        .subnets()
        .update(
            "9874325d-754c-4e66-989e-e5d83e5d8248",
            &UpdateSubnet {
                name: Some("Subnet-001".into()),
                description: Some("A brand new description.".into()),
                // Sent as an explicit `"gateway_ip": null`.
                gateway_ip: Nullable::Null,
                enable_dhcp: Some(false),
                dns_nameservers: Some(vec!["8.8.8.8".into()]),
                allocation_pools: Some(vec![AllocationPoolSpec::new("192.168.2.3", "192.168.2.8")]),
                host_routes: Some(vec![]),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&subnet, &fx);
    assert_eq!(subnet.name, "Subnet-001");
    assert_eq!(subnet.enable_dhcp, Some(false));
    assert_eq!(subnet.allocation_pools.len(), 1);
    assert!(subnet.host_routes.is_empty());
}

#[test]
fn subnets_delete() {
    let mut server = server();
    let fx = fixture("tavu", "subnets.delete");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .subnets()
        .delete("09ebbf29-6aa9-421c-843b-ddd252b4cd2d")
        .unwrap();
    mock.assert();
}

// ---- firewalls ----

#[test]
fn firewalls_list() {
    let mut server = server();
    let fx = fixture("tavu", "firewalls.list");
    let mock = mock_tavu(&mut server, &fx);
    let firewalls = tavu(&server).firewalls().list().unwrap();
    mock.assert();
    assert_parsed(&firewalls, &fx);
    assert_eq!(firewalls.len(), 2);
    assert_eq!(firewalls[0].name, "API-firewall-002");
    assert_eq!(firewalls[1].audited, Some(true));
    assert!(firewalls[1].router_ids.is_empty());
}

#[test]
fn firewalls_get() {
    let mut server = server();
    let fx = fixture("tavu", "firewalls.get");
    let mock = mock_tavu(&mut server, &fx);
    let firewall = tavu(&server)
        .firewalls()
        .get("76850c34-7489-4182-b655-f2caba3bc955")
        .unwrap();
    mock.assert();
    assert_parsed(&firewall, &fx);
    assert_eq!(firewall.id, "76850c34-7489-4182-b655-f2caba3bc955");
    assert_eq!(firewall.status.as_deref(), Some("INACTIVE"));
    assert_eq!(firewall.admin_state_up, Some(false));
}

#[test]
fn firewalls_update() {
    let mut server = server();
    let fx = fixture("tavu", "firewalls.update");
    let mock = mock_tavu(&mut server, &fx);
    let firewall = tavu(&server)
        .firewalls()
        .update(
            "76850c34-7489-4182-b655-f2caba3bc955",
            &UpdateFirewall {
                name: Some("Firewall-001".into()),
                description: Some("A brand new description.".into()),
                admin_state_up: Some(false),
                router_ids: Some(vec![]),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&firewall, &fx);
    assert_eq!(firewall.id, "76850c34-7489-4182-b655-f2caba3bc955");
    assert_eq!(firewall.name, "Firewall-001");
    assert_eq!(firewall.status.as_deref(), Some("PENDING_UPDATE"));
}

#[test]
fn firewalls_delete() {
    let mut server = server();
    let fx = fixture("tavu", "firewalls.delete");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .firewalls()
        .delete("76850c34-7489-4182-b655-f2caba3bc955")
        .unwrap();
    mock.assert();
}

#[test]
fn firewalls_audit() {
    let mut server = server();
    let fx = fixture("tavu", "firewalls.audit");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .firewalls()
        .audit("76850c34-7489-4182-b655-f2caba3bc955")
        .unwrap();
    mock.assert();
}

// ---- firewall_rules ----

#[test]
fn firewall_rules_list() {
    let mut server = server();
    let fx = fixture("tavu", "firewall_rules.list");
    let mock = mock_tavu(&mut server, &fx);
    let rules = tavu(&server)
        .firewall_rules()
        .list("76850c34-7489-4182-b655-f2caba3bc955")
        .unwrap();
    mock.assert();
    assert_parsed(&rules, &fx);
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0].protocol, None);
    assert_eq!(rules[0].position, Some(2));
    assert_eq!(rules[1].action.as_deref(), Some("deny"));
}

#[test]
fn firewall_rules_get() {
    let mut server = server();
    let fx = fixture("tavu", "firewall_rules.get");
    let mock = mock_tavu(&mut server, &fx);
    let rule = tavu(&server)
        .firewall_rules()
        .get(
            "76850c34-7489-4182-b655-f2caba3bc955",
            "807655f4-5a41-4c95-addd-b87e60967a73",
        )
        .unwrap();
    mock.assert();
    assert_parsed(&rule, &fx);
    assert_eq!(rule.id, "807655f4-5a41-4c95-addd-b87e60967a73");
    assert_eq!(rule.name.as_deref(), Some("Rule 1"));
    assert_eq!(rule.source_port_range_max, Some(2));
    assert_eq!(rule.destination_ip_address.as_deref(), Some("192.168.3.1"));
}

#[test]
fn firewall_rules_create() {
    let mut server = server();
    let fx = fixture("tavu", "firewall_rules.create");
    let mock = mock_tavu(&mut server, &fx);
    let rule = tavu(&server)
        .firewall_rules()
        .create(
            "76850c34-7489-4182-b655-f2caba3bc955",
            &FirewallRuleFields {
                name: Some("API-rule-001".into()),
                description: Some("This is an example rule.".into()),
                protocol: Some("tcp".into()),
                ip_version: Some(4),
                source_ip_address: Some("192.168.1.1".into()),
                destination_ip_address: Some("192.168.2.1".into()),
                source_port_range_min: Some(1),
                source_port_range_max: Some(20),
                destination_port_range_min: Some(1),
                destination_port_range_max: Some(20),
                action: Some("allow".into()),
                enabled: Some(true),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&rule, &fx);
    assert_eq!(rule.id, "9eb732bd-a010-4603-be24-6bce9370cb22");
    assert_eq!(rule.position, Some(1));
    assert_eq!(rule.action.as_deref(), Some("allow"));
}

#[test]
fn firewall_rules_update() {
    let mut server = server();
    let fx = fixture("tavu", "firewall_rules.update");
    let mock = mock_tavu(&mut server, &fx);
    let rule = tavu(&server)
        .firewall_rules()
        .update(
            "76850c34-7489-4182-b655-f2caba3bc955",
            "9eb732bd-a010-4603-be24-6bce9370cb22",
            &FirewallRuleFields {
                name: Some("Rule-001".into()),
                description: Some("A brand new description.".into()),
                protocol: Some("udp".into()),
                ip_version: Some(4),
                destination_ip_address: Some("192.168.4.1".into()),
                source_port_range_min: Some(1),
                destination_port_range_min: Some(20),
                destination_port_range_max: Some(20),
                action: Some("deny".into()),
                enabled: Some(true),
                ..FirewallRuleFields::new()
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&rule, &fx);
    assert_eq!(rule.id, "9eb732bd-a010-4603-be24-6bce9370cb22");
    assert_eq!(rule.protocol.as_deref(), Some("udp"));
    // Fields not sent keep their values.
    assert_eq!(rule.source_ip_address.as_deref(), Some("192.168.1.1"));
}

#[test]
fn firewall_rules_delete() {
    let mut server = server();
    let fx = fixture("tavu", "firewall_rules.delete");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .firewall_rules()
        .delete(
            "76850c34-7489-4182-b655-f2caba3bc955",
            "32cf0411-ae24-4742-98b8-9dac8d273342",
        )
        .unwrap();
    mock.assert();
}

// ---- routers ----

#[test]
fn routers_list() {
    let mut server = server();
    let fx = fixture("tavu", "routers.list");
    let mock = mock_tavu(&mut server, &fx);
    let routers = tavu(&server).routers().list().unwrap();
    mock.assert();
    assert_parsed(&routers, &fx);
    assert_eq!(routers.len(), 2);
    assert_eq!(routers[0].name, "Router-1");
    assert_eq!(
        routers[0]
            .external_gateway_info
            .as_ref()
            .unwrap()
            .device_owner
            .as_deref(),
        Some("network:router_gateway")
    );
    assert_eq!(routers[1].external_gateway_info, None);
    assert!(routers[1].routes.is_empty());
}

#[test]
fn routers_get() {
    let mut server = server();
    let fx = fixture("tavu", "routers.get");
    let mock = mock_tavu(&mut server, &fx);
    let router = tavu(&server)
        .routers()
        .get("3b0b8942-200c-4db9-a2eb-1a020d1a817c")
        .unwrap();
    mock.assert();
    assert_parsed(&router, &fx);
    assert_eq!(router.id, "3b0b8942-200c-4db9-a2eb-1a020d1a817c");
    assert_eq!(router.routes[0].destination, "192.168.1.6/32");
    assert_eq!(router.external_gateway_snat_enabled, Some(true));
    assert_eq!(
        router
            .external_gateway_info
            .as_ref()
            .unwrap()
            .ip_allocations[0]
            .ip_address,
        "192.168.255.41"
    );
}

#[test]
fn routers_update() {
    let mut server = server();
    let fx = fixture("tavu", "routers.update");
    let mock = mock_tavu(&mut server, &fx);
    let router = tavu(&server)
        .routers()
        .update(
            "cb9a2e15-2d5a-446e-ab1e-ec071ae126d1",
            &UpdateRouter {
                name: Some("Router-1".into()),
                description: Some("A brand new description.".into()),
                admin_state_up: Some(true),
                routes: Some(vec![RouteSpec::new("192.168.3.1/32", "192.168.2.2")]),
                ..UpdateRouter::new()
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&router, &fx);
    assert_eq!(router.id, "cb9a2e15-2d5a-446e-ab1e-ec071ae126d1");
    assert_eq!(router.routes[0].nexthop, "192.168.2.2");
    // This answer names the gateway `external_gateway_port`.
    assert_eq!(
        router.external_gateway_info.as_ref().unwrap().id,
        "879744a3-7134-4bcf-8bd4-ca1617af7f06"
    );
}

#[test]
fn routers_delete() {
    let mut server = server();
    let fx = fixture("tavu", "routers.delete");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .routers()
        .delete("6706ddad-3f13-44bb-906a-3c874ccb9ef8")
        .unwrap();
    mock.assert();
}

// ---- router_interfaces ----

#[test]
fn router_interfaces_list() {
    let mut server = server();
    let fx = fixture("tavu", "router_interfaces.list");
    let mock = mock_tavu(&mut server, &fx);
    let ports = tavu(&server)
        .router_interfaces()
        .list("cb9a2e15-2d5a-446e-ab1e-ec071ae126d1")
        .unwrap();
    mock.assert();
    assert_parsed(&ports, &fx);
    assert_eq!(ports.len(), 2);
    assert_eq!(ports[0].ip_allocations[0].ip_address, "abc0::1");
    assert_eq!(
        ports[1].device_owner.as_deref(),
        Some("network:router_interface")
    );
}

#[test]
fn router_interfaces_get() {
    let mut server = server();
    let fx = fixture("tavu", "router_interfaces.get");
    let mock = mock_tavu(&mut server, &fx);
    let port = tavu(&server)
        .router_interfaces()
        .get(
            "cb9a2e15-2d5a-446e-ab1e-ec071ae126d1",
            "d272026e-98ea-4a9c-b758-22d268cf41b1",
        )
        .unwrap();
    mock.assert();
    assert_parsed(&port, &fx);
    assert_eq!(port.id, "d272026e-98ea-4a9c-b758-22d268cf41b1");
    assert_eq!(
        port.device_id.as_deref(),
        Some("cb9a2e15-2d5a-446e-ab1e-ec071ae126d1")
    );
    assert_eq!(port.mac_address.as_deref(), Some("fa:16:3e:a6:c3:60"));
}

#[test]
fn router_interfaces_create() {
    let mut server = server();
    let fx = fixture("tavu", "router_interfaces.create");
    let mock = mock_tavu(&mut server, &fx);
    let interface = tavu(&server)
        .router_interfaces()
        .create(
            "cb9a2e15-2d5a-446e-ab1e-ec071ae126d1",
            &CreateRouterInterface::new("9874325d-754c-4e66-989e-e5d83e5d8248"),
        )
        .unwrap();
    mock.assert();
    assert_parsed(&interface, &fx);
    assert_eq!(interface.id, "cb9a2e15-2d5a-446e-ab1e-ec071ae126d1");
    assert_eq!(interface.port_id, "9d8932e3-8b81-40bf-869e-3a8acbf7c8ad");
    assert_eq!(
        interface.subnet_id.as_deref(),
        Some("9874325d-754c-4e66-989e-e5d83e5d8248")
    );
}

#[test]
fn router_interfaces_delete() {
    let mut server = server();
    let fx = fixture("tavu", "router_interfaces.delete");
    let mock = mock_tavu(&mut server, &fx);
    let removed = tavu(&server)
        .router_interfaces()
        .delete(
            "cb9a2e15-2d5a-446e-ab1e-ec071ae126d1",
            "d272026e-98ea-4a9c-b758-22d268cf41b1",
        )
        .unwrap();
    mock.assert();
    assert_parsed(&removed, &fx);
    assert_eq!(removed.id, "cb9a2e15-2d5a-446e-ab1e-ec071ae126d1");
    assert_eq!(removed.port_id, "d272026e-98ea-4a9c-b758-22d268cf41b1");
    assert_eq!(
        removed.network_id.as_deref(),
        Some("165d4a26-2114-4a14-9e75-b865b48e2ce0")
    );
}

// ---- security_groups ----

#[test]
fn security_groups_list() {
    let mut server = server();
    let fx = fixture("tavu", "security_groups.list");
    let mock = mock_tavu(&mut server, &fx);
    let groups = tavu(&server).security_groups().list().unwrap();
    mock.assert();
    assert_parsed(&groups, &fx);
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].name, "default");
    assert_eq!(groups[1].id, "935bad7c-1b2a-46d3-ab5f-a03530e12d3c");
    assert!(groups[1].rules.is_empty());
}

#[test]
fn security_groups_get() {
    let mut server = server();
    let fx = fixture("tavu", "security_groups.get");
    let mock = mock_tavu(&mut server, &fx);
    let group = tavu(&server)
        .security_groups()
        .get("935bad7c-1b2a-46d3-ab5f-a03530e12d3c")
        .unwrap();
    mock.assert();
    assert_parsed(&group, &fx);
    assert_eq!(group.id, "935bad7c-1b2a-46d3-ab5f-a03530e12d3c");
    assert_eq!(group.name, "API-security-group-001");
    assert_eq!(
        group.description.as_deref(),
        Some("This is an example security group.")
    );
}

#[test]
fn security_groups_create() {
    let mut server = server();
    let fx = fixture("tavu", "security_groups.create");
    let mock = mock_tavu(&mut server, &fx);
    let group = tavu(&server)
        .security_groups()
        .create(&CreateSecurityGroup {
            description: Some("This is an example security group.".into()),
            ..CreateSecurityGroup::new("Api-security-group-001")
        })
        .unwrap();
    mock.assert();
    assert_parsed(&group, &fx);
    assert_eq!(group.id, "7ee3f318-9e52-4ac2-835b-caa1f425b57a");
    assert_eq!(group.name, "Api-security-group-001");
}

#[test]
fn security_groups_update() {
    let mut server = server();
    let fx = fixture("tavu", "security_groups.update");
    let mock = mock_tavu(&mut server, &fx);
    let group = tavu(&server)
        .security_groups()
        .update(
            "7ee3f318-9e52-4ac2-835b-caa1f425b57a",
            &UpdateSecurityGroup {
                name: Some("Api-security-group-002".into()),
                description: Some("A brand new description.".into()),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&group, &fx);
    assert_eq!(group.id, "7ee3f318-9e52-4ac2-835b-caa1f425b57a");
    assert_eq!(group.name, "Api-security-group-002");
    assert_eq!(
        group.description.as_deref(),
        Some("A brand new description.")
    );
}

#[test]
fn security_groups_delete() {
    let mut server = server();
    let fx = fixture("tavu", "security_groups.delete");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .security_groups()
        .delete("7ee3f318-9e52-4ac2-835b-caa1f425b57a")
        .unwrap();
    mock.assert();
}

// ---- security_group_rules ----

#[test]
fn security_group_rules_list() {
    let mut server = server();
    let fx = fixture("tavu", "security_group_rules.list");
    let mock = mock_tavu(&mut server, &fx);
    let rules = tavu(&server)
        .security_group_rules()
        .list("935bad7c-1b2a-46d3-ab5f-a03530e12d3c")
        .unwrap();
    mock.assert();
    assert_parsed(&rules, &fx);
    assert_eq!(rules.len(), 2);
    assert_eq!(
        rules[0].remote_group_id.as_deref(),
        Some("7512b702-4ef5-49f4-b44e-1b5a6e25a10b")
    );
    assert_eq!(rules[1].protocol.as_deref(), Some("icmp"));
    assert_eq!(rules[1].port_range_min, Some(0));
}

#[test]
fn security_group_rules_get() {
    let mut server = server();
    let fx = fixture("tavu", "security_group_rules.get");
    let mock = mock_tavu(&mut server, &fx);
    let rule = tavu(&server)
        .security_group_rules()
        .get(
            "935bad7c-1b2a-46d3-ab5f-a03530e12d3c",
            "4bd3354d-c754-4cd5-ae69-f72edd4cc27d",
        )
        .unwrap();
    mock.assert();
    assert_parsed(&rule, &fx);
    assert_eq!(rule.id, "4bd3354d-c754-4cd5-ae69-f72edd4cc27d");
    assert_eq!(rule.direction, "ingress");
    assert_eq!(rule.protocol, None);
}

#[test]
fn security_group_rules_create() {
    let mut server = server();
    let fx = fixture("tavu", "security_group_rules.create");
    let mock = mock_tavu(&mut server, &fx);
    let rule = tavu(&server)
        .security_group_rules()
        .create(
            "935bad7c-1b2a-46d3-ab5f-a03530e12d3c",
            &CreateSecurityGroupRule {
                remote_ip_prefix: Some("0.0.0.0/0".into()),
                port_range_min: Some(1),
                port_range_max: Some(2),
                ethertype: Some("IPv4".into()),
                protocol: Some("tcp".into()),
                ..CreateSecurityGroupRule::new("ingress")
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&rule, &fx);
    assert_eq!(rule.id, "74bfe90d-8377-4685-873b-9192dcf05417");
    assert_eq!(
        rule.security_group_id.as_deref(),
        Some("935bad7c-1b2a-46d3-ab5f-a03530e12d3c")
    );
    assert_eq!(rule.port_range_max, Some(2));
}

#[test]
fn security_group_rules_delete() {
    let mut server = server();
    let fx = fixture("tavu", "security_group_rules.delete");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .security_group_rules()
        .delete(
            "935bad7c-1b2a-46d3-ab5f-a03530e12d3c",
            "e4f14c52-a148-49f9-821a-003688279997",
        )
        .unwrap();
    mock.assert();
}

// ---- floating_ips ----

#[test]
fn floating_ips_list() {
    let mut server = server();
    let fx = fixture("tavu", "floating_ips.list");
    let mock = mock_tavu(&mut server, &fx);
    let ips = tavu(&server).floating_ips().list().unwrap();
    mock.assert();
    assert_parsed(&ips, &fx);
    assert_eq!(ips.len(), 2);
    assert_eq!(ips[0].floating_ip_address, "192.168.255.51");
    assert_eq!(ips[0].revision_number, Some(5));
    assert_eq!(ips[1].port_id, None);
}

#[test]
fn floating_ips_get() {
    let mut server = server();
    let fx = fixture("tavu", "floating_ips.get");
    let mock = mock_tavu(&mut server, &fx);
    let ip = tavu(&server)
        .floating_ips()
        .get("807655f4-5a41-4c95-addd-b87e60967a73")
        .unwrap();
    mock.assert();
    assert_parsed(&ip, &fx);
    // The example asks for one ID and answers another, as the reference shows it.
    assert_eq!(ip.id, "99bb1efe-782b-4af8-9c34-0bc6142980dc");
    assert_eq!(ip.floating_ip_address, "192.168.255.50");
    assert_eq!(ip.status.as_deref(), Some("DOWN"));
}

#[test]
fn floating_ips_update() {
    let mut server = server();
    let fx = fixture("tavu", "floating_ips.update");
    let mock = mock_tavu(&mut server, &fx);
    let ip = tavu(&server)
        .floating_ips()
        .update(
            "99fg1efe-182b-4bf8-3c34-0b88042980dc",
            &UpdateFloatingIp {
                port_id: "5daee914-e5ea-41b6-830b-b0b10c0b11ec".into(),
                description: Some("Attached to instance3".into()),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&ip, &fx);
    assert_eq!(ip.id, "99fg1efe-182b-4bf8-3c34-0b88042980dc");
    assert_eq!(
        ip.port_id.as_deref(),
        Some("5daee914-e5ea-41b6-830b-b0b10c0b11ec")
    );
    assert_eq!(ip.floating_ip_address, "192.168.255.51");
}

#[test]
fn floating_ips_delete() {
    let mut server = server();
    let fx = fixture("tavu", "floating_ips.delete");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .floating_ips()
        .delete("32cf0411-ae24-4742-98b8-9dac8d273342")
        .unwrap();
    mock.assert();
}
