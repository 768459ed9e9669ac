"""Joviam API types: the models it returns, the resource handler classes, and the values its
states and modes take.

The client itself is :class:`vpsclient.JoviamClient`; its attributes (``joviam.instances``, ...)
are the handlers below. Optional body fields default to :data:`vpsclient.NOT_GIVEN` (left out of
the request); only the fields typed ``... | None`` accept ``None``, which sends JSON ``null`` to
clear the value on the server (an IP address's ``name``; a network's ``name``, ``gateway`` and
name servers).

State and mode attributes (``Instance.state``, ``Disk.state``, ``Instance.boot_device``, ...) are
plain ``str``, so a value the reference does not list still arrives; the str-Enums below name the
listed values and compare equal to them.
"""

import builtins
import enum
from collections.abc import Sequence
from typing import Any, ClassVar, Final, Literal, TypedDict, final, overload

from typing_extensions import Self

from ._sentinel import NOT_GIVEN, NotGiven

__all__ = [
    "BootDevice",
    "ConsoleSession",
    "ConsoleSessionState",
    "ConsoleSessionType",
    "ConsoleSessionsHandler",
    "DHCP",
    "Disk",
    "DiskState",
    "DisksHandler",
    "Instance",
    "InstanceState",
    "InstancesHandler",
    "IpAddress",
    "IpAddressesHandler",
    "Network",
    "NetworkAdapter",
    "NetworkAdapterSpec",
    "NetworkState",
    "NetworksHandler",
    "PerformanceTier",
    "PerformanceTiersHandler",
    "PublicKey",
    "PublicKeysHandler",
    "Region",
    "RegionsHandler",
    "Template",
    "TemplatesHandler",
    "Virtualization",
]

# The values states and modes take: str-Enums whose members are the strings themselves.

# A base without members, as at runtime; mypy flags member-less enums in stubs in case
# members were declared as annotations, which is not the case here.
class _StrEnum(str, enum.Enum):  # type: ignore[misc]
    """A ``str`` enum whose members print as their value."""

    # Looks a member up by its value (``InstanceState("running")``), as Enum does, rather than
    # building a new str.
    def __new__(cls, value: str) -> Self: ...
    def __str__(self) -> str: ...
    # Declared because a custom __new__ hides the members' value type from mypy.
    _value_: str
    @property
    def value(self) -> str: ...

class ConsoleSessionState(_StrEnum):
    """States of a console session (``ConsoleSession.state``)."""

    FAILED = "failed"
    INITIATING = "initiating"
    READY = "ready"

class ConsoleSessionType(_StrEnum):
    """Kinds of console session (``ConsoleSession.type``, ``instances.remote_access(type=)``)."""

    SERIAL = "serial"
    VNC = "vnc"

class DiskState(_StrEnum):
    """States of a disk (``Disk.state``, ``disks.state()``)."""

    ATTACHED = "attached"
    ATTACHING = "attaching"
    DETACHING = "detaching"
    FAILED_TO_PROVISION = "failed_to_provision"
    FAILED_TO_TERMINATE = "failed_to_terminate"
    INITIAL = "initial"
    PENDING = "pending"
    PENDING_VERIFICATION = "pending_verification"
    PROVISIONING = "provisioning"
    RESIZING = "resizing"
    TERMINATED = "terminated"
    TERMINATING = "terminating"
    TRANSFERRED = "transferred"
    UNATTACHED = "unattached"

class InstanceState(_StrEnum):
    """States of an instance (``Instance.state``, ``instances.state()``)."""

    FAILED_TO_PROVISION = "failed_to_provision"
    INITIAL = "initial"
    PENDING_VERIFICATION = "pending_verification"
    PROVISIONING = "provisioning"
    RUNNING = "running"
    STARTING = "starting"
    STOPPED = "stopped"
    STOPPING = "stopping"
    TERMINATED = "terminated"
    TERMINATING = "terminating"
    TRANSFERRED = "transferred"
    UPDATING = "updating"
    UPDATING_NETWORK = "updating_network"

