"""The type stubs describe the methods the extension really has.

stubtest compares names and positional parameters, but the compiled methods take their body
fields through ``**kwargs``, so it cannot see the keyword-only parameters. Here the stubs'
parameters are compared with the Rust declarations themselves
(``Client.operation_parameters()``): path parameters and required fields positionally, in
order, and every other body field as a keyword, nothing missing and nothing extra.
"""

from __future__ import annotations

import ast
import pathlib
import sys

import pytest

import vpsclient

PACKAGE = pathlib.Path(vpsclient.__file__).resolve().parent


def stub_methods(module: str) -> dict[str, dict[str, ast.FunctionDef]]:
    """Class name -> method name -> definition, from ``<module>.pyi``."""
    tree = ast.parse((PACKAGE / f"{module}.pyi").read_text())
    classes: dict[str, dict[str, ast.FunctionDef]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            classes[node.name] = {
                item.name: item for item in node.body if isinstance(item, ast.FunctionDef)
            }
    return classes


CLIENTS = [
    (vpsclient.TavuClient, "tavu", lambda: vpsclient.TavuClient("k", base_url="http://127.0.0.1:9")),
    (vpsclient.JoviamClient, "joviam", lambda: vpsclient.JoviamClient("t", base_url="http://127.0.0.1:9")),
]


@pytest.mark.parametrize("client_class, module, make", CLIENTS, ids=["tavu", "joviam"])
def test_every_operation_stub_has_the_declared_parameters(client_class, module, make) -> None:
    client = make()
    stubs = stub_methods(module)
    problems = []
    for attribute, method, path_params, positional, body_fields in client_class.operation_parameters():
        handler = type(getattr(client, attribute)).__name__
        definition = stubs.get(handler, {}).get(method)
        if definition is None:
            problems.append(f"{handler}.{method}: no stub")
            continue
        args = definition.args
        stub_positional = [a.arg for a in args.posonlyargs + args.args][1:]  # drop self
        stub_keywords = {a.arg for a in args.kwonlyargs}
        want_positional = list(path_params) + list(positional)
        want_keywords = set(body_fields) - set(positional)
        if stub_positional != want_positional:
            problems.append(f"{handler}.{method}: positional {stub_positional} != {want_positional}")
        if stub_keywords != want_keywords:
            problems.append(
                f"{handler}.{method}: keywords missing {sorted(want_keywords - stub_keywords)}, "
                f"extra {sorted(stub_keywords - want_keywords)}")
        if args.vararg or args.kwarg:
            problems.append(f"{handler}.{method}: *args/**kwargs hide the real parameters")
    assert problems == []


@pytest.mark.parametrize("client_class, module, make", CLIENTS, ids=["tavu", "joviam"])
def test_stub_handlers_declare_no_operation_the_extension_lacks(client_class, module, make) -> None:
    client = make()
    declared = {(type(getattr(client, a)).__name__, m) for a, m, *_ in client_class.operation_parameters()}
    handlers = {h for h, _ in declared}
    stubs = stub_methods(module)
    for handler in handlers:
        for method in stubs[handler]:
            if method.startswith(("_", "wait_")):
                continue
            assert (handler, method) in declared, f"{handler}.{method} is in the stub only"


def test_the_check_catches_a_drifted_keyword(tmp_path, monkeypatch) -> None:
    """The comparison above would notice a renamed keyword (guards against a vacuous test)."""
    text = (PACKAGE / "tavu.pyi").read_text().replace("availability_zone_id:", "availability_zone:", 1)
    (tmp_path / "tavu.pyi").write_text(text)
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path)
    with pytest.raises(AssertionError, match="availability_zone"):
        test_every_operation_stub_has_the_declared_parameters(*CLIENTS[0])
