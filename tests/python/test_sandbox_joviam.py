"""The simulated Joviam API, driven from Python through `vpsclient.Sandbox`.

Every one of the client's 54 operations runs against the sandbox the way a Python user calls it
(path parameters and required fields positionally, options as keywords, dicts for network
adapters and context variables, ``None`` to clear a nullable field), with typed results checked
against what was sent; multi-step flows check the state between their steps; each rejection is
checked for its exception class, status, code and details.

The sandbox's seeded catalogue (IDs from the reference): the region AU East, the Standard
performance tier for instances and disks, the templates ``ubuntu-16-04`` and ``example``, and
one public network.
"""

from __future__ import annotations

import json
import time
from typing import Any, Iterator

import pytest

import vpsclient
from vpsclient import joviam as models
from vpsclient.joviam import DHCP, ConsoleSessionState, DiskState, InstanceState, NetworkState

from conftest import FAST_WAIT, Recording, poll, sandbox_request

REGION = "0f442f96-09e5-d4cc-9452-34896246cce7"
TIER = "9023fa53-fe2a-81b7-6904-7d28ae3e3d51"
UBUNTU = "74f53564-53a6-9e43-8e0f-58ef93103cc0"
GHOST = "00000000-0000-4000-8000-000000000000"
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGsandboxkey test@sandbox"
MEMORY_RANGE = {"memory": ["must be between 512MB and 64GB"]}


@pytest.fixture
def slow_sandbox() -> Iterator[vpsclient.Sandbox]:
    """For flows that read a passing state (``starting``, ``detaching``) with a request of its
    own: a build delay long enough that the state is still there when asked."""
    with vpsclient.Sandbox(build_delay=0.6) as sb:
        yield sb


def all_of(items: list, cls: type) -> list:
    assert isinstance(items, list), items
    assert all(isinstance(item, cls) for item in items), items
    return items


def basic(joviam: Any, name: str, **options: Any) -> models.Instance:
    """The reference's `Basic Create`: 2 GB, the `example` template, a 30 GB boot disk."""
    return joviam.instances.create(name, 2048, REGION, TIER, TIER, "example", 30, **options)


def invalid(call: Any, *args: Any, **kwargs: Any) -> dict:
    """Runs the call, which must fail with the reference's 422; returns its details map."""
    with pytest.raises(vpsclient.ValidationError) as caught:
        call(*args, **kwargs)
    error = caught.value
    assert (error.status, error.code) == (422, "validation_fail")
    assert isinstance(error, vpsclient.ApiError) and not error.retryable
    assert isinstance(error.details, dict), error.details
    return error.details


def not_found(call: Any, *args: Any) -> vpsclient.NotFoundError:
    with pytest.raises(vpsclient.NotFoundError) as caught:
        call(*args)
    assert (caught.value.status, caught.value.code) == (404, "not_found")
    return caught.value


# ---------------------------------------------------------------------------------------------
# Every operation


