"""What the provider modules (:mod:`vpsclient.tavu`, :mod:`vpsclient.joviam`) share: taking
their classes from the compiled module, and loading their TypedDicts on first use."""

from __future__ import annotations

from . import _native  # type: ignore[attr-defined]  # the compiled module has no stub

MYPY = False
if MYPY:  # for type checkers only: importing typing costs a third of the import time
    from typing import Any, Callable


def export(namespace: dict[str, Any], prefix: str) -> list[str]:
    """Puts every compiled class named ``<prefix><Name>`` into ``namespace`` as ``<Name>`` and
    returns the names."""
    names = []
    for name in dir(_native):
        if name.startswith(prefix):
            namespace[name[len(prefix):]] = getattr(_native, name)
            names.append(name[len(prefix):])
    return names


def lazy_shapes(module: str, shapes: tuple[str, ...]) -> Callable[[str], object]:
    """A module ``__getattr__`` that loads the TypedDicts named in ``shapes`` from
    :mod:`vpsclient._shapes` on first use (it imports :mod:`typing`)."""

    def __getattr__(name: str) -> object:
        if name in shapes:
            from . import _shapes

            return getattr(_shapes, name)
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
