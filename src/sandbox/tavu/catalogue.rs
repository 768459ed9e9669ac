//! What a new account sees, copied from the reference's examples: the catalogue (availability
//! zones, configurations, operating systems), the public network instances attach to, and the
//! objects the API can act on but never creates (a firewall with its rules, a router with an
//! external gateway, two floating IPs), plus the `default` security group every instance
//! joins. IDs are the reference's, so its curl examples work against the sandbox.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::tavu::{
    AvailabilityZone, Configuration, Firewall, FirewallRule, FloatingIp, Image, Router,
    SecurityGroup, SecurityGroupRule, Subnet,
};

/// The external network: `"public"` in an instance's `networks`, the floating IPs' network.
pub(super) const PUBLIC_NETWORK_ID: &str = "bdcffe24-89a2-4c72-80df-2709997192a7";
/// The external network's subnet (it is not listed: it belongs to the provider).
pub(super) const PUBLIC_SUBNET_ID: &str = "efa9c254-48bd-4d96-925f-a44a21828513";
/// The security group every instance joins; it cannot be deleted.
pub(super) const DEFAULT_SECURITY_GROUP_ID: &str = "7512b702-4ef5-49f4-b44e-1b5a6e25a10b";

fn parse<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("the sandbox catalogue matches the models")
}

pub(super) fn zones() -> Vec<AvailabilityZone> {
    parse(json!([
        {"id": "b7061120-6fd4-409a-ab38-a8c669b69c99", "region": "Ulvila", "number": 2},
        {"id": "702b4979-5a1b-47c8-b539-d10ec9825cfd", "region": "Ulvila", "number": 1}
    ]))
}

/// The reference's configurations list (its trailing comma dropped).
pub(super) fn configurations() -> Vec<Configuration> {
    let zone2 =
        json!([{"id": "b7061120-6fd4-409a-ab38-a8c669b69c99", "region": "Ulvila", "number": 2}]);
    let zone1 =
        json!([{"id": "702b4979-5a1b-47c8-b539-d10ec9825cfd", "region": "Ulvila", "number": 1}]);
    parse(json!([
        {"id": "6cb38035-1c37-453d-ab44-ce3ac54f6ce5", "cpu": 2, "disk_type": "ssd", "disk": 50,
         "ram": 1024, "bandwidth": "1000.0", "availability_zones": zone2},
        {"id": "9c345ee8-9f33-49e0-80d6-73a1f766a268", "cpu": 1, "disk_type": "hdd", "disk": 50,
         "ram": 512, "bandwidth": "500.0", "availability_zones": zone2},
        {"id": "0df068bc-21fb-4b77-8efb-9f39ede79d63", "cpu": 1, "disk_type": "ssd", "disk": 50,
         "ram": 512, "bandwidth": "750.0", "availability_zones": zone2},
        {"id": "6938285d-e79e-45fd-af04-1fdcae5e2090", "cpu": 1, "disk_type": "hdd", "disk": 50,
         "ram": 2048, "bandwidth": "4000.0", "availability_zones": zone2},
        {"id": "9859841d-772c-4305-9e1e-940f13b4c014", "cpu": 1, "ram": 512, "disk_type": "nvme",
         "disk": 5, "bandwidth": "10000.0", "availability_zones": zone1}
    ]))
}

/// The reference's operating systems. Its example gives Ubuntu 12.04 the same ID as Ubuntu
/// 14.04, a copy-paste slip: an ID names one image, so 12.04 gets an ID of its own here.
pub(super) fn operating_systems() -> Vec<Image> {
    parse(json!([
        {"id": "00ed37ab-7a47-45b3-9419-543a40b3c3f2", "name": "Ubuntu", "version": "14.04"},
        {"id": "1a8d6f5c-3b2e-4c1d-9f0a-12045e7c8b21", "name": "Ubuntu", "version": "12.04"},
        {"id": "7d5c5b7d-414c-4e0a-ad41-67e75476a670", "name": "centos", "version": "7"}
    ]))
}

/// The public network's subnet, where public ports, router gateways and floating IPs get
/// their addresses (`192.168.255.x` in the reference).
pub(super) fn public_subnet() -> Subnet {
    parse(json!({
        "id": PUBLIC_SUBNET_ID, "name": "public", "description": "", "network_id": PUBLIC_NETWORK_ID,
        "ip_version": 4, "cidr": "192.168.255.0/24", "gateway_ip": "192.168.255.1",
        "enable_dhcp": true, "ipv6_ra_mode": null, "ipv6_address_mode": null,
        "allocation_pools": [{"start": "192.168.255.2", "end": "192.168.255.254"}],
        "dns_nameservers": [], "host_routes": []
    }))
}