def test_every_operation_runs_against_the_sandbox(sandbox: vpsclient.Sandbox) -> None:
    joviam = Recording(sandbox.joviam_client())

    # The catalogue.
    regions = all_of(joviam.regions.list(), models.Region)
    assert [(r.id, r.name, r.code) for r in regions] == [(REGION, "AU East", "SY3")]
    assert joviam.regions.get(REGION) == regions[0]
    for tiers in (joviam.performance_tiers.list_instance(), joviam.performance_tiers.list_disk()):
        assert [(t.id, t.name) for t in all_of(tiers, models.PerformanceTier)] == [(TIER, "Standard")]
        assert tiers[0].region == regions[0]
    templates = all_of(joviam.templates.list(), models.Template)
    assert [t.slug for t in templates] == ["ubuntu-16-04", "example"]
    ubuntu = joviam.templates.get(UBUNTU)
    assert isinstance(ubuntu, models.Template)
    assert (ubuntu.name, ubuntu.version, ubuntu.minimum_disk_size, ubuntu.recommended_virtualization) == (
        "Ubuntu 16.04", 1, 50, "hvm")

    # Public keys.
    key = joviam.public_keys.create("laptop", KEY)
    assert isinstance(key, models.PublicKey) and (key.name, key.key) == ("laptop", KEY)
    assert joviam.public_keys.get(key.id) == key
    renamed = joviam.public_keys.update(key.id, name="desktop")
    assert (renamed.id, renamed.name, renamed.key) == (key.id, "desktop", KEY)
    assert all_of(joviam.public_keys.list(), models.PublicKey) == [renamed]

    # A private network and an address in it.
    network = joviam.networks.create("lab", REGION, "10.20.0.0/24", primary_nameserver="1.1.1.1")
    assert isinstance(network, models.Network)
    assert (network.name, network.is_public, network.state, network.specification) == (
        "lab", False, NetworkState.READY, "10.20.0.0/24")
    assert (network.netmask, network.network_address, network.primary_nameserver) == (
        "255.255.255.0", "10.20.0.0", "1.1.1.1")
    assert network.region.id == REGION
    assert joviam.networks.get(network.id) == network
    network = joviam.networks.update(network.id, gateway="10.20.0.1")
    assert (network.gateway, network.name) == ("10.20.0.1", "lab")
    assert len(all_of(joviam.networks.list(), models.Network)) == 2
    (public,) = all_of(joviam.networks.list_public(), models.Network)
    assert public.is_public and public.region.id == REGION
    assert joviam.networks.list_private() == [network]

    ip = joviam.ip_addresses.allocate(network=network.id)
    assert isinstance(ip, models.IpAddress)
    assert (ip.address, ip.network_id, ip.instance_ids, ip.shareable) == ("10.20.0.2", network.id, [], False)
    assert joviam.ip_addresses.get(ip.id) == ip
    ip = joviam.ip_addresses.update(ip.id, name="web", shareable=True)
    assert (ip.name, ip.shareable) == ("web", True)
    assert all_of(joviam.ip_addresses.list(), models.IpAddress) == [ip]
    assert joviam.ip_addresses.list_private() == [ip]
    assert joviam.ip_addresses.list_public() == []

    # Disks and templates.
    disk = joviam.disks.create("data", 60, REGION, TIER, template="ubuntu-16-04")
    assert isinstance(disk, models.Disk)
    assert (disk.name, disk.size, disk.state, disk.instance_id) == ("data", 60, DiskState.PROVISIONING, None)
    assert isinstance(disk.template, models.Template) and disk.template.id == UBUNTU
    assert isinstance(disk.performance_tier, models.PerformanceTier) and disk.performance_tier.id == TIER
    disk = joviam.disks.wait_for_state(disk.id, "unattached", **FAST_WAIT)
    assert joviam.disks.get(disk.id) == disk
    state = joviam.disks.state(disk.id)
    assert isinstance(state, str) and state == "unattached" == DiskState.UNATTACHED
    disk = joviam.disks.update(disk.id, is_template=True)
    assert (disk.is_template, disk.cdrom, disk.name) == (True, False, "data")
    resized = joviam.disks.resize(disk.id, 80)
    assert (resized.size, resized.state) == (80, "resizing")
    joviam.disks.wait_for_state(disk.id, "unattached", **FAST_WAIT)
    copy = joviam.disks.clone(disk.id)
    assert isinstance(copy, models.Disk)
    assert (copy.name, copy.size, copy.state) == ("data (clone)", 80, "provisioning")
    assert {d.id for d in all_of(joviam.disks.list(), models.Disk)} == {disk.id, copy.id}
    v2 = joviam.templates.supersede(disk.id, UBUNTU)
    assert isinstance(v2, models.Template)
    assert (v2.version, v2.disk_id, v2.slug, v2.minimum_disk_size) == (2, disk.id, "ubuntu-16-04", 80)

    # An instance, created from a template, then changed.
    web = basic(joviam, "Web Server", networks=[network.id], public_keys=[key.id])
    assert isinstance(web, models.Instance)
    assert (web.name, web.hostname, web.memory, web.state) == ("Web Server", "web-server", 2048, "provisioning")
    assert [k.id for k in all_of(web.public_keys, models.PublicKey)] == [key.id]
    assert isinstance(web.network_adapters[0], models.NetworkAdapter)
    assert web.network_adapters[0].network.id == network.id
    assert (web.disks[0].size, web.disks[0].instance_id) == (30, web.id)
    assert joviam.instances.get(web.id).id == web.id
    assert [i.id for i in all_of(joviam.instances.list(), models.Instance)] == [web.id]
    assert joviam.instances.state(web.id) in ("provisioning", "stopped")
    web = joviam.instances.wait_for_state(web.id, "stopped", **FAST_WAIT)
    web = joviam.instances.update(web.id, note="nginx + php", memory=4096, start_on_crash=True)
    assert (web.memory, web.start_on_crash) == (4096, True)
    assert joviam.instances.note(web.id) == "nginx + php"

    # An instance assembled from an existing disk.
    copy = joviam.disks.wait_for_state(copy.id, "unattached", **FAST_WAIT)
    db = joviam.instances.assemble("db", 1024, REGION, TIER, disks=[copy.id], boot_device="disk",
                                   virtualization="hvm")
    assert isinstance(db, models.Instance)
    assert (db.state, db.boot_device, db.virtualization) == ("stopped", "disk", "hvm")
    assert [d.id for d in db.disks] == [copy.id]

    # The set-lists: disks, keys, network adapters (dicts, DHCP), availability group.
    boot = web.disks[0].id
    disks = all_of(joviam.instances.set_disks(web.id, [boot, disk.id]), models.Disk)
    assert [(d.id, d.position, d.state) for d in disks] == [(boot, 0, "attached"), (disk.id, 1, "attached")]
    assert joviam.instances.set_public_keys(web.id, []) == []
    adapters = joviam.instances.set_network_adapters(web.id, [
        {"network": network.id, "ip_addresses": [ip.id]},
        {"network": public.id, "ip_addresses": DHCP},
    ])
    all_of(adapters, models.NetworkAdapter)
    assert [(a.index, a.network.id, a.dhcp) for a in adapters] == [(0, network.id, False), (1, public.id, True)]
    assert [i.id for i in adapters[0].ip_addresses] == [ip.id]
    assert joviam.instances.set_availability_group(web.id, [db.id]) == [db.id]

    # Context variables: replace, merge, delete one, read.
    assert joviam.instances.set_context(web.id, {"A": "1", "B": ""}) == {"A": "1", "B": ""}
    assert joviam.instances.update_context(web.id, {"C": "3"}) == {"A": "1", "B": "", "C": "3"}
    assert joviam.instances.delete_context_variable(web.id, "A") == {"B": "", "C": "3"}
    assert joviam.instances.get_context(web.id) == {"B": "", "C": "3"}

    # Start, a console, stop.
    started = joviam.instances.start(web.id)
    assert isinstance(started, models.Instance) and started.state == InstanceState.STARTING
    joviam.instances.wait_for_state(web.id, "running", **FAST_WAIT)
    session = joviam.instances.remote_access(web.id, type="serial")
    assert isinstance(session, models.ConsoleSession)
    assert (session.type, session.state, session.instance_id) == ("serial", "initiating", web.id)
    ready = poll(lambda: joviam.console_sessions.get(session.id), lambda s: s.state == ConsoleSessionState.READY)
    assert ready.host and ready.port and ready.token and ready.url is None
    stopping = joviam.instances.stop(web.id)
    assert stopping.state == InstanceState.STOPPING
    joviam.instances.wait_for_state(web.id, "stopped", **FAST_WAIT)

    # Delete everything.
    for instance in (web, db):
        gone = joviam.instances.delete(instance.id)
        assert isinstance(gone, models.Instance) and gone.state == "terminating"
    joviam.instances.wait_for_deletion(web.id, **FAST_WAIT)
    joviam.instances.wait_for_deletion(db.id, **FAST_WAIT)
    for d in (boot, disk.id, copy.id):
        gone_disk = joviam.disks.delete(d)
        assert isinstance(gone_disk, models.Disk) and gone_disk.state == "terminating"
        joviam.disks.wait_for_deletion(d, **FAST_WAIT)
    for address in joviam.ip_addresses.list():
        assert joviam.ip_addresses.deallocate(address.id) is None
    gone_network = joviam.networks.delete(network.id)
    assert isinstance(gone_network, models.Network) and gone_network.state == "terminating"
    assert joviam.public_keys.delete(key.id) is None

    client = sandbox.joviam_client()
    poll(client.networks.list_private, lambda networks: networks == [])
    for handler in (client.instances, client.disks, client.ip_addresses, client.public_keys):
        assert handler.list() == []
    assert client.networks.list() == [public]

    declared = {(attribute, method) for attribute, method, *_ in vpsclient.JoviamClient.operations()}
    assert len(declared) == 54
    called = joviam.operations_called()
    assert declared - called == set(), "operations never run against the sandbox"
    assert called - declared == set(), "calls that are not operations"


