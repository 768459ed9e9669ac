"""How the Joviam client behaves around the operations: its error codes, states the reference
does not list, the str-Enums, network adapter specs, omitted versus null, the token, success
statuses, and the answers that return the object or nothing."""

from __future__ import annotations

import enum
import json
import pickle
import socket

import pytest

import vpsclient
from vpsclient import (
    NOT_GIVEN,
    ApiError,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
    ValidationError,
    VpsClientError,
)
from vpsclient import joviam as models
from vpsclient.joviam import (
    DHCP,
    BootDevice,
    ConsoleSessionState,
    ConsoleSessionType,
    DiskState,
    InstanceState,
    NetworkState,
    Virtualization,
)

from conftest import load_fixture

TOKEN = "my-joviam-token"
INSTANCE = "51afcc4f-fa9f-7e01-87e0-e53ba9ef0e4c"
DISK = "dc2706a0-52ce-de25-ff5a-0d15acd34c51"
NETWORK = "4e19114d-66ab-e7ed-ba93-91885a98c59b"
PUBLIC_NETWORK = "5f2a225e-77bc-f8fe-cb04-a2996b09d6ac"
IP_ADDRESS = "41ba5632-95f5-82b1-416e-e4a1ff74fee4"
OTHER_IP_ADDRESS = "52cb6743-a6a6-93c2-527f-f5b2aa85aff5"
PUBLIC_KEY = "afa7d08a-ef15-f46f-eed9-ab015431b906"
REGION = "0f442f96-09e5-d4cc-9452-34896246cce7"


@pytest.fixture
def joviam(api_server) -> vpsclient.JoviamClient:
    return vpsclient.JoviamClient(TOKEN, base_url=api_server.url, max_retries=0)


def response(operation: str) -> dict:
    return load_fixture("joviam", operation)["response"]


# --- errors -----------------------------------------------------------------------------------

@pytest.mark.parametrize("status, body, cls, message, details", [
    (400, {"error": "bad_request", "details": "memory is missing; name must be a string"},
     BadRequestError, "memory is missing; name must be a string", "memory is missing; name must be a string"),
    (401, {"error": "unauthorized"}, AuthenticationError, "Unauthorized", None),
    (401, {"error": "invalid_token", "error_description": "The access token expired"},
     AuthenticationError, "The access token expired", None),
    (403, {"error": "forbidden"}, PermissionDeniedError, "Forbidden", None),
    (404, {"error": "not_found"}, NotFoundError, "Not Found", None),
    (422, {"error": "validation_fail", "details": {"memory": ["must be between 512MB and 64GB"]}},
     ValidationError, "memory: must be between 512MB and 64GB", {"memory": ["must be between 512MB and 64GB"]}),
    (500, {"error": "internal_server_error"}, ServerError, "Internal Server Error", None),
], ids=["bad_request", "unauthorized", "invalid_token", "forbidden", "not_found", "validation_fail",
        "internal_server_error"])
def test_error_codes(api_server, joviam, status, body, cls, message, details):
    api_server.reply(status, body)
    with pytest.raises(cls) as excinfo:
        joviam.instances.get(INSTANCE)
    err = excinfo.value
    assert type(err) is cls
    assert isinstance(err, ApiError) and isinstance(err, VpsClientError)
    assert err.status == status
    assert err.code == body["error"]
    assert err.method == "GET"
    assert err.url == f"{api_server.url}/instances/{INSTANCE}"
    if message is not None:
        assert err.message == message
    assert type(err.details) is type(details)
    assert err.details == details
    assert err.retryable is (status >= 500)
    assert str(status) in str(err) and body["error"] in str(err)
    assert len(api_server.requests) == 1


def test_validation_fail_details_map_fields_to_messages(api_server, joviam):
    details = {"memory": ["must be between 512MB and 64GB"], "name": ["can't be blank", "is too short"]}
    api_server.reply(422, {"error": "validation_fail", "details": details})
    with pytest.raises(ValidationError) as excinfo:
        joviam.instances.create("", 128, REGION, "tier", "tier", "ubuntu-16-04", 30)
    err = excinfo.value
    assert err.details == details
    assert all(type(v) is list and all(type(m) is str for m in v) for v in err.details.values())
    assert "must be between 512MB and 64GB" in err.message
    assert (err.method, err.url) == ("POST", api_server.url + "/instances")


