"""vpsclient: typed clients for the Tavu.io VPS API and the Joviam API.

Quick start::

    import vpsclient

    tavu = vpsclient.TavuClient()          # reads TAVU_API_KEY (and TAVU_TEAM_ID)
    for instance in tavu.instances.list():
        print(instance.id, instance.name, instance.status)

Every error raised is a :class:`VpsClientError`; see :mod:`vpsclient._errors`.
"""

from . import tavu
from ._errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    ConfigError,
    DecodeError,
    InvalidArgumentError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestTimeoutError,
    ServerError,
    TransportError,
    ValidationError,
    VpsClientError,
    WaitFailedError,
    WaitManyError,
    WaitTimeoutError,
)
from ._native import TavuClient, __version__
from ._sentinel import NOT_GIVEN, NotGiven

__all__ = [
    "TavuClient",
    "NOT_GIVEN",
    "NotGiven",
    "tavu",
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