# ---------------------------------------------------------------------------------------------
# Flows


def test_network_ip_instance_disk_flow_with_the_state_checked_between_steps(slow_sandbox: vpsclient.Sandbox) -> None:
    joviam = slow_sandbox.joviam_client()
    network = joviam.networks.create("app", REGION, "192.168.2.0/24")
    assert joviam.networks.get(network.id).state == "ready"
    spare = joviam.ip_addresses.allocate(network=network.id, name="spare")
    assert (spare.address, spare.name, spare.instance_ids) == ("192.168.2.1", "spare", [])

    # Create with start_when_ready: provisioning -> starting -> running.
    created = basic(joviam, "app", networks=[network.id], start_when_ready=True)
    assert created.state == "provisioning"
    boot = created.disks[0]
    assert (boot.state, boot.instance_id, boot.size, boot.position) == ("provisioning", created.id, 30, 0)
    own_ip = created.network_adapters[0].ip_addresses[0]
    assert (own_ip.address, own_ip.instance_ids) == ("192.168.2.2", [created.id])
    seen = [created.state]
    deadline = time.monotonic() + 10
    while seen[-1] != "running":
        assert time.monotonic() < deadline, seen
        state = joviam.instances.state(created.id)
        if state != seen[-1]:
            seen.append(state)
        time.sleep(0.02)
    assert seen == ["provisioning", "starting", "running"]
    running = joviam.instances.wait_for_state(created.id, "running", **FAST_WAIT)
    assert running.disks[0].state == "attached"

    # A new disk: provisioning -> unattached.
    data = joviam.disks.create("data", 100, REGION, TIER)
    assert data.state == "provisioning"
    data = joviam.disks.wait_for_state(data.id, "unattached", **FAST_WAIT)
    assert (data.instance_id, data.position) == (None, None)

    # Live attach (the instance runs): attaching -> attached, shown on both sides.
    attached = joviam.instances.set_disks(created.id, [boot.id, data.id])
    assert [(d.id, d.state) for d in attached] == [(boot.id, "attached"), (data.id, "attaching")]
    data_now = joviam.disks.wait_for_state(data.id, "attached", **FAST_WAIT)
    assert (data_now.instance_id, data_now.position) == (created.id, 1)
    instance = joviam.instances.get(created.id)
    assert instance.state == "running"
    assert [d.id for d in instance.disks] == [boot.id, data.id]

    # Live detach: detaching -> unattached, gone from the instance.
    kept = joviam.instances.set_disks(created.id, (boot.id,))
    assert [d.id for d in kept] == [boot.id]
    assert joviam.disks.state(data.id) == "detaching"
    detached = joviam.disks.wait_for_state(data.id, "unattached", **FAST_WAIT)
    assert (detached.instance_id, detached.position) == (None, None)
    assert [d.id for d in joviam.instances.get(created.id).disks] == [boot.id]

    # Stop.
    assert joviam.instances.stop(created.id).state == "stopping"
    assert joviam.instances.state(created.id) == "stopping"
    stopped = joviam.instances.wait_for_state(created.id, "stopped", **FAST_WAIT)
    assert stopped.disks[0].state == "attached"

    # Delete: terminating, then gone; the boot disk is kept, detached; the address stays
    # allocated but released.
    terminating = joviam.instances.delete(created.id)
    assert terminating.state == "terminating"
    assert len(terminating.disks) == 1, "disks stay while it terminates"
    joviam.instances.wait_for_deletion(created.id, **FAST_WAIT)
    not_found(joviam.instances.get, created.id)
    assert joviam.instances.list() == []
    boot_after = joviam.disks.get(boot.id)
    assert (boot_after.state, boot_after.instance_id) == ("unattached", None)
    assert joviam.ip_addresses.get(own_ip.id).instance_ids == []

    # Clean up the rest and check each is gone.
    for disk_id in (boot.id, data.id):
        assert joviam.disks.delete(disk_id).state == "terminating"
    for disk_id in (boot.id, data.id):
        joviam.disks.wait_for_deletion(disk_id, **FAST_WAIT)
        not_found(joviam.disks.get, disk_id)
    for ip_id in (spare.id, own_ip.id):
        joviam.ip_addresses.deallocate(ip_id)
        not_found(joviam.ip_addresses.get, ip_id)
    assert joviam.networks.delete(network.id).state == "terminating"
    poll(lambda: joviam.networks.list_private(), lambda networks: networks == [])
    not_found(joviam.networks.get, network.id)
    assert joviam.disks.list() == [] and joviam.ip_addresses.list() == []


