"""The simulated Tavu.io API, driven from Python through `vpsclient.Sandbox`.

Every one of the client's 93 operations runs against the sandbox the way a Python user calls it
(path parameters and required fields positionally, options as keywords, dicts for structured
arguments, ``None`` to clear a nullable field), with typed results checked against what was
sent; a multi-step flow checks the state between its steps; each rejection is checked for its
exception class, status and message.

The sandbox's seeded catalogue (IDs from the reference): five configurations, three operating
systems, two availability zones, the public network, the ``default`` security group, one
firewall with two rules, one router and two floating IPs.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import vpsclient
from vpsclient import tavu as models

from conftest import FAST_WAIT, Recording, poll, sandbox_request

UBUNTU = "00ed37ab-7a47-45b3-9419-543a40b3c3f2"
CENTOS = "7d5c5b7d-414c-4e0a-ad41-67e75476a670"
HDD_512 = "9c345ee8-9f33-49e0-80d6-73a1f766a268"  # 1 CPU, 512 MB, 50 GB HDD (zone 2)
SSD_512 = "0df068bc-21fb-4b77-8efb-9f39ede79d63"  # 1 CPU, 512 MB, 50 GB SSD (zone 2)
SSD_1024 = "6cb38035-1c37-453d-ab44-ce3ac54f6ce5"  # 2 CPUs, 1024 MB, 50 GB SSD (zone 2)
NVME = "9859841d-772c-4305-9e1e-940f13b4c014"  # 1 CPU, 512 MB, 5 GB NVMe (zone 1 only)
ZONE_1 = "702b4979-5a1b-47c8-b539-d10ec9825cfd"
ZONE_2 = "b7061120-6fd4-409a-ab38-a8c669b69c99"
PUBLIC_NETWORK = "bdcffe24-89a2-4c72-80df-2709997192a7"
DEFAULT_GROUP = "7512b702-4ef5-49f4-b44e-1b5a6e25a10b"
FIREWALL = "76850c34-7489-4182-b655-f2caba3bc955"
ROUTER = "3b0b8942-200c-4db9-a2eb-1a020d1a817c"
FLOATING_IP_A = "96388526-df19-41a1-8adb-b36a21a28741"
FLOATING_IP_B = "99bb1efe-782b-4af8-9c34-0bc6142980dc"
GHOST = "00000000-0000-4000-8000-000000000000"
PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@laptop"
SCRIPT = "I2Nsb3VkLWNvbmZpZw=="  # "#cloud-config" in Base64


def all_of(items: list, cls: type) -> list:
    assert isinstance(items, list), items
    assert all(isinstance(item, cls) for item in items), items
    return items


def bad_request(call: Any, *args: Any, **kwargs: Any) -> vpsclient.BadRequestError:
    """Runs the call, which must fail with a 400; returns the error."""
    with pytest.raises(vpsclient.BadRequestError) as caught:
        call(*args, **kwargs)
    error = caught.value
    assert error.status == 400
    assert isinstance(error, vpsclient.ApiError) and not error.retryable
    return error


def network_with_subnet(tavu: Any, name: str) -> tuple[models.Network, models.Subnet]:
    network = tavu.networks.create(name)
    subnet = tavu.subnets.create(f"{name}-v4", network.id, "10.0.0.0/24", 4)
    return network, subnet


def active_instance(tavu: Any, name: str, networks: list[str]) -> models.Instance:
    created = tavu.instances.create(name, UBUNTU, HDD_512, networks=networks)
    return tavu.instances.wait_for_status(created.id, "active", **FAST_WAIT)


# ---------------------------------------------------------------------------------------------
# Every operation


def test_every_operation_runs_against_the_sandbox(sandbox: vpsclient.Sandbox) -> None:
    tavu = Recording(sandbox.tavu_client())

    # The catalogue.
    configurations = all_of(tavu.configurations.list(), models.Configuration)
    assert len(configurations) == 5
    nvme = next(c for c in configurations if c.id == NVME)
    assert (nvme.cpu, nvme.ram, nvme.disk, nvme.disk_type) == (1, 512, 5, "nvme")
    assert isinstance(nvme.availability_zones[0], models.AvailabilityZone)
    assert nvme.availability_zones[0].id == ZONE_1
    systems = all_of(tavu.operating_systems.list(), models.Image)
    assert {(s.id, s.name, s.version) for s in systems} >= {(UBUNTU, "Ubuntu", "14.04"), (CENTOS, "centos", "7")}

    # SSH keys: one generated (its private key shown once), one imported.
    generated = tavu.ssh_keys.create("generated")
    assert isinstance(generated, models.SshKey)
    assert generated.private_key.startswith("-----BEGIN RSA PRIVATE KEY-----")
    imported = tavu.ssh_keys.create("laptop key/2", public_key=PUBLIC_KEY)
    assert (imported.name, imported.public_key, imported.private_key) == ("laptop key/2", PUBLIC_KEY, None)
    assert [k.name for k in all_of(tavu.ssh_keys.list(), models.SshKey)] == ["generated", "laptop key/2"]
    fetched = tavu.ssh_keys.get("laptop key/2")
    assert fetched.fingerprint == imported.fingerprint and fetched.private_key is None

    # Instance users and scripts (integer IDs).
    user = tavu.instance_users.create("deploy", ssh_keys=["generated"])
    assert isinstance(user, models.InstanceUser) and isinstance(user.id, int)
    assert (user.username, user.disable_password) == ("deploy", True)
    assert [k.name for k in user.ssh_keys] == ["generated"] and user.ssh_keys[0].private_key is None
    assert all_of(tavu.instance_users.list(), models.InstanceUser) == [user]
    assert tavu.instance_users.get(user.id) == user
    user = tavu.instance_users.update(user.id, "deployer", ssh_keys=("generated", "laptop key/2"))
    assert user.username == "deployer"
    assert [k.name for k in user.ssh_keys] == ["generated", "laptop key/2"]

    script = tavu.instance_scripts.create("setup", SCRIPT)
    assert isinstance(script, models.InstanceScript) and isinstance(script.id, int)
    assert (script.name, script.script) == ("setup", SCRIPT)
    assert all_of(tavu.instance_scripts.list(), models.InstanceScript) == [script]
    assert tavu.instance_scripts.get(script.id).name == "setup"
    script = tavu.instance_scripts.update(script.id, "setup-2", SCRIPT, description="first boot")
    assert (script.name, script.description) == ("setup-2", "first boot")

    # A network, a subnet (structured arguments as dicts), a security group with a rule.
    network = tavu.networks.create("lab", description="lab network", admin_state_up=True)
    assert isinstance(network, models.Network)
    assert (network.name, network.description, network.status, network.admin_state_up) == (
        "lab", "lab network", "ACTIVE", True)
    assert all_of(tavu.networks.list(), models.Network) == [network]
    assert tavu.networks.get(network.id) == network
    network = tavu.networks.update(network.id, description="the lab")
    assert (network.name, network.description) == ("lab", "the lab")

    subnet = tavu.subnets.create(
        "lab-v4", network.id, "10.0.0.0/24", 4,
        allocation_pools=[{"start": "10.0.0.2", "end": "10.0.0.200"}],
        host_routes=[{"destination": "192.168.9.0/24", "nexthop": "10.0.0.254"}])
    assert isinstance(subnet, models.Subnet)
    assert (subnet.network_id, subnet.cidr, subnet.ip_version, subnet.gateway_ip) == (
        network.id, "10.0.0.0/24", 4, "10.0.0.1")
    assert isinstance(subnet.allocation_pools[0], models.AllocationPool)
    assert [(p.start, p.end) for p in subnet.allocation_pools] == [("10.0.0.2", "10.0.0.200")]
    assert isinstance(subnet.host_routes[0], models.Route)
    assert subnet.host_routes[0].to_dict() == {"destination": "192.168.9.0/24", "nexthop": "10.0.0.254"}
    assert all_of(tavu.subnets.list(), models.Subnet) == [subnet]
    assert tavu.subnets.get(subnet.id).cidr == "10.0.0.0/24"
    # A model item is accepted where a dict is (sent as its to_dict()).
    subnet = tavu.subnets.update(subnet.id, dns_nameservers=["8.8.8.8"],
                                 allocation_pools=[subnet.allocation_pools[0], {"start": "10.0.0.210", "end": "10.0.0.220"}])
    assert subnet.dns_nameservers == ["8.8.8.8"]
    assert [p.end for p in subnet.allocation_pools] == ["10.0.0.200", "10.0.0.220"]

    group = tavu.security_groups.create("web", description="web servers")
    assert isinstance(group, models.SecurityGroup)
    assert (group.name, group.description) == ("web", "web servers")
    groups = all_of(tavu.security_groups.list(), models.SecurityGroup)
    assert [g.id for g in groups] == [DEFAULT_GROUP, group.id]
    assert tavu.security_groups.get(group.id).name == "web"
    group = tavu.security_groups.update(group.id, description="HTTP and SSH")
    assert group.description == "HTTP and SSH"
    rule = tavu.security_group_rules.create(group.id, "ingress", protocol="tcp", port_range_min=22,
                                            remote_ip_prefix="0.0.0.0/0")
    assert isinstance(rule, models.SecurityGroupRule)
    assert (rule.security_group_id, rule.direction, rule.protocol) == (group.id, "ingress", "tcp")
    assert (rule.port_range_min, rule.port_range_max, rule.ethertype) == (22, 22, "IPv4")
    assert all_of(tavu.security_group_rules.list(group.id), models.SecurityGroupRule) == [rule]
    assert tavu.security_group_rules.get(group.id, rule.id) == rule

    # An instance on the lab network and the public one.
    created = tavu.instances.create("web-1", UBUNTU, HDD_512, networks=[network.id, "public"],
                                    ssh_keys=["generated"], upgrade_on_first_boot=False)
    assert isinstance(created, models.Instance)
    assert (created.name, created.status, created.ssh_key) == ("web-1", "building", "generated")
    assert created.username == "ubuntu" and len(created.password) == 8, \
        "SSH keys given, password login enabled: generated credentials all the same"
    assert created.image.id == UBUNTU and created.configuration.id == HDD_512
    assert [p.network_id for p in all_of(created.ports, models.Port)] == [network.id, PUBLIC_NETWORK]
    assert created.security_groups[0].id == DEFAULT_GROUP
    instance = tavu.instances.wait_for_status(created.id, "active", **FAST_WAIT)
    assert isinstance(instance, models.Instance) and instance.status == "active"
    assert instance.availability_zone.id == ZONE_2
    assert [i.id for i in all_of(tavu.instances.list(), models.Instance)] == [instance.id]
    assert tavu.instances.get(instance.id).status == "active"
    renamed = tavu.instances.update(instance.id, name="web-01")
    assert isinstance(renamed, models.Instance) and renamed.name == "web-01"

    # Its interfaces, which are ports.
    interfaces = all_of(tavu.instance_interfaces.list(instance.id), models.Port)
    assert len(interfaces) == 2
    private = next(p for p in interfaces if p.network_id == network.id)
    assert isinstance(private.ip_allocations[0], models.IpAllocation)
    assert (private.ip_allocations[0].ip_address, private.ip_allocations[0].subnet_id) == ("10.0.0.2", subnet.id)
    assert (private.status, private.device_id) == ("ACTIVE", instance.id)
    public = next(p for p in interfaces if p.network_id == PUBLIC_NETWORK)
    assert public.ip_allocations[0].ip_address.startswith("192.168.255.")
    assert tavu.instance_interfaces.get(instance.id, private.id) == private
    extra = tavu.instance_interfaces.create(instance.id, network.id)
    assert isinstance(extra, models.Port)
    assert (extra.network_id, extra.device_id, extra.ip_allocations[0].ip_address) == (network.id, instance.id, "10.0.0.3")
    assert tavu.instance_interfaces.delete(instance.id, extra.id) is None
    assert len(tavu.instance_interfaces.list(instance.id)) == 2

    assert sorted(p.id for p in all_of(tavu.ports.list(), models.Port)) == sorted(p.id for p in interfaces)
    assert tavu.ports.get(private.id) == private
    port = tavu.ports.update(private.id, name="eth0", description="lab side")
    assert isinstance(port, models.Port) and (port.name, port.description) == ("eth0", "lab side")

    # The seeded router: routes as dicts, then the lab subnet connected to it.
    assert [r.id for r in all_of(tavu.routers.list(), models.Router)] == [ROUTER]
    router = tavu.routers.get(ROUTER)
    assert isinstance(router.external_gateway_info, models.Port)
    router = tavu.routers.update(ROUTER, name="edge", routes=[{"destination": "10.1.0.0/16", "nexthop": "10.0.0.254"}])
    assert isinstance(router, models.Router) and router.name == "edge"
    assert [(r.destination, r.nexthop) for r in router.routes] == [("10.1.0.0/16", "10.0.0.254")]
    interface = tavu.router_interfaces.create(ROUTER, subnet.id)
    assert isinstance(interface, models.RouterInterface)
    assert (interface.id, interface.subnet_id) == (ROUTER, subnet.id)
    assert [p.id for p in all_of(tavu.router_interfaces.list(ROUTER), models.Port)] == [interface.port_id]
    router_port = tavu.router_interfaces.get(ROUTER, interface.port_id)
    assert isinstance(router_port, models.Port)
    assert router_port.ip_allocations[0].ip_address == "10.0.0.1", "the router takes the gateway"

    # The seeded floating IPs: associate one with the instance's lab port.
    assert {f.id for f in all_of(tavu.floating_ips.list(), models.FloatingIp)} == {FLOATING_IP_A, FLOATING_IP_B}
    assert tavu.floating_ips.get(FLOATING_IP_A).status == "DOWN"
    associated = tavu.floating_ips.update(FLOATING_IP_A, port_id=private.id, description="web")
    assert isinstance(associated, models.FloatingIp)
    assert (associated.port_id, associated.fixed_ip_address, associated.router_id, associated.status,
            associated.description) == (private.id, "10.0.0.2", ROUTER, "ACTIVE", "web")

    # The seeded firewall and its rules.
    assert [f.id for f in all_of(tavu.firewalls.list(), models.Firewall)] == [FIREWALL]
    assert tavu.firewalls.get(FIREWALL).audited is False
    firewall = tavu.firewalls.update(FIREWALL, admin_state_up=True, router_ids=[ROUTER], description="edge")
    assert isinstance(firewall, models.Firewall)
    assert (firewall.status, firewall.admin_state_up, firewall.router_ids) == ("PENDING_UPDATE", True, [ROUTER])
    fw_rule = tavu.firewall_rules.create(FIREWALL, name="https", protocol="tcp", destination_port_range_min=443,
                                         action="allow", enabled=True)
    assert isinstance(fw_rule, models.FirewallRule)
    assert (fw_rule.name, fw_rule.position, fw_rule.destination_port_range_max) == ("https", 3, 443)
    assert len(all_of(tavu.firewall_rules.list(FIREWALL), models.FirewallRule)) == 3
    assert tavu.firewall_rules.get(FIREWALL, fw_rule.id) == fw_rule
    fw_rule = tavu.firewall_rules.update(FIREWALL, fw_rule.id, action="reject")
    assert (fw_rule.action, fw_rule.name) == ("reject", "https")
    assert tavu.firewall_rules.delete(FIREWALL, fw_rule.id) is None
    assert tavu.firewalls.audit(FIREWALL) is None
    firewall = poll(lambda: tavu.firewalls.get(FIREWALL), lambda f: f.status != "PENDING_UPDATE")
    assert (firewall.audited, firewall.status) == (True, "ACTIVE")

    # A volume, attached and detached, with a snapshot.
    volume = tavu.volumes.create(10, "data", description="scratch")
    assert isinstance(volume, models.Volume)
    assert (volume.size, volume.name, volume.description, volume.status) == (10, "data", "scratch", "creating")
    volume = tavu.volumes.wait_for_status(volume.id, "available", **FAST_WAIT)
    assert [v.id for v in all_of(tavu.volumes.list(), models.Volume)] == [volume.id]
    assert tavu.volumes.get(volume.id).status == "available"
    volume = tavu.volumes.update(volume.id, description="database")
    assert (volume.name, volume.description) == ("data", "database")
    attached = tavu.volumes.attach(volume.id, instance.id)
    assert isinstance(attached, models.VolumeAttachResult)
    assert (attached.volume_id, attached.instance_id, attached.mount_point) == (volume.id, instance.id, "/dev/vdb")
    assert tavu.volumes.detach(volume.id, instance.id) is None
    snapshot = tavu.volume_snapshots.create(volume.id, "nightly", description="before upgrade")
    assert isinstance(snapshot, models.VolumeSnapshot)
    assert (snapshot.volume_id, snapshot.volume_size, snapshot.name) == (volume.id, 10, "nightly")
    assert all_of(tavu.volume_snapshots.list(), models.VolumeSnapshot) == [snapshot]
    assert tavu.volume_snapshots.get(snapshot.id) == snapshot
    assert tavu.volumes.get(volume.id).snapshots == [snapshot]
    snapshot = tavu.volume_snapshots.update(snapshot.id, name="weekly")
    assert (snapshot.name, snapshot.description) == ("weekly", "before upgrade")
    assert tavu.volume_snapshots.delete(snapshot.id) is None

    # An instance snapshot.
    image = tavu.instance_snapshots.create(instance.id, "golden")
    assert isinstance(image, models.InstanceSnapshot)
    assert (image.name, image.instance_id, image.status, image.size) == ("golden", instance.id, "queued", None)
    image = poll(lambda: tavu.instance_snapshots.get(image.id), lambda s: s.status == "active")
    assert image.size is not None
    assert all_of(tavu.instance_snapshots.list(), models.InstanceSnapshot) == [image]
    assert tavu.instance_snapshots.delete(image.id) is None

    # The instance's actions.
    instances = tavu.instances
    assert instances.stop(instance.id) is None
    assert instances.get(instance.id).status == "stopping"
    stopped = instances.wait_for_status(instance.id, "stopped", **FAST_WAIT)
    assert {p.status for p in stopped.ports} == {"DOWN"}
    assert instances.start(instance.id) is None
    instances.wait_for_status(instance.id, "active", **FAST_WAIT)
    assert instances.reboot(instance.id) is None
    assert instances.force_reboot(instance.id) is None
    assert instances.get(instance.id).status == "active"
    assert instances.resize(instance.id, SSD_512) is None
    instances.wait_for_status(instance.id, "verify_resize", **FAST_WAIT)
    assert instances.confirm_resize(instance.id) is None
    assert instances.get(instance.id).configuration.id == SSD_512
    instances.resize(instance.id, SSD_1024)
    assert instances.wait_for_status(instance.id, "verify_resize", **FAST_WAIT).configuration.id == SSD_1024
    assert instances.revert_resize(instance.id) is None
    reverted = instances.get(instance.id)
    assert (reverted.status, reverted.configuration.id) == ("active", SSD_512)
    rebuilt = instances.rebuild(instance.id, CENTOS, name="web-centos")
    assert isinstance(rebuilt, models.Instance)
    assert (rebuilt.status, rebuilt.image.id, rebuilt.name) == ("building", CENTOS, "web-centos")
    instances.wait_for_status(instance.id, "active", **FAST_WAIT)

    # Everything goes away again.
    assert tavu.floating_ips.delete(FLOATING_IP_B) is None
    assert instances.delete(instance.id) is None
    instances.wait_for_deletion(instance.id, **FAST_WAIT)
    assert tavu.floating_ips.get(FLOATING_IP_A).port_id is None, "released with the instance's port"
    removed = tavu.router_interfaces.delete(ROUTER, interface.port_id)
    assert isinstance(removed, models.RouterInterface)
    assert (removed.port_id, removed.subnet_id) == (interface.port_id, subnet.id)
    assert tavu.routers.delete(ROUTER) is None
    assert tavu.firewalls.delete(FIREWALL) is None
    assert tavu.security_group_rules.delete(group.id, rule.id) is None
    assert tavu.security_groups.delete(group.id) is None
    assert tavu.volumes.delete(volume.id) is None
    assert tavu.subnets.delete(subnet.id) is None
    assert tavu.networks.delete(network.id) is None
    assert tavu.instance_users.delete(user.id) is None
    assert tavu.instance_scripts.delete(script.id) is None
    assert tavu.ssh_keys.delete("generated") is None
    assert tavu.ssh_keys.delete("laptop key/2") is None

    client = sandbox.tavu_client()
    for listing in (client.instances, client.volumes, client.ports, client.networks, client.subnets,
                    client.routers, client.firewalls, client.ssh_keys, client.instance_users,
                    client.instance_scripts, client.volume_snapshots, client.instance_snapshots):
        assert listing.list() == []
    assert [f.id for f in client.floating_ips.list()] == [FLOATING_IP_A]
    assert [g.id for g in client.security_groups.list()] == [DEFAULT_GROUP]

    declared = {(attribute, method) for attribute, method, *_ in vpsclient.TavuClient.operations()}
    assert len(declared) == 93
    called = tavu.operations_called()
    assert declared - called == set(), "operations never run against the sandbox"
    assert called - declared == set(), "calls that are not operations"


# ---------------------------------------------------------------------------------------------
# Flows


def test_network_instance_volume_flow_with_the_state_checked_between_steps(sandbox: vpsclient.Sandbox) -> None:
    tavu = sandbox.tavu_client()
    seeded = {
        "security_groups": tavu.security_groups.list(),
        "routers": tavu.routers.list(),
        "firewalls": tavu.firewalls.list(),
        "floating_ips": tavu.floating_ips.list(),
    }
    assert [g.id for g in seeded["security_groups"]] == [DEFAULT_GROUP]

    # Network, subnet, security group and rule.
    network, subnet = network_with_subnet(tavu, "app")
    assert tavu.networks.get(network.id).status == "ACTIVE"
    assert tavu.subnets.get(subnet.id).network_id == network.id
    group = tavu.security_groups.create("app")
    rule = tavu.security_group_rules.create(group.id, "ingress", protocol="tcp", port_range_min=80,
                                            port_range_max=81)
    # (A group read on its own leaves its rules out, as in the reference; they are listed apart.)
    assert [r.id for r in tavu.security_group_rules.list(group.id)] == [rule.id]
    assert (rule.port_range_min, rule.port_range_max) == (80, 81)

    # Create -> building -> active.
    created = tavu.instances.create("app-1", UBUNTU, HDD_512, networks=[network.id])
    assert created.status == "building"
    assert created.ports[0].status == "DOWN"
    assert tavu.instances.get(created.id).status in ("building", "active")
    instance = tavu.instances.wait_for_status(created.id, "active", **FAST_WAIT)
    assert instance.status == "active"
    port = instance.ports[0]
    assert (port.status, port.network_id) == ("ACTIVE", network.id)
    assert port.ip_allocations[0].subnet_id == subnet.id
    assert tavu.ports.list() == instance.ports, "the instance's port is listed"

    # Volumes: creating -> available; a creating one cannot be attached yet.
    first = tavu.volumes.create(1, "first")
    assert first.status == "creating"
    refused = bad_request(tavu.volumes.attach, first.id, instance.id)
    assert "creating" in refused.message
    first = tavu.volumes.wait_for_status(first.id, "available", **FAST_WAIT)
    assert first.attachment is None
    second = tavu.volumes.create(2, "second")
    assert tavu.volumes.wait_for_status([first.id, second.id], "available", **FAST_WAIT)[1].id == second.id

    # Attach: both sides show it.
    attached = tavu.volumes.attach(first.id, instance.id)
    assert (attached.volume_id, attached.instance_id, attached.mount_point) == (first.id, instance.id, "/dev/vdb")
    assert tavu.volumes.attach(second.id, instance.id).mount_point == "/dev/vdc"
    volume = tavu.volumes.get(first.id)
    assert volume.status == "in-use"
    assert isinstance(volume.attachment, models.VolumeAttachment)
    assert (volume.attachment.instance_id, volume.attachment.mounted_at, volume.attachment.status) == (
        instance.id, "/dev/vdb", "attached")
    assert volume.attachment.attach_time is not None
    assert [v.id for v in tavu.instances.get(instance.id).volumes] == [first.id, second.id]

    # Detach the first: both sides again.
    assert tavu.volumes.detach(first.id, instance.id) is None
    volume = tavu.volumes.get(first.id)
    assert (volume.status, volume.attachment) == ("available", None)
    assert volume.detach_time is not None
    assert [v.id for v in tavu.instances.get(instance.id).volumes] == [second.id]
    assert tavu.volumes.get(second.id).status == "in-use"

    # Resize and confirm.
    tavu.instances.resize(instance.id, SSD_1024)
    assert tavu.instances.get(instance.id).status == "resizing"
    verifying = tavu.instances.wait_for_status(instance.id, "verify_resize", **FAST_WAIT)
    assert verifying.configuration.id == SSD_1024
    tavu.instances.confirm_resize(instance.id)
    confirmed = tavu.instances.get(instance.id)
    assert (confirmed.status, confirmed.configuration.id, confirmed.configuration.cpu) == ("active", SSD_1024, 2)

    # Resize and revert.
    tavu.instances.resize(instance.id, SSD_512)
    assert tavu.instances.wait_for_status(instance.id, "verify_resize", **FAST_WAIT).configuration.id == SSD_512
    tavu.instances.revert_resize(instance.id)
    reverted = tavu.instances.get(instance.id)
    assert (reverted.status, reverted.configuration.id) == ("active", SSD_1024)

    # Stop and start.
    tavu.instances.stop(instance.id)
    assert tavu.instances.get(instance.id).status == "stopping"
    stopped = tavu.instances.wait_for_status(instance.id, "stopped", **FAST_WAIT)
    assert stopped.ports[0].status == "DOWN"
    assert [v.id for v in stopped.volumes] == [second.id], "volumes stay attached"
    tavu.instances.start(instance.id)
    assert tavu.instances.get(instance.id).status == "starting"
    started = tavu.instances.wait_for_status(instance.id, "active", **FAST_WAIT)
    assert started.ports[0].status == "ACTIVE"

    # Delete everything, in an order the dependencies allow, checking as we go.
    refused = bad_request(tavu.volumes.delete, second.id)
    assert "attached" in refused.message
    tavu.volumes.detach(second.id, instance.id)
    for volume in (first, second):
        tavu.volumes.delete(volume.id)
        tavu.volumes.wait_for_deletion(volume.id, **FAST_WAIT)
        with pytest.raises(vpsclient.NotFoundError):
            tavu.volumes.get(volume.id)
    tavu.instances.delete(instance.id)
    tavu.instances.wait_for_deletion(instance.id, **FAST_WAIT)
    with pytest.raises(vpsclient.NotFoundError):
        tavu.instances.get(instance.id)
    assert tavu.ports.list() == [], "the instance's ports went with it"
    tavu.security_groups.delete(group.id)
    tavu.subnets.delete(subnet.id)
    tavu.networks.delete(network.id)

    # Back to the seeded state.
    for handler in (tavu.instances, tavu.volumes, tavu.ports, tavu.subnets, tavu.networks):
        assert handler.list() == []
    for name, before in seeded.items():
        assert getattr(tavu, name).list() == before, name


def test_deleting_an_instance_detaches_its_volumes_and_releases_its_floating_ip(sandbox: vpsclient.Sandbox) -> None:
    tavu = sandbox.tavu_client()
    network, subnet = network_with_subnet(tavu, "net")
    instance = active_instance(tavu, "doomed", [network.id])
    interface = tavu.router_interfaces.create(ROUTER, subnet.id)
    ip = tavu.floating_ips.update(FLOATING_IP_B, port_id=instance.ports[0].id)
    assert (ip.status, ip.fixed_ip_address) == ("ACTIVE", "10.0.0.2")
    volume = tavu.volumes.wait_for_status(tavu.volumes.create(5, "data").id, "available", **FAST_WAIT)
    tavu.volumes.attach(volume.id, instance.id)

    tavu.instances.delete(instance.id)
    tavu.instances.wait_for_deletion(instance.id, **FAST_WAIT)
    volume = tavu.volumes.get(volume.id)
    assert (volume.status, volume.attachment) == ("available", None)
    ip = tavu.floating_ips.get(FLOATING_IP_B)
    assert (ip.port_id, ip.fixed_ip_address, ip.status) == (None, None, "DOWN")
    assert [p.id for p in tavu.ports.list()] == [interface.port_id], "only the router's port is left"


def test_none_clears_nullable_fields(sandbox: vpsclient.Sandbox) -> None:
    tavu = sandbox.tavu_client()
    network = tavu.networks.create("n")
    # gateway_ip=None at create: no gateway at all.
    subnet = tavu.subnets.create("n-v4", network.id, "192.168.2.0/24", 4, gateway_ip=None, enable_dhcp=False,
                                 allocation_pools=[{"start": "192.168.2.10", "end": "192.168.2.20"}])
    assert (subnet.gateway_ip, subnet.enable_dhcp) == (None, False)
    subnet = tavu.subnets.update(subnet.id, gateway_ip="192.168.2.1")
    assert subnet.gateway_ip == "192.168.2.1"
    subnet = tavu.subnets.update(subnet.id, name="renamed")
    assert (subnet.name, subnet.gateway_ip) == ("renamed", "192.168.2.1"), "left out: kept"
    subnet = tavu.subnets.update(subnet.id, gateway_ip=None)
    assert subnet.gateway_ip is None
    assert tavu.subnets.get(subnet.id).gateway_ip is None

    # A floating IP: associate with a port, then port_id=None disassociates it.
    tavu.subnets.update(subnet.id, gateway_ip="192.168.2.1")
    instance = active_instance(tavu, "reachable", [network.id])
    tavu.router_interfaces.create(ROUTER, subnet.id)
    ip = tavu.floating_ips.update(FLOATING_IP_A, port_id=instance.ports[0].id)
    assert ip.port_id == instance.ports[0].id
    ip = tavu.floating_ips.update(FLOATING_IP_A, description="kept")
    assert (ip.port_id, ip.description) == (instance.ports[0].id, "kept"), "left out: kept"
    ip = tavu.floating_ips.update(FLOATING_IP_A, port_id=None)
    assert (ip.port_id, ip.fixed_ip_address, ip.status) == (None, None, "DOWN")
    assert tavu.floating_ips.get(FLOATING_IP_A).port_id is None


def test_generated_credentials_are_shown_once(sandbox: vpsclient.Sandbox) -> None:
    tavu = sandbox.tavu_client()
    created = tavu.instances.create("plain", UBUNTU, HDD_512)
    assert created.username == "ubuntu" and len(created.password) == 8
    assert created.ports[0].network_id == PUBLIC_NETWORK, "no networks given: the public one"
    fetched = tavu.instances.get(created.id)
    assert (fetched.username, fetched.password) == (None, None)
    tavu.instances.wait_for_status(created.id, "active", **FAST_WAIT)
    rebuilt = tavu.instances.rebuild(created.id, CENTOS)
    assert rebuilt.username == "centos" and rebuilt.password not in (None, created.password)
    # Only disabling password login means none, on create and on rebuild.
    tavu.ssh_keys.create("k")
    keys_only = tavu.instances.create("keys-only", UBUNTU, HDD_512, ssh_keys=["k"], disable_password=True)
    assert (keys_only.username, keys_only.password) == (None, None)
    tavu.instances.wait_for_status(keys_only.id, "active", **FAST_WAIT)
    rebuilt = tavu.instances.rebuild(keys_only.id, CENTOS)
    assert (rebuilt.username, rebuilt.password) == (None, None)


def test_the_public_network_is_attachable_by_name_or_by_the_id_its_ports_show(sandbox: vpsclient.Sandbox) -> None:
    tavu = sandbox.tavu_client()
    by_name = tavu.instances.create("by-name", UBUNTU, HDD_512, networks=["public"])
    assert by_name.ports[0].network_id == PUBLIC_NETWORK
    by_id = tavu.instances.create("by-id", UBUNTU, HDD_512, networks=[by_name.ports[0].network_id])
    assert by_id.ports[0].network_id == PUBLIC_NETWORK
    second = tavu.instance_interfaces.create(by_id.id, PUBLIC_NETWORK)
    assert (second.network_id, second.device_id) == (PUBLIC_NETWORK, by_id.id)
    assert second.ip_allocations[0].ip_address.startswith("192.168.255.")
    assert len({p.ip_allocations[0].ip_address for p in tavu.ports.list()}) == 3, "each its own address"


# ---------------------------------------------------------------------------------------------
# Rejections


def test_a_missing_required_field_is_a_bad_request_naming_it(sandbox: vpsclient.Sandbox) -> None:
    tavu = sandbox.tavu_client()
    # The typed client cannot leave a required field out: Python refuses before any request.
    with pytest.raises(TypeError):
        tavu.networks.create()  # type: ignore[call-arg]
    with pytest.raises(vpsclient.InvalidArgumentError) as caught:
        tavu.networks.create(vpsclient.NOT_GIVEN)  # type: ignore[arg-type]
    assert "name" in str(caught.value)

    # Sent anyway (another client, curl), the sandbox answers 400 naming the field.
    body = json.dumps({"instance": {"image_id": UBUNTU, "configuration_id": HDD_512}})
    status, answer = sandbox_request(sandbox, "tavu", "POST", "/compute/v1/instances", body)
    assert status == 400
    assert answer["message"].startswith("name:") and "missing field" in answer["message"], answer
    status, answer = sandbox_request(sandbox, "tavu", "POST", "/networking/v1/subnets",
                                     json.dumps({"subnet": {"name": "s", "cidr": "10.0.0.0/24", "ip_version": 4}}))
    assert status == 400 and "network_id" in answer["message"], answer

    # A blank required string is no better than a missing one, and through the client it is
    # a BadRequestError whose message names the field.
    error = bad_request(tavu.networks.create, " ")
    assert error.message.startswith("name:"), error.message
    assert error.method == "POST" and error.url == sandbox.tavu_base_url + "/networking/v1/networks"
    error = bad_request(tavu.instance_scripts.create, "s", "#!/bin/sh\necho")
    assert error.message.startswith("script:"), error.message
    assert tavu.instances.list() == [] and tavu.networks.list() == [], "nothing was created"


@pytest.mark.parametrize(("field", "args", "options"), [
    ("configuration_id", ("x", UBUNTU, "no-such-size"), {}),
    ("image_id", ("x", "no-such-image", HDD_512), {}),
    ("availability_zone_id", ("x", UBUNTU, HDD_512), {"availability_zone_id": "no-such-zone"}),
    ("availability_zone_id", ("x", UBUNTU, HDD_512), {"availability_zone_id": ZONE_1}),
    ("ssh_keys", ("x", UBUNTU, HDD_512), {"ssh_keys": ["no-such-key"]}),
    ("networks", ("x", UBUNTU, HDD_512), {"networks": ["no-such-network"]}),
    ("instance_user_ids", ("x", UBUNTU, HDD_512), {"instance_user_ids": [42]}),
    ("instance_script_id", ("x", UBUNTU, HDD_512), {"instance_script_id": 42}),
    ("instance_script", ("x", UBUNTU, HDD_512), {"instance_script": "not base64!\n"}),
])
def test_an_unknown_configuration_image_or_reference_is_a_bad_request(
        sandbox: vpsclient.Sandbox, field: str, args: tuple, options: dict) -> None:
    tavu = sandbox.tavu_client()
    error = bad_request(tavu.instances.create, *args, **options)
    assert error.message.startswith(f"{field}:"), error.message
    assert tavu.instances.list() == [] and tavu.ports.list() == [], "nothing left behind"


def test_an_unknown_id_is_not_found(sandbox: vpsclient.Sandbox) -> None:
    tavu = sandbox.tavu_client()
    calls = [
        (tavu.instances.get, GHOST),
        (tavu.instances.update, GHOST),
        (tavu.instances.delete, GHOST),
        (tavu.instances.start, GHOST),
        (tavu.instances.resize, GHOST, SSD_512),
        (tavu.instance_interfaces.list, GHOST),
        (tavu.instance_users.get, 7),
        (tavu.instance_scripts.delete, 7),
        (tavu.ssh_keys.get, "nobody's key"),
        (tavu.ssh_keys.delete, "nobody's key"),
        (tavu.instance_snapshots.get, GHOST),
        (tavu.volumes.get, GHOST),
        (tavu.volumes.attach, GHOST, GHOST),
        (tavu.volume_snapshots.delete, GHOST),
        (tavu.ports.get, GHOST),
        (tavu.networks.delete, GHOST),
        (tavu.subnets.get, GHOST),
        (tavu.firewalls.audit, GHOST),
        (tavu.firewall_rules.list, GHOST),
        (tavu.firewall_rules.get, FIREWALL, GHOST),
        (tavu.routers.get, GHOST),
        (tavu.router_interfaces.get, ROUTER, GHOST),
        (tavu.security_groups.get, GHOST),
        (tavu.security_group_rules.get, DEFAULT_GROUP, GHOST),
        (tavu.floating_ips.get, GHOST),
    ]
    for call, *args in calls:
        with pytest.raises(vpsclient.NotFoundError) as caught:
            call(*args)
        assert caught.value.status == 404, call
        assert isinstance(caught.value, vpsclient.ApiError)
    with pytest.raises(vpsclient.NotFoundError) as caught:
        tavu.instances.get(GHOST)
    assert caught.value.message == f"instance {GHOST} not found"
    assert caught.value.method == "GET" and caught.value.url.endswith(f"/compute/v1/instances/{GHOST}")


def test_an_action_in_the_wrong_state_is_a_bad_request_saying_why(sandbox: vpsclient.Sandbox) -> None:
    tavu = sandbox.tavu_client()
    instances = tavu.instances
    created = instances.create("x", UBUNTU, HDD_512)
    error = bad_request(instances.stop, created.id)
    assert error.message == "Cannot 'stop' instance while it is in status building"
    instances.wait_for_status(created.id, "active", **FAST_WAIT)
    assert bad_request(instances.start, created.id).message == "Cannot 'start' instance while it is in status active"
    assert bad_request(instances.confirm_resize, created.id).message == (
        "Cannot 'confirm_resize' instance while it is in status active")
    assert "revert_resize" in bad_request(instances.revert_resize, created.id).message
    assert bad_request(instances.resize, created.id, HDD_512).message.startswith("configuration_id:"), "same size"
    assert bad_request(instances.resize, created.id, NVME).message.startswith("configuration_id:"), "other zone"
    assert bad_request(instances.rebuild, created.id, "nope").message.startswith("image_id:")
    instances.stop(created.id)
    assert bad_request(instances.reboot, created.id).message == "Cannot 'reboot' instance while it is in status stopping"
    instances.wait_for_status(created.id, "stopped", **FAST_WAIT)
    assert "status stopped" in bad_request(instances.resize, created.id, SSD_512).message
    assert instances.get(created.id).status == "stopped", "nothing changed"


def test_in_use_and_protected_objects_cannot_be_deleted(sandbox: vpsclient.Sandbox) -> None:
    tavu = sandbox.tavu_client()
    assert "default" in bad_request(tavu.security_groups.delete, DEFAULT_GROUP).message
    network, subnet = network_with_subnet(tavu, "busy")
    assert "subnet" in bad_request(tavu.networks.delete, network.id).message
    a = active_instance(tavu, "a", [network.id])
    b = active_instance(tavu, "b", ["public"])
    volume = tavu.volumes.wait_for_status(tavu.volumes.create(1, "shared").id, "available", **FAST_WAIT)
    tavu.volumes.attach(volume.id, a.id)
    assert "in-use" in bad_request(tavu.volumes.attach, volume.id, b.id).message
    assert "attached" in bad_request(tavu.volumes.delete, volume.id).message
    assert bad_request(tavu.volumes.detach, volume.id, b.id).message.startswith("instance_id:")
    assert "port" in bad_request(tavu.subnets.delete, subnet.id).message
    interface = tavu.router_interfaces.create(ROUTER, subnet.id)
    assert "interface" in bad_request(tavu.routers.delete, ROUTER).message
    assert tavu.volumes.get(volume.id).attachment.instance_id == a.id, "nothing changed"
    assert tavu.router_interfaces.list(ROUTER)[0].id == interface.port_id


def test_invalid_values_are_bad_requests_naming_the_field(sandbox: vpsclient.Sandbox) -> None:
    tavu = sandbox.tavu_client()
    network = tavu.networks.create("n")
    assert bad_request(tavu.subnets.create, "s", network.id, "10.0.0.0/24", 6).message.startswith("ip_version:")
    assert bad_request(tavu.subnets.create, "s", network.id, "10.0.0.7/24", 4).message.startswith("cidr:")
    assert bad_request(tavu.subnets.create, "s", "no-such-network", "10.0.0.0/24", 4).message.startswith("network_id:")
    error = bad_request(tavu.subnets.create, "s", network.id, "10.0.0.0/24", 4,
                        allocation_pools=[{"start": "10.0.0.50", "end": "10.0.0.10"}])
    assert error.message.startswith("allocation_pools:")
    assert bad_request(tavu.volumes.create, 0, "empty").message.startswith("size:")
    group = tavu.security_groups.create("g")
    assert bad_request(tavu.security_group_rules.create, group.id, "sideways").message.startswith("direction:")
    error = bad_request(tavu.security_group_rules.create, group.id, "ingress", protocol="tcp",
                        port_range_min=90, port_range_max=80)
    assert error.message.startswith("port_range_min:")
    assert bad_request(tavu.firewall_rules.create, FIREWALL, action="drop").message.startswith("action:")
    assert bad_request(tavu.firewalls.update, FIREWALL, router_ids=["no-such-router"]).message.startswith("router_ids:")
    tavu.ssh_keys.create("mine")
    error = bad_request(tavu.ssh_keys.create, "mine", public_key=PUBLIC_KEY)
    assert error.message.startswith("name:") and "already exists" in error.message
    assert bad_request(tavu.ssh_keys.create, "other", public_key="not a key").message.startswith("public_key:")
    assert bad_request(tavu.instance_users.create, "nokeys").message.startswith("ssh_keys:")
    error = bad_request(tavu.instance_users.create, "typo", disable_password=False, password="secret-1",
                        password_confirmation="secret-2")
    assert error.message.startswith("password_confirmation:")
    assert tavu.subnets.list() == [] and len(tavu.firewall_rules.list(FIREWALL)) == 2, "none created"


def test_a_wrong_api_key_is_an_authentication_error(sandbox: vpsclient.Sandbox) -> None:
    wrong = vpsclient.TavuClient("not-the-key", base_url=sandbox.tavu_base_url, max_retries=0)
    with pytest.raises(vpsclient.AuthenticationError) as caught:
        wrong.instances.list()
    error = caught.value
    assert (error.status, error.message) == (401, "Your API key is wrong or missing.")
    assert not error.retryable
    assert "not-the-key" not in str(error), "the credential is never shown"
    # The right key, with a team, works.
    right = vpsclient.TavuClient(sandbox.tavu_key, team_id="my-team", base_url=sandbox.tavu_base_url)
    assert len(right.configurations.list()) == 5
