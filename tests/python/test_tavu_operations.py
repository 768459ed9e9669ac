"""Every Tavu operation, driven through the compiled extension against the local server.

One test per operation, named ``<resource>.<op>``. Each queues the reference's example response
(tests/fixtures/tavu/<resource>.<op>.json), calls the method the way a Python user would (path
parameters and required body fields positionally, optional fields as keywords, integer IDs as
``int``), then checks the request the server saw (method, exact path, auth headers, JSON body),
the type of the result, a few meaningful attributes, and that ``to_dict()`` holds every field of
the example response.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Callable, Optional

import pytest

import vpsclient
from vpsclient import tavu as models

from conftest import TAVU_KEY, TAVU_TEAM, assert_cases_cover, assert_subset, load_fixture, template_regex

@dataclass
class Case:
    """One operation: how a user calls it, what it returns, what to check on the result."""

    call: Callable[[vpsclient.TavuClient, dict], Any]
    # The model class of the result (of each item when `many`), or None for an empty body.
    model: Optional[type]
    many: bool = False
    check: Optional[Callable[[Any], None]] = None
    # The body the call must send when it differs from the fixture's (see its use).
    expected_request: Optional[Callable[[dict], Any]] = None


def body(fx: dict) -> dict:
    """The fields of the fixture's request, inside its wrapper object."""
    (inner,) = fx["request"].values()
    return inner


INSTANCE = "1c06dd09-966b-4ea7-abf1-243b2a447c60"
ACTION_INSTANCE = "3dcc547c-457b-42fb-855d-a90b5334c41c"
INTERFACE_INSTANCE = "19b1fa7a-7f5e-4806-8b6a-04472e46c3ba"
FIREWALL = "76850c34-7489-4182-b655-f2caba3bc955"
SECURITY_GROUP = "935bad7c-1b2a-46d3-ab5f-a03530e12d3c"
ROUTER = "cb9a2e15-2d5a-446e-ab1e-ec071ae126d1"
SUBNET = "9874325d-754c-4e66-989e-e5d83e5d8248"
VOLUME = "f5c32033-6f56-47a1-a1c0-94b44ab9ca29"
NETWORK = "165d4a26-2114-4a14-9e75-b865b48e2ce0"
UBUNTU = "00ed37ab-7a47-45b3-9419-543a40b3c3f2"


# --- checks of meaningful fields, one per operation that returns something -------------------

def check_instance_get(i: Any) -> None:
    assert (i.id, i.name, i.status) == (INSTANCE, "API-instance-001", "active")
    assert i.ssh_key is None
    assert isinstance(i.availability_zone, models.AvailabilityZone)
    assert (i.availability_zone.region, i.availability_zone.number) == ("Ulvila", 2)
    assert [g.name for g in i.security_groups] == ["default", "API-security-group-001"]
    assert all(isinstance(g, models.SecurityGroup) for g in i.security_groups)
    assert isinstance(i.volumes[0], models.Volume)
    assert i.volumes[0].attachment.mounted_at == "/dev/vdb"
    assert isinstance(i.configuration, models.Configuration)
    assert (i.configuration.cpu, i.configuration.ram, i.configuration.bandwidth) == (1, 512, "500.0")
    assert isinstance(i.image, models.Image) and i.image.version == "14.04"
    assert all(isinstance(p, models.Port) for p in i.ports)
    assert i.ports[1].ip_allocations[0].ip_address == "192.168.1.5"
    assert isinstance(i.ports[1].ip_allocations[0], models.IpAllocation)
    assert i.password is None and i.username is None


def check_instances_list(items: list) -> None:
    assert len(items) >= 1
    check_instance_get(items[0])


def check_instance_create(i: Any) -> None:
    assert (i.id, i.name, i.status) == ("482e25a1-d3c3-4184-b027-e0de11d6ee57", "API-instance-001", "building")
    assert i.ssh_key == "API-ssh-key-001"
    assert (i.username, i.password) == ("ubuntu", "ycpzdhf5")
    assert i.configuration.disk_type == "ssd"
    assert i.configuration.availability_zones[0].id == "b7061120-6fd4-409a-ab38-a8c669b69c99"
    assert i.ports == [] and i.volumes == [] and i.security_groups == []


def check_instance_update(i: Any) -> None:
    assert (i.id, i.name, i.status) == ("21af330a-3f01-4afc-8359-62661666a2e0", "Instance-001", "active")
    rules = i.security_groups[0].rules
    assert rules and all(isinstance(r, models.SecurityGroupRule) for r in rules)
    assert rules[0].direction == "egress" and rules[0].ethertype == "IPv6" and rules[0].protocol is None


def check_instance_rebuild(i: Any) -> None:
    assert (i.id, i.name, i.status) == (ACTION_INSTANCE, "Instance-1", "active")
    assert i.image.id == UBUNTU
    assert i.security_groups[0].rules[2].remote_ip_prefix == "0.0.0.0/0"


def check_port_instance_interface(p: Any) -> None:
    assert (p.id, p.network_id, p.status) == ("9fb57a9b-1b0e-45de-863e-73373ebff4d4", "bdcffe24-89a2-4c72-80df-2709997192a7", "ACTIVE")
    assert p.admin_state_up is True
    assert p.device_owner == "compute:None"
    assert p.ip_allocations[0].ip_address == "192.168.255.44"