def test_set_disks_on_a_stopped_instance_attaches_and_detaches_at_once(sandbox: vpsclient.Sandbox) -> None:
    joviam = sandbox.joviam_client()
    instance = joviam.instances.wait_for_state(basic(joviam, "s").id, "stopped", **FAST_WAIT)
    boot = instance.disks[0].id
    extra = joviam.disks.wait_for_state(joviam.disks.create("extra", 5, REGION, TIER).id, "unattached", **FAST_WAIT)
    disks = joviam.instances.set_disks(instance.id, [extra.id, boot])
    assert [(d.id, d.position, d.state) for d in disks] == [(extra.id, 0, "attached"), (boot, 1, "attached")]
    assert [d.id for d in joviam.instances.get(instance.id).disks] == [extra.id, boot]
    assert joviam.disks.get(extra.id).instance_id == instance.id
    assert joviam.instances.set_disks(instance.id, []) == []
    for disk_id in (boot, extra.id):
        disk = joviam.disks.get(disk_id)
        assert (disk.state, disk.instance_id) == ("unattached", None)
    assert joviam.instances.get(instance.id).disks == []


def test_none_clears_nullable_fields(sandbox: vpsclient.Sandbox) -> None:
    joviam = sandbox.joviam_client()
    network = joviam.networks.create(None, REGION, "172.16.0.0/16", gateway="172.16.0.1",
                                     primary_nameserver="1.1.1.1", secondary_nameserver=None)
    assert (network.name, network.netmask, network.secondary_nameserver) == (None, "255.255.0.0", None)
    cleared = joviam.networks.update(network.id, gateway=None, name="named")
    assert (cleared.gateway, cleared.name, cleared.primary_nameserver) == (None, "named", "1.1.1.1")
    ip = joviam.ip_addresses.allocate(network=network.id, name="svc")
    assert ip.address == "172.16.0.1", "the gateway was cleared, so its address is free"
    kept = joviam.ip_addresses.update(ip.id, shareable=True)
    assert kept.name == "svc", "left out: kept"
    assert joviam.ip_addresses.update(ip.id, name=None).name is None
    assert joviam.ip_addresses.get(ip.id).name is None


