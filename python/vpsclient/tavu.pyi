"""Tavu.io VPS API types: the models it returns and the resource handler classes.

The client itself is :class:`vpsclient.TavuClient`; its attributes (``tavu.instances``, ...) are the
handlers below. Optional body fields default to :data:`vpsclient.NOT_GIVEN` (left out of the
request); only the fields typed ``... | None`` accept ``None``, which sends JSON ``null`` to clear
the value on the server.
"""

import builtins
from collections.abc import Sequence
from typing import Any, ClassVar, TypedDict, final, overload

from ._sentinel import NOT_GIVEN, NotGiven

__all__ = [
    "AllocationPool",
    "AllocationPoolDict",
    "AvailabilityZone",
    "Configuration",
    "ConfigurationsHandler",
    "Firewall",
    "FirewallRule",
    "FirewallRulesHandler",
    "FirewallsHandler",
    "FloatingIp",
    "FloatingIpsHandler",
    "Image",
    "Instance",
    "InstanceInterfacesHandler",
    "InstanceScript",
    "InstanceScriptsHandler",
    "InstanceSnapshot",
    "InstanceSnapshotsHandler",
    "InstanceUser",
    "InstanceUsersHandler",
    "InstancesHandler",
    "IpAllocation",
    "Network",
    "NetworksHandler",
    "OperatingSystemsHandler",
    "Port",
    "PortsHandler",
    "Route",
    "RouteDict",
    "Router",
    "RouterInterface",
    "RouterInterfacesHandler",
    "RoutersHandler",
    "SecurityGroup",
    "SecurityGroupRule",
    "SecurityGroupRulesHandler",
    "SecurityGroupsHandler",
    "SshKey",
    "SshKeysHandler",
    "Subnet",
    "SubnetsHandler",
    "Volume",
    "VolumeAttachResult",
    "VolumeAttachment",
    "VolumeSnapshot",
    "VolumeSnapshotsHandler",
    "VolumesHandler",
]

# Structured arguments: plain dicts. (A model object of the same shape, e.g. an item of
# ``Subnet.allocation_pools``, is accepted too: it is sent as its ``to_dict()``.)

class AllocationPoolDict(TypedDict):
    """An address pool of a subnet, for ``allocation_pools=``: ``{"start": ..., "end": ...}``."""

    start: str
    end: str

class RouteDict(TypedDict):
    """A static route, for a subnet's ``host_routes=`` and a router's ``routes=``:
    ``{"destination": ..., "nexthop": ...}``."""

    destination: str
    nexthop: str

# Models: frozen objects, one read-only attribute per JSON field, compared by value.