def test_validation_fail_on_a_state_change(api_server, joviam):
    # The reference: a 422 also answers an action on a resource in the wrong state.
    api_server.reply(422, {"error": "validation_fail", "details": {"state": ["must be stopped"]}})
    with pytest.raises(ValidationError) as excinfo:
        joviam.disks.resize(DISK, 200)
    assert excinfo.value.details == {"state": ["must be stopped"]}
    assert excinfo.value.code == "validation_fail"


def test_invalid_token_and_unauthorized_are_told_apart_by_code(api_server, joviam):
    def failure(body: dict) -> AuthenticationError:
        api_server.replies.clear()
        api_server.reply(401, body)
        with pytest.raises(AuthenticationError) as excinfo:
            joviam.regions.list()
        return excinfo.value

    expired = failure({"error": "invalid_token", "error_description": "The access token expired"})
    missing = failure({"error": "unauthorized"})
    assert type(expired) is type(missing) is AuthenticationError
    assert expired.status == missing.status == 401
    assert expired.code == "invalid_token"
    assert missing.code == "unauthorized"
    assert expired.message == "The access token expired"
    assert expired.code != missing.code


def test_errors_pickle_with_their_code_and_details(api_server, joviam):
    api_server.reply(422, {"error": "validation_fail", "details": {"size": ["must be larger"]}})
    with pytest.raises(ValidationError) as excinfo:
        joviam.disks.resize(DISK, 1)
    copy = pickle.loads(pickle.dumps(excinfo.value))
    assert type(copy) is ValidationError
    assert (copy.status, copy.code, copy.details) == (422, "validation_fail", {"size": ["must be larger"]})


# --- states the reference does not list -------------------------------------------------------

def test_unknown_instance_state_is_kept(api_server, joviam):
    api_server.reply(body=dict(response("instances.get"), state="hibernating"))
    instance = joviam.instances.get(INSTANCE)
    assert type(instance.state) is str
    assert instance.state == "hibernating"
    assert instance.state not in {s.value for s in InstanceState}
    assert instance.to_dict()["state"] == "hibernating"
    assert "state='hibernating'" in repr(instance)


def test_unknown_bare_states_are_kept(api_server, joviam):
    api_server.reply(body={"state": "hibernating"})
    state = joviam.instances.state(INSTANCE)
    assert type(state) is str and state == "hibernating"
    api_server.replies.clear()
    api_server.reply(body={"state": "migrating"})
    state = joviam.disks.state(DISK)
    assert type(state) is str and state == "migrating"


def test_unknown_values_in_every_enum_field_are_kept(api_server, joviam):
    instance = response("instances.get")
    instance = dict(instance, boot_device="usb", virtualization="kvm")
    instance["disks"] = [dict(instance["disks"][0], state="migrating")]
    adapter = dict(instance["network_adapters"][0])
    adapter["network"] = dict(adapter["network"], state="expanding")
    instance["network_adapters"] = [adapter]
    api_server.reply(body=instance)
    got = joviam.instances.get(INSTANCE)
    assert (got.boot_device, got.virtualization) == ("usb", "kvm")
    assert got.disks[0].state == "migrating"
    assert got.network_adapters[0].network.state == "expanding"

    api_server.replies.clear()
    api_server.reply(body=dict(response("console_sessions.get"), state="queued", type="spice"))
    session = joviam.console_sessions.get("b80bb774-0288-fda1-f201-890375a60c8f")
    assert (session.state, session.type) == ("queued", "spice")

    api_server.replies.clear()
    api_server.reply(body=dict(response("templates.get"), recommended_virtualization="kvm"))
    assert joviam.templates.get("t").recommended_virtualization == "kvm"


