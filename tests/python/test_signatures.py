"""A newcomer's check: what ``inspect.signature``, ``help()`` and Jupyter's ``?`` show for every
public callable matches the Rust declarations, every parameter is documented, and the
generated stubs are in step with the declarations."""

from __future__ import annotations

import inspect
import pathlib
import pydoc
import subprocess
import sys
from typing import Any

import pytest

import vpsclient

ROOT = pathlib.Path(__file__).resolve().parents[2]
DECLARATIONS = vpsclient._native._declarations()
CLIENTS = {"tavu": vpsclient.TavuClient("k-1234"), "joviam": vpsclient.JoviamClient("t-1234")}
P = inspect.Parameter


def operations() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    return [(provider, resource, op)
            for provider, decl in DECLARATIONS.items()
            for resource in decl["resources"]
            for op in resource["operations"]]


def op_id(case: tuple[str, dict[str, Any], dict[str, Any]]) -> str:
    provider, resource, op = case
    return f"{provider}.{resource['attribute']}.{op['name']}"


def expected_parameters(op: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(name, kind, default) of every parameter, as the declaration says."""
    params = [(name, P.POSITIONAL_OR_KEYWORD, P.empty) for name in op["path_params"]]
    body = op["body"]
    if body["kind"] == "value":
        params.append((body["name"], P.POSITIONAL_OR_KEYWORD, P.empty))
    elif body["kind"] == "fields":
        params += [(f["name"], P.POSITIONAL_OR_KEYWORD, P.empty) for f in body["fields"] if f["required"]]
        params += [(f["name"], P.KEYWORD_ONLY, vpsclient.NOT_GIVEN) for f in body["fields"] if not f["required"]]
    return params


def test_the_declarations_cover_all_147_operations():
    assert len(operations()) == 147
    assert sum(1 for p, *_ in operations() if p == "tavu") == 93


@pytest.mark.parametrize("case", operations(), ids=op_id)
def test_every_operation_shows_its_real_signature(case):
    provider, resource, op = case
    method = getattr(getattr(CLIENTS[provider], resource["attribute"]), op["name"])
    signature = inspect.signature(method)
    shown = [(p.name, p.kind, p.default) for p in signature.parameters.values()]
    assert shown == expected_parameters(op)
    assert all(p.kind not in (P.VAR_POSITIONAL, P.VAR_KEYWORD) for p in signature.parameters.values())


@pytest.mark.parametrize("case", operations(), ids=op_id)
def test_every_operation_documents_every_parameter(case):
    provider, resource, op = case
    method = getattr(getattr(CLIENTS[provider], resource["attribute"]), op["name"])
    doc = inspect.getdoc(method) or ""
    assert f"HTTP: ``{op['method']} {op['path']}``" in doc
    assert "Returns:" in doc and "Raises:" in doc
    args = doc.split("Args:", 1)[1].split("Returns:", 1)[0] if "Args:" in doc else ""
    for name, _, _ in expected_parameters(op):
        assert f"\n    {name}" in "\n" + args, f"{name} is not documented:\n{doc}"
    body = op["body"]
    if body["kind"] == "fields":
        for field in body["fields"]:
            first_words = " ".join(field["doc"].split()[:4])
            assert first_words in " ".join(args.split()), f"{field['name']}'s doc is not shown"


def test_help_of_create_shows_every_parameter_with_its_doc():
    text = pydoc.render_doc(CLIENTS["tavu"].instances.create, renderer=pydoc.plaintext)
    assert "create(name, image_id, configuration_id, *, networks=NOT_GIVEN" in text
    assert "availability_zone_id=NOT_GIVEN)" in text
    assert "networks: Network IDs to attach" in text
    assert "HTTP: ``POST /compute/v1/instances``" in text


def public_callables() -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = [("TavuClient", vpsclient.TavuClient),
                                    ("JoviamClient", vpsclient.JoviamClient),
                                    ("Sandbox", vpsclient.Sandbox)]
    for provider, client in CLIENTS.items():
        for resource in DECLARATIONS[provider]["resources"]:
            handler = getattr(client, resource["attribute"])
            for name in dir(handler):
                if not name.startswith("_"):
                    found.append((f"{provider}.{resource['attribute']}.{name}", getattr(handler, name)))
    sandbox = vpsclient.Sandbox
    found += [(f"Sandbox.{n}", getattr(sandbox, n)) for n in dir(sandbox)
              if not n.startswith("_") and callable(getattr(sandbox, n))]
    return found


@pytest.mark.parametrize("name, function", public_callables(), ids=[n for n, _ in public_callables()])
def test_no_public_callable_takes_star_args_or_star_star_kwargs(name, function):
    signature = inspect.signature(function)
    kinds = {p.kind for p in signature.parameters.values()}
    assert P.VAR_POSITIONAL not in kinds and P.VAR_KEYWORD not in kinds, f"{name}{signature}"


def test_constructors_show_every_setting_with_its_default():
    signature = inspect.signature(vpsclient.TavuClient)
    assert list(signature.parameters) == [
        "api_key", "team_id", "base_url", "timeout", "connect_timeout", "max_retries",
        "max_response_bytes", "ca_bundle", "system_trust", "proxy", "pool_size"]
    assert signature.parameters["timeout"].default == 30.0
    assert signature.parameters["team_id"].kind is P.KEYWORD_ONLY
    doc = inspect.getdoc(vpsclient.TavuClient) or ""
    for name in signature.parameters:
        assert f"{name}:" in doc, name


def test_waiters_show_their_parameters():
    signature = inspect.signature(CLIENTS["tavu"].instances.wait_for_status)
    assert list(signature.parameters)[:2] == ["instance_id", "status"]
    assert signature.parameters["timeout"].kind is P.KEYWORD_ONLY


def test_arguments_bind_like_the_signature_says(api_server):
    api_server.reply(body={"id": "n1", "name": "x"})
    c = vpsclient.TavuClient("k-1234", base_url=api_server.url, max_retries=0)
    c.networks.create(name="by-keyword")
    assert api_server.last.json() == {"network": {"name": "by-keyword"}}
    with pytest.raises(vpsclient.InvalidArgumentError, match="missing required argument: name"):
        c.networks.create()
    with pytest.raises(TypeError, match="takes 1 positional argument but 2 were given"):
        c.networks.create("a", "b")
    with pytest.raises(vpsclient.InvalidArgumentError, match="multiple values for argument 'name'"):
        c.networks.create("a", name="b")
    with pytest.raises(vpsclient.InvalidArgumentError, match="unexpected keyword argument 'nmae'"):
        c.networks.create(nmae="a")
    assert len(api_server.requests) == 1


def test_the_committed_stubs_are_what_the_declarations_generate():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_stubs.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_joviam_enums_come_from_the_declarations():
    for declared in DECLARATIONS["joviam"]["enums"]:
        enum_class = getattr(vpsclient.joviam, declared["name"])
        assert [m.value for m in enum_class] == [v for _, v in declared["values"]]
    assert vpsclient.joviam.InstanceState.RUNNING == "running"