/// `API-firewall-002`, the firewall the reference's examples act on, with its two rules.
pub(super) fn firewall() -> (Firewall, Vec<FirewallRule>) {
    let firewall = parse(json!({
        "id": "76850c34-7489-4182-b655-f2caba3bc955", "name": "API-firewall-002",
        "description": "This is an example firewall.", "audited": false,
        "admin_state_up": false, "status": "INACTIVE", "router_ids": []
    }));
    let rules = parse(json!([
        {"id": "6276aab0-2ea7-4bdb-ba6f-f897986d77f3", "name": "", "description": "",
         "protocol": null, "ip_version": 4, "source_ip_address": null,
         "destination_ip_address": null, "source_port_range_min": null,
         "source_port_range_max": null, "destination_port_range_min": null,
         "destination_port_range_max": null, "action": "allow", "enabled": true, "position": 2},
        {"id": "807655f4-5a41-4c95-addd-b87e60967a73", "name": "Rule 1",
         "description": "This is an example rule.", "protocol": "tcp", "ip_version": 4,
         "source_ip_address": "192.168.2.1", "destination_ip_address": "192.168.3.1",
         "source_port_range_min": 1, "source_port_range_max": 2,
         "destination_port_range_min": 1, "destination_port_range_max": 1,
         "action": "deny", "enabled": true, "position": 1}
    ]));
    (firewall, rules)
}

/// `Router-1`, with its gateway in the public network and the reference's static route.
pub(super) fn router() -> Router {
    parse(json!({
        "id": "3b0b8942-200c-4db9-a2eb-1a020d1a817c", "description": "", "name": "Router-1",
        "status": "ACTIVE", "admin_state_up": true,
        "routes": [{"destination": "192.168.1.6/32", "nexthop": "192.168.2.7"}],
        "external_gateway_snat_enabled": true,
        "external_gateway_info": {
            "id": "a59fc165-4ed9-4416-9f1b-d59dea6d7486", "description": "", "name": "",
            "network_id": PUBLIC_NETWORK_ID, "mac_address": "fa:16:3e:9b:d0:43",
            "admin_state_up": true, "status": "ACTIVE",
            "device_id": "3b0b8942-200c-4db9-a2eb-1a020d1a817c",
            "device_owner": "network:router_gateway",
            "ip_allocations": [{"ip_address": "192.168.255.41", "subnet_id": PUBLIC_SUBNET_ID}]
        }
    }))
}

/// The two floating IPs of the reference's list, both unassociated.
pub(super) fn floating_ips() -> Vec<FloatingIp> {
    parse(json!([
        {"id": "96388526-df19-41a1-8adb-b36a21a28741", "created_at": "2018-01-17T11:15:50.000+00:00",
         "updated_at": "2018-01-17T11:28:29.000+00:00", "description": "", "revision_number": 5,
         "floating_ip_address": "192.168.255.51", "floating_network_id": PUBLIC_NETWORK_ID,
         "fixed_ip_address": null, "router_id": null, "status": "DOWN", "port_id": null},
        {"id": "99bb1efe-782b-4af8-9c34-0bc6142980dc", "created_at": "2018-01-17T11:14:05.000+00:00",
         "updated_at": "2018-01-17T11:14:05.000+00:00", "description": "", "revision_number": 1,
         "floating_ip_address": "192.168.255.50", "floating_network_id": PUBLIC_NETWORK_ID,
         "fixed_ip_address": null, "router_id": null, "status": "DOWN", "port_id": null}
    ]))
}

/// The `default` security group and its five rules, as the reference's instances embed them.
pub(super) fn default_security_group() -> (SecurityGroup, Vec<SecurityGroupRule>) {
    let group = parse(json!({
        "id": DEFAULT_SECURITY_GROUP_ID, "name": "default", "description": "Default security group"
    }));
    let rule =
        |id: &str, remote_group: bool, direction: &str, ethertype: &str, prefix: Option<&str>| {
            json!({
                "id": id, "security_group_id": DEFAULT_SECURITY_GROUP_ID,
                "remote_group_id": remote_group.then_some(DEFAULT_SECURITY_GROUP_ID),
                "direction": direction, "ethertype": ethertype, "protocol": null,
                "port_range_min": null, "port_range_max": null, "remote_ip_prefix": prefix
            })
        };
    let rules = parse(json!([
        rule(
            "185c069b-6214-45de-a8e4-531ba3b5ac71",
            false,
            "egress",
            "IPv6",
            None
        ),
        rule(
            "28cb1966-dca9-4421-b4e8-9b32484a028f",
            true,
            "ingress",
            "IPv6",
            None
        ),
        rule(
            "7d9eacd5-26db-44be-87c0-a7004ad08163",
            false,
            "ingress",
            "IPv4",
            Some("0.0.0.0/0")
        ),
        rule(
            "9e989924-77f5-47fb-a012-80c8b630b888",
            false,
            "egress",
            "IPv4",
            None
        ),
        rule(
            "f670f40b-3f89-426c-9c01-b8b16be4d5d0",
            true,
            "ingress",
            "IPv4",
            None
        )
    ]));
    (group, rules)
}