@final
class AvailabilityZone:
    """An availability zone inside a region."""

    @property
    def id(self) -> str:
        """Zone ID."""
    @property
    def region(self) -> str | None:
        """Region name, e.g. ``Ulvila``."""
    @property
    def number(self) -> int | None:
        """Zone number within the region."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SecurityGroupRule:
    """A rule of a security group."""

    @property
    def id(self) -> str:
        """Rule ID."""
    @property
    def security_group_id(self) -> str | None:
        """The security group the rule belongs to."""
    @property
    def remote_group_id(self) -> str | None:
        """Remote security group the rule admits, if any."""
    @property
    def direction(self) -> str:
        """``ingress`` or ``egress``."""
    @property
    def ethertype(self) -> str | None:
        """``IPv4`` or ``IPv6``."""
    @property
    def protocol(self) -> str | None:
        """``icmp``, ``icmpv6``, ``tcp``, ``udp``, a protocol number, or ``None`` for any."""
    @property
    def port_range_min(self) -> int | None:
        """Lowest port (or ICMP type) of the range."""
    @property
    def port_range_max(self) -> int | None:
        """Highest port (or ICMP code) of the range."""
    @property
    def remote_ip_prefix(self) -> str | None:
        """Remote CIDR the rule admits, if any."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SecurityGroup:
    """A security group."""

    @property
    def id(self) -> str:
        """Security group ID."""
    @property
    def name(self) -> str:
        """Name."""
    @property
    def description(self) -> str | None:
        """Description."""
    @property
    def rules(self) -> list[SecurityGroupRule]:
        """Rules, where the response embeds them."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class VolumeAttachment:
    """Where a volume is attached."""

    @property
    def mounted_at(self) -> str | None:
        """Device path inside the instance, e.g. ``/dev/vdb``."""
    @property
    def instance_id(self) -> str:
        """The instance the volume is attached to."""
    @property
    def attach_time(self) -> str | None:
        """When it was attached."""
    @property
    def status(self) -> str | None:
        """Attachment status, e.g. ``attached``."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class VolumeSnapshot:
    """A snapshot of a volume."""

    @property
    def id(self) -> str:
        """Snapshot ID."""
    @property
    def name(self) -> str | None:
        """Name."""
    @property
    def description(self) -> str | None:
        """Description."""
    @property
    def volume_id(self) -> str:
        """The volume it was taken of."""
    @property
    def volume_size(self) -> int | None:
        """Size of that volume, in gigabytes."""
    @property
    def created_at(self) -> str | None:
        """When it was created."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Volume:
    """A block storage volume."""

    @property
    def id(self) -> str:
        """Volume ID."""
    @property
    def name(self) -> str:
        """Name."""
    @property
    def description(self) -> str | None:
        """Description."""
    @property
    def size(self) -> int:
        """Size in gigabytes."""
    @property
    def status(self) -> str:
        """Status, e.g. ``creating``, ``available``, ``in-use``."""
    @property
    def snapshot_id(self) -> str | None:
        """The snapshot the volume was made from, if any."""
    @property
    def created_at(self) -> str | None:
        """When it was created."""
    @property
    def detach_time(self) -> str | None:
        """When it was last detached."""
    @property
    def attachment(self) -> VolumeAttachment | None:
        """Where it is attached, if it is."""
    @property
    def snapshots(self) -> list[VolumeSnapshot]:
        """Its snapshots, where the response lists them."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Configuration:
    """An instance configuration (flavour): CPU, memory, disk and bandwidth."""

    @property
    def id(self) -> str:
        """Configuration ID."""
    @property
    def cpu(self) -> int:
        """Number of virtual CPUs."""
    @property
    def ram(self) -> int:
        """Memory in megabytes."""
    @property
    def disk(self) -> int:
        """Disk size in gigabytes."""
    @property
    def disk_type(self) -> str | None:
        """Disk type: ``hdd``, ``ssd``, ``nvme``, ..."""
    @property
    def bandwidth(self) -> str | None:
        """Bandwidth, as the decimal string the API sends (e.g. ``"500.0"``)."""
    @property
    def availability_zones(self) -> list[AvailabilityZone]:
        """Zones where the configuration is available."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Image:
    """A bootable image: an operating system (from ``operating_systems.list``) or the image an instance was built from."""

    @property
    def id(self) -> str:
        """Image ID."""
    @property
    def name(self) -> str:
        """Name, e.g. ``Ubuntu``."""
    @property
    def version(self) -> str | None:
        """Version, e.g. ``14.04``."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class IpAllocation:
    """An IP address allocated to a port."""

    @property
    def ip_address(self) -> str:
        """The address."""
    @property
    def subnet_id(self) -> str | None:
        """The subnet it comes from."""
    @property
    def network_id(self) -> str | None:
        """The network it comes from (not always sent)."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Port:
    """A network port: an instance interface, a router interface or gateway, a DHCP port."""

    @property
    def id(self) -> str:
        """Port ID."""
    @property
    def name(self) -> str | None:
        """Name (often empty)."""
    @property
    def description(self) -> str | None:
        """Description."""
    @property
    def network_id(self) -> str:
        """The network the port is on."""
    @property
    def mac_address(self) -> str | None:
        """MAC address."""
    @property
    def admin_state_up(self) -> bool | None:
        """Administrative state (the API sends ``true`` or ``1``)."""
    @property
    def status(self) -> str | None:
        """Status, e.g. ``ACTIVE``, ``DOWN``."""
    @property
    def device_id(self) -> str | None:
        """The device (instance or router) using the port."""
    @property
    def device_owner(self) -> str | None:
        """What kind of device owns it, e.g. ``compute:None``, ``network:router_interface``."""
    @property
    def ip_allocations(self) -> list[IpAllocation]:
        """Addresses allocated to the port."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Instance:
    """A virtual machine.  ``username`` and ``password`` are sent once, in the answer to a create or rebuild when the API generated credentials; ``repr()`` masks the password."""

    @property
    def id(self) -> str:
        """Instance ID."""
    @property
    def name(self) -> str:
        """Name."""
    @property
    def status(self) -> str:
        """Status, e.g. ``building``, ``active``, ``stopped``, ``error``."""
    @property
    def created_at(self) -> str | None:
        """When it was created."""
    @property
    def ssh_key(self) -> str | None:
        """Name of the SSH key it was created with, if any."""
    @property
    def availability_zone(self) -> AvailabilityZone | None:
        """Where it runs."""
    @property
    def security_groups(self) -> list[SecurityGroup]:
        """Security groups, with their rules where the response embeds them."""
    @property
    def volumes(self) -> list[Volume]:
        """Attached volumes."""
    @property
    def configuration(self) -> Configuration | None:
        """Its configuration."""
    @property
    def image(self) -> Image | None:
        """The image it was built from."""
    @property
    def ports(self) -> list[Port]:
        """Its network ports."""
    @property
    def username(self) -> str | None:
        """Login name of generated credentials (create and rebuild only)."""
    @property
    def password(self) -> str | None:
        """Generated password (create and rebuild only). A secret: store it, do not log it."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SshKey:
    """An SSH key."""

    @property
    def name(self) -> str:
        """Name, unique per account; also the key's ID."""
    @property
    def public_key(self) -> str | None:
        """The public key."""
    @property
    def fingerprint(self) -> str | None:
        """Fingerprint of the public key."""
    @property
    def created_at(self) -> str | None:
        """When it was created."""
    @property
    def private_key(self) -> str | None:
        """The private key, sent once when the API generated the key pair. A secret."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class InstanceUser:
    """A user account that instances can be created with."""

    @property
    def id(self) -> int:
        """Instance user ID (an integer)."""
    @property
    def username(self) -> str:
        """Login name."""
    @property
    def ssh_keys(self) -> list[SshKey]:
        """SSH keys the user can log in with."""
    @property
    def disable_password(self) -> bool | None:
        """Whether password login is disabled."""
    @property
    def created_at(self) -> str | None:
        """When it was created."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class InstanceScript:
    """A saved first-boot script (cloud-init user data)."""

    @property
    def id(self) -> int:
        """Instance script ID (an integer)."""
    @property
    def name(self) -> str:
        """Name."""
    @property
    def description(self) -> str | None:
        """Description."""
    @property
    def script(self) -> str | None:
        """The script, strict Base64."""
    @property
    def created_at(self) -> str | None:
        """When it was created."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class InstanceSnapshot:
    """A snapshot of an instance, usable as an image."""

    @property
    def id(self) -> str:
        """Snapshot ID."""
    @property
    def name(self) -> str:
        """Name."""
    @property
    def size(self) -> int | None:
        """Size in megabytes, once known."""
    @property
    def status(self) -> str:
        """Status, e.g. ``queued``, ``active``."""
    @property
    def created_at(self) -> str | None:
        """When it was created."""
    @property
    def instance_id(self) -> str | None:
        """The instance it was taken of."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class VolumeAttachResult:
    """The answer to attaching a volume."""

    @property
    def volume_id(self) -> str:
        """The volume."""
    @property
    def instance_id(self) -> str:
        """The instance it was attached to."""
    @property
    def mount_point(self) -> str | None:
        """Device path inside the instance, e.g. ``/dev/vdb``."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Network:
    """A private network."""

    @property
    def id(self) -> str:
        """Network ID."""
    @property
    def name(self) -> str:
        """Name."""
    @property
    def description(self) -> str | None:
        """Description."""
    @property
    def status(self) -> str | None:
        """Status, e.g. ``ACTIVE``."""
    @property
    def admin_state_up(self) -> bool | None:
        """Administrative state."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class AllocationPool:
    """A range of addresses a subnet hands out."""

    @property
    def start(self) -> str:
        """First address."""
    @property
    def end(self) -> str:
        """Last address."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Route:
    """A static route: a subnet's host route or a router's route."""

    @property
    def destination(self) -> str:
        """Destination CIDR."""
    @property
    def nexthop(self) -> str:
        """Next-hop address."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Subnet:
    """A subnet of a network."""

    @property
    def id(self) -> str:
        """Subnet ID."""
    @property
    def name(self) -> str:
        """Name."""
    @property
    def description(self) -> str | None:
        """Description."""
    @property
    def network_id(self) -> str:
        """The network it belongs to."""
    @property
    def ip_version(self) -> int:
        """4 or 6."""
    @property
    def cidr(self) -> str:
        """Address range, e.g. ``192.168.2.0/24``."""
    @property
    def gateway_ip(self) -> str | None:
        """Gateway address, if any."""
    @property
    def enable_dhcp(self) -> bool | None:
        """Whether DHCP is on."""
    @property
    def ipv6_ra_mode(self) -> str | None:
        """IPv6 router advertisement mode."""
    @property
    def ipv6_address_mode(self) -> str | None:
        """IPv6 address mode."""
    @property
    def allocation_pools(self) -> list[AllocationPool]:
        """Address pools."""
    @property
    def dns_nameservers(self) -> list[str]:
        """DNS servers handed out."""
    @property
    def host_routes(self) -> list[Route]:
        """Host routes handed out."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Firewall:
    """A firewall attached to routers."""

    @property
    def id(self) -> str:
        """Firewall ID."""
    @property
    def name(self) -> str:
        """Name."""
    @property
    def description(self) -> str | None:
        """Description."""
    @property
    def audited(self) -> bool | None:
        """Whether its rules have been audited."""
    @property
    def admin_state_up(self) -> bool | None:
        """Administrative state."""
    @property
    def status(self) -> str | None:
        """Status, e.g. ``ACTIVE``, ``INACTIVE``, ``PENDING_UPDATE``."""
    @property
    def router_ids(self) -> list[str]:
        """Routers it is attached to."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class FirewallRule:
    """A rule of a firewall."""

    @property
    def id(self) -> str:
        """Rule ID."""
    @property
    def name(self) -> str | None:
        """Name."""
    @property
    def description(self) -> str | None:
        """Description."""
    @property
    def protocol(self) -> str | None:
        """``icmp``, ``tcp``, ``udp``, or ``None`` for any."""
    @property
    def ip_version(self) -> int | None:
        """4 or 6."""
    @property
    def source_ip_address(self) -> str | None:
        """Source address or CIDR."""
    @property
    def destination_ip_address(self) -> str | None:
        """Destination address or CIDR."""
    @property
    def source_port_range_min(self) -> int | None:
        """Lowest source port."""
    @property
    def source_port_range_max(self) -> int | None:
        """Highest source port."""
    @property
    def destination_port_range_min(self) -> int | None:
        """Lowest destination port."""
    @property
    def destination_port_range_max(self) -> int | None:
        """Highest destination port."""
    @property
    def action(self) -> str | None:
        """``allow``, ``deny`` or ``reject``."""
    @property
    def enabled(self) -> bool | None:
        """Whether the rule is in use."""
    @property
    def position(self) -> int | None:
        """Position in the firewall's rule order."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Router:
    """A router."""

    @property
    def id(self) -> str:
        """Router ID."""
    @property
    def name(self) -> str:
        """Name."""
    @property
    def description(self) -> str | None:
        """Description."""
    @property
    def status(self) -> str | None:
        """Status, e.g. ``ACTIVE``."""
    @property
    def admin_state_up(self) -> bool | None:
        """Administrative state."""
    @property
    def routes(self) -> list[Route]:
        """Static routes."""
    @property
    def external_gateway_snat_enabled(self) -> bool | None:
        """Whether source NAT is on for the external gateway."""
    @property
    def external_gateway_info(self) -> Port | None:
        """The gateway port in the external network, if attached. The API names this field ``external_gateway_info`` in most answers and ``external_gateway_port`` in the update answer; both are read here."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class RouterInterface:
    """The answer to adding or removing a router interface."""

    @property
    def id(self) -> str:
        """The router's ID."""
    @property
    def network_id(self) -> str | None:
        """The network of the subnet."""
    @property
    def subnet_id(self) -> str | None:
        """The subnet."""
    @property
    def port_id(self) -> str:
        """The port created or removed."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class FloatingIp:
    """A floating (public) IP address."""

    @property
    def id(self) -> str:
        """Floating IP ID."""
    @property
    def floating_ip_address(self) -> str:
        """The address."""
    @property
    def floating_network_id(self) -> str | None:
        """The external network it belongs to."""
    @property
    def description(self) -> str | None:
        """Description."""
    @property
    def port_id(self) -> str | None:
        """The port it is associated with, if any."""
    @property
    def fixed_ip_address(self) -> str | None:
        """The fixed address it maps to, if associated."""
    @property
    def router_id(self) -> str | None:
        """The router doing the mapping, if associated."""
    @property
    def status(self) -> str | None:
        """Status, e.g. ``DOWN``, ``ACTIVE``."""
    @property
    def revision_number(self) -> int | None:
        """Revision counter."""
    @property
    def created_at(self) -> str | None:
        """When it was created."""
    @property
    def updated_at(self) -> str | None:
        """When it was last updated."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

