"""How the Python client behaves around the operations: omitted versus null, argument errors,
models, client configuration, path encoding, and the GIL."""

from __future__ import annotations

import pickle
import threading
import time

import pytest

import vpsclient
from vpsclient import NOT_GIVEN, tavu as models

from conftest import TAVU_KEY, TAVU_TEAM, load_fixture

SUBNET = "9874325d-754c-4e66-989e-e5d83e5d8248"
FLOATING_IP = "99fg1efe-182b-4bf8-3c34-0b88042980dc"
PORT = "5daee914-e5ea-41b6-830b-b0b10c0b11ec"


@pytest.fixture
def subnet_reply(api_server):
    api_server.reply(body=load_fixture("tavu", "subnets.update")["response"])
    return api_server


@pytest.fixture
def floating_ip_reply(api_server):
    api_server.reply(body=load_fixture("tavu", "floating_ips.update")["response"])
    return api_server


# --- omitted versus null ----------------------------------------------------------------------

def test_omitted_keyword_is_not_sent(subnet_reply, tavu):
    tavu.subnets.update(SUBNET, name="Subnet-001")
    assert subnet_reply.last.json() == {"subnet": {"name": "Subnet-001"}}


def test_update_with_no_keywords_sends_an_empty_object(subnet_reply, tavu):
    tavu.subnets.update(SUBNET)
    assert subnet_reply.last.json() == {"subnet": {}}


def test_none_sends_null_for_subnet_gateway_ip(subnet_reply, tavu):
    tavu.subnets.update(SUBNET, gateway_ip=None)
    assert subnet_reply.last.json() == {"subnet": {"gateway_ip": None}}
    # The null is really on the wire, not just in the decoded JSON.
    assert b'"gateway_ip":null' in subnet_reply.last.body.replace(b" ", b"")


def test_none_sends_null_for_floating_ip_port_id(floating_ip_reply, tavu):
    tavu.floating_ips.update(FLOATING_IP, port_id=None)
    assert floating_ip_reply.last.json() == {"floating_ip": {"port_id": None}}


def test_value_is_sent_for_a_nullable_field(floating_ip_reply, tavu):
    tavu.floating_ips.update(FLOATING_IP, port_id=PORT)
    assert floating_ip_reply.last.json() == {"floating_ip": {"port_id": PORT}}


def test_explicit_not_given_is_left_out(subnet_reply, tavu):
    tavu.subnets.update(SUBNET, name="Subnet-001", gateway_ip=NOT_GIVEN, description=NOT_GIVEN)
    assert subnet_reply.last.json() == {"subnet": {"name": "Subnet-001"}}


def test_explicit_not_given_on_a_nullable_field_alone(floating_ip_reply, tavu):
    tavu.floating_ips.update(FLOATING_IP, port_id=NOT_GIVEN, description="x")
    assert floating_ip_reply.last.json() == {"floating_ip": {"description": "x"}}


def test_none_on_a_field_that_cannot_be_cleared_is_refused(subnet_reply, tavu):
    # Only Nullable fields (gateway_ip, port_id) carry null. A plain optional field cannot be
    # cleared, so None is a mistake to report, not a value to drop silently.
    requests_before = len(subnet_reply.requests)
    with pytest.raises(vpsclient.InvalidArgumentError, match="description.*cannot be cleared"):
        tavu.subnets.update(SUBNET, description=None, name="n")
    assert len(subnet_reply.requests) == requests_before


def test_not_given_forwarding_pattern(subnet_reply, tavu):
    """A wrapper that forwards optional arguments it may not have received."""

    def rename(subnet_id, name=NOT_GIVEN, gateway_ip=NOT_GIVEN):
        return tavu.subnets.update(subnet_id, name=name, gateway_ip=gateway_ip)

    rename(SUBNET, gateway_ip="192.168.2.254")
    assert subnet_reply.last.json() == {"subnet": {"gateway_ip": "192.168.2.254"}}


def test_not_given_is_a_falsy_singleton():
    assert vpsclient.NotGiven() is NOT_GIVEN
    assert not NOT_GIVEN
    assert repr(NOT_GIVEN) == "NOT_GIVEN"
    assert pickle.loads(pickle.dumps(NOT_GIVEN)) is NOT_GIVEN


