"""Shared Python test harness: a local HTTP server in the test process that records each
request and answers from a queue, the reference's example fixtures, and helpers for the tests
that run against the offline sandbox (`vpsclient.Sandbox`)."""

from __future__ import annotations

import json
import re
import pathlib
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional

import pytest

import vpsclient

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"

TAVU_KEY = "my-api-key"
TAVU_TEAM = "my-team"


def load_fixture(provider: str, operation: str) -> dict:
    return json.loads((FIXTURES / provider / f"{operation}.json").read_text())


def all_fixtures(provider: str) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((FIXTURES / provider).glob("*.json"))]


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class Reply:
    status: int = 200
    body: Optional[bytes] = None
    headers: dict[str, str] = field(default_factory=dict)
    # Seconds the server waits before answering (cut short when the server closes).
    delay: float = 0.0


class ApiServer:
    """Answers queued replies in order (the last one repeats) and records every request."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.replies: list[Reply] = []
        self._lock = threading.Lock()
        self._closing = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with server._lock:
                    server.requests.append(Recorded(
                        self.command, self.path,
                        {k.lower(): v for k, v in self.headers.items()}, body))
                    reply = server.replies.pop(0) if len(server.replies) > 1 else (
                        server.replies[0] if server.replies else Reply())
                if reply.delay:
                    server._closing.wait(reply.delay)
                try:
                    self.send_response(reply.status)
                    payload = reply.body or b""
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if reply.body is not None and "content-type" not in {k.lower() for k in reply.headers}:
                        self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    # The client gave up (a timeout test); nothing to answer.
                    self.close_connection = True

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        self.thread.start()

    def reply(self, status: int = 200, body: Any = None, headers: Optional[dict] = None,
              raw: Optional[bytes] = None, delay: float = 0.0) -> None:
        payload = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        self.replies.append(Reply(status, payload, headers or {}, delay))

    @property
    def last(self) -> Recorded:
        assert self.requests, "no request reached the server"
        return self.requests[-1]

    def close(self) -> None:
        self._closing.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def api_server():
    server = ApiServer()
    yield server
    server.close()


@pytest.fixture
def tavu(api_server: ApiServer) -> vpsclient.TavuClient:
    return vpsclient.TavuClient(TAVU_KEY, team_id=TAVU_TEAM, base_url=api_server.url, max_retries=0)


# Field names a model reads under another name (serde aliases): the router update answer calls
# the gateway `external_gateway_port`, the model always `external_gateway_info`.
FIELD_ALIASES = {"external_gateway_port": "external_gateway_info"}


def assert_subset(expected: Any, actual: Any, where: str = "$") -> None:
    """Every field of `expected` (the example JSON) is in `actual` (a `to_dict()`), recursively.

    `actual` may hold more fields (optional ones the example leaves out). The API's integer
    booleans (`admin_state_up: 1`) compare equal to the model's True/False.
    """
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where}: expected an object, got {actual!r}"
        for key, value in expected.items():
            name = FIELD_ALIASES.get(key, key)
            assert name in actual, f"{where}.{name} missing from {sorted(actual)}"
            assert_subset(value, actual[name], f"{where}.{name}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{where}: expected a list, got {actual!r}"
        assert len(actual) == len(expected), f"{where}: {len(actual)} items, expected {len(expected)}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            assert_subset(e, a, f"{where}[{i}]")
    elif isinstance(actual, bool) and not isinstance(expected, bool):
        assert expected in (0, 1) and isinstance(expected, int), f"{where}: {expected!r} vs {actual!r}"
        assert bool(expected) is actual, f"{where}: {expected!r} vs {actual!r}"
    else:
        assert type(actual) is type(expected), f"{where}: {expected!r} vs {actual!r}"
        assert actual == expected, f"{where}: {expected!r} vs {actual!r}"


def template_regex(template: str) -> "re.Pattern[str]":
    """A path template from `operations()` (`/disks/{}`) as a regex matching concrete paths."""
    return re.compile("^" + "/".join("[^/]+" if seg == "{}" else re.escape(seg) for seg in template.split("/")) + "$")


# --- The offline sandbox (vpsclient.Sandbox), for tests/python/test_sandbox_*.py ----------------

# Seconds asynchronous work takes in the sandbox (a build, a start): short, to keep tests fast.
SANDBOX_BUILD_DELAY = 0.3  # long enough that a passing state (stopping, resizing) is still there when read back
# Keyword arguments for the waiters: poll often, give up long before pytest would.
FAST_WAIT = {"timeout": 10.0, "interval": 0.02}


@pytest.fixture
def sandbox():
    """A fresh sandbox for one test: a new world (starting one takes a few milliseconds), so
    no test sees another's objects. Stopped when the test ends."""
    with vpsclient.Sandbox(build_delay=SANDBOX_BUILD_DELAY) as sb:
        yield sb


class Recording:
    """Wraps a client; every handler method that returns normally through it is noted in
    `called` as ``(attribute, method)``, the shape of ``Client.operations()`` entries."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self.called: set[tuple[str, str]] = set()

    def __getattr__(self, attribute: str) -> Any:
        return _RecordingHandler(getattr(self._client, attribute), attribute, self.called)

    def operations_called(self) -> set[tuple[str, str]]:
        """What was called, waiters left out (they are helpers, not API operations)."""
        return {(a, m) for a, m in self.called if not m.startswith("wait_for_")}


class _RecordingHandler:
    def __init__(self, handler: Any, attribute: str, called: set) -> None:
        self._handler = handler
        self._attribute = attribute
        self._called = called

    def __getattr__(self, method: str) -> Any:
        function = getattr(self._handler, method)

        def call(*args: Any, **kwargs: Any) -> Any:
            result = function(*args, **kwargs)
            self._called.add((self._attribute, method))
            return result

        return call


def poll(fetch: Any, done: Any, timeout: float = 10.0, interval: float = 0.02) -> Any:
    """Calls `fetch()` until `done(value)` holds; returns that value."""
    deadline = time.monotonic() + timeout
    while True:
        value = fetch()
        if done(value):
            return value
        assert time.monotonic() < deadline, f"still not there: {value!r}"
        time.sleep(interval)


def sandbox_request(sb: Any, provider: str, method: str, path: str,
                    body: Optional[str] = None) -> tuple[int, Any]:
    """One raw request to the sandbox with its credential, for what a typed client cannot send
    (a missing required field). `path` is relative to the provider's base URL. Returns the
    status and the decoded JSON body (None when empty)."""
    if provider == "tavu":
        url, authorization = sb.tavu_base_url + path, sb.tavu_key
    else:
        url, authorization = sb.joviam_base_url + path, f"Bearer {sb.joviam_token}"
    request = urllib.request.Request(
        url, method=method, data=None if body is None else body.encode(),
        headers={"Authorization": authorization, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, payload = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, payload = error.code, error.read()
    return status, (json.loads(payload) if payload else None)


def assert_cases_cover(client_class: Any, cases: Any, count: int) -> None:
    """The test cases (named `<attribute>.<method>`) and the client's declared operations are
    the same set of `count` operations: none untested, none tested that is not declared."""
    declared = client_class.operations()
    assert len(declared) == count
    names = {(attribute, method) for attribute, method, _, _ in declared}
    assert len(names) == count, "duplicate operations declared"
    tested = {tuple(op.split(".")) for op in cases}
    assert names - tested == set(), "operations without a test case"
    assert tested - names == set(), "test cases for undeclared operations"