# Handlers: the attributes of TavuClient, one per resource; each method is one API call.
# (``builtins.list`` because each handler has a method named ``list``.)

@final
class InstancesHandler:
    """Instances (``tavu.instances``): list, create, change and delete virtual machines, and start, stop, reboot, resize and rebuild them."""

    def list(self) -> builtins.list[Instance]:
        """Lists all instances (``GET /compute/v1/instances``)."""
    def get(self, instance_id: str) -> Instance:
        """Shows one instance (``GET /compute/v1/instances/{instance_id}``)."""
    def create(
        self,
        name: str,
        image_id: str,
        configuration_id: str,
        *,
        networks: builtins.list[str] | tuple[str, ...] | NotGiven = NOT_GIVEN,
        ssh_keys: builtins.list[str] | tuple[str, ...] | NotGiven = NOT_GIVEN,
        disable_password: bool | NotGiven = NOT_GIVEN,
        instance_user_ids: builtins.list[int] | tuple[int, ...] | NotGiven = NOT_GIVEN,
        instance_script_id: int | NotGiven = NOT_GIVEN,
        instance_script: str | NotGiven = NOT_GIVEN,
        upgrade_on_first_boot: bool | NotGiven = NOT_GIVEN,
        reboot_after_cloud_init: bool | NotGiven = NOT_GIVEN,
        generate_credentials: bool | NotGiven = NOT_GIVEN,
        availability_zone_id: str | NotGiven = NOT_GIVEN,
    ) -> Instance:
        """Creates an instance (``POST /compute/v1/instances``)."""
    def update(self, instance_id: str, *, name: str | NotGiven = NOT_GIVEN) -> Instance:
        """Renames an instance (``PATCH /compute/v1/instances/{instance_id}``)."""
    def delete(self, instance_id: str) -> None:
        """Deletes an instance (``DELETE /compute/v1/instances/{instance_id}``)."""
    def start(self, instance_id: str) -> None:
        """Starts an instance (``POST /compute/v1/instances/{instance_id}/action``, ``{"start": null}``)."""
    def stop(self, instance_id: str) -> None:
        """Stops an instance (``POST .../action``, ``{"stop": null}``)."""
    def reboot(self, instance_id: str) -> None:
        """Reboots an instance (``POST .../action``, ``{"reboot": null}``)."""
    def force_reboot(self, instance_id: str) -> None:
        """Force-reboots an instance (``POST .../action``, ``{"force_reboot": null}``)."""
    def resize(self, instance_id: str, configuration_id: str) -> None:
        """Resizes an instance to another configuration (``POST .../action``, ``{"resize": {...}}``); confirm or revert it afterwards."""
    def confirm_resize(self, instance_id: str) -> None:
        """Confirms a resize (``POST .../action``, ``{"confirm_resize": null}``)."""
    def revert_resize(self, instance_id: str) -> None:
        """Reverts a resize (``POST .../action``, ``{"revert_resize": null}``)."""
    def rebuild(
        self,
        instance_id: str,
        image_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
    ) -> Instance:
        """Rebuilds an instance from an image (``POST .../action``, ``{"rebuild": {...}}``) and returns it, with new generated credentials when the API made them."""
    @overload
    def wait_for_status(
        self, instance_id: str, status: str, *, timeout: float = 600.0, interval: float = 5.0
    ) -> Instance:
        """Waits until an instance, or each of a list of instances, has ``status`` (e.g. ``"active"``); raises WaitTimeoutError, WaitFailedError or WaitManyError."""
    @overload
    def wait_for_status(
        self,
        instance_id: builtins.list[str] | tuple[str, ...],
        status: str,
        *,
        timeout: float = 600.0,
        interval: float = 5.0,
    ) -> builtins.list[Instance]: ...
    def wait_for_deletion(self, instance_id: str, *, timeout: float = 600.0, interval: float = 5.0) -> None:
        """Waits until an instance is gone (its GET answers 404)."""