def check_instance_interface_create(p: Any) -> None:
    assert (p.id, p.network_id, p.status) == ("6421a7c1-156f-4e03-94c8-c844cc22eeef", NETWORK, "DOWN")
    assert p.mac_address == "fa:16:3e:82:3a:05"
    assert [a.ip_address for a in p.ip_allocations] == ["192.168.2.7", "abc0::7"]


def check_instance_user(u: Any, username: str = "my-instance-user-1") -> None:
    assert isinstance(u.id, int) and u.id == 15
    assert u.username == username
    assert u.disable_password is False
    assert [k.name for k in u.ssh_keys] == ["my-ssh-key-1", "my-ssh-key-2"]
    assert all(isinstance(k, models.SshKey) for k in u.ssh_keys)
    assert u.ssh_keys[0].fingerprint == "d8:38:c5:cb:fb:c4:10:c1:c5:cb:c8:24:b6:51:d5:09"
    assert u.created_at == datetime.datetime(2018, 4, 25, 9, 42, 26, 410000, tzinfo=datetime.timezone.utc)


def check_instance_users_list(items: list) -> None:
    check_instance_user(items[0])
    assert (items[1].id, items[1].username, len(items[1].ssh_keys)) == (16, "my-instance-user-2", 1)


def check_instance_script(s: Any, name: str = "my-instance-script-1") -> None:
    assert isinstance(s.id, int) and s.id == 76
    assert s.name == name
    assert s.description == "A script that sets up my user how I want it."
    assert s.script.startswith("I2Nsb3VkLWNvbmZpZw0K")


def check_configurations(items: list) -> None:
    assert len(items) == 5
    c = items[0]
    assert (c.id, c.cpu, c.ram, c.disk, c.disk_type, c.bandwidth) == (
        "6cb38035-1c37-453d-ab44-ce3ac54f6ce5", 2, 1024, 50, "ssd", "1000.0")
    assert isinstance(c.availability_zones[0], models.AvailabilityZone)
    assert items[4].disk_type == "nvme" and items[4].availability_zones[0].number == 1


def check_ssh_key_get(k: Any) -> None:
    assert k.name == "API-ssh-key-001"
    assert k.fingerprint == "c0:d3:ac:f8:86:b6:7a:73:18:19:de:0e:8c:c4:dc:d9"
    assert k.public_key.startswith("ssh-rsa ")
    assert k.private_key is None


def check_ssh_key_create(k: Any) -> None:
    assert k.name == "API-ssh-key-003"
    assert k.fingerprint == "52:8e:92:82:d2:81:88:20:b4:f8:63:56:47:ae:20:35"
    assert k.public_key.endswith("Generated-by-Nova")
    assert k.created_at is None and k.private_key is None


def check_operating_systems(items: list) -> None:
    assert [(i.name, i.version) for i in items] == [("Ubuntu", "14.04"), ("Ubuntu", "12.04"), ("centos", "7")]


def check_instance_snapshot_get(s: Any) -> None:
    assert (s.id, s.name, s.size, s.status) == ("62f39f1e-0ac0-4df3-9397-fb419560fbdb", "API-instance-snapshot-001", 936, "active")
    assert s.instance_id == INSTANCE


def check_instance_snapshots_list(items: list) -> None:
    check_instance_snapshot_get(items[0])
    assert (items[1].size, items[1].status) == (None, "queued")


def check_instance_snapshot_create(s: Any) -> None:
    assert (s.id, s.status, s.size) == ("f21cffd5-dc63-4e14-a325-9656c43ac4a0", "queued", None)
    assert s.instance_id == INSTANCE


def check_volume_get(v: Any) -> None:
    assert (v.id, v.name, v.size, v.status) == ("1b16e59d-f30d-4e8f-96ea-600530c8e1df", "API-volume-001", 1, "in-use")
    assert v.snapshot_id is None
    assert isinstance(v.attachment, models.VolumeAttachment)
    assert (v.attachment.instance_id, v.attachment.status) == (INSTANCE, "attached")
    assert isinstance(v.snapshots[0], models.VolumeSnapshot)
    assert v.snapshots[0].name == "API-volume-snapshot-002" and v.snapshots[0].description is None


def check_volumes_list(items: list) -> None:
    check_volume_get(items[0])
    assert (items[1].status, items[1].attachment) == ("available", None)
    assert items[1].snapshot_id == "fde6609f-4669-4b22-ab40-48836eed5b3f"


def check_volume_create(v: Any) -> None:
    assert (v.id, v.status, v.size) == ("6ed88946-8799-47d2-8e9c-49e5b53ce586", "creating", 1)
    # A timestamp without a UTC offset is kept as sent.
    assert v.created_at == datetime.datetime(2017, 10, 31, 14, 0, 3, 919355, tzinfo=datetime.timezone.utc)
    assert v.attachment is None and v.snapshots == []


def check_volume_update(v: Any) -> None:
    assert (v.id, v.name, v.description) == (VOLUME, "Volume-001", "A brand new description.")


def check_volume_attach(r: Any) -> None:
    assert (r.volume_id, r.instance_id, r.mount_point) == (VOLUME, INTERFACE_INSTANCE, "/dev/vdb")