class NetworkState(_StrEnum):
    """States of a network (``Network.state``)."""

    FAILED_TO_PROVISION = "failed_to_provision"
    INITIAL = "initial"
    PENDING_VERIFICATION = "pending_verification"
    PROVISIONING = "provisioning"
    READY = "ready"
    TERMINATED = "terminated"
    TERMINATING = "terminating"
    TRANSFERRED = "transferred"

class BootDevice(_StrEnum):
    """Devices an instance boots from (``Instance.boot_device``, ``boot_device=``)."""

    CDROM = "cdrom"
    DISK = "disk"
    NETWORK = "network"

class Virtualization(_StrEnum):
    """Virtualization modes (``Instance.virtualization``, ``Template.recommended_virtualization``,
    ``virtualization=``)."""

    HVM = "hvm"
    PV = "pv"

# Structured arguments: plain dicts.

DHCP: Final = "dhcp"
"""The ``ip_addresses`` value of a network adapter that takes its address from DHCP."""

class NetworkAdapterSpec(TypedDict):
    """One adapter for ``instances.set_network_adapters``: the network's ID, and either a list of
    IP address IDs (possibly empty) or ``"dhcp"``."""

    network: str
    ip_addresses: list[str] | Literal["dhcp"]

# Models: frozen objects, one read-only attribute per JSON field, compared by value.