def test_models_that_differ_only_in_an_unknown_state_differ(api_server, joviam):
    api_server.reply(body=response("instances.get"))
    api_server.reply(body=dict(response("instances.get"), state="hibernating"))
    first, second = joviam.instances.get(INSTANCE), joviam.instances.get(INSTANCE)
    assert first != second


# --- the str-Enums ----------------------------------------------------------------------------

ENUMS = {
    ConsoleSessionState: ["failed", "initiating", "ready"],
    ConsoleSessionType: ["serial", "vnc"],
    DiskState: ["attached", "attaching", "detaching", "failed_to_provision", "failed_to_terminate", "initial",
                "pending", "pending_verification", "provisioning", "resizing", "terminated", "terminating",
                "transferred", "unattached"],
    InstanceState: ["failed_to_provision", "initial", "pending_verification", "provisioning", "running",
                    "starting", "stopped", "stopping", "terminated", "terminating", "transferred", "updating",
                    "updating_network"],
    NetworkState: ["failed_to_provision", "initial", "pending_verification", "provisioning", "ready",
                   "terminated", "terminating", "transferred"],
    BootDevice: ["cdrom", "disk", "network"],
    Virtualization: ["hvm", "pv"],
}


@pytest.mark.parametrize("cls", list(ENUMS), ids=lambda c: c.__name__)
def test_enum_lists_the_reference_values(cls):
    assert issubclass(cls, str) and issubclass(cls, enum.Enum)
    assert sorted(member.value for member in cls) == sorted(ENUMS[cls])
    for member in cls:
        assert member.name == member.value.upper()
        assert member == member.value
        assert str(member) == member.value
        assert f"{member}" == member.value
        assert hash(member) == hash(member.value)
        assert cls(member.value) is member
    assert cls.__name__ in models.__all__


def test_str_enum_comparisons():
    assert InstanceState.RUNNING == "running"
    assert "running" == InstanceState.RUNNING
    assert InstanceState.RUNNING != "stopped"
    assert InstanceState.RUNNING in {"running", "starting"}
    assert {"running": 1}[InstanceState.RUNNING] == 1
    assert "state: running" == f"state: {InstanceState.RUNNING}"
    assert json.dumps({"state": InstanceState.RUNNING}) == '{"state": "running"}'
    # A state that is not listed is no member, but still a plain string to compare.
    with pytest.raises(ValueError):
        InstanceState("hibernating")


def test_model_states_compare_with_enum_members(api_server, joviam):
    api_server.reply(202, response("instances.start"))
    instance = joviam.instances.start(INSTANCE)
    assert instance.state == InstanceState.STARTING
    assert instance.state in (InstanceState.STARTING, InstanceState.RUNNING)
    assert InstanceState(instance.state) is InstanceState.STARTING
    assert instance.boot_device == BootDevice.DISK
    assert instance.virtualization == Virtualization.HVM


def test_enum_members_are_sent_as_their_value(api_server, joviam):
    api_server.reply(body=response("instances.update"))
    joviam.instances.update(INSTANCE, boot_device=BootDevice.CDROM, virtualization=Virtualization.PV)
    assert api_server.last.json() == {"boot_device": "cdrom", "virtualization": "pv"}
    api_server.replies.clear()
    api_server.reply(202, response("instances.remote_access"))
    joviam.instances.remote_access(INSTANCE, type=ConsoleSessionType.SERIAL)
    assert api_server.last.json() == {"type": "serial"}


def test_remote_access_without_a_type_sends_an_empty_object(api_server, joviam):
    api_server.reply(202, response("instances.remote_access"))
    joviam.instances.remote_access(INSTANCE)
    assert api_server.last.json() == {}


# --- network adapters -------------------------------------------------------------------------

def _set_adapters(api_server, joviam, adapters) -> bytes:
    api_server.reply(body=response("instances.set_network_adapters"))
    result = joviam.instances.set_network_adapters(INSTANCE, adapters)
    assert type(result) is vpsclient.ResourceList and all(type(a) is models.NetworkAdapter for a in result)
    assert api_server.last.method == "PUT"
    assert api_server.last.path == f"/instances/{INSTANCE}/network_adapters"
    return api_server.last.body