def check_volume_snapshot_get(s: Any) -> None:
    assert (s.id, s.volume_id, s.volume_size) == ("c674750f-6be4-44de-8c07-719987b8ee0c", VOLUME, 1)
    assert s.description is None and s.name == "API-volume-snapshot-001"


def check_volume_snapshots_list(items: list) -> None:
    check_volume_snapshot_get(items[0])
    assert items[1].volume_id == "1b16e59d-f30d-4e8f-96ea-600530c8e1df"


def check_volume_snapshot_create(s: Any) -> None:
    assert (s.id, s.name, s.volume_id) == ("c1607b27-2f5c-43c6-b035-09d910967201", "API-snapshot-001", VOLUME)
    assert s.created_at == datetime.datetime(2017, 11, 10, 9, 56, 44, 951817, tzinfo=datetime.timezone.utc)


def check_volume_snapshot_update(s: Any) -> None:
    assert (s.name, s.description) == ("API-snapshot-002", "A brand new description.")


def check_port_get(p: Any) -> None:
    assert (p.id, p.status, p.device_owner) == ("0ae04bdd-e282-4601-b290-f0c29f293bf5", "ACTIVE", "network:dhcp")
    # The API sends `admin_state_up: 1` for ports.
    assert p.admin_state_up is True
    assert p.ip_allocations[0].network_id == "9ff312e4-3afb-45c3-ae32-18f96f15b317"


def check_ports_list(items: list) -> None:
    check_port_get(items[0])
    assert items[1].admin_state_up is True and items[1].ip_allocations[0].ip_address == "192.168.1.12"


def check_port_update(p: Any) -> None:
    assert (p.id, p.name, p.description) == ("022eb2ac-4dd8-4074-be76-227ab2c205ec", "API-port-001", "This is an example port.")
    assert p.admin_state_up is True and p.status == "DOWN"


def check_network_get(n: Any) -> None:
    assert (n.id, n.name, n.status, n.admin_state_up) == ("9ff312e4-3afb-45c3-ae32-18f96f15b317", "API-network-001", "ACTIVE", True)


def check_network_create(n: Any) -> None:
    assert (n.id, n.name, n.description, n.admin_state_up) == (NETWORK, "API-network-001", "This is an example network.", True)


def check_network_update(n: Any) -> None:
    assert (n.id, n.name, n.admin_state_up) == (NETWORK, "Network-1", False)


def check_subnet_get(s: Any) -> None:
    assert (s.id, s.name, s.network_id, s.ip_version, s.cidr) == (SUBNET, "API-subnet-001", NETWORK, 4, "192.168.2.0/24")
    assert s.gateway_ip == "192.168.2.1" and s.enable_dhcp is False
    assert s.ipv6_ra_mode is None
    assert isinstance(s.allocation_pools[0], models.AllocationPool)
    assert [(p.start, p.end) for p in s.allocation_pools] == [("192.168.2.3", "192.168.2.7"), ("192.168.2.10", "192.168.2.20")]
    assert isinstance(s.host_routes[0], models.Route) and s.host_routes[0].nexthop == "192.168.2.7"
    assert s.dns_nameservers == ["8.8.8.8"]


def check_subnets_list(items: list) -> None:
    check_subnet_get(items[0])
    v6 = items[1]
    assert (v6.ip_version, v6.gateway_ip, v6.ipv6_ra_mode, v6.dns_nameservers) == (6, None, "dhcpv6-stateful", [])


def check_subnet_create(s: Any) -> None:
    assert (s.id, s.name, s.enable_dhcp) == (SUBNET, "API-subnet-001", True)
    assert s.dns_nameservers == ["8.8.8.8", "4.4.2.2"]
    assert s.host_routes[0].destination == "192.168.2.6/32"


def check_subnet_update(s: Any) -> None:
    assert (s.name, s.description, s.enable_dhcp) == ("Subnet-001", "A brand new description.", False)
    assert s.host_routes == [] and [(p.start, p.end) for p in s.allocation_pools] == [("192.168.2.3", "192.168.2.8")]


def check_firewall_get(f: Any) -> None:
    assert (f.id, f.name, f.audited, f.admin_state_up, f.status, f.router_ids) == (
        FIREWALL, "API-firewall-002", False, False, "INACTIVE", [])


def check_firewalls_list(items: list) -> None:
    check_firewall_get(items[0])
    assert (items[1].name, items[1].audited, items[1].admin_state_up) == ("API-firewall-001", True, True)


def check_firewall_update(f: Any) -> None:
    assert (f.name, f.status, f.admin_state_up) == ("Firewall-001", "PENDING_UPDATE", False)


def check_firewall_rule_get(r: Any) -> None:
    assert (r.id, r.name, r.protocol, r.ip_version, r.action, r.enabled, r.position) == (
        "807655f4-5a41-4c95-addd-b87e60967a73", "Rule 1", "tcp", 4, "deny", True, 1)
    assert (r.source_port_range_min, r.source_port_range_max) == (1, 2)


def check_firewall_rules_list(items: list) -> None:
    any_rule = items[0]
    assert (any_rule.protocol, any_rule.source_ip_address, any_rule.position) == (None, None, 2)
    check_firewall_rule_get(items[1])


def check_firewall_rule_create(r: Any) -> None:
    assert (r.id, r.name, r.action, r.destination_port_range_max) == ("9eb732bd-a010-4603-be24-6bce9370cb22", "API-rule-001", "allow", 20)