@final
class InstanceInterfacesHandler:
    """An instance's network interfaces (``tavu.instance_interfaces``)."""

    def list(self, instance_id: str) -> builtins.list[Port]:
        """Lists an instance's interfaces (``GET /compute/v1/instances/{instance_id}/interfaces``)."""
    def get(self, instance_id: str, interface_id: str) -> Port:
        """Shows one interface (``GET .../interfaces/{interface_id}``)."""
    def create(self, instance_id: str, network_id: str) -> Port:
        """Adds an interface in a network and returns its port (``POST .../interfaces``)."""
    def delete(self, instance_id: str, interface_id: str) -> None:
        """Removes an interface (``DELETE .../interfaces/{interface_id}``)."""

@final
class InstanceUsersHandler:
    """Instance users (``tavu.instance_users``): accounts that new instances are created with. Their IDs are integers."""

    def list(self) -> builtins.list[InstanceUser]:
        """Lists instance users (``GET /compute/v1/instance-users``)."""
    def get(self, instance_user_id: int) -> InstanceUser:
        """Shows one instance user (``GET /compute/v1/instance-users/{instance_user_id}``)."""
    def create(
        self,
        username: str,
        *,
        password: str | NotGiven = NOT_GIVEN,
        password_confirmation: str | NotGiven = NOT_GIVEN,
        ssh_keys: builtins.list[str] | tuple[str, ...] | NotGiven = NOT_GIVEN,
        disable_password: bool | NotGiven = NOT_GIVEN,
    ) -> InstanceUser:
        """Creates an instance user (``POST /compute/v1/instance-users``)."""
    def update(
        self,
        instance_user_id: int,
        username: str,
        *,
        password: str | NotGiven = NOT_GIVEN,
        password_confirmation: str | NotGiven = NOT_GIVEN,
        ssh_keys: builtins.list[str] | tuple[str, ...] | NotGiven = NOT_GIVEN,
        disable_password: bool | NotGiven = NOT_GIVEN,
    ) -> InstanceUser:
        """Updates an instance user (``PATCH /compute/v1/instance-users/{instance_user_id}``)."""
    def delete(self, instance_user_id: int) -> None:
        """Deletes an instance user (``DELETE /compute/v1/instance-users/{instance_user_id}``)."""