def test_network_adapters_with_a_list_of_ip_addresses(api_server, joviam):
    body = _set_adapters(api_server, joviam, [
        {"network": NETWORK, "ip_addresses": [IP_ADDRESS, OTHER_IP_ADDRESS]},
    ])
    assert json.loads(body) == {
        "network_adapters": [{"network": NETWORK, "ip_addresses": [IP_ADDRESS, OTHER_IP_ADDRESS]}]}


def test_network_adapters_with_dhcp(api_server, joviam):
    body = _set_adapters(api_server, joviam, [{"network": PUBLIC_NETWORK, "ip_addresses": "dhcp"}])
    assert json.loads(body) == {"network_adapters": [{"network": PUBLIC_NETWORK, "ip_addresses": "dhcp"}]}
    # The string itself on the wire, not a list holding it.
    assert b'"ip_addresses":"dhcp"' in body.replace(b" ", b"")


def test_network_adapters_mixed_in_order(api_server, joviam):
    spec: list[models.NetworkAdapterSpec] = [
        {"network": NETWORK, "ip_addresses": [IP_ADDRESS]},
        {"network": PUBLIC_NETWORK, "ip_addresses": DHCP},
        {"network": NETWORK, "ip_addresses": []},
    ]
    body = _set_adapters(api_server, joviam, spec)
    assert json.loads(body) == {"network_adapters": [
        {"network": NETWORK, "ip_addresses": [IP_ADDRESS]},
        {"network": PUBLIC_NETWORK, "ip_addresses": "dhcp"},
        {"network": NETWORK, "ip_addresses": []},
    ]}


def test_network_adapters_may_be_a_tuple_and_given_by_keyword(api_server, joviam):
    body = _set_adapters(api_server, joviam, ())
    assert json.loads(body) == {"network_adapters": []}
    api_server.replies.clear()
    api_server.reply(body=[])
    joviam.instances.set_network_adapters(
        INSTANCE, network_adapters=({"network": NETWORK, "ip_addresses": (IP_ADDRESS,)},))
    assert api_server.last.json() == {"network_adapters": [{"network": NETWORK, "ip_addresses": [IP_ADDRESS]}]}


@pytest.mark.parametrize("adapter, fragment", [
    ({"network": NETWORK, "ip_addresses": "static"}, "dhcp"),
    ({"network": NETWORK, "ip_addresses": "DHCP"}, "dhcp"),
    ({"network": NETWORK, "ip_addresses": [5]}, "ip_addresses"),
    # (The message names the adapter, not the missing key.)
    ({"network": NETWORK}, "network_adapters[0]"),
    ({"ip_addresses": "dhcp"}, "network"),
    ({"network": NETWORK, "ip_addresses": "dhcp", "dhcp": True}, "dhcp"),
], ids=["other-string", "upper-case-dhcp", "int-id", "no-addresses", "no-network", "extra-key"])
def test_bad_network_adapter_raises_and_sends_nothing(api_server, joviam, adapter, fragment):
    with pytest.raises(vpsclient.InvalidArgumentError) as excinfo:
        joviam.instances.set_network_adapters(INSTANCE, [adapter])
    assert isinstance(excinfo.value, TypeError)
    assert "network_adapters" in str(excinfo.value)
    assert fragment in str(excinfo.value)
    assert api_server.requests == []


# --- omitted versus null ----------------------------------------------------------------------

@pytest.fixture
def ip_reply(api_server):
    api_server.reply(body=response("ip_addresses.update"))
    return api_server


@pytest.fixture
def network_reply(api_server):
    api_server.reply(body=response("networks.update"))
    return api_server


def test_ip_address_name_none_sends_null(ip_reply, joviam):
    joviam.ip_addresses.update(IP_ADDRESS, name=None)
    assert ip_reply.last.json() == {"name": None}
    assert b'"name":null' in ip_reply.last.body.replace(b" ", b"")


def test_ip_address_name_omitted_is_not_sent(ip_reply, joviam):
    joviam.ip_addresses.update(IP_ADDRESS, shareable=True)
    assert ip_reply.last.json() == {"shareable": True}
    assert b"name" not in ip_reply.last.body


