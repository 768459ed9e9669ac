"""The notebook-facing surface on real objects: every list operation returns a ResourceList,
every model renders as HTML (escaped) and survives pickle, copy and a process pool, and every
waiter reports progress as its ``progress=`` argument asks."""

from __future__ import annotations

import concurrent.futures
import copy
import pickle
from typing import Any

import pytest

import vpsclient
from conftest import all_fixtures

DECLARATIONS = vpsclient._native._declarations()


def model_classes() -> list[tuple[str, Any]]:
    return [(f"{provider}.{m['name']}", getattr(getattr(vpsclient, provider), m["name"]))
            for provider, decl in DECLARATIONS.items() for m in decl["models"]]


def example_objects() -> list[tuple[str, Any]]:
    """One object of every model class that a reference example answers with, decoded the way
    the client decodes it (through `_from_json`)."""
    found: dict[str, Any] = {}
    for provider in ("tavu", "joviam"):
        module = getattr(vpsclient, provider)
        returns = {(r["handler"], op["name"]): op["returns"]
                   for r in DECLARATIONS[provider]["resources"] for op in r["operations"]}
        by_name = {f"{r['attribute']}.{op['name']}": op["returns"]
                   for r in DECLARATIONS[provider]["resources"] for op in r["operations"]}
        for fixture in all_fixtures(provider):
            returned = by_name.get(fixture["operation"], "")
            name = returned.removeprefix("ResourceList[").removesuffix("]")
            cls = getattr(module, name, None)
            response = fixture.get("response")
            if cls is None or not hasattr(cls, "_from_json") or response is None:
                continue
            items = response if isinstance(response, list) else [response]
            for item in items[:1]:
                import json
                try:
                    found.setdefault(f"{provider}.{name}", cls._from_json(json.dumps(item)))
                except ValueError:
                    pass  # wrapped answers are decoded by the operation, not here
        del returns
    return sorted(found.items())


EXAMPLES = example_objects()


def test_examples_cover_most_model_classes():
    assert len(EXAMPLES) >= len(model_classes()) // 2


@pytest.mark.parametrize("name, obj", EXAMPLES, ids=[n for n, _ in EXAMPLES])
def test_every_model_pickles_copies_and_renders(name, obj):
    assert pickle.loads(pickle.dumps(obj)) == obj
    assert copy.copy(obj) == obj and copy.deepcopy(obj) == obj
    html = obj._repr_html_()
    assert html.startswith("<") and type(obj).__name__ in html
    assert dict(obj.__rich_repr__()).keys() <= set(obj.to_dict())


def _roundtrip(obj: Any) -> Any:
    return obj


def test_models_come_back_from_a_process_pool():
    name, obj = EXAMPLES[0]
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        assert pool.submit(_roundtrip, obj).result(timeout=60) == obj


def test_list_operations_return_resource_lists_that_render_escaped(sandbox):
    tavu = sandbox.tavu_client()
    tavu.networks.create("<script>alert(1)</script>")
    networks = tavu.networks.list()
    assert isinstance(networks, vpsclient.ResourceList) and isinstance(networks, list)
    html = networks._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert networks.to_dicts()[0]["name"] == "<script>alert(1)</script>"
    assert isinstance(sandbox.joviam_client().regions.list(), vpsclient.ResourceList)
    assert pickle.loads(pickle.dumps(networks)) == networks


def _instance(tavu: Any) -> Any:
    image = tavu.operating_systems.list()[0].id
    configuration = tavu.configurations.list()[0].id
    return tavu.instances.create("web", image, configuration, networks=["public"])


def test_progress_callable_gets_every_poll(sandbox):
    tavu = sandbox.tavu_client()
    instance = _instance(tavu)
    seen: list[tuple[str, Any, float]] = []
    tavu.instances.wait_for_status(instance.id, "active", interval=0.02,
                                   progress=lambda *poll: seen.append(poll))
    assert seen[0][:2] == (instance.id, "building") and seen[-1][1] == "active"
    assert all(isinstance(e, float) for _, _, e in seen)
    tavu.instances.delete(instance.id)
    gone: list[Any] = []
    tavu.instances.wait_for_deletion(instance.id, interval=0.02, progress=lambda *p: gone.append(p))
    assert gone[-1][1] is None


def test_progress_true_writes_one_line_to_stderr_and_false_is_silent(sandbox, capsys):
    tavu = sandbox.tavu_client()
    instance = _instance(tavu)
    tavu.instances.wait_for_status(instance.id, "active", interval=0.02, progress=False)
    assert capsys.readouterr().err == ""
    waited = tavu.instances.wait_for_status([instance.id], "active", interval=0.02, progress=True)
    assert isinstance(waited, vpsclient.ResourceList)
    assert "active" in capsys.readouterr().err
    tavu.instances.wait_for_status(instance.id, "active", interval=0.02)
    assert capsys.readouterr().err == "", "no display by default outside a notebook"


