"""Tavu.io VPS API types: the models it returns and the resource handler classes.

The client itself is :class:`vpsclient.TavuClient`.
"""

from . import _native

_PREFIX = "Tavu_"

for _name in dir(_native):
    if _name.startswith(_PREFIX):
        globals()[_name[len(_PREFIX):]] = getattr(_native, _name)


_SHAPES = ("AllocationPoolDict", "RouteDict")


def __getattr__(name: str) -> object:
    # The TypedDicts live in _shapes, imported on first use (it imports typing).
    if name in _SHAPES:
        from . import _shapes

        return getattr(_shapes, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = sorted(
    [name[len(_PREFIX):] for name in dir(_native) if name.startswith(_PREFIX)]
    + list(_SHAPES)
)

del _name