def test_ip_address_name_not_given_is_not_sent(ip_reply, joviam):
    joviam.ip_addresses.update(IP_ADDRESS, name=NOT_GIVEN, shareable=False)
    assert ip_reply.last.json() == {"shareable": False}


def test_ip_address_name_value_is_sent(ip_reply, joviam):
    joviam.ip_addresses.update(IP_ADDRESS, name="Web Server IP")
    assert ip_reply.last.json() == {"name": "Web Server IP"}


def test_ip_address_update_with_nothing_sends_an_empty_object(ip_reply, joviam):
    joviam.ip_addresses.update(IP_ADDRESS)
    assert ip_reply.last.json() == {}


def test_ip_address_allocate_unnamed(api_server, joviam):
    api_server.reply(201, response("ip_addresses.allocate"))
    joviam.ip_addresses.allocate(name=None, region=REGION)
    assert api_server.last.json() == {"name": None, "region": REGION}
    api_server.replies.clear()
    api_server.reply(201, response("ip_addresses.allocate"))
    joviam.ip_addresses.allocate(region=REGION)
    assert api_server.last.json() == {"region": REGION}


def test_network_gateway_none_sends_null(network_reply, joviam):
    joviam.networks.update(NETWORK, gateway=None)
    assert network_reply.last.json() == {"gateway": None}
    assert b'"gateway":null' in network_reply.last.body.replace(b" ", b"")


def test_network_gateway_omitted_is_not_sent(network_reply, joviam):
    joviam.networks.update(NETWORK, name="Renamed")
    assert network_reply.last.json() == {"name": "Renamed"}


def test_network_gateway_value_is_sent(network_reply, joviam):
    joviam.networks.update(NETWORK, gateway="192.168.2.254")
    assert network_reply.last.json() == {"gateway": "192.168.2.254"}


def test_network_nameservers_and_name_can_be_cleared(network_reply, joviam):
    joviam.networks.update(NETWORK, name=None, primary_nameserver=None, secondary_nameserver=None,
                           gateway=NOT_GIVEN)
    assert network_reply.last.json() == {"name": None, "primary_nameserver": None, "secondary_nameserver": None}


def test_network_create_with_a_null_name_and_no_gateway(api_server, joviam):
    api_server.reply(201, response("networks.create"))
    joviam.networks.create(None, REGION, "192.168.2.0/24", gateway=None)
    assert api_server.last.json() == {"name": None, "region": REGION, "specification": "192.168.2.0/24",
                                      "gateway": None}


@pytest.mark.parametrize("call, field", [
    (lambda j: j.ip_addresses.update(IP_ADDRESS, shareable=None, name="n"), "shareable"),
    (lambda j: j.disks.update(DISK, name=None), "name"),
    (lambda j: j.public_keys.update(PUBLIC_KEY, name=None), "name"),
    (lambda j: j.instances.update(INSTANCE, note=None), "note"),
], ids=["ip_addresses.update-shareable", "disks.update-name", "public_keys.update-name", "instances.update-note"])
def test_none_on_a_field_that_cannot_be_cleared_is_refused(api_server, joviam, call, field):
    # Only Nullable fields (an IP address's name, a network's gateway, name and name servers)
    # carry null; None for any other optional field is a mistake, reported before sending.
    with pytest.raises(vpsclient.InvalidArgumentError, match=f"{field}.*cannot be cleared"):
        call(joviam)
    assert api_server.requests == []


def test_update_sends_only_the_fields_given(api_server, joviam):
    api_server.reply(body=response("instances.update"))
    joviam.instances.update(INSTANCE, memory=4096)
    assert api_server.last.json() == {"memory": 4096}


def test_unknown_keyword_raises_and_sends_nothing(api_server, joviam):
    with pytest.raises(vpsclient.InvalidArgumentError) as excinfo:
        joviam.networks.update(NETWORK, gatway="192.168.2.1")
    assert "gatway" in str(excinfo.value)
    assert api_server.requests == []


