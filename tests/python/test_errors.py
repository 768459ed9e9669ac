"""The exception hierarchy: API errors by status, transport failures, timeouts, bodies that do
not match the model, and pickling."""

from __future__ import annotations

import pickle
import socket
import time

import pytest

import vpsclient
from vpsclient import (
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
)

from conftest import TAVU_KEY, TAVU_TEAM, load_fixture

INSTANCE = "1c06dd09-966b-4ea7-abf1-243b2a447c60"
INSTANCE_PATH = f"/compute/v1/instances/{INSTANCE}"


def client(api_server, **options) -> vpsclient.TavuClient:
    options.setdefault("max_retries", 0)
    return vpsclient.TavuClient(TAVU_KEY, team_id=TAVU_TEAM, base_url=api_server.url, **options)


# --- API errors by status ---------------------------------------------------------------------

@pytest.mark.parametrize("status, cls", [
    (400, BadRequestError),
    (401, AuthenticationError),
    (403, PermissionDeniedError),
    (404, NotFoundError),
    (422, ValidationError),
    (429, RateLimitError),
    (500, ServerError),
    (503, ServerError),
    (409, ApiError),
    (405, ApiError),
])
def test_status_maps_to_class(api_server, tavu, status, cls):
    api_server.reply(status, {"message": "Instance not found"}, headers={"X-Request-Id": "req-123"})
    with pytest.raises(cls) as excinfo:
        tavu.instances.get(INSTANCE)
    err = excinfo.value
    assert type(err) is cls
    assert isinstance(err, ApiError)
    assert isinstance(err, VpsClientError)
    assert not isinstance(err, TransportError)
    assert err.status == status
    assert err.method == "GET"
    assert err.url == api_server.url + INSTANCE_PATH
    assert err.message == "Instance not found"
    assert err.request_id == "req-123"
    assert err.code is None
    assert err.details is None
    assert str(status) in str(err) and "Instance not found" in str(err)
    assert TAVU_KEY not in str(err) and TAVU_KEY not in repr(err) and TAVU_KEY not in err.url
    assert len(api_server.requests) == 1


def test_method_and_url_of_a_post(api_server, tavu):
    api_server.reply(400, {"message": "bad"})
    with pytest.raises(BadRequestError) as excinfo:
        tavu.volumes.create(1, "v")
    assert excinfo.value.method == "POST"
    assert excinfo.value.url == api_server.url + "/storage/v1/volumes"


def test_rate_limit_retry_after(api_server, tavu):
    api_server.reply(429, {"message": "Slow down"}, headers={"Retry-After": "7"})
    started = time.monotonic()
    with pytest.raises(RateLimitError) as excinfo:
        tavu.instances.list()
    assert time.monotonic() - started < 2  # max_retries=0: no waiting
    err = excinfo.value
    assert err.retry_after == 7.0
    assert isinstance(err.retry_after, float)
    assert err.status == 429 and err.message == "Slow down"
    assert len(api_server.requests) == 1


def test_rate_limit_without_retry_after(api_server, tavu):
    api_server.reply(429, {"message": "Slow down"})
    with pytest.raises(RateLimitError) as excinfo:
        tavu.instances.list()
    assert excinfo.value.retry_after is None


def test_absent_request_id_is_none(api_server, tavu):
    api_server.reply(404, {"message": "x"})
    with pytest.raises(NotFoundError) as excinfo:
        tavu.instances.list()
    assert excinfo.value.request_id is None
    assert excinfo.value.retry_after is None


# --- what the server said ---------------------------------------------------------------------

def test_message_body(api_server, tavu):
    api_server.reply(404, {"message": "Instance not found"})
    with pytest.raises(NotFoundError) as excinfo:
        tavu.instances.get(INSTANCE)
    assert excinfo.value.message == "Instance not found"
    assert excinfo.value.code is None


def test_error_code_body(api_server, tavu):
    api_server.reply(404, {"error": "not_found"})
    with pytest.raises(NotFoundError) as excinfo:
        tavu.instances.get(INSTANCE)
    err = excinfo.value
    assert err.code == "not_found"
    assert err.message == "Not Found"  # the reason phrase; the code is in .code


def test_joviam_style_validation_body(api_server, tavu):
    details = {"memory": ["must be between 512MB and 64GB"]}
    api_server.reply(422, {"error": "validation_fail", "details": details})
    with pytest.raises(ValidationError) as excinfo:
        tavu.instances.create("n", "i", "c")
    err = excinfo.value
    assert err.code == "validation_fail"
    assert err.details == details
    assert type(err.details) is dict
    assert "must be between 512MB and 64GB" in err.message
    assert err.status == 422 and err.method == "POST"


def test_error_description_body(api_server, tavu):
    api_server.reply(401, {"error": "invalid_token", "error_description": "The access token expired"})
    with pytest.raises(AuthenticationError) as excinfo:
        tavu.instances.list()
    assert excinfo.value.code == "invalid_token"
    assert excinfo.value.message == "The access token expired"