def test_tuples_are_sent_as_lists(api_server, tavu):
    api_server.reply(body=load_fixture("tavu", "firewalls.update")["response"])
    tavu.firewalls.update("76850c34-7489-4182-b655-f2caba3bc955", router_ids=("a", "b"))
    assert api_server.last.json() == {"firewall": {"router_ids": ["a", "b"]}}


def test_body_fields_may_also_be_given_by_keyword(api_server, tavu):
    api_server.reply(body=load_fixture("tavu", "volumes.create")["response"])
    tavu.volumes.create(size=1, name="Api-volume-001")
    assert api_server.last.json() == {"volume": {"size": 1, "name": "Api-volume-001"}}


# --- argument errors --------------------------------------------------------------------------

def _assert_invalid(excinfo, *fragments):
    err = excinfo.value
    assert type(err) is vpsclient.InvalidArgumentError
    assert isinstance(err, TypeError)
    assert isinstance(err, vpsclient.VpsClientError)
    for fragment in fragments:
        assert fragment in str(err)


def test_unknown_keyword_raises_and_sends_nothing(api_server, tavu):
    with pytest.raises(vpsclient.InvalidArgumentError) as excinfo:
        tavu.subnets.update(SUBNET, gatway_ip="192.168.2.1")
    _assert_invalid(excinfo, "gatway_ip")
    assert api_server.requests == []


def test_unknown_keyword_is_a_type_error(api_server, tavu):
    with pytest.raises(TypeError):
        tavu.instances.create("n", "i", "c", ssh_key="old-form")
    assert api_server.requests == []


@pytest.mark.parametrize(
    "call, fragment",
    [
        (lambda t: t.volumes.create("big", "name"), "size"),
        (lambda t: t.volumes.create(-1, "name"), "size"),
        (lambda t: t.volumes.create(1.5, "name"), "size"),
        (lambda t: t.subnets.create("n", "net", "10.0.0.0/24", "4"), "ip_version"),
        (lambda t: t.subnets.update(SUBNET, enable_dhcp="yes"), "enable_dhcp"),
        (lambda t: t.subnets.update(SUBNET, dns_nameservers="8.8.8.8"), "dns_nameservers"),
        (lambda t: t.subnets.update(SUBNET, allocation_pools=[{"start": "a"}]), "allocation_pools"),
        (lambda t: t.subnets.update(SUBNET, host_routes=[{"destination": "a", "nexthop": "b", "x": 1}]), "host_routes"),
        (lambda t: t.instances.create("n", "i", "c", networks=[object()]), "networks"),
        (lambda t: t.instances.create("n", "i", "c", instance_user_ids=["15"]), "instance_user_ids"),
        (lambda t: t.instances.update("x", name=5), "name"),
        (lambda t: t.floating_ips.update(FLOATING_IP, port_id=5), "port_id"),
        (lambda t: t.instances.create("n", NOT_GIVEN, "c"), "image_id"),
        # Path parameters: IDs are str, except the integer IDs of instance users and scripts.
        (lambda t: t.instance_users.get("15"), "instance_user_id"),
        (lambda t: t.instance_users.get(-1), "instance_user_id"),
        (lambda t: t.instance_users.get(True), "instance_user_id"),
        (lambda t: t.instance_scripts.delete(2**64), "instance_script_id"),
        (lambda t: t.ssh_keys.get(5), "ssh_key_name"),
        (lambda t: t.instances.get(None), "instance_id"),
        (lambda t: t.firewall_rules.update("fw", 3, name="x"), "rule_id"),
        (lambda t: t.instances.get(""), "instance_id"),
    ],
    ids=[
        "str-for-int", "negative-int", "float-for-int", "str-ip-version", "str-for-bool",
        "str-for-list", "pool-missing-end", "route-extra-key", "object-in-list", "str-in-int-list",
        "int-for-str", "int-for-nullable-str", "required-not-given", "path-str-for-int",
        "path-negative-int", "path-bool-for-int", "path-int-too-big", "path-int-for-str",
        "path-none", "second-path-param", "path-empty",
    ],
)
def test_wrong_type_raises_and_sends_nothing(api_server, tavu, call, fragment):
    with pytest.raises(vpsclient.InvalidArgumentError) as excinfo:
        call(tavu)
    _assert_invalid(excinfo, fragment)
    assert api_server.requests == []


