"""The package imports and its client talks to the local server."""

import vpsclient

from conftest import TAVU_KEY, TAVU_TEAM, load_fixture


def test_instances_get_round_trip(api_server, tavu):
    fx = load_fixture("tavu", "instances.get")
    api_server.reply(body=fx["response"])
    instance = tavu.instances.get("1c06dd09-966b-4ea7-abf1-243b2a447c60")
    req = api_server.last
    assert (req.method, req.path) == ("GET", fx["path"])
    assert req.headers["authorization"] == TAVU_KEY
    assert req.headers["x-team-id"] == TAVU_TEAM
    assert req.body == b""
    assert isinstance(instance, vpsclient.tavu.Instance)
    assert instance.name == "API-instance-001"
    assert instance.ports[1].ip_allocations[0].ip_address == "192.168.1.5"
    assert instance.to_dict()["availability_zone"]["region"] == "Ulvila"