def test_tavu_hint_body(api_server, tavu):
    api_server.reply(400, {"hint": "configuration_id is missing"})
    with pytest.raises(BadRequestError) as excinfo:
        tavu.instances.list()
    assert excinfo.value.message == "configuration_id is missing"
    assert excinfo.value.details == "configuration_id is missing"


def test_html_body(api_server, tavu):
    html = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    api_server.reply(502, raw=html, headers={"Content-Type": "text/html"})
    with pytest.raises(ServerError) as excinfo:
        tavu.instances.list()
    err = excinfo.value
    assert err.status == 502
    assert err.message == html.decode()
    assert err.code is None and err.details is None


def test_long_html_body_is_shortened(api_server, tavu):
    html = b"<html>" + b"x" * 5000 + b"</html>"
    api_server.reply(500, raw=html, headers={"Content-Type": "text/html"})
    with pytest.raises(ServerError) as excinfo:
        tavu.instances.list()
    assert excinfo.value.message.startswith("<html>xxx")
    assert len(excinfo.value.message) < 500


def test_empty_error_body_uses_the_reason_phrase(api_server, tavu):
    api_server.reply(500)
    with pytest.raises(ServerError) as excinfo:
        tavu.instances.list()
    assert excinfo.value.message == "Internal Server Error"


def test_openstack_request_id_header(api_server, tavu):
    api_server.reply(500, {"message": "boom"}, headers={"X-Openstack-Request-Id": "req-os-1"})
    with pytest.raises(ServerError) as excinfo:
        tavu.instances.list()
    assert excinfo.value.request_id == "req-os-1"


# --- retries ----------------------------------------------------------------------------------

def test_rate_limited_request_is_retried_when_allowed(api_server):
    api_server.reply(429, {"message": "Slow down"}, headers={"Retry-After": "0"})
    api_server.reply(body=[])
    assert client(api_server, max_retries=1).instances.list() == []
    assert len(api_server.requests) == 2


def test_post_is_not_retried_on_503(api_server):
    api_server.reply(503, {"message": "unavailable"})
    api_server.reply(body=load_fixture("tavu", "volumes.create")["response"])
    with pytest.raises(ServerError):
        client(api_server, max_retries=2).volumes.create(1, "v")
    assert len(api_server.requests) == 1


# --- no response ------------------------------------------------------------------------------

def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connection_refused_raises_transport_error():
    port = _closed_port()
    c = vpsclient.TavuClient(TAVU_KEY, base_url=f"http://127.0.0.1:{port}", max_retries=0, timeout=5)
    with pytest.raises(TransportError) as excinfo:
        c.instances.get(INSTANCE)
    err = excinfo.value
    assert type(err) is TransportError
    assert not isinstance(err, ApiError)
    assert not isinstance(err, TimeoutError)
    assert isinstance(err, VpsClientError)
    assert err.method == "GET"
    assert err.url == f"http://127.0.0.1:{port}{INSTANCE_PATH}"
    assert TAVU_KEY not in str(err)


def test_slow_server_raises_request_timeout_error(api_server):
    api_server.reply(body=[], delay=1.5)
    c = client(api_server, timeout=0.3)
    started = time.monotonic()
    with pytest.raises(RequestTimeoutError) as excinfo:
        c.instances.list()
    elapsed = time.monotonic() - started
    err = excinfo.value
    assert isinstance(err, TimeoutError)
    assert isinstance(err, TransportError)
    assert isinstance(err, VpsClientError)
    assert err.method == "GET"
    assert err.url == api_server.url + "/compute/v1/instances"
    assert 0.25 <= elapsed < 1.2, elapsed


def test_timeout_is_caught_as_builtin_timeout_error(api_server):
    api_server.reply(body=[], delay=1.5)
    with pytest.raises(TimeoutError):
        client(api_server, timeout=0.3).instances.list()


# --- bodies that do not match the model -------------------------------------------------------

def test_wrong_field_type_raises_decode_error(api_server, tavu):
    api_server.reply(body={"id": 5})
    with pytest.raises(DecodeError) as excinfo:
        tavu.instances.get(INSTANCE)
    err = excinfo.value
    assert type(err) is DecodeError
    assert not isinstance(err, ApiError)
    assert isinstance(err, VpsClientError)
    assert err.path == "id"
    assert err.status == 200
    assert err.method == "GET"
    assert err.url == api_server.url + INSTANCE_PATH
    assert '"id"' in err.excerpt
    assert "id" in str(err)


def test_missing_required_field_raises_decode_error(api_server, tavu):
    api_server.reply(body={"id": INSTANCE, "status": "active"})
    with pytest.raises(DecodeError) as excinfo:
        tavu.instances.get(INSTANCE)
    assert "name" in str(excinfo.value)
    assert excinfo.value.status == 200


