"""The exceptions vpsclient raises, all rooted at :class:`VpsClientError`.

The compiled module raises these classes; they live in Python so they can subclass builtins
(``TimeoutError``, ``TypeError``) and pickle under the stable ABI.
"""

from __future__ import annotations

MYPY = False
if MYPY:  # for type checkers only: importing typing costs a third of the import time
    from typing import Any, Optional

__all__ = [
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


def _rebuild(cls: type, text: str, attributes: dict) -> "VpsClientError":
    return cls(text, **attributes)


class VpsClientError(Exception):
    """Base class of every error raised by vpsclient.

    Attributes:
        message: What went wrong. For API errors, the server's own message.
        retryable: Whether sending the same request again is safe and may succeed: a 429;
            a 5xx, 408, timeout or transport failure of a GET, PUT, DELETE or HEAD; a POST or
            PATCH whose connection was never made. False where a retry could act twice (a
            POST that may have reached the server), for bodies over the size limit, and for
            input errors.
    """

    message: str
    retryable: bool = False

    def __init__(self, text: str = "", **attributes: Any) -> None:
        super().__init__(text)
        self._attributes = attributes
        self.message = attributes.pop("message", None) or text
        for name, value in attributes.items():
            setattr(self, name, value)
        self._attributes["message"] = self.message

    def __reduce__(self) -> Any:
        return (_rebuild, (type(self), str(self), dict(self._attributes)))


class ApiError(VpsClientError):
    """The server answered with an error status.

    Attributes:
        status: The HTTP status code.
        method: The HTTP method of the request.
        url: The URL of the request (never holds the credential).
        code: The provider's error code (Joviam's ``error``, e.g. ``"invalid_token"``), or None.
        message: The server's message (``error_description``, ``details`` text, Tavu's hint).
        details: Structured details: Joviam's ``{field: [messages]}`` map for a 422, or None.
        retry_after: For a 429, the seconds the server asked to wait, or None.
        request_id: The server's request ID, for the provider's support desk, or None.
        attempts: How many times the request was sent (retries included).
        location: For a redirect that was not followed (a 3xx to anything but GET/HEAD, or
            to another origin), where the server pointed; otherwise None.
        retryable: True only where sending the request again is safe: a 429, or a 408/5xx of
            a GET, PUT, DELETE or HEAD.
    """

    status: int
    method: str
    url: str
    code: Optional[str] = None
    details: Any = None
    retry_after: Optional[float] = None
    request_id: Optional[str] = None
    attempts: int = 1
    location: Optional[str] = None


class BadRequestError(ApiError):
    """400: the request was malformed."""


class AuthenticationError(ApiError):
    """401: the credential is missing, wrong, expired or revoked (see ``code``)."""


class PermissionDeniedError(ApiError):
    """403: authenticated, but not allowed to do this."""


class NotFoundError(ApiError):
    """404: the object or the URL does not exist."""


class ValidationError(ApiError):
    """422: the request failed validation; ``details`` maps fields to messages."""


class RateLimitError(ApiError):
    """429: too many requests; ``retry_after`` says how long to wait."""


class ServerError(ApiError):
    """5xx: the server failed."""


class TransportError(VpsClientError):
    """No usable response came: connection refused or reset, DNS or TLS failure, or a body
    over ``max_response_bytes``.

    Attributes:
        method: The HTTP method of the request.
        url: The URL of the request.
        attempts: How many times the request was tried (retries included).
    """

    method: str
    url: str
    attempts: int = 1


class RequestTimeoutError(TransportError, TimeoutError):
    """The request did not complete within the client's timeout."""


class DecodeError(VpsClientError):
    """A success response whose body does not match the expected model.

    Attributes:
        status: The HTTP status of the response.
        method: The HTTP method of the request.
        url: The URL of the request.
        path: Where in the body the mismatch is, e.g. ``"[0].ports[1].admin_state_up"``.
        excerpt: The start of the body.
        request_id: The server's request ID, or None.
    """

    status: int
    method: str
    url: str
    path: str
    excerpt: str
    request_id: Optional[str] = None


class ConfigError(VpsClientError):
    """The client cannot be built: no credential, or a malformed setting."""


class InvalidArgumentError(VpsClientError, TypeError, ValueError):
    """An argument of an operation is not acceptable: an unknown keyword, a missing field, a
    wrong type or an empty ID. Also a ``TypeError`` and a ``ValueError``."""


class WaitTimeoutError(VpsClientError, TimeoutError):
    """A waiter ran out of time before the object reached the wanted state.

    Attributes:
        resource: What was waited on, e.g. ``"instance"``.
        id: Its ID.
        wanted: The state waited for (``"deleted"`` when waiting for deletion).
        last_state: The last state seen, or None if no answer came.
        waited: Seconds waited.
    """

    resource: str
    id: str
    wanted: str
    last_state: Optional[str] = None
    waited: float


class WaitFailedError(VpsClientError):
    """A waiter stopped because the object reached a failure state (``error``,
    ``failed_to_provision``, ...).

    Attributes:
        resource: What was waited on.
        id: Its ID.
        wanted: The state waited for.
        state: The failure state reached.
    """

    resource: str
    id: str
    wanted: str
    state: str


class WaitManyError(VpsClientError):
    """A wait on several objects where some failed or timed out.

    Attributes:
        failures: ``(id, error)`` for every object that did not get there; each error is a
            :class:`WaitTimeoutError`, :class:`WaitFailedError` or an API error.
    """

    failures: list
