"""vpsclient: typed clients for the Tavu.io VPS API and the Joviam API."""

import os
from typing import Literal, final

from . import joviam as joviam, tavu as tavu
from ._errors import (
    ApiError as ApiError,
    AuthenticationError as AuthenticationError,
    BadRequestError as BadRequestError,
    ConfigError as ConfigError,
    DecodeError as DecodeError,
    InvalidArgumentError as InvalidArgumentError,
    NotFoundError as NotFoundError,
    PermissionDeniedError as PermissionDeniedError,
    RateLimitError as RateLimitError,
    RequestTimeoutError as RequestTimeoutError,
    ServerError as ServerError,
    TransportError as TransportError,
    ValidationError as ValidationError,
    VpsClientError as VpsClientError,
    WaitFailedError as WaitFailedError,
    WaitManyError as WaitManyError,
    WaitTimeoutError as WaitTimeoutError,
)
from ._sentinel import NOT_GIVEN as NOT_GIVEN, NotGiven as NotGiven

__all__ = [
    "TavuClient",
    "JoviamClient",
    "Sandbox",
    "NOT_GIVEN",
    "NotGiven",
    "tavu",
    "joviam",
    "__version__",
    "VpsClientError",
    "ApiError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ValidationError",
    "RateLimitError",
    "ServerError",
    "TransportError",
    "RequestTimeoutError",
    "DecodeError",
    "ConfigError",
    "InvalidArgumentError",
    "WaitTimeoutError",
    "WaitFailedError",
    "WaitManyError",
]

__version__: str

@final
class TavuClient:
    """A client of the Tavu.io VPS API.

    Sends ``Authorization: <api_key>`` and, when a team is set, ``X-Team-Id: <team_id>`` with
    every request. Raises :class:`ConfigError` when no API key is given or found in
    ``TAVU_API_KEY``, or when a setting is invalid.
    """

    def __new__(
        cls,
        api_key: str | None = None,
        *,
        team_id: str | None = None,
        base_url: str = "https://api.tavu.io/vps",
        timeout: float = 30.0,
        connect_timeout: float = 10.0,
        max_retries: int = 2,
        max_response_bytes: int = 67108864,
        ca_bundle: str | os.PathLike[str] | None = None,
        system_trust: bool = False,
        proxy: str | Literal[False] | None = None,
    ) -> TavuClient: ...
    @property
    def base_url(self) -> str:
        """The base URL requests go to."""
    @property
    def team_id(self) -> str | None:
        """The team requests act for, or None."""
    @staticmethod
    def operations() -> list[tuple[str, str, str, str]]:
        """Every operation, as ``(attribute, method, http_method, path_template)`` tuples."""
    @staticmethod
    def operation_parameters() -> list[tuple[str, str, list[str], list[str], list[str]]]:
        """Every operation's parameters, as ``(attribute, method, path_params, positional,
        body_fields)`` tuples; body fields that are not positional are keywords."""
    @property
    def instances(self) -> tavu.InstancesHandler:
        """Instances: create, list, change, delete, start, stop, resize, rebuild."""
    @property
    def instance_interfaces(self) -> tavu.InstanceInterfacesHandler:
        """An instance's network interfaces."""
    @property
    def instance_users(self) -> tavu.InstanceUsersHandler:
        """Instance users: accounts new instances are created with."""
    @property
    def instance_scripts(self) -> tavu.InstanceScriptsHandler:
        """Instance scripts: saved first-boot scripts."""
    @property
    def configurations(self) -> tavu.ConfigurationsHandler:
        """Configurations: the instance sizes on offer."""
    @property
    def ssh_keys(self) -> tavu.SshKeysHandler:
        """SSH keys."""
    @property
    def operating_systems(self) -> tavu.OperatingSystemsHandler:
        """Operating systems to boot from."""
    @property
    def instance_snapshots(self) -> tavu.InstanceSnapshotsHandler:
        """Instance snapshots."""
    @property
    def volumes(self) -> tavu.VolumesHandler:
        """Block storage volumes."""
    @property
    def volume_snapshots(self) -> tavu.VolumeSnapshotsHandler:
        """Volume snapshots."""
    @property
    def ports(self) -> tavu.PortsHandler:
        """Network ports."""
    @property
    def networks(self) -> tavu.NetworksHandler:
        """Private networks."""
    @property
    def subnets(self) -> tavu.SubnetsHandler:
        """Subnets."""
    @property
    def firewalls(self) -> tavu.FirewallsHandler:
        """Firewalls."""
    @property
    def firewall_rules(self) -> tavu.FirewallRulesHandler:
        """Firewall rules."""
    @property
    def routers(self) -> tavu.RoutersHandler:
        """Routers."""
    @property
    def router_interfaces(self) -> tavu.RouterInterfacesHandler:
        """Router interfaces."""
    @property
    def security_groups(self) -> tavu.SecurityGroupsHandler:
        """Security groups."""
    @property
    def security_group_rules(self) -> tavu.SecurityGroupRulesHandler:
        """Security group rules."""
    @property
    def floating_ips(self) -> tavu.FloatingIpsHandler:
        """Floating IPs."""