def test_network_adapters_take_addresses_or_dhcp(sandbox: vpsclient.Sandbox) -> None:
    joviam = sandbox.joviam_client()
    network = joviam.networks.create("n", REGION, "10.0.0.0/29")
    first = joviam.ip_addresses.allocate(network=network.id)
    instance = joviam.instances.wait_for_state(basic(joviam, "n").id, "stopped", **FAST_WAIT)
    assert instance.network_adapters == []
    (adapter,) = joviam.instances.set_network_adapters(instance.id, [{"network": network.id, "ip_addresses": [first.id]}])
    assert (adapter.index, adapter.dhcp, adapter.ip_addresses[0].instance_ids) == (0, False, [instance.id])
    assert joviam.ip_addresses.get(first.id).instance_ids == [instance.id], "both sides"
    (dhcp,) = joviam.instances.set_network_adapters(instance.id, [{"network": network.id, "ip_addresses": "dhcp"}])
    assert dhcp.id == adapter.id and dhcp.dhcp and dhcp.ip_addresses == []
    assert joviam.ip_addresses.get(first.id).instance_ids == []
    public = joviam.ip_addresses.allocate(region=REGION)
    details = invalid(joviam.instances.set_network_adapters, instance.id,
                      [{"network": network.id, "ip_addresses": [public.id]}])
    assert "is on network" in details["network_adapters"][0]


# ---------------------------------------------------------------------------------------------
# Rejections