@final
class InstanceScriptsHandler:
    """Instance scripts (``tavu.instance_scripts``): saved first-boot scripts. Their IDs are integers."""

    def list(self) -> builtins.list[InstanceScript]:
        """Lists instance scripts (``GET /compute/v1/instance-scripts``)."""
    def get(self, instance_script_id: int) -> InstanceScript:
        """Shows one instance script (``GET /compute/v1/instance-scripts/{instance_script_id}``)."""
    def create(
        self,
        name: str,
        script: str,
        *,
        description: str | NotGiven = NOT_GIVEN,
    ) -> InstanceScript:
        """Creates an instance script (``POST /compute/v1/instance-scripts``)."""
    def update(
        self,
        instance_script_id: int,
        name: str,
        script: str,
        *,
        description: str | NotGiven = NOT_GIVEN,
    ) -> InstanceScript:
        """Updates an instance script (``PATCH /compute/v1/instance-scripts/{instance_script_id}``)."""
    def delete(self, instance_script_id: int) -> None:
        """Deletes an instance script (``DELETE /compute/v1/instance-scripts/{instance_script_id}``)."""

@final
class ConfigurationsHandler:
    """Configurations (``tavu.configurations``): the instance sizes on offer."""

    def list(self) -> builtins.list[Configuration]:
        """Lists the available configurations (``GET /compute/v1/configurations``)."""

@final
class SshKeysHandler:
    """SSH keys (``tavu.ssh_keys``)."""

    def list(self) -> builtins.list[SshKey]:
        """Lists SSH keys (``GET /compute/v1/ssh-keys``)."""
    def get(self, ssh_key_name: str) -> SshKey:
        """Shows one SSH key by name (``GET /compute/v1/ssh-keys/{ssh_key_name}``)."""
    def create(self, name: str, *, public_key: str | NotGiven = NOT_GIVEN) -> SshKey:
        """Imports a public key, or generates a key pair (``POST /compute/v1/ssh-keys``)."""
    def delete(self, ssh_key_name: str) -> None:
        """Deletes an SSH key by name (``DELETE /compute/v1/ssh-keys/{ssh_key_name}``)."""