@final
class JoviamClient:
    """A client of the Joviam API.

    Sends ``Authorization: Bearer <token>`` with every request. Raises :class:`ConfigError` when
    no token is given or found in ``JOVIAM_TOKEN``, or when a setting is invalid.
    """

    def __new__(
        cls,
        token: str | None = None,
        *,
        base_url: str = "https://cloud.joviam.com/api/v1",
        timeout: float = 30.0,
        connect_timeout: float = 10.0,
        max_retries: int = 2,
        max_response_bytes: int = 67108864,
        ca_bundle: str | os.PathLike[str] | None = None,
        system_trust: bool = False,
        proxy: str | Literal[False] | None = None,
    ) -> JoviamClient: ...
    @property
    def base_url(self) -> str:
        """The base URL requests go to."""
    @staticmethod
    def operations() -> list[tuple[str, str, str, str]]:
        """Every operation, as ``(attribute, method, http_method, path_template)`` tuples."""
    @staticmethod
    def operation_parameters() -> list[tuple[str, str, list[str], list[str], list[str]]]:
        """Every operation's parameters, as ``(attribute, method, path_params, positional,
        body_fields)`` tuples; body fields that are not positional are keywords."""
    @property
    def console_sessions(self) -> joviam.ConsoleSessionsHandler:
        """Console sessions: remote VNC or serial access to instances."""
    @property
    def disks(self) -> joviam.DisksHandler:
        """Disks: create, resize, clone and delete block devices."""
    @property
    def instances(self) -> joviam.InstancesHandler:
        """Instances: create, change, start, stop and delete virtual machines, and their disks, keys, network adapters, availability group and context variables."""
    @property
    def ip_addresses(self) -> joviam.IpAddressesHandler:
        """IP addresses: allocate, update and deallocate."""
    @property
    def networks(self) -> joviam.NetworksHandler:
        """Networks: public ones, and private ones to create, change and delete."""
    @property
    def performance_tiers(self) -> joviam.PerformanceTiersHandler:
        """Performance tiers on offer for instances and disks."""
    @property
    def public_keys(self) -> joviam.PublicKeysHandler:
        """SSH public keys."""
    @property
    def regions(self) -> joviam.RegionsHandler:
        """Regions (data centers)."""
    @property
    def templates(self) -> joviam.TemplatesHandler:
        """Templates boot disks are provisioned from."""


@final
class Sandbox:
    """An offline sandbox of both clouds on 127.0.0.1: a stateful simulator of the Tavu.io and
    Joviam APIs that the clients reach over real HTTP. Use it as a context manager."""

    def __new__(cls, *, port: int = 0, build_delay: float = 0.5, rate_limit: int | None = None) -> Sandbox: ...
    @property
    def url(self) -> str:
        """The server's root URL, e.g. ``http://127.0.0.1:40123``."""
    @property
    def tavu_base_url(self) -> str:
        """The Tavu base URL in the sandbox (``<url>/tavu``)."""
    @property
    def joviam_base_url(self) -> str:
        """The Joviam base URL in the sandbox (``<url>/joviam``)."""
    @property
    def tavu_key(self) -> str:
        """The Tavu API key the sandbox accepts."""
    @property
    def joviam_token(self) -> str:
        """The Joviam access token the sandbox accepts."""
    def tavu_client(self) -> TavuClient:
        """A TavuClient pointed at the sandbox, with its key."""
    def joviam_client(self) -> JoviamClient:
        """A JoviamClient pointed at the sandbox, with its token."""
    def stop(self) -> None:
        """Stops the server. Calling it again does nothing."""
    def __enter__(self) -> Sandbox: ...
    def __exit__(self, *args: object) -> bool: ...