def check_firewall_rule_update(r: Any) -> None:
    assert (r.name, r.protocol, r.action, r.destination_ip_address) == ("Rule-001", "udp", "deny", "192.168.4.1")


def check_router_get(r: Any) -> None:
    assert (r.id, r.name, r.status, r.admin_state_up) == ("3b0b8942-200c-4db9-a2eb-1a020d1a817c", "Router-1", "ACTIVE", True)
    assert r.external_gateway_snat_enabled is True
    assert isinstance(r.routes[0], models.Route) and r.routes[0].destination == "192.168.1.6/32"
    gw = r.external_gateway_info
    assert isinstance(gw, models.Port)
    assert (gw.device_owner, gw.ip_allocations[0].ip_address) == ("network:router_gateway", "192.168.255.41")


def check_routers_list(items: list) -> None:
    check_router_get(items[0])
    assert (items[1].name, items[1].routes, items[1].external_gateway_info) == ("API-router-001", [], None)


def check_router_update(r: Any) -> None:
    assert (r.id, r.name, r.description) == (ROUTER, "Router-1", "A brand new description.")
    assert [(x.destination, x.nexthop) for x in r.routes] == [("192.168.3.1/32", "192.168.2.2")]
    # The update answer names the gateway `external_gateway_port`; the model reads it all the same.
    assert isinstance(r.external_gateway_info, models.Port)
    assert r.external_gateway_info.ip_allocations[0].ip_address == "192.168.255.40"


def check_router_interface_get(p: Any) -> None:
    assert (p.id, p.device_id, p.device_owner) == ("d272026e-98ea-4a9c-b758-22d268cf41b1", ROUTER, "network:router_interface")
    assert p.ip_allocations[0].subnet_id == SUBNET


def check_router_interfaces_list(items: list) -> None:
    assert [p.ip_allocations[0].ip_address for p in items] == ["abc0::1", "192.168.2.1"]


def check_router_interface_create(r: Any) -> None:
    assert (r.id, r.network_id, r.subnet_id, r.port_id) == (ROUTER, NETWORK, SUBNET, "9d8932e3-8b81-40bf-869e-3a8acbf7c8ad")


def check_router_interface_delete(r: Any) -> None:
    assert (r.id, r.subnet_id, r.port_id) == (ROUTER, SUBNET, "d272026e-98ea-4a9c-b758-22d268cf41b1")


def check_security_group_get(g: Any) -> None:
    assert (g.id, g.name, g.description) == (SECURITY_GROUP, "API-security-group-001", "This is an example security group.")
    assert g.rules == []


def check_security_groups_list(items: list) -> None:
    assert [g.name for g in items] == ["default", "API-security-group-001"]
    check_security_group_get(items[1])


def check_security_group_create(g: Any) -> None:
    assert (g.id, g.name) == ("7ee3f318-9e52-4ac2-835b-caa1f425b57a", "Api-security-group-001")


def check_security_group_update(g: Any) -> None:
    assert (g.name, g.description) == ("Api-security-group-002", "A brand new description.")


def check_security_group_rule_get(r: Any) -> None:
    assert (r.id, r.security_group_id, r.direction, r.ethertype) == (
        "4bd3354d-c754-4cd5-ae69-f72edd4cc27d", SECURITY_GROUP, "ingress", "IPv4")
    assert r.remote_group_id == "7512b702-4ef5-49f4-b44e-1b5a6e25a10b"
    assert (r.protocol, r.port_range_min, r.remote_ip_prefix) == (None, None, None)


def check_security_group_rules_list(items: list) -> None:
    check_security_group_rule_get(items[0])
    assert (items[1].protocol, items[1].port_range_min, items[1].port_range_max) == ("icmp", 0, 0)


def check_security_group_rule_create(r: Any) -> None:
    assert (r.id, r.protocol, r.port_range_min, r.port_range_max, r.remote_ip_prefix) == (
        "74bfe90d-8377-4685-873b-9192dcf05417", "tcp", 1, 2, "0.0.0.0/0")
    assert r.remote_group_id is None


def check_floating_ip_get(f: Any) -> None:
    assert (f.id, f.floating_ip_address, f.status, f.revision_number) == (
        "99bb1efe-782b-4af8-9c34-0bc6142980dc", "192.168.255.50", "DOWN", 1)
    assert f.port_id is None and f.fixed_ip_address is None and f.router_id is None


def check_floating_ips_list(items: list) -> None:
    assert [f.floating_ip_address for f in items] == ["192.168.255.51", "192.168.255.50"]
    check_floating_ip_get(items[1])


def check_floating_ip_update(f: Any) -> None:
    assert (f.port_id, f.description) == ("5daee914-e5ea-41b6-830b-b0b10c0b11ec", "This is an example Floating IP.")


# --- the operations ---------------------------------------------------------------------------