def test_missing_required_positional_is_a_type_error(api_server, tavu):
    with pytest.raises(TypeError):
        tavu.instances.create("only-a-name")  # type: ignore[call-arg]
    assert api_server.requests == []


# --- models -----------------------------------------------------------------------------------

def _created_instance(api_server, tavu):
    api_server.reply(body=load_fixture("tavu", "instances.create")["response"])
    return tavu.instances.create("API-instance-001", "00ed37ab-7a47-45b3-9419-543a40b3c3f2",
                                 "6cb38035-1c37-453d-ab44-ce3ac54f6ce5")


def test_repr_is_readable_and_masks_the_password(api_server, tavu):
    instance = _created_instance(api_server, tavu)
    text = repr(instance)
    assert text.startswith("Instance(")
    assert "id='482e25a1-d3c3-4184-b027-e0de11d6ee57'" in text
    assert "name='API-instance-001'" in text
    assert "status='building'" in text
    assert "username='ubuntu'" in text
    assert "password='***'" in text
    assert "ycpzdhf5" not in text
    assert "ycpzdhf5" not in str(instance)
    # Nested objects are abbreviated, so the repr stays one readable line.
    assert "\n" not in text and len(text) < 1000
    # The attribute still gives the secret.
    assert instance.password == "ycpzdhf5"
    assert instance.to_dict()["password"] == "ycpzdhf5"


def test_repr_masks_a_generated_private_key(api_server, tavu):
    response = dict(load_fixture("tavu", "ssh_keys.create")["response"])
    response["private_key"] = "-----BEGIN RSA PRIVATE KEY-----\nsecret\n-----END RSA PRIVATE KEY-----"
    api_server.reply(body=response)
    key = tavu.ssh_keys.create("API-ssh-key-003")
    assert "private_key='***'" in repr(key)
    assert "secret" not in repr(key)
    assert key.private_key == response["private_key"]


def test_repr_shows_none_for_an_absent_password(api_server, tavu):
    api_server.reply(body=load_fixture("tavu", "instances.get")["response"])
    instance = tavu.instances.get("1c06dd09-966b-4ea7-abf1-243b2a447c60")
    assert "password=None" in repr(instance)


def test_models_compare_equal_when_equal(api_server, tavu):
    created = load_fixture("tavu", "instances.create")["response"]
    api_server.reply(body=created)
    api_server.reply(body=created)
    api_server.reply(body=load_fixture("tavu", "instances.get")["response"])
    first = tavu.instances.rebuild("482e25a1-d3c3-4184-b027-e0de11d6ee57", "image")
    second = tavu.instances.rebuild("482e25a1-d3c3-4184-b027-e0de11d6ee57", "image")
    assert first is not second
    assert first == second
    assert not (first != second)
    assert first.configuration == second.configuration
    other = tavu.instances.get("1c06dd09-966b-4ea7-abf1-243b2a447c60")
    assert other.id != first.id
    assert first != other
    assert first != first.to_dict()


def test_models_are_read_only(api_server, tavu):
    instance = _created_instance(api_server, tavu)
    with pytest.raises(AttributeError):
        instance.name = "renamed"  # type: ignore[misc]


def test_to_dict_is_plain_json_values(api_server, tavu):
    instance = _created_instance(api_server, tavu)
    data = instance.to_dict()
    assert type(data) is dict
    assert type(data["configuration"]) is dict
    assert type(data["configuration"]["availability_zones"]) is list
    assert data["configuration"]["availability_zones"][0]["number"] == 2


def test_model_can_be_passed_back_as_an_argument(api_server, tavu):
    # A model given where a dict is expected is sent as its to_dict().
    api_server.reply(body=load_fixture("tavu", "routers.get")["response"])
    router = tavu.routers.get("3b0b8942-200c-4db9-a2eb-1a020d1a817c")
    api_server.reply(body=load_fixture("tavu", "routers.update")["response"])
    tavu.routers.update(router.id, routes=router.routes)
    assert api_server.last.json() == {
        "router": {"routes": [{"destination": "192.168.1.6/32", "nexthop": "192.168.2.7"}]}}


