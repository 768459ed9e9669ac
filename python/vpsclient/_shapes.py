"""The dict shapes of structured arguments, for type checkers: at runtime they are plain
dicts. Re-exported by :mod:`vpsclient.tavu` and :mod:`vpsclient.joviam` on first use, so
``import vpsclient`` does not import :mod:`typing`."""

from typing import List, Literal, TypedDict, Union

__all__ = ["AllocationPoolDict", "RouteDict", "NetworkAdapterSpec"]

# Tavu. Named ``...Dict`` so they do not collide with the models of the same shape that the
# API returns.


class AllocationPoolDict(TypedDict):
    """An address pool of a subnet, for ``allocation_pools=``: ``{"start": ..., "end": ...}``."""

    start: str
    end: str


class RouteDict(TypedDict):
    """A static route, for a subnet's ``host_routes=`` and a router's ``routes=``:
    ``{"destination": ..., "nexthop": ...}``."""

    destination: str
    nexthop: str


# Joviam.


class NetworkAdapterSpec(TypedDict):
    """One adapter for ``instances.set_network_adapters``: the network's ID, and either a list
    of IP address IDs (possibly empty) or ``"dhcp"``."""

    network: str
    ip_addresses: Union[List[str], Literal["dhcp"]]