CASES: dict[str, Case] = {
    # Instances
    "instances.list": Case(lambda t, fx: t.instances.list(), models.Instance, many=True, check=check_instances_list),
    "instances.get": Case(lambda t, fx: t.instances.get(INSTANCE), models.Instance, check=check_instance_get),
    "instances.create": Case(
        lambda t, fx: t.instances.create(
            "API-instance-001",
            UBUNTU,
            "6cb38035-1c37-453d-ab44-ce3ac54f6ce5",
            networks=["165d4a26-2114-4a14-9e75-b865b48e2ce0", "public"],
            ssh_keys=["API-ssh-key-001"],
            disable_password=False,
            availability_zone_id="b7061120-6fd4-409a-ab38-a8c669b69c99",
        ),
        models.Instance, check=check_instance_create),
    "instances.update": Case(
        lambda t, fx: t.instances.update("21af330a-3f01-4afc-8359-62661666a2e0", name="Instance-001"),
        models.Instance, check=check_instance_update),
    "instances.delete": Case(lambda t, fx: t.instances.delete("9ad22189-fb8d-499b-b012-c32baca2bec2"), None),
    "instances.start": Case(lambda t, fx: t.instances.start(ACTION_INSTANCE), None),
    "instances.stop": Case(lambda t, fx: t.instances.stop(ACTION_INSTANCE), None),
    "instances.reboot": Case(lambda t, fx: t.instances.reboot(ACTION_INSTANCE), None),
    "instances.force_reboot": Case(lambda t, fx: t.instances.force_reboot(ACTION_INSTANCE), None),
    "instances.resize": Case(
        lambda t, fx: t.instances.resize(ACTION_INSTANCE, "0df068bc-21fb-4b77-8efb-9f39ede79d63"), None),
    "instances.confirm_resize": Case(lambda t, fx: t.instances.confirm_resize(ACTION_INSTANCE), None),
    "instances.revert_resize": Case(lambda t, fx: t.instances.revert_resize(ACTION_INSTANCE), None),
    "instances.rebuild": Case(
        lambda t, fx: t.instances.rebuild(ACTION_INSTANCE, UBUNTU, name="Instance-1"),
        models.Instance, check=check_instance_rebuild),
    # Instance interfaces
    "instance_interfaces.list": Case(
        lambda t, fx: t.instance_interfaces.list("cb9a2e15-2d5a-446e-ab1e-ec071ae126d1"),
        models.Port, many=True, check=lambda items: check_port_instance_interface(items[0])),
    "instance_interfaces.get": Case(
        lambda t, fx: t.instance_interfaces.get(INTERFACE_INSTANCE, "9fb57a9b-1b0e-45de-863e-73373ebff4d4"),
        models.Port, check=check_port_instance_interface),
    "instance_interfaces.create": Case(
        lambda t, fx: t.instance_interfaces.create(INTERFACE_INSTANCE, NETWORK),
        models.Port, check=check_instance_interface_create),
    "instance_interfaces.delete": Case(
        lambda t, fx: t.instance_interfaces.delete(INTERFACE_INSTANCE, "6421a7c1-156f-4e03-94c8-c844cc22eeef"), None),
    # Instance users (integer IDs)
    "instance_users.list": Case(
        lambda t, fx: t.instance_users.list(), models.InstanceUser, many=True, check=check_instance_users_list),
    "instance_users.get": Case(lambda t, fx: t.instance_users.get(15), models.InstanceUser, check=check_instance_user),
    "instance_users.create": Case(
        lambda t, fx: t.instance_users.create(
            "my-instance-user-1",
            password="my-password",
            password_confirmation="my-password",
            ssh_keys=["my-ssh-key-1", "my-ssh-key-2"],
            disable_password=False,
        ),
        models.InstanceUser, check=check_instance_user),
    "instance_users.update": Case(
        lambda t, fx: t.instance_users.update(15, "new-username"),
        models.InstanceUser, check=lambda u: check_instance_user(u, "new-username")),
    "instance_users.delete": Case(lambda t, fx: t.instance_users.delete(15), None),
    # Instance scripts (integer IDs)
    "instance_scripts.list": Case(
        lambda t, fx: t.instance_scripts.list(), models.InstanceScript, many=True,
        check=lambda items: check_instance_script(items[0])),
    "instance_scripts.get": Case(lambda t, fx: t.instance_scripts.get(15), models.InstanceScript, check=check_instance_script),
    "instance_scripts.create": Case(
        lambda t, fx: t.instance_scripts.create(
            "my-instance-script-1",
            body(fx)["script"],
            description="A script that sets up my user how I want it.",
        ),
        models.InstanceScript, check=check_instance_script),
    # The reference's parameter table (and so the API surface: `update(id, name, script,
    # description=)`) requires `script` on every update, while its example request sends only
    # the name. The call gives both; the body is the example's plus the script.
    "instance_scripts.update": Case(
        lambda t, fx: t.instance_scripts.update(76, "new-script-name", fx["response"]["script"]),
        models.InstanceScript, check=lambda s: check_instance_script(s, "new-script-name"),
        expected_request=lambda fx: {"instance_script": {**body(fx), "script": fx["response"]["script"]}}),
    "instance_scripts.delete": Case(lambda t, fx: t.instance_scripts.delete(76), None),
    # Configurations, SSH keys, operating systems
    "configurations.list": Case(
        lambda t, fx: t.configurations.list(), models.Configuration, many=True, check=check_configurations),
    "ssh_keys.list": Case(
        lambda t, fx: t.ssh_keys.list(), models.SshKey, many=True,
        check=lambda items: check_ssh_key_get(items[0])),
    "ssh_keys.get": Case(lambda t, fx: t.ssh_keys.get("API-ssh-key-001"), models.SshKey, check=check_ssh_key_get),
    "ssh_keys.create": Case(
        lambda t, fx: t.ssh_keys.create("API-ssh-key-003", public_key=body(fx)["public_key"]),
        models.SshKey, check=check_ssh_key_create),
    "ssh_keys.delete": Case(lambda t, fx: t.ssh_keys.delete("API-ssh-key-001"), None),
    "operating_systems.list": Case(
        lambda t, fx: t.operating_systems.list(), models.Image, many=True, check=check_operating_systems),
    # Instance snapshots
    "instance_snapshots.list": Case(
        lambda t, fx: t.instance_snapshots.list(), models.InstanceSnapshot, many=True, check=check_instance_snapshots_list),
    "instance_snapshots.get": Case(
        lambda t, fx: t.instance_snapshots.get("62f39f1e-0ac0-4df3-9397-fb419560fbdb"),
        models.InstanceSnapshot, check=check_instance_snapshot_get),
    "instance_snapshots.create": Case(
        lambda t, fx: t.instance_snapshots.create(INSTANCE, "API-instance-snapshot-001"),
        models.InstanceSnapshot, check=check_instance_snapshot_create),
    "instance_snapshots.delete": Case(
        lambda t, fx: t.instance_snapshots.delete("07ffe712-eaf4-46e4-bbe4-3c5b340c66a8"), None),
    # Volumes
    "volumes.list": Case(lambda t, fx: t.volumes.list(), models.Volume, many=True, check=check_volumes_list),
    "volumes.get": Case(
        lambda t, fx: t.volumes.get("1b16e59d-f30d-4e8f-96ea-600530c8e1df"), models.Volume, check=check_volume_get),
    "volumes.create": Case(
        lambda t, fx: t.volumes.create(1, "Api-volume-001", description="This is an example volume."),
        models.Volume, check=check_volume_create),
    "volumes.update": Case(
        lambda t, fx: t.volumes.update(VOLUME, name="Volume-001", description="A brand new description."),
        models.Volume, check=check_volume_update),
    "volumes.delete": Case(lambda t, fx: t.volumes.delete("1b16e59d-f30d-4e8f-96ea-600530c8e1df"), None),
    "volumes.attach": Case(
        lambda t, fx: t.volumes.attach(VOLUME, INTERFACE_INSTANCE), models.VolumeAttachResult, check=check_volume_attach),
    "volumes.detach": Case(lambda t, fx: t.volumes.detach(VOLUME, INTERFACE_INSTANCE), None),
    # Volume snapshots
    "volume_snapshots.list": Case(
        lambda t, fx: t.volume_snapshots.list(), models.VolumeSnapshot, many=True, check=check_volume_snapshots_list),
    "volume_snapshots.get": Case(
        lambda t, fx: t.volume_snapshots.get("c674750f-6be4-44de-8c07-719987b8ee0c"),
        models.VolumeSnapshot, check=check_volume_snapshot_get),
    "volume_snapshots.create": Case(
        lambda t, fx: t.volume_snapshots.create(VOLUME, "API-snapshot-001", description="This is an example snapshot."),
        models.VolumeSnapshot, check=check_volume_snapshot_create),
    "volume_snapshots.update": Case(
        lambda t, fx: t.volume_snapshots.update(
            "c1607b27-2f5c-43c6-b035-09d910967201", name="API-snapshot-002", description="A brand new description."),
        models.VolumeSnapshot, check=check_volume_snapshot_update),
    "volume_snapshots.delete": Case(
        lambda t, fx: t.volume_snapshots.delete("8c9397a3-9f4f-41f2-a0e7-fadfb6c1b106"), None),
    # Ports
    "ports.list": Case(lambda t, fx: t.ports.list(), models.Port, many=True, check=check_ports_list),
    "ports.get": Case(lambda t, fx: t.ports.get("0ae04bdd-e282-4601-b290-f0c29f293bf5"), models.Port, check=check_port_get),
    "ports.update": Case(
        lambda t, fx: t.ports.update(
            "022eb2ac-4dd8-4074-be76-227ab2c205ec",
            name="API-port-001", description="This is an example port.", admin_state_up=True),
        models.Port, check=check_port_update),
    # Networks
    "networks.list": Case(
        lambda t, fx: t.networks.list(), models.Network, many=True, check=lambda items: check_network_get(items[0])),
    "networks.get": Case(
        lambda t, fx: t.networks.get("9ff312e4-3afb-45c3-ae32-18f96f15b317"), models.Network, check=check_network_get),
    "networks.create": Case(
        lambda t, fx: t.networks.create("API-network-001", description="This is an example network.", admin_state_up=True),
        models.Network, check=check_network_create),
    "networks.update": Case(
        lambda t, fx: t.networks.update(
            NETWORK, name="Network-1", description="A brand new description.", admin_state_up=False),
        models.Network, check=check_network_update),
    "networks.delete": Case(lambda t, fx: t.networks.delete("d290eda3-7a62-41c9-8386-730b5d84013a"), None),
    # Subnets
    "subnets.list": Case(lambda t, fx: t.subnets.list(), models.Subnet, many=True, check=check_subnets_list),
    "subnets.get": Case(lambda t, fx: t.subnets.get(SUBNET), models.Subnet, check=check_subnet_get),
    "subnets.create": Case(
        lambda t, fx: t.subnets.create(
            "API-subnet-001",
            NETWORK,
            "192.168.2.0/24",
            4,
            description="This is an example subnet",
            gateway_ip="192.168.2.1",
            enable_dhcp=True,
            dns_nameservers=["8.8.8.8", "4.4.2.2"],
            allocation_pools=[
                {"start": "192.168.2.2", "end": "192.168.2.7"},
                {"start": "192.168.2.10", "end": "192.168.2.200"},
            ],
            host_routes=[{"destination": "192.168.2.6/32", "nexthop": "192.168.2.7"}],
        ),
        models.Subnet, check=check_subnet_create),
    "subnets.update": Case(
        lambda t, fx: t.subnets.update(
            SUBNET,
            name="Subnet-001",
            description="A brand new description.",
            gateway_ip=None,
            enable_dhcp=False,
            dns_nameservers=["8.8.8.8"],
            allocation_pools=[{"start": "192.168.2.3", "end": "192.168.2.8"}],
            host_routes=[],
        ),
        models.Subnet, check=check_subnet_update),
    "subnets.delete": Case(lambda t, fx: t.subnets.delete("09ebbf29-6aa9-421c-843b-ddd252b4cd2d"), None),
    # Firewalls
    "firewalls.list": Case(lambda t, fx: t.firewalls.list(), models.Firewall, many=True, check=check_firewalls_list),
    "firewalls.get": Case(lambda t, fx: t.firewalls.get(FIREWALL), models.Firewall, check=check_firewall_get),
    "firewalls.update": Case(
        lambda t, fx: t.firewalls.update(
            FIREWALL, name="Firewall-001", description="A brand new description.", admin_state_up=False, router_ids=[]),
        models.Firewall, check=check_firewall_update),
    "firewalls.delete": Case(lambda t, fx: t.firewalls.delete(FIREWALL), None),
    "firewalls.audit": Case(lambda t, fx: t.firewalls.audit(FIREWALL), None),
    # Firewall rules
    "firewall_rules.list": Case(
        lambda t, fx: t.firewall_rules.list(FIREWALL), models.FirewallRule, many=True, check=check_firewall_rules_list),
    "firewall_rules.get": Case(
        lambda t, fx: t.firewall_rules.get(FIREWALL, "807655f4-5a41-4c95-addd-b87e60967a73"),
        models.FirewallRule, check=check_firewall_rule_get),
    "firewall_rules.create": Case(
        lambda t, fx: t.firewall_rules.create(
            FIREWALL,
            name="API-rule-001",
            description="This is an example rule.",
            protocol="tcp",
            ip_version=4,
            source_ip_address="192.168.1.1",
            destination_ip_address="192.168.2.1",
            source_port_range_min=1,
            source_port_range_max=20,
            destination_port_range_min=1,
            destination_port_range_max=20,
            action="allow",
            enabled=True,
        ),
        models.FirewallRule, check=check_firewall_rule_create),
    "firewall_rules.update": Case(
        lambda t, fx: t.firewall_rules.update(
            FIREWALL,
            "9eb732bd-a010-4603-be24-6bce9370cb22",
            name="Rule-001",
            description="A brand new description.",
            protocol="udp",
            ip_version=4,
            destination_ip_address="192.168.4.1",
            source_port_range_min=1,
            destination_port_range_min=20,
            destination_port_range_max=20,
            action="deny",
            enabled=True,
        ),
        models.FirewallRule, check=check_firewall_rule_update),
    "firewall_rules.delete": Case(
        lambda t, fx: t.firewall_rules.delete(FIREWALL, "32cf0411-ae24-4742-98b8-9dac8d273342"), None),
    # Routers
    "routers.list": Case(lambda t, fx: t.routers.list(), models.Router, many=True, check=check_routers_list),
    "routers.get": Case(
        lambda t, fx: t.routers.get("3b0b8942-200c-4db9-a2eb-1a020d1a817c"), models.Router, check=check_router_get),
    "routers.update": Case(
        lambda t, fx: t.routers.update(
            ROUTER,
            name="Router-1",
            description="A brand new description.",
            admin_state_up=True,
            routes=[{"nexthop": "192.168.2.2", "destination": "192.168.3.1/32"}],
        ),
        models.Router, check=check_router_update),
    "routers.delete": Case(lambda t, fx: t.routers.delete("6706ddad-3f13-44bb-906a-3c874ccb9ef8"), None),
    # Router interfaces
    "router_interfaces.list": Case(
        lambda t, fx: t.router_interfaces.list(ROUTER), models.Port, many=True, check=check_router_interfaces_list),
    "router_interfaces.get": Case(
        lambda t, fx: t.router_interfaces.get(ROUTER, "d272026e-98ea-4a9c-b758-22d268cf41b1"),
        models.Port, check=check_router_interface_get),
    "router_interfaces.create": Case(
        lambda t, fx: t.router_interfaces.create(ROUTER, SUBNET),
        models.RouterInterface, check=check_router_interface_create),
    "router_interfaces.delete": Case(
        lambda t, fx: t.router_interfaces.delete(ROUTER, "d272026e-98ea-4a9c-b758-22d268cf41b1"),
        models.RouterInterface, check=check_router_interface_delete),
    # Security groups
    "security_groups.list": Case(
        lambda t, fx: t.security_groups.list(), models.SecurityGroup, many=True, check=check_security_groups_list),
    "security_groups.get": Case(
        lambda t, fx: t.security_groups.get(SECURITY_GROUP), models.SecurityGroup, check=check_security_group_get),
    "security_groups.create": Case(
        lambda t, fx: t.security_groups.create("Api-security-group-001", description="This is an example security group."),
        models.SecurityGroup, check=check_security_group_create),
    "security_groups.update": Case(
        lambda t, fx: t.security_groups.update(
            "7ee3f318-9e52-4ac2-835b-caa1f425b57a", name="Api-security-group-002", description="A brand new description."),
        models.SecurityGroup, check=check_security_group_update),
    "security_groups.delete": Case(
        lambda t, fx: t.security_groups.delete("7ee3f318-9e52-4ac2-835b-caa1f425b57a"), None),
    # Security group rules
    "security_group_rules.list": Case(
        lambda t, fx: t.security_group_rules.list(SECURITY_GROUP),
        models.SecurityGroupRule, many=True, check=check_security_group_rules_list),
    "security_group_rules.get": Case(
        lambda t, fx: t.security_group_rules.get(SECURITY_GROUP, "4bd3354d-c754-4cd5-ae69-f72edd4cc27d"),
        models.SecurityGroupRule, check=check_security_group_rule_get),
    "security_group_rules.create": Case(
        lambda t, fx: t.security_group_rules.create(
            SECURITY_GROUP,
            "ingress",
            remote_ip_prefix="0.0.0.0/0",
            protocol="tcp",
            ethertype="IPv4",
            port_range_min=1,
            port_range_max=2,
        ),
        models.SecurityGroupRule, check=check_security_group_rule_create),
    "security_group_rules.delete": Case(
        lambda t, fx: t.security_group_rules.delete(SECURITY_GROUP, "e4f14c52-a148-49f9-821a-003688279997"), None),
    # Floating IPs
    "floating_ips.list": Case(
        lambda t, fx: t.floating_ips.list(), models.FloatingIp, many=True, check=check_floating_ips_list),
    "floating_ips.get": Case(
        lambda t, fx: t.floating_ips.get("807655f4-5a41-4c95-addd-b87e60967a73"),
        models.FloatingIp, check=check_floating_ip_get),
    "floating_ips.update": Case(
        lambda t, fx: t.floating_ips.update(
            "99fg1efe-182b-4bf8-3c34-0b88042980dc",
            port_id="5daee914-e5ea-41b6-830b-b0b10c0b11ec",
            description="Attached to instance3",
        ),
        models.FloatingIp, check=check_floating_ip_update),
    "floating_ips.delete": Case(
        lambda t, fx: t.floating_ips.delete("32cf0411-ae24-4742-98b8-9dac8d273342"), None),
}