@final
class Region:
    """A physical region (a data center)."""

    @property
    def id(self) -> str:
        """Region ID."""
    @property
    def name(self) -> str:
        """Name, e.g. ``AU East``."""
    @property
    def code(self) -> str:
        """Code, e.g. ``SY3``."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class PerformanceTier:
    """A pre-defined set of performance characteristics for a disk or an instance."""

    @property
    def id(self) -> str:
        """Performance tier ID."""
    @property
    def name(self) -> str:
        """Name, e.g. ``Standard``."""
    @property
    def region(self) -> Region:
        """The region where it is available."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Template:
    """A template boot disks are provisioned from."""

    @property
    def id(self) -> str:
        """Template ID."""
    @property
    def name(self) -> str | None:
        """Name, e.g. ``Ubuntu 16.04``."""
    @property
    def region(self) -> Region:
        """The region where it is available."""
    @property
    def minimum_disk_size(self) -> int | None:
        """Smallest boot disk that can use it, in gigabytes."""
    @property
    def allows_public_key_auth(self) -> bool:
        """Whether its operating system supports SSH public keys."""
    @property
    def slug(self) -> str | None:
        """Short name that finds the latest version of the template, e.g. ``ubuntu-16-04``."""
    @property
    def version(self) -> int:
        """Version, from 1, raised each time its source disk changes."""
    @property
    def disk_id(self) -> str | None:
        """The disk holding its data; ``None`` for system templates."""
    @property
    def published(self) -> bool:
        """Whether it is published to other organizations."""
    @property
    def superseded_by_id(self) -> str | None:
        """The template that superseded this one, if any."""
    @property
    def recommended_virtualization(self) -> str:
        """The virtualization mode recommended (sometimes required), e.g. ``hvm``; see :class:`Virtualization`."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Disk:
    """A block device that can be attached to instances."""

    @property
    def id(self) -> str:
        """Disk ID."""
    @property
    def name(self) -> str:
        """Name."""
    @property
    def position(self) -> int | None:
        """Position at which it is attached to its instance, from 0."""
    @property
    def size(self) -> int:
        """Size in gigabytes."""
    @property
    def performance_tier(self) -> PerformanceTier:
        """Its performance tier."""
    @property
    def template(self) -> Template | None:
        """The template it was sourced from, if any."""
    @property
    def state(self) -> str:
        """State, e.g. ``attached``; see :class:`DiskState`."""
    @property
    def region(self) -> Region:
        """The region it is in."""
    @property
    def instance_id(self) -> str | None:
        """The instance it is attached to, if any."""
    @property
    def cdrom(self) -> bool:
        """Whether it emulates a CD-ROM."""
    @property
    def is_template(self) -> bool:
        """Whether it is a template other disks can be cloned from."""
    @property
    def created_at(self) -> str | None:
        """When it was created."""
    @property
    def updated_at(self) -> str | None:
        """When its configuration last changed."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class PublicKey:
    """An SSH public key that can log into SSH-enabled instances."""

    @property
    def id(self) -> str:
        """Public key ID."""
    @property
    def name(self) -> str:
        """Name."""
    @property
    def key(self) -> str:
        """The key, in OpenSSH format."""
    @property
    def created_at(self) -> str | None:
        """When it was created."""
    @property
    def updated_at(self) -> str | None:
        """When it last changed."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Network:
    """A virtual network."""

    @property
    def id(self) -> str:
        """Network ID."""
    @property
    def name(self) -> str | None:
        """Name."""
    @property
    def is_public(self) -> bool:
        """Whether it is public (routable on the Internet)."""
    @property
    def specification(self) -> str:
        """Its range in CIDR notation, e.g. ``192.168.2.0/24``."""
    @property
    def netmask(self) -> str:
        """Netmask, e.g. ``255.255.255.0``."""
    @property
    def gateway(self) -> str | None:
        """Gateway address, if any."""
    @property
    def primary_nameserver(self) -> str | None:
        """Primary name server, if any."""
    @property
    def secondary_nameserver(self) -> str | None:
        """Secondary name server, if any."""
    @property
    def state(self) -> str:
        """State, e.g. ``ready``; see :class:`NetworkState`."""
    @property
    def network_address(self) -> str:
        """Reserved network address (the first of its range)."""
    @property
    def region(self) -> Region:
        """The region it is in."""
    @property
    def created_at(self) -> str | None:
        """When it was created."""
    @property
    def updated_at(self) -> str | None:
        """When it last changed."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class IpAddress:
    """An IP address."""

    @property
    def id(self) -> str:
        """IP address ID."""
    @property
    def name(self) -> str | None:
        """Name, if any."""
    @property
    def address(self) -> str:
        """The address, in IPv4 notation."""
    @property
    def network_id(self) -> str:
        """The network it belongs to."""
    @property
    def instance_ids(self) -> list[str]:
        """The instances it is attached to."""
    @property
    def shareable(self) -> bool:
        """Whether it can be shared between instances."""
    @property
    def created_at(self) -> str | None:
        """When it was allocated."""
    @property
    def updated_at(self) -> str | None:
        """When it last changed."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class NetworkAdapter:
    """A network adapter (NIC): the binding between an instance and a network."""

    @property
    def id(self) -> str:
        """Network adapter ID."""
    @property
    def index(self) -> int:
        """Position on the instance (2 is ``eth2``)."""
    @property
    def dhcp(self) -> bool:
        """Whether DHCP is on for it."""
    @property
    def network(self) -> Network:
        """The network it connects to."""
    @property
    def ip_addresses(self) -> list[IpAddress]:
        """Static IP addresses attached to it."""
    @property
    def created_at(self) -> str | None:
        """When it was created."""
    @property
    def updated_at(self) -> str | None:
        """When it last changed."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Instance:
    """A virtual machine."""

    @property
    def id(self) -> str:
        """Instance ID."""
    @property
    def name(self) -> str:
        """Name."""
    @property
    def memory(self) -> int:
        """Memory in megabytes."""
    @property
    def virtualization(self) -> str:
        """Virtualization mode, e.g. ``hvm``; see :class:`Virtualization`."""
    @property
    def hostname(self) -> str:
        """Host name."""
    @property
    def boot_device(self) -> str:
        """The device it boots from, e.g. ``disk``; see :class:`BootDevice`."""
    @property
    def start_on_shutdown(self) -> bool:
        """Whether it is restarted after a shutdown."""
    @property
    def start_on_reboot(self) -> bool:
        """Whether it is restarted after a reboot."""
    @property
    def start_on_crash(self) -> bool:
        """Whether it is restarted after a crash."""
    @property
    def state(self) -> str:
        """State, e.g. ``running``, ``stopped``, ``terminating``; see :class:`InstanceState`."""
    @property
    def performance_tier(self) -> PerformanceTier:
        """Its performance tier."""
    @property
    def disks(self) -> list[Disk]:
        """Attached disks, in device order."""
    @property
    def public_keys(self) -> list[PublicKey]:
        """Public keys that can log into it."""
    @property
    def network_adapters(self) -> list[NetworkAdapter]:
        """Network adapters, in order."""
    @property
    def availability_group(self) -> list[str]:
        """IDs of the instances grouped with it for high availability."""
    @property
    def region(self) -> Region:
        """The region it is in."""
    @property
    def created_at(self) -> str | None:
        """When it was created."""
    @property
    def updated_at(self) -> str | None:
        """When its configuration last changed."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class ConsoleSession:
    """A remote console session to an instance, over VNC or serial. Once ``ready``, its
    connection details can be used once. ``repr()`` masks the ``token``."""

    @property
    def id(self) -> str:
        """Console session ID."""
    @property
    def state(self) -> str:
        """State: ``initiating``, ``ready`` or ``failed``; see :class:`ConsoleSessionState`."""
    @property
    def host(self) -> str | None:
        """Host to connect to (serial sessions)."""
    @property
    def port(self) -> int | None:
        """Port to connect to (serial sessions)."""
    @property
    def token(self) -> str | None:
        """The VNC password or serial key. A secret."""
    @property
    def type(self) -> str:
        """``vnc`` or ``serial``; see :class:`ConsoleSessionType`."""
    @property
    def url(self) -> str | None:
        """Websockets URL (VNC sessions)."""
    @property
    def instance_id(self) -> str:
        """The instance it connects to."""
    @property
    def created_at(self) -> str | None:
        """When it was created."""
    @property
    def updated_at(self) -> str | None:
        """When it last changed."""
    def to_dict(self) -> dict[str, Any]:
        """The object as a plain dict of JSON values, as the server sent it."""
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

# Handlers: the attributes of JoviamClient, one per resource; each method is one API call.
# (``builtins.list`` because most handlers have a method named ``list``.)

@final
class ConsoleSessionsHandler:
    """Console sessions (``joviam.console_sessions``): remote VNC or serial access to an
    instance, started with ``instances.remote_access``."""

    def get(self, console_session_id: str) -> ConsoleSession:
        """Shows a console session (``GET /console_sessions/{console_session_id}``); poll it until its state is ``ready``."""

@final
class DisksHandler:
    """Disks (``joviam.disks``): block devices that can be attached to instances."""

    def list(self) -> builtins.list[Disk]:
        """Lists disks (``GET /disks``)."""
    def get(self, disk_id: str) -> Disk:
        """Shows one disk (``GET /disks/{disk_id}``)."""
    def create(
        self,
        name: str,
        size: int,
        region: str,
        performance_tier: str,
        *,
        template: str | NotGiven = NOT_GIVEN,
        cdrom: bool | NotGiven = NOT_GIVEN,
        is_template: bool | NotGiven = NOT_GIVEN,
    ) -> Disk:
        """Creates a disk (``POST /disks``), blank unless a template (ID or slug) is given."""
    def update(
        self,
        disk_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        cdrom: bool | NotGiven = NOT_GIVEN,
        is_template: bool | NotGiven = NOT_GIVEN,
    ) -> Disk:
        """Updates a disk (``PUT /disks/{disk_id}``)."""
    def delete(self, disk_id: str) -> Disk:
        """Deletes a disk (``DELETE /disks/{disk_id}``) and returns it in its new state."""
    def state(self, disk_id: str) -> str:
        """The state of a disk (``GET /disks/{disk_id}/state``), e.g. ``attached``; see :class:`DiskState`."""
    def resize(self, disk_id: str, size: int) -> Disk:
        """Resizes a disk to ``size`` gigabytes (``POST /disks/{disk_id}/resize``)."""
    def clone(
        self,
        disk_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        performance_tier: str | NotGiven = NOT_GIVEN,
        is_template: bool | NotGiven = NOT_GIVEN,
    ) -> Disk:
        """Clones a disk (``POST /disks/{disk_id}/clone``) and returns the new disk."""
    @overload
    def wait_for_state(
        self, disk_id: str, state: str, *, timeout: float = 600.0, interval: float = 5.0
    ) -> Disk:
        """Waits until a disk, or each of a list of disks, has ``state`` (e.g. ``"unattached"``); raises WaitTimeoutError, WaitFailedError (``failed_to_provision``, ``failed_to_terminate``) or WaitManyError."""
    @overload
    def wait_for_state(
        self,
        disk_id: builtins.list[str] | tuple[str, ...],
        state: str,
        *,
        timeout: float = 600.0,
        interval: float = 5.0,
    ) -> builtins.list[Disk]: ...
    def wait_for_deletion(self, disk_id: str, *, timeout: float = 600.0, interval: float = 5.0) -> None:
        """Waits until a disk is gone (its GET answers 404, or its state is ``terminated``)."""

@final
class InstancesHandler:
    """Instances (``joviam.instances``): create, assemble, change, start, stop and delete virtual
    machines, replace their disks, keys, adapters and availability group, open remote consoles,
    and manage their context variables."""

    def list(self) -> builtins.list[Instance]:
        """Lists instances (``GET /instances``)."""
    def get(self, instance_id: str) -> Instance:
        """Shows one instance (``GET /instances/{instance_id}``)."""
    def create(
        self,
        name: str,
        memory: int,
        region: str,
        instance_performance_tier: str,
        disk_performance_tier: str,
        template: str,
        size: int,
        *,
        allocate_private_ip: bool | NotGiven = NOT_GIVEN,
        allocate_public_ip: bool | NotGiven = NOT_GIVEN,
        availability_group: builtins.list[str] | tuple[str, ...] | NotGiven = NOT_GIVEN,
        networks: builtins.list[str] | tuple[str, ...] | NotGiven = NOT_GIVEN,
        public_keys: builtins.list[str] | tuple[str, ...] | NotGiven = NOT_GIVEN,
        start_when_ready: bool | NotGiven = NOT_GIVEN,
    ) -> Instance:
        """Creates an instance with a new boot disk (``POST /instances``, "Basic Create"): memory in MB, template ID or slug, size in GB."""
    def assemble(
        self,
        name: str,
        memory: int,
        region: str,
        performance_tier: str,
        *,
        availability_group: builtins.list[str] | tuple[str, ...] | NotGiven = NOT_GIVEN,
        boot_device: str | NotGiven = NOT_GIVEN,
        disks: builtins.list[str] | tuple[str, ...] | NotGiven = NOT_GIVEN,
        ip_addresses: builtins.list[str] | tuple[str, ...] | NotGiven = NOT_GIVEN,
        public_keys: builtins.list[str] | tuple[str, ...] | NotGiven = NOT_GIVEN,
        start_on_crash: bool | NotGiven = NOT_GIVEN,
        start_on_reboot: bool | NotGiven = NOT_GIVEN,
        start_on_shutdown: bool | NotGiven = NOT_GIVEN,
        virtualization: str | NotGiven = NOT_GIVEN,
    ) -> Instance:
        """Creates an instance from existing disks and IP addresses (``POST /instances/assemble``, "Advanced Create")."""
    def update(
        self,
        instance_id: str,
        *,
        boot_device: str | NotGiven = NOT_GIVEN,
        memory: int | NotGiven = NOT_GIVEN,
        name: str | NotGiven = NOT_GIVEN,
        note: str | NotGiven = NOT_GIVEN,
        performance_tier: str | NotGiven = NOT_GIVEN,
        start_on_crash: bool | NotGiven = NOT_GIVEN,
        start_on_reboot: bool | NotGiven = NOT_GIVEN,
        start_on_shutdown: bool | NotGiven = NOT_GIVEN,
        virtualization: str | NotGiven = NOT_GIVEN,
    ) -> Instance:
        """Updates an instance (``PUT /instances/{instance_id}``); only the fields given are sent."""
    def delete(self, instance_id: str) -> Instance:
        """Deletes an instance (``DELETE /instances/{instance_id}``); returns it ``terminating``."""
    def state(self, instance_id: str) -> str:
        """The state of an instance (``GET /instances/{instance_id}/state``), e.g. ``running``; see :class:`InstanceState`."""
    def note(self, instance_id: str) -> str:
        """The note of an instance (``GET /instances/{instance_id}/note``), set with ``update(note=...)``."""
    def start(self, instance_id: str) -> Instance:
        """Starts an instance (``POST /instances/{instance_id}/start``); returns it ``starting``."""
    def stop(self, instance_id: str) -> Instance:
        """Stops an instance (``POST /instances/{instance_id}/stop``); returns it ``stopping``."""
    def remote_access(self, instance_id: str, *, type: str | NotGiven = NOT_GIVEN) -> ConsoleSession:
        """Starts a remote console session (``POST /instances/{instance_id}/remote_access``) of ``type`` ``vnc`` or ``serial``; poll it with ``console_sessions.get``."""
    def set_disks(self, instance_id: str, disks: builtins.list[str] | tuple[str, ...]) -> builtins.list[Disk]:
        """Replaces the disks attached to an instance, IDs in device order (``PUT /instances/{instance_id}/disks``), and returns the attached disks."""
    def set_public_keys(
        self, instance_id: str, public_keys: builtins.list[str] | tuple[str, ...]
    ) -> builtins.list[PublicKey]:
        """Replaces the public keys of an instance (``PUT /instances/{instance_id}/public_keys``) and returns them."""
    def set_network_adapters(
        self, instance_id: str, network_adapters: Sequence[NetworkAdapterSpec]
    ) -> builtins.list[NetworkAdapter]:
        """Replaces the network adapters of an instance (``PUT /instances/{instance_id}/network_adapters``) and returns them; each is ``{"network": id, "ip_addresses": [ids] or "dhcp"}``."""
    def set_availability_group(
        self, instance_id: str, availability_group: builtins.list[str] | tuple[str, ...]
    ) -> builtins.list[str]:
        """Replaces the instances grouped with this one (``PUT /instances/{instance_id}/availability_group``) and returns their IDs."""
    def get_context(self, instance_id: str) -> dict[str, str]:
        """The context variables of an instance (``GET /instances/{instance_id}/context``)."""
    def set_context(self, instance_id: str, variables: dict[str, str]) -> dict[str, str]:
        """Replaces all context variables of an instance (``POST /instances/{instance_id}/context``) and returns them."""
    def update_context(self, instance_id: str, variables: dict[str, str]) -> dict[str, str]:
        """Merges ``variables`` into the context variables of an instance (``PUT /instances/{instance_id}/context``) and returns all of them."""
    def delete_context_variable(self, instance_id: str, key: str) -> dict[str, str]:
        """Deletes one context variable (``DELETE /instances/{instance_id}/context/{key}``) and returns the variables left."""
    @overload
    def wait_for_state(
        self, instance_id: str, state: str, *, timeout: float = 600.0, interval: float = 5.0
    ) -> Instance:
        """Waits until an instance, or each of a list of instances, has ``state`` (e.g. ``"running"``); raises WaitTimeoutError, WaitFailedError (``failed_to_provision``) or WaitManyError."""
    @overload
    def wait_for_state(
        self,
        instance_id: builtins.list[str] | tuple[str, ...],
        state: str,
        *,
        timeout: float = 600.0,
        interval: float = 5.0,
    ) -> builtins.list[Instance]: ...
    def wait_for_deletion(self, instance_id: str, *, timeout: float = 600.0, interval: float = 5.0) -> None:
        """Waits until an instance is gone (its GET answers 404, or its state is ``terminated``)."""

@final
class IpAddressesHandler:
    """IP addresses (``joviam.ip_addresses``): allocate, name, share and release addresses."""

    def list(self) -> builtins.list[IpAddress]:
        """Lists all IP addresses (``GET /ip_addresses``)."""
    def list_public(self) -> builtins.list[IpAddress]:
        """Lists public IP addresses (``GET /ip_addresses/public``)."""
    def list_private(self) -> builtins.list[IpAddress]:
        """Lists private IP addresses (``GET /ip_addresses/private``)."""
    def get(self, ip_address_id: str) -> IpAddress:
        """Shows one IP address (``GET /ip_addresses/{ip_address_id}``)."""
    def allocate(
        self,
        *,
        address: str | NotGiven = NOT_GIVEN,
        name: str | None | NotGiven = NOT_GIVEN,
        network: str | NotGiven = NOT_GIVEN,
        region: str | NotGiven = NOT_GIVEN,
        shareable: bool | NotGiven = NOT_GIVEN,
    ) -> IpAddress:
        """Allocates an IP address (``POST /ip_addresses``) on a ``network``, or for a public address in a ``region``; ``name=None`` sends null."""
    def update(
        self,
        ip_address_id: str,
        *,
        name: str | None | NotGiven = NOT_GIVEN,
        shareable: bool | NotGiven = NOT_GIVEN,
    ) -> IpAddress:
        """Updates an IP address (``PUT /ip_addresses/{ip_address_id}``); ``name=None`` clears the name."""
    def deallocate(self, ip_address_id: str) -> None:
        """Deallocates an IP address (``DELETE /ip_addresses/{ip_address_id}``)."""

@final
class NetworksHandler:
    """Networks (``joviam.networks``): public networks, and the private ones you create."""

    def list(self) -> builtins.list[Network]:
        """Lists all networks (``GET /networks``)."""
    def list_public(self) -> builtins.list[Network]:
        """Lists public networks (``GET /networks/public``)."""
    def list_private(self) -> builtins.list[Network]:
        """Lists private networks (``GET /networks/private``)."""
    def get(self, network_id: str) -> Network:
        """Shows one network (``GET /networks/{network_id}``)."""
    def create(
        self,
        name: str | None,
        region: str,
        specification: str,
        *,
        gateway: str | None | NotGiven = NOT_GIVEN,
        primary_nameserver: str | None | NotGiven = NOT_GIVEN,
        secondary_nameserver: str | None | NotGiven = NOT_GIVEN,
    ) -> Network:
        """Creates a private network (``POST /networks``) from a name (None sends null), a region ID and a CIDR specification."""
    def update(
        self,
        network_id: str,
        *,
        gateway: str | None | NotGiven = NOT_GIVEN,
        name: str | None | NotGiven = NOT_GIVEN,
        primary_nameserver: str | None | NotGiven = NOT_GIVEN,
        secondary_nameserver: str | None | NotGiven = NOT_GIVEN,
    ) -> Network:
        """Updates a private network (``PUT /networks/{network_id}``); None clears a field, leaving it out keeps it."""
    def delete(self, network_id: str) -> Network:
        """Deletes a private network (``DELETE /networks/{network_id}``) and returns it in its new state."""

@final
class PerformanceTiersHandler:
    """Performance tiers (``joviam.performance_tiers``) on offer for instances and for disks."""

    def list_instance(self) -> builtins.list[PerformanceTier]:
        """Lists the instance performance tiers (``GET /performance_tiers/instances``)."""
    def list_disk(self) -> builtins.list[PerformanceTier]:
        """Lists the disk performance tiers (``GET /performance_tiers/disks``)."""

@final
class PublicKeysHandler:
    """Public keys (``joviam.public_keys``): SSH keys that can log into instances."""

    def list(self) -> builtins.list[PublicKey]:
        """Lists public keys (``GET /public_keys``)."""
    def get(self, public_key_id: str) -> PublicKey:
        """Shows one public key (``GET /public_keys/{public_key_id}``)."""
    def create(self, name: str, key: str) -> PublicKey:
        """Uploads a public key in OpenSSH format (``POST /public_keys``)."""
    def update(self, public_key_id: str, *, name: str | NotGiven = NOT_GIVEN) -> PublicKey:
        """Renames a public key (``PUT /public_keys/{public_key_id}``)."""
    def delete(self, public_key_id: str) -> None:
        """Deletes a public key (``DELETE /public_keys/{public_key_id}``)."""

@final
class RegionsHandler:
    """Regions (``joviam.regions``): the data centers."""

    def list(self) -> builtins.list[Region]:
        """Lists regions (``GET /regions``)."""
    def get(self, region_id: str) -> Region:
        """Shows one region (``GET /regions/{region_id}``)."""

@final
class TemplatesHandler:
    """Templates (``joviam.templates``): what boot disks are provisioned from."""

    def list(self) -> builtins.list[Template]:
        """Lists templates (``GET /templates``)."""
    def get(self, template_id: str) -> Template:
        """Shows one template (``GET /templates/{template_id}``)."""
    def supersede(self, disk: str, supersedes: str) -> Template:
        """Creates a new version of the template ``supersedes`` from the disk ``disk`` (``POST /templates``)."""