def test_nested_path_is_named(api_server, tavu):
    ports = load_fixture("tavu", "ports.list")["response"]
    ports[1] = dict(ports[1], admin_state_up="yes")
    api_server.reply(body=ports, headers={"X-Request-Id": "req-9"})
    with pytest.raises(DecodeError) as excinfo:
        tavu.ports.list()
    assert excinfo.value.path == "[1].admin_state_up"
    assert excinfo.value.request_id == "req-9"


def test_html_success_body_raises_decode_error(api_server, tavu):
    api_server.reply(raw=b"<html><body>Maintenance</body></html>", headers={"Content-Type": "text/html"})
    with pytest.raises(DecodeError) as excinfo:
        tavu.instances.get(INSTANCE)
    err = excinfo.value
    assert err.status == 200
    assert isinstance(err.path, str)
    assert err.excerpt.startswith("<html>")


def test_empty_success_body_for_a_model_raises_decode_error(api_server, tavu):
    api_server.reply()
    with pytest.raises(DecodeError) as excinfo:
        tavu.instances.get(INSTANCE)
    assert excinfo.value.path == "."
    assert excinfo.value.status == 200


def test_empty_body_operation_ignores_a_body(api_server, tavu):
    api_server.reply(body={"unexpected": True})
    assert tavu.instances.delete(INSTANCE) is None


# --- hierarchy and pickling -------------------------------------------------------------------

def test_hierarchy():
    for cls in (BadRequestError, AuthenticationError, PermissionDeniedError, NotFoundError,
                ValidationError, RateLimitError, ServerError):
        assert issubclass(cls, ApiError)
    for cls in (ApiError, TransportError, RequestTimeoutError, DecodeError, ConfigError, InvalidArgumentError):
        assert issubclass(cls, VpsClientError)
    assert issubclass(RequestTimeoutError, TransportError)
    assert issubclass(RequestTimeoutError, TimeoutError)
    assert issubclass(InvalidArgumentError, TypeError)
    assert not issubclass(DecodeError, ApiError)
    assert not issubclass(TransportError, ApiError)
    assert not issubclass(ConfigError, ApiError)


def _roundtrip(err):
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is type(err)
    assert str(copy) == str(err)
    assert copy.args == err.args
    return copy


def test_api_error_pickles(api_server, tavu):
    api_server.reply(422, {"error": "validation_fail", "details": {"memory": ["too big"]}},
                     headers={"X-Request-Id": "req-1"})
    with pytest.raises(ValidationError) as excinfo:
        tavu.instances.list()
    err = excinfo.value
    copy = _roundtrip(err)
    for name in ("status", "method", "url", "code", "message", "details", "retry_after", "request_id"):
        assert getattr(copy, name) == getattr(err, name), name
    assert copy.details == {"memory": ["too big"]}


def test_rate_limit_error_pickles(api_server, tavu):
    api_server.reply(429, {"message": "Slow down"}, headers={"Retry-After": "7"})
    with pytest.raises(RateLimitError) as excinfo:
        tavu.instances.list()
    copy = _roundtrip(excinfo.value)
    assert copy.retry_after == 7.0 and copy.status == 429 and copy.message == "Slow down"


def test_decode_error_pickles(api_server, tavu):
    api_server.reply(body={"id": 5})
    with pytest.raises(DecodeError) as excinfo:
        tavu.instances.get(INSTANCE)
    err = excinfo.value
    copy = _roundtrip(err)
    for name in ("status", "method", "url", "path", "excerpt", "request_id", "message"):
        assert getattr(copy, name) == getattr(err, name), name


def test_transport_error_pickles():
    port = _closed_port()
    c = vpsclient.TavuClient(TAVU_KEY, base_url=f"http://127.0.0.1:{port}", max_retries=0)
    with pytest.raises(TransportError) as excinfo:
        c.instances.list()
    copy = _roundtrip(excinfo.value)
    assert (copy.method, copy.url) == (excinfo.value.method, excinfo.value.url)


def test_timeout_error_pickles(api_server):
    api_server.reply(body=[], delay=1.5)
    with pytest.raises(RequestTimeoutError) as excinfo:
        client(api_server, timeout=0.3).instances.list()
    copy = _roundtrip(excinfo.value)
    assert isinstance(copy, TimeoutError)
    assert copy.url == excinfo.value.url


def test_config_and_argument_errors_pickle(api_server, tavu, monkeypatch):
    monkeypatch.delenv("TAVU_API_KEY", raising=False)
    with pytest.raises(ConfigError) as config:
        vpsclient.TavuClient()
    assert _roundtrip(config.value).message == config.value.message
    with pytest.raises(InvalidArgumentError) as invalid:
        tavu.instances.update(INSTANCE, nme="x")
    assert _roundtrip(invalid.value).message == invalid.value.message