def test_an_exception_from_progress_stops_the_wait(sandbox):
    tavu = sandbox.tavu_client()
    instance = _instance(tavu)

    def stop(*_poll: Any) -> None:
        raise RuntimeError("enough")

    with pytest.raises(RuntimeError, match="enough"):
        tavu.instances.wait_for_status(instance.id, "active", interval=0.02, progress=stop)
    with pytest.raises(TypeError, match="progress"):
        tavu.instances.wait_for_status(instance.id, "active", progress="yes")


def test_log_records_say_what_was_sent_and_never_a_secret(api_server, caplog):
    import logging

    api_server.reply(503, body={"message": "busy, key my-api-key"})
    api_server.reply(200, body=[], headers={"X-Request-Id": "req-42"})
    caplog.set_level(logging.DEBUG, logger="vpsclient")
    c = vpsclient.TavuClient("my-api-key", base_url=api_server.url, max_retries=1)
    c.networks.list()
    records = [r for r in caplog.records if r.name.startswith("vpsclient")]
    http = [r.getMessage() for r in records if r.name == "vpsclient.http"]
    assert len(http) == 2, http
    assert http[0].startswith(f"GET {api_server.url}/networking/v1/networks -> 503 in ")
    assert "(attempt 1)" in http[0] and "(attempt 2) [request id req-42]" in http[1]
    assert any(r.name == "vpsclient.retry" and r.levelno == logging.INFO for r in records)
    assert all("my-api-key" not in r.getMessage() for r in records)
    caplog.clear()
    caplog.set_level(logging.WARNING, logger="vpsclient")
    c.networks.list()
    assert not [r for r in caplog.records if r.name.startswith("vpsclient")]


def test_waiter_polls_are_logged(sandbox, caplog):
    import logging

    caplog.set_level(logging.DEBUG, logger="vpsclient.wait")
    tavu = sandbox.tavu_client()
    instance = _instance(tavu)
    tavu.instances.wait_for_status(instance.id, "active", interval=0.02)
    polls = [r.getMessage() for r in caplog.records if r.name == "vpsclient.wait"]
    assert polls and polls[-1].startswith(f"instance {instance.id}: active after ")


def test_topology_draws_the_account_as_svg(sandbox, tmp_path):
    import xml.dom.minidom

    tavu = sandbox.tavu_client()
    network = tavu.networks.create("<lab & co>")
    tavu.subnets.create("lab-v4", network.id, "10.9.0.0/24", 4)
    image = tavu.operating_systems.list()[0].id
    configuration = tavu.configurations.list()[0].id
    tavu.instances.create("web-<1>", image, configuration, networks=[network.id])
    picture = tavu.topology()
    assert isinstance(picture, vpsclient.Topology)
    svg = picture._repr_svg_()
    xml.dom.minidom.parseString(svg)  # well-formed XML
    assert "&lt;lab &amp; co&gt;" in svg and "web-&lt;1&gt;" in svg and "lab-v4" in svg
    assert picture.counts["instances"] == 1
    saved = tmp_path / "cloud.svg"
    picture.save(saved)
    assert saved.read_text() == svg
    joviam = sandbox.joviam_client().topology()
    xml.dom.minidom.parseString(joviam.svg)
    assert joviam.provider == "joviam"


SCALAR_SAMPLES = {"String": "x<&>", "bool": True, "u8": 1, "u16": 1, "u32": 1, "u64": 1,
                  "i64": -1, "f64": 1.5, "Timestamp": "2024-01-02T03:04:05+03:00"}


def sample(rust_type: str, models: dict[str, Any]) -> Any:
    """A JSON value of a declared Rust type, for building one object of every model."""
    rust_type = rust_type.replace(" ", "")
    for wrapper in ("Option<", "Nullable<"):
        if rust_type.startswith(wrapper):
            return sample(rust_type[len(wrapper):-1], models)
    if rust_type.startswith("Vec<"):
        return [sample(rust_type[4:-1], models)]
    if rust_type in models:
        return {f["name"]: sample(f["rust_type"], models) for f in models[rust_type]["fields"]}
    if rust_type in SCALAR_SAMPLES:
        return SCALAR_SAMPLES[rust_type]
    return "value"  # a string enum (an unknown value is kept as it is)


EVERY_MODEL = [(provider, m) for provider, decl in DECLARATIONS.items() for m in decl["models"]]


@pytest.mark.parametrize("provider, model", EVERY_MODEL,
                         ids=[f"{p}.{m['name']}" for p, m in EVERY_MODEL])
def test_every_model_class_renders_pickles_and_copies(provider, model):
    import json

    models = {m["name"]: m for m in DECLARATIONS[provider]["models"]}
    cls = getattr(getattr(vpsclient, provider), model["name"])
    obj = cls._from_json(json.dumps(sample(model["name"], models) | {"unlisted": "<kept>"}))
    assert pickle.loads(pickle.dumps(obj)) == obj
    assert copy.copy(obj) == obj and copy.deepcopy(obj) == obj
    assert obj.extra == {"unlisted": "<kept>"} and obj.to_dict()["unlisted"] == "<kept>"
    html = obj._repr_html_()
    assert model["name"] in html and "x<&>" not in html and "<kept>" not in html
    listed = vpsclient.ResourceList([obj, obj])._repr_html_()
    assert "<table" in listed and "x<&>" not in listed
