"""Tavu.io VPS API types: the models it returns and the resource handler classes.

The client itself is :class:`vpsclient.TavuClient`.
"""

from typing import TypedDict

from . import _native

_PREFIX = "Tavu_"

for _name in dir(_native):
    if _name.startswith(_PREFIX):
        globals()[_name[len(_PREFIX):]] = getattr(_native, _name)


# The dict shapes of structured arguments, for type checkers (at runtime they are plain dicts).
# Named ``...Dict`` so they do not collide with the models of the same shape that the API returns.


class AllocationPoolDict(TypedDict):
    """An address pool of a subnet, for ``allocation_pools=``: ``{"start": ..., "end": ...}``."""

    start: str
    end: str


class RouteDict(TypedDict):
    """A static route, for a subnet's ``host_routes=`` and a router's ``routes=``:
    ``{"destination": ..., "nexthop": ...}``."""

    destination: str
    nexthop: str


__all__ = sorted(
    [name[len(_PREFIX):] for name in dir(_native) if name.startswith(_PREFIX)]
    + ["AllocationPoolDict", "RouteDict"]
)

del _name