def test_model_classes_are_exported_under_vpsclient_tavu():
    for name in ["Instance", "Port", "Subnet", "Router", "FloatingIp", "InstanceUser", "SshKey",
                 "VolumeAttachResult", "RouterInterface"]:
        cls = getattr(models, name)
        assert cls.__name__ == name
        assert cls.__module__ == "vpsclient.tavu"
        assert name in models.__all__


# --- the client -------------------------------------------------------------------------------

def test_client_repr_and_str_never_hold_the_key(api_server):
    key = "sk-very-secret-key-1234"
    client = vpsclient.TavuClient(key, team_id="my-team", base_url=api_server.url)
    for text in (repr(client), str(client), f"{client}", f"{client!r}"):
        assert key not in text
        assert "very-secret" not in text
    assert "TavuClient" in repr(client)
    assert api_server.url in repr(client)
    assert client.base_url == api_server.url
    assert client.team_id == "my-team"


def test_no_key_and_no_env_raises_config_error(monkeypatch):
    monkeypatch.delenv("TAVU_API_KEY", raising=False)
    monkeypatch.delenv("TAVU_TEAM_ID", raising=False)
    with pytest.raises(vpsclient.ConfigError) as excinfo:
        vpsclient.TavuClient()
    assert isinstance(excinfo.value, vpsclient.VpsClientError)
    assert "TAVU_API_KEY" in str(excinfo.value)


def test_empty_key_raises_config_error(monkeypatch):
    monkeypatch.delenv("TAVU_API_KEY", raising=False)
    with pytest.raises(vpsclient.ConfigError):
        vpsclient.TavuClient("")


def test_env_fallback_for_key_and_team(api_server, monkeypatch):
    monkeypatch.setenv("TAVU_API_KEY", "env-key")
    monkeypatch.setenv("TAVU_TEAM_ID", "env-team")
    client = vpsclient.TavuClient(base_url=api_server.url, max_retries=0)
    assert client.team_id == "env-team"
    api_server.reply(body=[])
    assert client.instances.list() == []
    assert api_server.last.headers["authorization"] == "env-key"
    assert api_server.last.headers["x-team-id"] == "env-team"


def test_arguments_win_over_env(api_server, monkeypatch):
    monkeypatch.setenv("TAVU_API_KEY", "env-key")
    monkeypatch.setenv("TAVU_TEAM_ID", "env-team")
    client = vpsclient.TavuClient(TAVU_KEY, team_id=TAVU_TEAM, base_url=api_server.url)
    api_server.reply(body=[])
    client.instances.list()
    assert api_server.last.headers["authorization"] == TAVU_KEY
    assert api_server.last.headers["x-team-id"] == TAVU_TEAM


def test_no_team_sends_no_team_header(api_server, monkeypatch):
    monkeypatch.delenv("TAVU_TEAM_ID", raising=False)
    client = vpsclient.TavuClient(TAVU_KEY, base_url=api_server.url)
    assert client.team_id is None
    api_server.reply(body=[])
    client.instances.list()
    assert "x-team-id" not in api_server.last.headers


@pytest.mark.parametrize("key", ["abc\r\nX-Injected: 1", "abc\ndef", "abc\rdef"])
def test_key_with_line_break_raises_config_error_without_the_key(key, api_server):
    with pytest.raises(vpsclient.ConfigError) as excinfo:
        vpsclient.TavuClient(key, base_url=api_server.url)
    text = str(excinfo.value) + repr(excinfo.value) + excinfo.value.message
    assert key not in text
    assert "X-Injected" not in text
    assert "abc" not in text
    assert api_server.requests == []


def test_team_with_line_break_raises_config_error(api_server):
    with pytest.raises(vpsclient.ConfigError):
        vpsclient.TavuClient(TAVU_KEY, team_id="team\r\nX-Injected: 1", base_url=api_server.url)