@final
class OperatingSystemsHandler:
    """Operating systems (``tavu.operating_systems``): the images instances can boot from."""

    def list(self) -> builtins.list[Image]:
        """Lists the available operating systems (``GET /image/v1/operating-systems``)."""

@final
class InstanceSnapshotsHandler:
    """Instance snapshots (``tavu.instance_snapshots``)."""

    def list(self) -> builtins.list[InstanceSnapshot]:
        """Lists instance snapshots (``GET /image/v1/instance-snapshots``)."""
    def get(self, instance_snapshot_id: str) -> InstanceSnapshot:
        """Shows one instance snapshot (``GET /image/v1/instance-snapshots/{instance_snapshot_id}``)."""
    def create(self, instance_id: str, name: str) -> InstanceSnapshot:
        """Snapshots an instance (``POST /image/v1/instance-snapshots``); it starts ``queued``."""
    def delete(self, instance_snapshot_id: str) -> None:
        """Deletes an instance snapshot (``DELETE /image/v1/instance-snapshots/{instance_snapshot_id}``)."""

@final
class VolumesHandler:
    """Volumes (``tavu.volumes``): block storage, attachable to instances."""

    def list(self) -> builtins.list[Volume]:
        """Lists volumes (``GET /storage/v1/volumes``)."""
    def get(self, volume_id: str) -> Volume:
        """Shows one volume (``GET /storage/v1/volumes/{volume_id}``)."""
    def create(
        self,
        size: int,
        name: str,
        *,
        description: str | NotGiven = NOT_GIVEN,
        snapshot_id: str | NotGiven = NOT_GIVEN,
    ) -> Volume:
        """Creates a volume (``POST /storage/v1/volumes``); it starts ``creating``."""
    def update(
        self,
        volume_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
    ) -> Volume:
        """Updates a volume's name or description (``PATCH /storage/v1/volumes/{volume_id}``)."""
    def delete(self, volume_id: str) -> None:
        """Deletes a volume (``DELETE /storage/v1/volumes/{volume_id}``)."""
    def attach(self, volume_id: str, instance_id: str) -> VolumeAttachResult:
        """Attaches a volume to an instance (``PATCH /storage/v1/volumes/{volume_id}/attach``)."""
    def detach(self, volume_id: str, instance_id: str) -> None:
        """Detaches a volume from an instance (``PATCH /storage/v1/volumes/{volume_id}/detach``)."""
    @overload
    def wait_for_status(
        self, volume_id: str, status: str, *, timeout: float = 600.0, interval: float = 5.0
    ) -> Volume:
        """Waits until a volume, or each of a list of volumes, has ``status`` (e.g. ``"available"``); raises WaitTimeoutError, WaitFailedError or WaitManyError."""
    @overload
    def wait_for_status(
        self,
        volume_id: builtins.list[str] | tuple[str, ...],
        status: str,
        *,
        timeout: float = 600.0,
        interval: float = 5.0,
    ) -> builtins.list[Volume]: ...
    def wait_for_deletion(self, volume_id: str, *, timeout: float = 600.0, interval: float = 5.0) -> None:
        """Waits until a volume is gone (its GET answers 404)."""

@final
class VolumeSnapshotsHandler:
    """Volume snapshots (``tavu.volume_snapshots``)."""

    def list(self) -> builtins.list[VolumeSnapshot]:
        """Lists volume snapshots (``GET /storage/v1/volume-snapshots``)."""
    def get(self, volume_snapshot_id: str) -> VolumeSnapshot:
        """Shows one volume snapshot (``GET /storage/v1/volume-snapshots/{volume_snapshot_id}``)."""
    def create(
        self,
        volume_id: str,
        name: str,
        *,
        description: str | NotGiven = NOT_GIVEN,
    ) -> VolumeSnapshot:
        """Snapshots a volume (``POST /storage/v1/volume-snapshots``)."""
    def update(
        self,
        volume_snapshot_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
    ) -> VolumeSnapshot:
        """Updates a volume snapshot (``PATCH /storage/v1/volume-snapshots/{volume_snapshot_id}``)."""
    def delete(self, volume_snapshot_id: str) -> None:
        """Deletes a volume snapshot (``DELETE /storage/v1/volume-snapshots/{volume_snapshot_id}``)."""

@final
class PortsHandler:
    """Ports (``tavu.ports``)."""

    def list(self) -> builtins.list[Port]:
        """Lists ports (``GET /networking/v1/ports``)."""
    def get(self, port_id: str) -> Port:
        """Shows one port (``GET /networking/v1/ports/{port_id}``)."""
    def update(
        self,
        port_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        admin_state_up: bool | NotGiven = NOT_GIVEN,
    ) -> Port:
        """Updates a port (``PATCH /networking/v1/ports/{port_id}``)."""