@pytest.mark.parametrize("operation", sorted(CASES), ids=str)
def test_operation(operation: str, api_server, tavu) -> None:
    case = CASES[operation]
    fx = load_fixture("tavu", operation)
    if fx["response"] is None:
        api_server.reply()  # an empty 200
    else:
        api_server.reply(body=fx["response"])

    result = case.call(tavu, fx)

    # The request, exactly as the reference shows it.
    assert len(api_server.requests) == 1
    req = api_server.last
    assert req.method == fx["method"]
    assert req.path == fx["path"]
    assert req.headers["authorization"] == TAVU_KEY
    assert req.headers["x-team-id"] == TAVU_TEAM
    expected_body = case.expected_request(fx) if case.expected_request else fx["request"]
    if expected_body is None:
        assert req.body == b""
    else:
        assert req.headers["content-type"] == "application/json"
        assert req.json() == expected_body

    # The typed result.
    if case.model is None:
        assert fx["response"] is None, "an operation with an example response must return a model"
        assert result is None
        return
    if case.many:
        assert type(result) is vpsclient.ResourceList
        assert len(result) == len(fx["response"])
        assert all(type(item) is case.model for item in result)
        assert_subset(fx["response"], [item.to_dict() for item in result])
    else:
        assert type(result) is case.model
        assert_subset(fx["response"], result.to_dict())
    assert case.check is not None, f"{operation}: no attribute checks"
    case.check(result)


def test_every_operation_has_a_case() -> None:
    assert_cases_cover(vpsclient.TavuClient, CASES, 93)


@pytest.mark.parametrize("declared", vpsclient.TavuClient.operations(), ids=lambda d: f"{d[0]}.{d[1]}")
def test_declared_route_matches_the_reference(declared: tuple) -> None:
    attribute, method, http_method, template = declared
    fx = load_fixture("tavu", f"{attribute}.{method}")
    assert http_method == fx["method"]
    assert template_regex(template).match(fx["path"]), (template, fx["path"])


def test_every_handler_method_is_declared(tavu) -> None:
    """No public method on a resource object is left out of `operations()` (and so of CASES)."""
    declared = {(a, m) for a, m, _, _ in vpsclient.TavuClient.operations()}
    for attribute in sorted({a for a, _ in declared}):
        handler = getattr(tavu, attribute)
        # Waiters are client-side helpers over `get`, tested in test_reliability.py.
        public = {name for name in dir(handler)
                  if not name.startswith(("_", "wait_")) and callable(getattr(handler, name))}
        assert {(attribute, name) for name in public} <= declared, (attribute, public)
