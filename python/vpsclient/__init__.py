"""vpsclient: typed clients for the Tavu.io VPS API and the Joviam API.

Quick start::

    import vpsclient

    tavu = vpsclient.TavuClient()          # reads TAVU_API_KEY (and TAVU_TEAM_ID)
    for instance in tavu.instances.list():
        print(instance.id, instance.name, instance.status)

    joviam = vpsclient.JoviamClient()      # reads JOVIAM_TOKEN
    for instance in joviam.instances.list():
        print(instance.id, instance.name, instance.state)

Provider types live in :mod:`vpsclient.tavu` and :mod:`vpsclient.joviam`.

Every error raised is a :class:`VpsClientError`; see :mod:`vpsclient._errors`.
"""

from . import joviam, tavu
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
from ._native import JoviamClient, Sandbox, TavuClient, __version__
from ._sentinel import NOT_GIVEN, NotGiven

__all__ = [
    "TavuClient",
    "Sandbox",
    "JoviamClient",
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