def test_a_missing_required_field_is_a_validation_error_naming_it(sandbox: vpsclient.Sandbox) -> None:
    joviam = sandbox.joviam_client()
    # An address needs a network or a region; the client lets both be left out, the API not.
    details = invalid(joviam.ip_addresses.allocate)
    assert isinstance(details["network"], list) and details["network"], details
    with pytest.raises(vpsclient.ValidationError) as caught:
        joviam.ip_addresses.allocate(shareable=True)
    assert "network" in caught.value.details and caught.value.method == "POST"

    # The typed client cannot leave a required argument out: Python refuses before any request.
    with pytest.raises(TypeError):
        joviam.public_keys.create("k")  # type: ignore[call-arg]
    with pytest.raises(vpsclient.InvalidArgumentError):
        joviam.public_keys.create("k", vpsclient.NOT_GIVEN)  # type: ignore[arg-type]

    # Sent anyway (curl, another client), the sandbox answers the reference's 422.
    body = {"name": "x", "region": REGION, "instance_performance_tier": TIER,
            "disk_performance_tier": TIER, "template": "example", "size": 30}
    status, answer = sandbox_request(sandbox, "joviam", "POST", "/instances", json.dumps(body))
    assert (status, answer) == (422, {"error": "validation_fail", "details": {"memory": ["can't be blank"]}})
    for path, fields, missing in [
        ("/disks", {"name": "d", "size": 1, "region": REGION}, "performance_tier"),
        ("/public_keys", {"name": "k"}, "key"),
        ("/networks", {"name": "n", "region": REGION}, "specification"),
    ]:
        status, answer = sandbox_request(sandbox, "joviam", "POST", path, json.dumps(fields))
        assert status == 422 and isinstance(answer["details"][missing], list), (path, answer)

    # A blank required string is no better than a missing one.
    assert invalid(joviam.disks.create, " ", 1, REGION, TIER) == {"name": ["can't be blank"]}
    assert joviam.instances.list() == [] and joviam.disks.list() == [] and joviam.ip_addresses.list() == []


@pytest.mark.parametrize("memory", [256, 511, 65537])
def test_memory_outside_512mb_to_64gb_is_the_references_422(sandbox: vpsclient.Sandbox, memory: int) -> None:
    joviam = sandbox.joviam_client()
    with pytest.raises(vpsclient.ValidationError) as caught:
        joviam.instances.create("small", memory, REGION, TIER, TIER, "example", 30)
    assert (caught.value.status, caught.value.code, caught.value.details) == (422, "validation_fail", MEMORY_RANGE)
    assert invalid(joviam.instances.assemble, "small", memory, REGION, TIER) == MEMORY_RANGE
    assert joviam.instances.list() == []


def test_memory_at_the_edges_is_accepted_and_an_update_is_checked_too(sandbox: vpsclient.Sandbox) -> None:
    joviam = sandbox.joviam_client()
    small = joviam.instances.create("edge-low", 512, REGION, TIER, TIER, "example", 30)
    large = joviam.instances.create("edge-high", 65536, REGION, TIER, TIER, "example", 30)
    assert (small.memory, large.memory) == (512, 65536)
    assert invalid(joviam.instances.update, small.id, memory=256) == MEMORY_RANGE
    assert joviam.instances.get(small.id).memory == 512


def test_an_unknown_id_is_not_found(sandbox: vpsclient.Sandbox) -> None:
    joviam = sandbox.joviam_client()
    for call, *args in [
        (joviam.regions.get, GHOST),
        (joviam.templates.get, GHOST),
        (joviam.public_keys.get, GHOST),
        (joviam.public_keys.update, GHOST),
        (joviam.public_keys.delete, GHOST),
        (joviam.networks.get, GHOST),
        (joviam.networks.delete, GHOST),
        (joviam.ip_addresses.get, GHOST),
        (joviam.ip_addresses.deallocate, GHOST),
        (joviam.disks.get, GHOST),
        (joviam.disks.state, GHOST),
        (joviam.disks.resize, GHOST, 10),
        (joviam.disks.clone, GHOST),
        (joviam.disks.delete, GHOST),
        (joviam.instances.get, GHOST),
        (joviam.instances.state, GHOST),
        (joviam.instances.note, GHOST),
        (joviam.instances.start, GHOST),
        (joviam.instances.stop, GHOST),
        (joviam.instances.delete, GHOST),
        (joviam.instances.get_context, GHOST),
        (joviam.instances.set_disks, GHOST, []),
        (joviam.console_sessions.get, GHOST),
    ]:
        not_found(call, *args)
    error = not_found(joviam.disks.get, GHOST)
    assert error.message == f"no disk with ID {GHOST}"
    assert (error.method, error.url) == ("GET", f"{sandbox.joviam_base_url}/disks/{GHOST}")