@final
class NetworksHandler:
    """Private networks (``tavu.networks``)."""

    def list(self) -> builtins.list[Network]:
        """Lists networks (``GET /networking/v1/networks``)."""
    def get(self, network_id: str) -> Network:
        """Shows one network (``GET /networking/v1/networks/{network_id}``)."""
    def create(
        self,
        name: str,
        *,
        description: str | NotGiven = NOT_GIVEN,
        admin_state_up: bool | NotGiven = NOT_GIVEN,
    ) -> Network:
        """Creates a network (``POST /networking/v1/networks``)."""
    def update(
        self,
        network_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        admin_state_up: bool | NotGiven = NOT_GIVEN,
    ) -> Network:
        """Updates a network (``PATCH /networking/v1/networks/{network_id}``)."""
    def delete(self, network_id: str) -> None:
        """Deletes a network (``DELETE /networking/v1/networks/{network_id}``)."""

@final
class SubnetsHandler:
    """Subnets (``tavu.subnets``)."""

    def list(self) -> builtins.list[Subnet]:
        """Lists subnets (``GET /networking/v1/subnets``)."""
    def get(self, subnet_id: str) -> Subnet:
        """Shows one subnet (``GET /networking/v1/subnets/{subnet_id}``)."""
    def create(
        self,
        name: str,
        network_id: str,
        cidr: str,
        ip_version: int,
        *,
        description: str | NotGiven = NOT_GIVEN,
        gateway_ip: str | None | NotGiven = NOT_GIVEN,
        enable_dhcp: bool | NotGiven = NOT_GIVEN,
        ipv6_ra_mode: str | NotGiven = NOT_GIVEN,
        ipv6_address_mode: str | NotGiven = NOT_GIVEN,
        dns_nameservers: builtins.list[str] | tuple[str, ...] | NotGiven = NOT_GIVEN,
        allocation_pools: Sequence[AllocationPoolDict | AllocationPool] | NotGiven = NOT_GIVEN,
        host_routes: Sequence[RouteDict | Route] | NotGiven = NOT_GIVEN,
    ) -> Subnet:
        """Creates a subnet (``POST /networking/v1/subnets``)."""
    def update(
        self,
        subnet_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        gateway_ip: str | None | NotGiven = NOT_GIVEN,
        enable_dhcp: bool | NotGiven = NOT_GIVEN,
        dns_nameservers: builtins.list[str] | tuple[str, ...] | NotGiven = NOT_GIVEN,
        allocation_pools: Sequence[AllocationPoolDict | AllocationPool] | NotGiven = NOT_GIVEN,
        host_routes: Sequence[RouteDict | Route] | NotGiven = NOT_GIVEN,
    ) -> Subnet:
        """Updates a subnet (``PATCH /networking/v1/subnets/{subnet_id}``)."""
    def delete(self, subnet_id: str) -> None:
        """Deletes a subnet (``DELETE /networking/v1/subnets/{subnet_id}``)."""

@final
class FirewallsHandler:
    """Firewalls (``tavu.firewalls``)."""

    def list(self) -> builtins.list[Firewall]:
        """Lists firewalls (``GET /networking/v1/firewalls``)."""
    def get(self, firewall_id: str) -> Firewall:
        """Shows one firewall (``GET /networking/v1/firewalls/{firewall_id}``)."""
    def update(
        self,
        firewall_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        admin_state_up: bool | NotGiven = NOT_GIVEN,
        router_ids: builtins.list[str] | tuple[str, ...] | NotGiven = NOT_GIVEN,
    ) -> Firewall:
        """Updates a firewall (``PATCH /networking/v1/firewalls/{firewall_id}``)."""
    def delete(self, firewall_id: str) -> None:
        """Deletes a firewall (``DELETE /networking/v1/firewalls/{firewall_id}``)."""
    def audit(self, firewall_id: str) -> None:
        """Marks a firewall's rules as audited (``GET /networking/v1/firewalls/{firewall_id}/audit``; the API uses GET for this change)."""

@final
class FirewallRulesHandler:
    """A firewall's rules (``tavu.firewall_rules``)."""

    def list(self, firewall_id: str) -> builtins.list[FirewallRule]:
        """Lists a firewall's rules (``GET /networking/v1/firewalls/{firewall_id}/rules``)."""
    def get(self, firewall_id: str, rule_id: str) -> FirewallRule:
        """Shows one rule (``GET .../rules/{rule_id}``)."""
    def create(
        self,
        firewall_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        protocol: str | NotGiven = NOT_GIVEN,
        ip_version: int | NotGiven = NOT_GIVEN,
        source_ip_address: str | NotGiven = NOT_GIVEN,
        destination_ip_address: str | NotGiven = NOT_GIVEN,
        source_port_range_min: int | NotGiven = NOT_GIVEN,
        source_port_range_max: int | NotGiven = NOT_GIVEN,
        destination_port_range_min: int | NotGiven = NOT_GIVEN,
        destination_port_range_max: int | NotGiven = NOT_GIVEN,
        action: str | NotGiven = NOT_GIVEN,
        enabled: bool | NotGiven = NOT_GIVEN,
    ) -> FirewallRule:
        """Adds a rule (``POST .../rules``)."""
    def update(
        self,
        firewall_id: str,
        rule_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        protocol: str | NotGiven = NOT_GIVEN,
        ip_version: int | NotGiven = NOT_GIVEN,
        source_ip_address: str | NotGiven = NOT_GIVEN,
        destination_ip_address: str | NotGiven = NOT_GIVEN,
        source_port_range_min: int | NotGiven = NOT_GIVEN,
        source_port_range_max: int | NotGiven = NOT_GIVEN,
        destination_port_range_min: int | NotGiven = NOT_GIVEN,
        destination_port_range_max: int | NotGiven = NOT_GIVEN,
        action: str | NotGiven = NOT_GIVEN,
        enabled: bool | NotGiven = NOT_GIVEN,
    ) -> FirewallRule:
        """Updates a rule (``PATCH .../rules/{rule_id}``)."""
    def delete(self, firewall_id: str, rule_id: str) -> None:
        """Deletes a rule (``DELETE .../rules/{rule_id}``)."""