@pytest.mark.parametrize("call, fragment", [
    (lambda j: j.disks.create("d", "big", REGION, "tier"), "size"),
    (lambda j: j.disks.resize(DISK, -1), "size"),
    (lambda j: j.instances.set_disks(INSTANCE, DISK), "disks"),
    (lambda j: j.instances.set_context(INSTANCE, {"A": 1}), "variables"),
    (lambda j: j.instances.set_context(INSTANCE, ["A"]), "variables"),
    (lambda j: j.instances.get(5), "instance_id"),
    (lambda j: j.instances.get(""), "instance_id"),
    (lambda j: j.ip_addresses.update(IP_ADDRESS, name=5), "name"),
], ids=["str-for-int", "negative-size", "str-for-list", "int-context-value", "list-for-context",
        "int-path", "empty-path", "int-for-nullable-str"])
def test_wrong_argument_raises_and_sends_nothing(api_server, joviam, call, fragment):
    with pytest.raises(vpsclient.InvalidArgumentError) as excinfo:
        call(joviam)
    assert isinstance(excinfo.value, TypeError)
    assert fragment in str(excinfo.value)
    assert api_server.requests == []


# --- context variables ------------------------------------------------------------------------

def test_context_is_the_whole_body_and_a_plain_dict(api_server, joviam):
    variables = {"MY_VARIABLE": "value of my variable", "EMPTY_VARIABLE": ""}
    api_server.reply(body=variables)
    result = joviam.instances.update_context(INSTANCE, variables)
    assert api_server.last.json() == variables
    assert type(result) is dict and result == variables


def test_empty_context(api_server, joviam):
    api_server.reply(body={})
    assert joviam.instances.set_context(INSTANCE, {}) == {}
    assert api_server.last.json() == {}


def test_context_key_is_one_path_segment(api_server, joviam):
    api_server.reply(body={})
    joviam.instances.delete_context_variable(INSTANCE, "MY VAR/x?y")
    assert api_server.last.path == f"/instances/{INSTANCE}/context/MY%20VAR%2Fx%3Fy"


# --- success statuses and what comes back -----------------------------------------------------

@pytest.mark.parametrize("status", [200, 201, 202])
def test_success_statuses_are_handled_alike(api_server, joviam, status):
    api_server.reply(status, response("instances.stop"))
    instance = joviam.instances.stop(INSTANCE)
    assert type(instance) is models.Instance
    assert instance.state == InstanceState.STOPPING


def test_accepted_answer_returns_the_typed_object(api_server, joviam):
    api_server.reply(202, response("instances.start"))
    instance = joviam.instances.start(INSTANCE)
    assert type(instance) is models.Instance
    assert instance.id == INSTANCE and instance.state == "starting"
    api_server.replies.clear()
    api_server.reply(202, response("instances.set_disks"))
    disks = joviam.instances.set_disks(INSTANCE, [DISK])
    assert [type(d) for d in disks] == [models.Disk]
    assert disks[0].state == DiskState.ATTACHED


def test_instance_delete_answers_the_instance_terminating(api_server, joviam):
    api_server.reply(202, response("instances.delete"))
    instance = joviam.instances.delete(INSTANCE)
    assert api_server.last.method == "DELETE" and api_server.last.body == b""
    assert type(instance) is models.Instance
    assert instance.state == InstanceState.TERMINATING
    assert instance.id == INSTANCE


def test_network_and_disk_deletes_answer_the_object(api_server, joviam):
    api_server.reply(body=dict(response("networks.delete"), state="terminating"))
    network = joviam.networks.delete(NETWORK)
    assert type(network) is models.Network and network.state == NetworkState.TERMINATING
    api_server.replies.clear()
    api_server.reply(body=dict(response("disks.delete"), state="terminating"))
    disk = joviam.disks.delete(DISK)
    assert type(disk) is models.Disk and disk.state == DiskState.TERMINATING