@pytest.mark.parametrize("url", ["http://example.com", "http://10.0.0.1:8080/vps", "ftp://127.0.0.1",
                                 "not a url", "https://api.tavu.io/vps?x=1"])
def test_bad_base_url_raises_config_error(url):
    with pytest.raises(vpsclient.ConfigError) as excinfo:
        vpsclient.TavuClient(TAVU_KEY, base_url=url)
    assert TAVU_KEY not in str(excinfo.value)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080", "http://localhost:1/api", "http://[::1]:1",
                                 "https://api.tavu.io/vps/"])
def test_https_or_loopback_base_url_is_accepted(url):
    client = vpsclient.TavuClient(TAVU_KEY, base_url=url)
    assert client.base_url == url.rstrip("/")


def test_default_base_url():
    client = vpsclient.TavuClient(TAVU_KEY)
    assert client.base_url == "https://api.tavu.io/vps"


@pytest.mark.parametrize("timeout", [-1, 0, float("nan"), float("inf")])
def test_bad_timeout_raises_config_error(timeout):
    with pytest.raises(vpsclient.ConfigError):
        vpsclient.TavuClient(TAVU_KEY, timeout=timeout)


def test_bad_connect_timeout_raises_config_error():
    with pytest.raises(vpsclient.ConfigError):
        vpsclient.TavuClient(TAVU_KEY, connect_timeout=-1)


def test_base_url_path_prefix_is_kept(api_server):
    client = vpsclient.TavuClient(TAVU_KEY, base_url=api_server.url + "/vps/", max_retries=0)
    api_server.reply(body=[])
    client.configurations.list()
    assert api_server.last.path == "/vps/compute/v1/configurations"


# --- paths ------------------------------------------------------------------------------------

def test_path_params_are_percent_encoded(api_server, tavu):
    api_server.reply(body=load_fixture("tavu", "ssh_keys.get")["response"])
    tavu.ssh_keys.get("a b/c")
    assert api_server.last.path == "/compute/v1/ssh-keys/a%20b%2Fc"


@pytest.mark.parametrize("name, encoded", [
    ("..", "%2E%2E"),
    ("../admin", "..%2Fadmin"),
    ("key?x=1#f", "key%3Fx%3D1%23f"),
    ("100%", "100%25"),
    ("ä", "%C3%A4"),
    ("v1.2_x-y~z", "v1.2_x-y~z"),
])
def test_path_params_stay_one_segment(api_server, tavu, name, encoded):
    tavu.ssh_keys.delete(name)
    assert api_server.last.path == "/compute/v1/ssh-keys/" + encoded


def test_int_path_params(api_server, tavu):
    tavu.instance_scripts.delete(76)
    assert api_server.last.path == "/compute/v1/instance-scripts/76"


# --- the GIL ----------------------------------------------------------------------------------

def test_gil_is_released_while_waiting(api_server):
    client = vpsclient.TavuClient(TAVU_KEY, base_url=api_server.url, timeout=5, max_retries=0)
    api_server.reply(body=[], delay=0.3)
    counter = 0
    stop = threading.Event()

    def count():
        nonlocal counter
        while not stop.is_set():
            counter += 1
            time.sleep(0.001)

    thread = threading.Thread(target=count)
    thread.start()
    try:
        time.sleep(0.02)
        before = counter
        started = time.monotonic()
        assert client.instances.list() == []
        elapsed = time.monotonic() - started
        during = counter - before
    finally:
        stop.set()
        thread.join()
    assert elapsed >= 0.25
    # With the GIL held for the whole call the counter could not move at all (and the server,
    # a Python thread, could not even answer); released, it ticks about every millisecond.
    assert during > 20, during


def test_calls_from_several_threads(api_server, tavu):
    api_server.reply(body=load_fixture("tavu", "networks.list")["response"], delay=0.2)
    results = []
    errors = []

    def work():
        try:
            results.append(tavu.networks.list())
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(5)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    assert errors == []
    assert len(results) == 5 and all(r[0].name == "API-network-001" for r in results)
    # They ran side by side, not one after another (5 x 0.2 s).
    assert elapsed < 0.7, elapsed