def test_an_unknown_id_inside_a_body_is_a_422_naming_the_field(sandbox: vpsclient.Sandbox) -> None:
    joviam = sandbox.joviam_client()
    assert "region" in invalid(joviam.instances.create, "x", 1024, GHOST, TIER, TIER, "example", 30)
    assert "template" in invalid(joviam.instances.create, "x", 1024, REGION, TIER, TIER, "no-such-slug", 30)
    assert "networks" in invalid(basic, joviam, "x", networks=[GHOST])
    assert "public_keys" in invalid(basic, joviam, "x", public_keys=[GHOST])
    assert joviam.instances.list() == [] and joviam.disks.list() == [], "nothing was created"


def test_an_action_in_the_wrong_state_is_a_422_on_state(slow_sandbox: vpsclient.Sandbox) -> None:
    joviam = slow_sandbox.joviam_client()
    instance = basic(joviam, "w")
    details = invalid(joviam.instances.start, instance.id)
    assert "provisioning" in details["state"][0], details
    joviam.instances.wait_for_state(instance.id, "stopped", **FAST_WAIT)
    assert isinstance(invalid(joviam.instances.stop, instance.id)["state"], list)
    assert isinstance(invalid(joviam.instances.remote_access, instance.id)["state"], list)
    disk = joviam.disks.create("busy", 10, REGION, TIER)
    assert isinstance(invalid(joviam.disks.resize, disk.id, 20)["state"], list), "still provisioning"
    assert joviam.instances.state(instance.id) == "stopped" and joviam.disks.get(disk.id).size == 10


def test_deleting_an_attached_disk_is_a_422(sandbox: vpsclient.Sandbox) -> None:
    joviam = sandbox.joviam_client()
    instance = joviam.instances.wait_for_state(basic(joviam, "a").id, "stopped", **FAST_WAIT)
    boot = instance.disks[0].id
    with pytest.raises(vpsclient.ValidationError) as caught:
        joviam.disks.delete(boot)
    assert (caught.value.status, caught.value.code) == (422, "validation_fail")
    assert "detach it first" in caught.value.details["state"][0], caught.value.details
    assert joviam.disks.state(boot) == "attached", "nothing changed"
    # Attached to another instance: set_disks refuses it too.
    other = joviam.instances.assemble("b", 1024, REGION, TIER)
    assert "attached to instance" in invalid(joviam.instances.set_disks, other.id, [boot])["disks"][0]
    # Detached, it can go.
    joviam.instances.set_disks(instance.id, [])
    assert joviam.disks.delete(boot).state == "terminating"
    joviam.disks.wait_for_deletion(boot, **FAST_WAIT)


def test_other_invalid_values_are_422s_naming_the_field(sandbox: vpsclient.Sandbox) -> None:
    joviam = sandbox.joviam_client()
    assert "key" in invalid(joviam.public_keys.create, "k", "not a key")
    assert "specification" in invalid(joviam.networks.create, "n", REGION, "10.0.0.1/24")
    assert "gateway" in invalid(joviam.networks.create, "n", REGION, "10.0.0.0/24", gateway="10.1.0.1")
    public = joviam.networks.list_public()[0]
    assert "is_public" in invalid(joviam.networks.delete, public.id)
    disk = joviam.disks.wait_for_state(joviam.disks.create("d", 40, REGION, TIER).id, "unattached", **FAST_WAIT)
    assert "only grow" in invalid(joviam.disks.resize, disk.id, 10)["size"][0]
    assert invalid(joviam.disks.create, "d", 20, REGION, TIER, template=UBUNTU) == {
        "size": ["must be at least 50GB for this template"]}
    assert "boot_device" in invalid(joviam.instances.assemble, "a", 1024, REGION, TIER, boot_device="floppy")


def test_a_wrong_token_is_an_authentication_error(sandbox: vpsclient.Sandbox) -> None:
    wrong = vpsclient.JoviamClient("not-the-token", base_url=sandbox.joviam_base_url, max_retries=0)
    with pytest.raises(vpsclient.AuthenticationError) as caught:
        wrong.instances.list()
    error = caught.value
    assert (error.status, error.code, error.message) == (401, "invalid_token", "The access token is invalid")
    assert not error.retryable
    assert "not-the-token" not in str(error), "the credential is never shown"
    right = vpsclient.JoviamClient(sandbox.joviam_token, base_url=sandbox.joviam_base_url)
    assert right.instances.list() == []