@pytest.mark.parametrize("raw", [b"{}", b""], ids=["empty-object", "empty-body"])
def test_deallocate_and_public_key_delete_return_none(api_server, joviam, raw):
    api_server.reply(raw=raw)
    assert joviam.ip_addresses.deallocate(IP_ADDRESS) is None
    assert (api_server.last.method, api_server.last.path) == ("DELETE", f"/ip_addresses/{IP_ADDRESS}")
    assert joviam.public_keys.delete(PUBLIC_KEY) is None
    assert (api_server.last.method, api_server.last.path) == ("DELETE", f"/public_keys/{PUBLIC_KEY}")


def test_null_lists_read_as_empty(api_server, joviam):
    instance = dict(response("instances.get"), disks=None, public_keys=None, network_adapters=None,
                    availability_group=None)
    api_server.reply(body=instance)
    got = joviam.instances.get(INSTANCE)
    assert (got.disks, got.public_keys, got.network_adapters, got.availability_group) == ([], [], [], [])


# --- models -----------------------------------------------------------------------------------

def test_console_session_repr_masks_the_token(api_server, joviam):
    api_server.reply(body=response("console_sessions.get"))
    session = joviam.console_sessions.get("b80bb774-0288-fda1-f201-890375a60c8f")
    assert "token='***'" in repr(session)
    assert "4738y4o10984213" not in repr(session)
    assert session.token == "4738y4o10984213"
    assert session.to_dict()["type"] == "vnc"


def test_models_are_read_only_and_compare_by_value(api_server, joviam):
    api_server.reply(body=response("regions.get"))
    first, second = joviam.regions.get(REGION), joviam.regions.get(REGION)
    assert first == second and first is not second
    with pytest.raises(AttributeError):
        first.name = "renamed"  # type: ignore[misc]


def test_model_classes_are_exported_under_vpsclient_joviam():
    for name in ["Instance", "Disk", "Network", "NetworkAdapter", "IpAddress", "PublicKey", "Region",
                 "PerformanceTier", "Template", "ConsoleSession", "InstancesHandler", "DisksHandler"]:
        cls = getattr(models, name)
        assert cls.__name__ == name
        assert cls.__module__ == "vpsclient.joviam"
        assert name in models.__all__
    assert models.DHCP == "dhcp" and "DHCP" in models.__all__
    assert "NetworkAdapterSpec" in models.__all__
    # Tavu and Joviam each have their own Instance.
    assert models.Instance is not vpsclient.tavu.Instance


# --- the client and its token -----------------------------------------------------------------

def test_env_fallback_for_the_token(api_server, monkeypatch):
    monkeypatch.setenv("JOVIAM_TOKEN", "env-token")
    client = vpsclient.JoviamClient(base_url=api_server.url, max_retries=0)
    api_server.reply(body=[])
    assert client.regions.list() == []
    assert api_server.last.headers["authorization"] == "Bearer env-token"


def test_token_argument_wins_over_env(api_server, monkeypatch):
    monkeypatch.setenv("JOVIAM_TOKEN", "env-token")
    client = vpsclient.JoviamClient(TOKEN, base_url=api_server.url)
    api_server.reply(body=[])
    client.regions.list()
    assert api_server.last.headers["authorization"] == f"Bearer {TOKEN}"


def test_no_token_and_no_env_raises_config_error(monkeypatch):
    monkeypatch.delenv("JOVIAM_TOKEN", raising=False)
    with pytest.raises(vpsclient.ConfigError) as excinfo:
        vpsclient.JoviamClient()
    assert isinstance(excinfo.value, VpsClientError)
    assert "JOVIAM_TOKEN" in str(excinfo.value)


def test_empty_token_raises_config_error(monkeypatch):
    monkeypatch.setenv("JOVIAM_TOKEN", "")
    with pytest.raises(vpsclient.ConfigError):
        vpsclient.JoviamClient()
    with pytest.raises(vpsclient.ConfigError):
        vpsclient.JoviamClient("")


def test_token_with_line_break_raises_config_error_without_the_token(api_server):
    token = "abc\r\nX-Injected: 1"
    with pytest.raises(vpsclient.ConfigError) as excinfo:
        vpsclient.JoviamClient(token, base_url=api_server.url)
    text = str(excinfo.value) + repr(excinfo.value) + excinfo.value.message
    assert "X-Injected" not in text and "abc" not in text
    assert api_server.requests == []