@final
class RoutersHandler:
    """Routers (``tavu.routers``)."""

    def list(self) -> builtins.list[Router]:
        """Lists routers (``GET /networking/v1/routers``)."""
    def get(self, router_id: str) -> Router:
        """Shows one router (``GET /networking/v1/routers/{router_id}``)."""
    def update(
        self,
        router_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        admin_state_up: bool | NotGiven = NOT_GIVEN,
        attach_to_external: bool | NotGiven = NOT_GIVEN,
        routes: Sequence[RouteDict | Route] | NotGiven = NOT_GIVEN,
    ) -> Router:
        """Updates a router (``PATCH /networking/v1/routers/{router_id}``)."""
    def delete(self, router_id: str) -> None:
        """Deletes a router (``DELETE /networking/v1/routers/{router_id}``)."""

@final
class RouterInterfacesHandler:
    """A router's interfaces (``tavu.router_interfaces``)."""

    def list(self, router_id: str) -> builtins.list[Port]:
        """Lists a router's interfaces (``GET /networking/v1/routers/{router_id}/interfaces``)."""
    def get(self, router_id: str, interface_id: str) -> Port:
        """Shows one interface (``GET .../interfaces/{interface_id}``)."""
    def create(self, router_id: str, subnet_id: str) -> RouterInterface:
        """Connects the router to a subnet (``POST .../interfaces``)."""
    def delete(self, router_id: str, interface_id: str) -> RouterInterface:
        """Disconnects an interface (``DELETE .../interfaces/{interface_id}``); returns what was removed."""

@final
class SecurityGroupsHandler:
    """Security groups (``tavu.security_groups``)."""

    def list(self) -> builtins.list[SecurityGroup]:
        """Lists security groups (``GET /networking/v1/security-groups``)."""
    def get(self, security_group_id: str) -> SecurityGroup:
        """Shows one security group (``GET /networking/v1/security-groups/{security_group_id}``)."""
    def create(self, name: str, *, description: str | NotGiven = NOT_GIVEN) -> SecurityGroup:
        """Creates a security group (``POST /networking/v1/security-groups``)."""
    def update(
        self,
        security_group_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
    ) -> SecurityGroup:
        """Updates a security group (``PATCH /networking/v1/security-groups/{security_group_id}``)."""
    def delete(self, security_group_id: str) -> None:
        """Deletes a security group (``DELETE /networking/v1/security-groups/{security_group_id}``)."""

@final
class SecurityGroupRulesHandler:
    """A security group's rules (``tavu.security_group_rules``)."""

    def list(self, security_group_id: str) -> builtins.list[SecurityGroupRule]:
        """Lists a group's rules (``GET /networking/v1/security-groups/{security_group_id}/rules``)."""
    def get(self, security_group_id: str, rule_id: str) -> SecurityGroupRule:
        """Shows one rule (``GET .../rules/{rule_id}``)."""
    def create(
        self,
        security_group_id: str,
        direction: str,
        *,
        remote_group_id: str | NotGiven = NOT_GIVEN,
        remote_ip_prefix: str | NotGiven = NOT_GIVEN,
        protocol: str | NotGiven = NOT_GIVEN,
        ethertype: str | NotGiven = NOT_GIVEN,
        port_range_min: int | NotGiven = NOT_GIVEN,
        port_range_max: int | NotGiven = NOT_GIVEN,
    ) -> SecurityGroupRule:
        """Adds a rule (``POST .../rules``)."""
    def delete(self, security_group_id: str, rule_id: str) -> None:
        """Deletes a rule (``DELETE .../rules/{rule_id}``)."""

@final
class FloatingIpsHandler:
    """Floating IPs (``tavu.floating_ips``)."""

    def list(self) -> builtins.list[FloatingIp]:
        """Lists floating IPs (``GET /networking/v1/floating-ips``)."""
    def get(self, floating_ip_id: str) -> FloatingIp:
        """Shows one floating IP (``GET /networking/v1/floating-ips/{floating_ip_id}``)."""
    def update(
        self,
        floating_ip_id: str,
        *,
        port_id: str | None | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
    ) -> FloatingIp:
        """Associates, disassociates or describes a floating IP (``PATCH /networking/v1/floating-ips/{floating_ip_id}``)."""
    def delete(self, floating_ip_id: str) -> None:
        """Releases a floating IP (``DELETE /networking/v1/floating-ips/{floating_ip_id}``)."""
