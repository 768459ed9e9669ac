"""Joviam API types: the models it returns, the resource handler classes, and the values its
states and modes take.

The client itself is :class:`vpsclient.JoviamClient`.

Model attributes holding a state or mode (``Instance.state``, ``Disk.state``,
``Instance.boot_device``, ...) are plain ``str``: a value the reference does not list arrives
unchanged instead of failing. The enums below name the listed values; their members are
``str`` and compare equal to the strings, so both of these work::

    if instance.state == InstanceState.RUNNING: ...
    if instance.state == "running": ...

They can be passed wherever the API takes such a value, e.g.
``joviam.instances.update(instance_id, boot_device=BootDevice.CDROM)``.

Network adapters for ``instances.set_network_adapters`` are dicts (see
:class:`NetworkAdapterSpec`) whose ``ip_addresses`` is a list of IP address IDs or the string
``"dhcp"`` (:data:`DHCP`)::

    joviam.instances.set_network_adapters(instance_id, [
        {"network": private_network_id, "ip_addresses": [ip_address_id]},
        {"network": public_network_id, "ip_addresses": DHCP},
    ])

Fields that can be cleared (an IP address's ``name``; a network's ``name``, ``gateway``,
``primary_nameserver`` and ``secondary_nameserver``) are cleared by passing ``None``, which
sends JSON ``null``; an argument left out (or :data:`vpsclient.NOT_GIVEN`) is not sent at all.
"""

import enum

from . import _native, _provider

_CLASSES = _provider.export(globals(), "Joviam_")


class _StrEnum(str, enum.Enum):
    """A ``str`` enum whose members print as their value."""

    def __str__(self) -> str:
        return str(self.value)


def _enums() -> list[str]:
    """Builds one ``str`` enum per ``string_enum!`` of the Rust declarations (members named
    after their values: ``InstanceState.RUNNING == "running"``), so the values are written
    once, in Rust."""
    names = []
    for name, doc, values in _native._joviam_enums():
        cls = _StrEnum(  # type: ignore[misc]
            name, [(value.upper(), value) for value in values], module=__name__
        )
        cls.__doc__ = " ".join(line.strip() for line in doc.splitlines()).strip()
        globals()[name] = cls
        names.append(name)
    return names


_ENUMS = _enums()

DHCP = "dhcp"
"""The ``ip_addresses`` value of a network adapter that takes its address from DHCP."""

_SHAPES = ("NetworkAdapterSpec",)

__getattr__ = _provider.lazy_shapes(__name__, _SHAPES)


__all__ = sorted(
    _CLASSES
    + _ENUMS
    + ["DHCP", *_SHAPES]
)