def test_default_base_url_and_operations(monkeypatch):
    client = vpsclient.JoviamClient(TOKEN)
    assert client.base_url == "https://cloud.joviam.com/api/v1"
    ops = vpsclient.JoviamClient.operations()
    assert ("instances", "set_network_adapters", "PUT", "/instances/{}/network_adapters") in ops
    assert all(len(op) == 4 and all(type(part) is str for part in op) for op in ops)


def test_base_url_path_prefix_is_kept(api_server):
    client = vpsclient.JoviamClient(TOKEN, base_url=api_server.url + "/api/v1/", max_retries=0)
    api_server.reply(body=[])
    client.regions.list()
    assert api_server.last.path == "/api/v1/regions"


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_token_is_never_in_repr_str_or_errors(api_server):
    token = "jv-very-secret-token-5678"
    client = vpsclient.JoviamClient(token, base_url=api_server.url, max_retries=0)
    texts = [repr(client), str(client), f"{client!r}", repr(client.instances)]
    assert "JoviamClient" in repr(client) and api_server.url in repr(client)

    errors = []
    for status, body in [(401, {"error": "invalid_token", "error_description": "The access token expired"}),
                         (404, {"error": "not_found"}),
                         (422, {"error": "validation_fail", "details": {"name": ["bad"]}}),
                         (500, {"error": "internal_server_error"})]:
        api_server.replies.clear()
        api_server.reply(status, body)
        with pytest.raises(ApiError) as excinfo:
            client.instances.get(INSTANCE)
        errors.append(excinfo.value)
    api_server.replies.clear()
    api_server.reply(body={"id": 5})
    with pytest.raises(vpsclient.DecodeError) as decode:
        client.instances.get(INSTANCE)
    errors.append(decode.value)
    refused = vpsclient.JoviamClient(token, base_url=f"http://127.0.0.1:{_closed_port()}", max_retries=0)
    with pytest.raises(vpsclient.TransportError) as transport:
        refused.regions.list()
    errors.append(transport.value)
    texts.append(repr(refused))

    for err in errors:
        texts += [str(err), repr(err), err.message, err.url, repr(err.args), repr(vars(err))]
    for text in texts:
        assert token not in text
        assert "very-secret" not in text


# --- waiters (client-side helpers over `get`; not operations) ----------------------------------

def test_wait_for_state_polls_until_running(api_server, joviam):
    api_server.reply(body=dict(response("instances.get"), state="starting"))
    api_server.reply(body=dict(response("instances.get"), state="running"))
    instance = joviam.instances.wait_for_state(INSTANCE, InstanceState.RUNNING, interval=0.01)
    assert type(instance) is models.Instance and instance.state == "running"
    assert [r.path for r in api_server.requests] == [f"/instances/{INSTANCE}"] * 2


def test_wait_for_state_of_several_disks_returns_them_in_order(api_server, joviam):
    api_server.reply(body=dict(response("disks.get"), state="unattached"))
    disks = joviam.disks.wait_for_state([DISK, DISK], DiskState.UNATTACHED, interval=0.01)
    assert [type(d) for d in disks] == [models.Disk, models.Disk]


def test_wait_for_state_stops_at_a_failure_state(api_server, joviam):
    api_server.reply(body=dict(response("instances.get"), state="failed_to_provision"))
    with pytest.raises(vpsclient.WaitFailedError) as excinfo:
        joviam.instances.wait_for_state(INSTANCE, "running", interval=0.01)
    assert (excinfo.value.id, excinfo.value.state, excinfo.value.wanted) == (
        INSTANCE, "failed_to_provision", "running")


@pytest.mark.parametrize("status, body", [
    (200, dict(response("instances.get"), state="terminated")),
    (404, {"error": "not_found"}),
], ids=["terminated", "404"])
def test_wait_for_deletion_accepts_terminated_or_404(api_server, joviam, status, body):
    api_server.reply(202, response("instances.delete"))
    api_server.reply(status, body)
    assert joviam.instances.wait_for_deletion(INSTANCE, interval=0.01) is None
    assert len(api_server.requests) == 2
