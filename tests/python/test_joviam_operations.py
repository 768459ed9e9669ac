"""Every Joviam operation, driven through the compiled extension against the local server.

One test per operation, named ``<resource>.<op>``. Each queues the reference's example response
(tests/fixtures/joviam/<resource>.<op>.json) with the example's status (200, 201 or 202), calls
the method the way a Python user would (path parameters and required body fields positionally,
optional fields as keywords), then checks the request the server saw (method, exact path,
``Authorization: Bearer <token>``, JSON body or none), the type of the result, a few meaningful
attributes, and that ``to_dict()`` holds every field of the example response.

Bare-value results are checked as such: ``disks.state`` and ``instances.state`` give the state as
a ``str``, ``instances.note`` the note text, ``instances.set_availability_group`` a list of
instance IDs, the context calls a ``dict`` of ``str`` to ``str``; the IP address deallocate and
public key delete answer ``{}`` and return ``None``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Callable, Optional

import pytest

import vpsclient
from vpsclient import joviam as models
from vpsclient.joviam import (
    BootDevice,
    ConsoleSessionState,
    ConsoleSessionType,
    DiskState,
    InstanceState,
    NetworkState,
    Virtualization,
)

from conftest import FIXTURES, assert_cases_cover, assert_subset, load_fixture, template_regex

TOKEN = "my-joviam-token"

INSTANCE = "51afcc4f-fa9f-7e01-87e0-e53ba9ef0e4c"
DISK = "dc2706a0-52ce-de25-ff5a-0d15acd34c51"
REGION = "0f442f96-09e5-d4cc-9452-34896246cce7"
TIER = "9023fa53-fe2a-81b7-6904-7d28ae3e3d51"
NETWORK = "4e19114d-66ab-e7ed-ba93-91885a98c59b"
IP_ADDRESS = "41ba5632-95f5-82b1-416e-e4a1ff74fee4"
PUBLIC_KEY = "afa7d08a-ef15-f46f-eed9-ab015431b906"
TEMPLATE = "74f53564-53a6-9e43-8e0f-58ef93103cc0"
CONSOLE_SESSION = "b80bb774-0288-fda1-f201-890375a60c8f"
GROUPED_INSTANCE = "0c4dde6f-7c55-0afd-e15f-a5bd0f157033"
ADAPTER = "971e4423-2c66-9f81-2f78-b3cb16c3c345"
KEY_TEXT = "ssh-rsa AAAAB3NzaC......uL/jU95H sharon@sharons-desktop.local (example is truncated)"
NOTE = "Configured nginx with PHP. Firewall only allows SSH through private network."
CONTEXT = {"MY_VARIABLE": "value of my variable", "EMPTY_VARIABLE": ""}
# The reference's "2016-05-10T03:36:34.615Z" and "2016-05-10T04:36:34.615Z".
CREATED = datetime.datetime(2016, 5, 10, 3, 36, 34, 615000, tzinfo=datetime.timezone.utc)
UPDATED = datetime.datetime(2016, 5, 10, 4, 36, 34, 615000, tzinfo=datetime.timezone.utc)


@pytest.fixture
def joviam(api_server) -> vpsclient.JoviamClient:
    return vpsclient.JoviamClient(TOKEN, base_url=api_server.url, max_retries=0)


# --- checks of meaningful fields --------------------------------------------------------------

def check_region(r: Any) -> None:
    assert type(r) is models.Region
    assert (r.id, r.name, r.code) == (REGION, "AU East", "SY3")


def check_tier(t: Any) -> None:
    assert type(t) is models.PerformanceTier
    assert (t.id, t.name) == (TIER, "Standard")
    check_region(t.region)


def check_disk(d: Any) -> None:
    assert type(d) is models.Disk
    assert (d.id, d.name, d.position, d.size) == (DISK, "Linux Disk", 0, 100)
    assert type(d.state) is str and d.state == DiskState.ATTACHED == "attached"
    assert d.template is None
    assert d.instance_id == INSTANCE
    assert d.cdrom is False and d.is_template is False
    assert (d.created_at, d.updated_at) == (CREATED, UPDATED)
    check_tier(d.performance_tier)
    check_region(d.region)


def check_public_key(k: Any) -> None:
    assert type(k) is models.PublicKey
    assert (k.id, k.name, k.key) == (PUBLIC_KEY, "Sharon's Desktop", KEY_TEXT)
    assert (k.created_at, k.updated_at) == (CREATED, UPDATED)


def check_network(n: Any) -> None:
    assert type(n) is models.Network
    assert (n.id, n.name, n.is_public) == (NETWORK, "My Private Network", False)
    assert (n.specification, n.netmask, n.network_address) == ("192.168.2.0/24", "255.255.255.0", "192.168.2.0")
    assert (n.gateway, n.primary_nameserver, n.secondary_nameserver) == ("192.168.2.1", "192.168.2.4", "192.168.2.5")
    assert type(n.state) is str and n.state == NetworkState.READY
    check_region(n.region)


def check_ip_address(a: Any) -> None:
    assert type(a) is models.IpAddress
    assert (a.id, a.name, a.address, a.network_id) == (IP_ADDRESS, "Web Server IP", "12.34.56.78", NETWORK)
    assert a.instance_ids == [INSTANCE]
    assert a.shareable is False
    assert (a.created_at, a.updated_at) == (CREATED, UPDATED)


def check_adapter(n: Any) -> None:
    assert type(n) is models.NetworkAdapter
    assert (n.id, n.index, n.dhcp) == (ADAPTER, 0, False)
    check_network(n.network)
    assert len(n.ip_addresses) == 1
    check_ip_address(n.ip_addresses[0])


def check_instance(i: Any, state: str = "stopped") -> None:
    assert type(i) is models.Instance
    assert (i.id, i.name, i.hostname, i.memory) == (INSTANCE, "Web Server", "web-server", 2048)
    assert type(i.state) is str and i.state == state
    assert type(i.virtualization) is str and i.virtualization == Virtualization.HVM
    assert type(i.boot_device) is str and i.boot_device == BootDevice.DISK
    assert (i.start_on_shutdown, i.start_on_reboot, i.start_on_crash) == (False, True, True)
    check_tier(i.performance_tier)
    check_region(i.region)
    assert len(i.disks) == 1
    check_disk(i.disks[0])
    assert len(i.public_keys) == 1
    check_public_key(i.public_keys[0])
    assert len(i.network_adapters) == 1
    check_adapter(i.network_adapters[0])
    assert i.availability_group == [GROUPED_INSTANCE]
    assert (i.created_at, i.updated_at) == (CREATED, UPDATED)


def check_template(t: Any) -> None:
    assert type(t) is models.Template
    assert (t.id, t.name, t.slug, t.version) == (TEMPLATE, "Ubuntu 16.04", "ubuntu-16-04", 1)
    assert (t.minimum_disk_size, t.allows_public_key_auth, t.published) == (50, True, True)
    assert (t.disk_id, t.superseded_by_id) == (DISK, TEMPLATE)
    assert type(t.recommended_virtualization) is str and t.recommended_virtualization == Virtualization.HVM
    check_region(t.region)


def check_console_session(s: Any, host: Optional[str] = None, port: Optional[int] = None) -> None:
    assert type(s) is models.ConsoleSession
    assert (s.id, s.instance_id) == (CONSOLE_SESSION, "7123a699-d77d-b647-9a1d-8ece2c4f1c16")
    assert type(s.state) is str and s.state == ConsoleSessionState.READY
    assert type(s.type) is str and s.type == ConsoleSessionType.VNC
    assert (s.host, s.port) == (host, port)
    assert s.token == "4738y4o10984213"
    assert s.url == "wss://region.cloudhosting.example/12345"
    assert (s.created_at, s.updated_at) == (CREATED, UPDATED)


def each(check: Callable[[Any], None]) -> Callable[[list], None]:
    def check_all(items: list) -> None:
        assert items, "an empty list checks nothing"
        for item in items:
            check(item)
    return check_all


def is_str(value: str) -> Callable[[Any], None]:
    def check(result: Any) -> None:
        assert type(result) is str
        assert result == value
    return check


def check_group(ids: Any) -> None:
    assert ids == [GROUPED_INSTANCE]


def is_context(result: Any) -> None:
    assert type(result) is dict
    assert result == CONTEXT
    assert all(type(k) is str and type(v) is str for k, v in result.items())


# --- the cases --------------------------------------------------------------------------------

@dataclass
class Case:
    """One operation: how a user calls it, what it returns, what to check on the result."""

    call: Callable[[vpsclient.JoviamClient], Any]
    # The class of the result (of each item when `many`): a model, or str/dict for bare values;
    # None when the call returns None.
    model: Optional[type]
    check: Optional[Callable[[Any], None]] = None
    many: bool = False


CASES: dict[str, Case] = {
    # Console sessions
    "console_sessions.get": Case(
        lambda j: j.console_sessions.get(CONSOLE_SESSION), models.ConsoleSession, check_console_session),
    # Disks
    "disks.list": Case(lambda j: j.disks.list(), models.Disk, each(check_disk), many=True),
    "disks.get": Case(lambda j: j.disks.get(DISK), models.Disk, check_disk),
    "disks.create": Case(
        lambda j: j.disks.create("Linux Disk", 100, REGION, TIER, template="example", cdrom=False, is_template=False),
        models.Disk, check_disk),
    "disks.update": Case(
        lambda j: j.disks.update(DISK, name="Linux Disk", cdrom=False, is_template=False), models.Disk, check_disk),
    "disks.delete": Case(lambda j: j.disks.delete(DISK), models.Disk, check_disk),
    "disks.state": Case(lambda j: j.disks.state(DISK), str, is_str(DiskState.ATTACHED)),
    "disks.resize": Case(lambda j: j.disks.resize(DISK, 100), models.Disk, check_disk),
    "disks.clone": Case(
        lambda j: j.disks.clone(DISK, name="Linux Disk", performance_tier=TIER, is_template=False),
        models.Disk, check_disk),
    # Instances
    "instances.list": Case(lambda j: j.instances.list(), models.Instance, each(check_instance), many=True),
    "instances.get": Case(lambda j: j.instances.get(INSTANCE), models.Instance, check_instance),
    "instances.create": Case(
        lambda j: j.instances.create(
            "Web Server",
            2048,
            REGION,
            TIER,
            TIER,
            "example",
            30,
            allocate_public_ip=False,
            allocate_private_ip=False,
            # The reference's example passes this ID as a network; it is sent as given.
            networks=[IP_ADDRESS],
            public_keys=[PUBLIC_KEY],
            start_when_ready=True,
            availability_group=[GROUPED_INSTANCE],
        ),
        models.Instance, check_instance),
    "instances.assemble": Case(
        lambda j: j.instances.assemble(
            "Web Server",
            2048,
            REGION,
            TIER,
            disks=[DISK],
            ip_addresses=[IP_ADDRESS],
            public_keys=[PUBLIC_KEY],
            boot_device=BootDevice.DISK,
            start_on_shutdown=False,
            start_on_reboot=True,
            start_on_crash=True,
            virtualization=Virtualization.HVM,
            availability_group=[GROUPED_INSTANCE],
        ),
        models.Instance, check_instance),
    "instances.update": Case(
        lambda j: j.instances.update(
            INSTANCE,
            name="Web Server",
            note=NOTE,
            virtualization="hvm",
            memory=2048,
            boot_device="disk",
            start_on_shutdown=False,
            start_on_reboot=True,
            start_on_crash=True,
            performance_tier=TIER,
        ),
        models.Instance, check_instance),
    "instances.delete": Case(
        lambda j: j.instances.delete(INSTANCE), models.Instance,
        lambda i: check_instance(i, InstanceState.TERMINATING)),
    "instances.state": Case(lambda j: j.instances.state(INSTANCE), str, is_str(InstanceState.STOPPED)),
    "instances.note": Case(lambda j: j.instances.note(INSTANCE), str, is_str(NOTE)),
    "instances.start": Case(
        lambda j: j.instances.start(INSTANCE), models.Instance, lambda i: check_instance(i, InstanceState.STARTING)),
    "instances.stop": Case(
        lambda j: j.instances.stop(INSTANCE), models.Instance, lambda i: check_instance(i, InstanceState.STOPPING)),
    "instances.remote_access": Case(
        lambda j: j.instances.remote_access(INSTANCE, type=ConsoleSessionType.VNC), models.ConsoleSession,
        lambda s: check_console_session(s, "192.168.5.5", 50321)),
    # The reference answers the disks themselves (not their IDs).
    "instances.set_disks": Case(
        lambda j: j.instances.set_disks(INSTANCE, [DISK]), models.Disk, each(check_disk), many=True),
    "instances.set_public_keys": Case(
        lambda j: j.instances.set_public_keys(INSTANCE, [PUBLIC_KEY]), models.PublicKey, each(check_public_key),
        many=True),
    "instances.set_network_adapters": Case(
        lambda j: j.instances.set_network_adapters(INSTANCE, [{"network": NETWORK, "ip_addresses": [IP_ADDRESS]}]),
        models.NetworkAdapter, each(check_adapter), many=True),
    "instances.set_availability_group": Case(
        lambda j: j.instances.set_availability_group(INSTANCE, [GROUPED_INSTANCE]), str, check_group, many=True),
    "instances.get_context": Case(lambda j: j.instances.get_context(INSTANCE), dict, is_context),
    "instances.set_context": Case(lambda j: j.instances.set_context(INSTANCE, dict(CONTEXT)), dict, is_context),
    "instances.update_context": Case(
        lambda j: j.instances.update_context(INSTANCE, dict(CONTEXT)), dict, is_context),
    "instances.delete_context_variable": Case(
        lambda j: j.instances.delete_context_variable(INSTANCE, "OLD_VARIABLE"), dict, is_context),
    # IP addresses
    "ip_addresses.list": Case(lambda j: j.ip_addresses.list(), models.IpAddress, each(check_ip_address), many=True),
    "ip_addresses.list_public": Case(
        lambda j: j.ip_addresses.list_public(), models.IpAddress, each(check_ip_address), many=True),
    "ip_addresses.list_private": Case(
        lambda j: j.ip_addresses.list_private(), models.IpAddress, each(check_ip_address), many=True),
    "ip_addresses.get": Case(lambda j: j.ip_addresses.get(IP_ADDRESS), models.IpAddress, check_ip_address),
    "ip_addresses.allocate": Case(
        lambda j: j.ip_addresses.allocate(
            name="Web Server IP", shareable=False, address="12.34.56.78", region=REGION, network=NETWORK),
        models.IpAddress, check_ip_address),
    "ip_addresses.update": Case(
        lambda j: j.ip_addresses.update(IP_ADDRESS, name="Web Server IP", shareable=False),
        models.IpAddress, check_ip_address),
    "ip_addresses.deallocate": Case(lambda j: j.ip_addresses.deallocate(IP_ADDRESS), None),
    # Networks
    "networks.list": Case(lambda j: j.networks.list(), models.Network, each(check_network), many=True),
    "networks.list_public": Case(lambda j: j.networks.list_public(), models.Network, each(check_network), many=True),
    "networks.list_private": Case(
        lambda j: j.networks.list_private(), models.Network, each(check_network), many=True),
    "networks.get": Case(lambda j: j.networks.get(NETWORK), models.Network, check_network),
    "networks.create": Case(
        lambda j: j.networks.create(
            "My Private Network",
            REGION,
            "192.168.2.0/24",
            gateway="192.168.2.1",
            primary_nameserver="192.168.2.4",
            secondary_nameserver="192.168.2.5",
        ),
        models.Network, check_network),
    "networks.update": Case(
        lambda j: j.networks.update(
            NETWORK,
            name="My Private Network",
            gateway="192.168.2.1",
            primary_nameserver="192.168.2.4",
            secondary_nameserver="192.168.2.5",
        ),
        models.Network, check_network),
    "networks.delete": Case(lambda j: j.networks.delete(NETWORK), models.Network, check_network),
    # Performance tiers
    "performance_tiers.list_instance": Case(
        lambda j: j.performance_tiers.list_instance(), models.PerformanceTier, each(check_tier), many=True),
    "performance_tiers.list_disk": Case(
        lambda j: j.performance_tiers.list_disk(), models.PerformanceTier, each(check_tier), many=True),
    # Public keys
    "public_keys.list": Case(lambda j: j.public_keys.list(), models.PublicKey, each(check_public_key), many=True),
    "public_keys.get": Case(lambda j: j.public_keys.get(PUBLIC_KEY), models.PublicKey, check_public_key),
    "public_keys.create": Case(
        lambda j: j.public_keys.create("Sharon's Desktop", KEY_TEXT), models.PublicKey, check_public_key),
    "public_keys.update": Case(
        lambda j: j.public_keys.update(PUBLIC_KEY, name="Sharon's Desktop"), models.PublicKey, check_public_key),
    "public_keys.delete": Case(lambda j: j.public_keys.delete(PUBLIC_KEY), None),
    # Regions
    "regions.list": Case(lambda j: j.regions.list(), models.Region, each(check_region), many=True),
    "regions.get": Case(lambda j: j.regions.get(REGION), models.Region, check_region),
    # Templates
    "templates.list": Case(lambda j: j.templates.list(), models.Template, each(check_template), many=True),
    "templates.get": Case(lambda j: j.templates.get(TEMPLATE), models.Template, check_template),
    "templates.supersede": Case(lambda j: j.templates.supersede(DISK, TEMPLATE), models.Template, check_template),
}


@pytest.mark.parametrize("operation", sorted(CASES), ids=str)
def test_operation(operation: str, api_server, joviam) -> None:
    case = CASES[operation]
    fx = load_fixture("joviam", operation)
    assert fx["status"] in (200, 201, 202)
    api_server.reply(fx["status"], fx["response"])

    result = case.call(joviam)

    # The request, exactly as the reference shows it.
    assert len(api_server.requests) == 1
    req = api_server.last
    assert req.method == fx["method"]
    assert req.path == fx["path"]
    assert req.headers["authorization"] == f"Bearer {TOKEN}"
    if fx["request"] is None:
        assert req.body == b""
    else:
        assert req.headers["content-type"] == "application/json"
        assert req.json() == fx["request"]

    # The typed result.
    if case.model is None:
        assert fx["response"] == {}, "only the `{}` answers return None"
        assert result is None
        return
    if case.many:
        assert type(result) is vpsclient.ResourceList
        assert len(result) == len(fx["response"])
        assert all(type(item) is case.model for item in result)
        if case.model not in (str, dict):
            assert_subset(fx["response"], [item.to_dict() for item in result])
        else:
            assert result == fx["response"]
    else:
        assert type(result) is case.model
        if case.model is dict:
            assert result == fx["response"]
        elif case.model is str:
            # The bare value is the single field of the answer (`{"state": ...}`, `{"note": ...}`).
            assert [result] == list(fx["response"].values())
        else:
            assert_subset(fx["response"], result.to_dict())
    assert case.check is not None, f"{operation}: no attribute checks"
    case.check(result)


def test_every_operation_has_a_case() -> None:
    assert_cases_cover(vpsclient.JoviamClient, CASES, 54)


def test_every_fixture_has_a_case() -> None:
    fixtures = {p.stem for p in (FIXTURES / "joviam").glob("*.json")}
    assert fixtures == set(CASES)


@pytest.mark.parametrize("declared", vpsclient.JoviamClient.operations(), ids=lambda d: f"{d[0]}.{d[1]}")
def test_declared_route_matches_the_reference(declared: tuple) -> None:
    attribute, method, http_method, template = declared
    fx = load_fixture("joviam", f"{attribute}.{method}")
    assert http_method == fx["method"]
    assert template_regex(template).match(fx["path"]), (template, fx["path"])


def test_every_handler_method_is_declared(joviam) -> None:
    """No public method on a resource object is left out of `operations()` (and so of CASES)."""
    declared = {(a, m) for a, m, _, _ in vpsclient.JoviamClient.operations()}
    for attribute in sorted({a for a, _ in declared}):
        handler = getattr(joviam, attribute)
        public = {name for name in dir(handler)
                  if not name.startswith(("_", "wait_")) and callable(getattr(handler, name))}
        assert {(attribute, name) for name in public} <= declared, (attribute, public)


def test_every_resource_attribute_is_declared(joviam) -> None:
    """The client's resource attributes are exactly the resources of `operations()`."""
    resources = {a for a, _, _, _ in vpsclient.JoviamClient.operations()}
    attributes = {name for name in dir(joviam)
                  if not name.startswith("_")
                  and name not in ("base_url", "operations", "operation_parameters", "topology")}
    assert attributes == resources
