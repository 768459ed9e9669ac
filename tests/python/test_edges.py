"""Safety at the edges, from Python: arguments that cannot crash the interpreter, Ctrl-C while
a call is blocked on the network, constructor settings checked by name, redirects and
retries that never repeat a write, and credentials that never show.

Each case asserts what the loopback server received as well as the exception class and its
``retryable`` flag.
"""

from __future__ import annotations

import math
import random
import signal
import socket
import sys
import threading
import time
from typing import Any

import pytest

import vpsclient
from conftest import TAVU_KEY

INSTANCE = "1c06dd09-966b-4ea7-abf1-243b2a447c60"


def client(url: str, **settings: Any) -> vpsclient.TavuClient:
    settings.setdefault("max_retries", 0)
    return vpsclient.TavuClient(TAVU_KEY, base_url=url, **settings)


# --- Problem 4: arguments that used to crash the interpreter --------------------------------


class SelfDict:
    """A model-like object whose ``to_dict()`` returns itself."""

    def to_dict(self) -> "SelfDict":
        return self


def nested(depth: int) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = [value]
    return value


def test_a_self_referential_list_is_an_invalid_argument(tavu, api_server):
    looped: list[Any] = ["a"]
    looped.append(looped)
    with pytest.raises(vpsclient.InvalidArgumentError, match=r"ssh_keys\[1\].*contains itself"):
        tavu.instances.create("web", "img", "cfg", ssh_keys=looped)
    looped_dict: dict[str, Any] = {}
    looped_dict["me"] = looped_dict
    with pytest.raises(vpsclient.InvalidArgumentError, match="contains itself"):
        tavu.subnets.update("s1", allocation_pools=[looped_dict])
    assert api_server.requests == []


def test_deep_nesting_is_an_invalid_argument(tavu, api_server):
    with pytest.raises(vpsclient.InvalidArgumentError, match="networks.*nested more than 64"):
        tavu.instances.create("web", "img", "cfg", networks=nested(30_000))
    deep_dict: Any = {}
    for _ in range(30_000):
        deep_dict = {"k": deep_dict}
    with pytest.raises(vpsclient.InvalidArgumentError, match="nested more than"):
        tavu.subnets.update("s1", allocation_pools=deep_dict)
    assert api_server.requests == []


def test_a_to_dict_that_returns_itself_is_an_invalid_argument(tavu, api_server):
    with pytest.raises(vpsclient.InvalidArgumentError, match="contains itself"):
        tavu.subnets.update("s1", allocation_pools=[SelfDict()])
    assert api_server.requests == []


def test_lone_surrogates_are_invalid_arguments_naming_the_place(tavu, api_server):
    with pytest.raises(vpsclient.InvalidArgumentError, match="name.*UTF-8"):
        tavu.instances.create("bad\udc80", "img", "cfg")
    with pytest.raises(vpsclient.InvalidArgumentError, match="instance_id.*UTF-8"):
        tavu.instances.get("\udc80")
    with pytest.raises(vpsclient.InvalidArgumentError, match="key.*UTF-8"):
        tavu.subnets.update("s1", allocation_pools=[{"\udc80": "x"}])
    with pytest.raises(vpsclient.InvalidArgumentError, match="UTF-8"):
        tavu.instances.wait_for_status(["\udc80"], "active")
    assert api_server.requests == []


def test_secret_argument_values_are_never_echoed(tavu, api_server):
    secret = 98765432123
    with pytest.raises(vpsclient.InvalidArgumentError) as info:
        tavu.instance_users.create("deploy", password=secret)
    assert str(secret) not in str(info.value) and str(secret) not in repr(info.value)
    assert "password" in str(info.value)
    with pytest.raises(vpsclient.InvalidArgumentError) as info:
        tavu.instance_users.create("deploy", password=math.nan)
    assert "nan" not in str(info.value).lower().replace("cannot", "")
    assert api_server.requests == []


def random_value(rng: random.Random, depth: int = 0) -> Any:
    """A random Python value, hostile ones included."""
    kind = rng.randrange(16 if depth < 4 else 9)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 7, 2**63, -(2**63) - 1, 2**200])
    if kind == 3:
        return rng.choice([0.5, math.nan, math.inf, -0.0, 1e308])
    if kind == 4:
        return rng.choice(["", "x", "\udc80", "é" * 50, "a/b?c#d", "\x00", "x" * 5000])
    if kind == 5:
        return rng.choice([b"bytes", bytearray(b"x"), {1, 2}, frozenset(), object(), 3j])
    if kind == 6:
        return SelfDict()
    if kind == 7:
        looped: list[Any] = []
        looped.append(looped)
        return looped
    if kind == 8:
        return nested(rng.choice([10, 70, 1000]))
    if kind in (9, 10, 11):
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if kind in (12, 13):
        return {rng.choice(["a", "b", "\udc80", 1, None]): random_value(rng, depth + 1)
                for _ in range(rng.randrange(4))}
    return tuple(random_value(rng, depth + 1) for _ in range(rng.randrange(3)))


@pytest.mark.parametrize("client_class", [vpsclient.TavuClient, vpsclient.JoviamClient])
def test_random_nested_values_never_crash_any_operation(api_server, client_class):
    """Throws random values, hostile ones included, at every argument of every operation:
    each call returns or raises a VpsClientError; nothing else, and no crash."""
    api_server.reply(400, body={"message": "no"})
    rng = random.Random(20261201)
    c = client_class("tok-12345", base_url=api_server.url, max_retries=0)
    calls = 0
    for _round in range(6):
        for attribute, method, path_params, positional, body_fields in c.operation_parameters():
            function = getattr(getattr(c, attribute), method)
            args = [random_value(rng) for _ in list(path_params) + list(positional)]
            keywords = [f for f in body_fields if f not in positional]
            kwargs = {f: random_value(rng) for f in rng.sample(keywords, min(len(keywords), 3))}
            try:
                function(*args, **kwargs)
            except vpsclient.VpsClientError:
                pass
            calls += 1
    assert calls >= 6 * 50


# --- Problem 5: Ctrl-C while the call is blocked on the network ------------------------------


@pytest.fixture
def sigint_raises():
    """A background job may inherit SIGINT as ignored; install Python's default handler."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(), reason="signals")
@pytest.mark.parametrize("stage", ["connect", "receive"])
def test_ctrl_c_interrupts_a_blocked_call_within_half_a_second(api_server, sigint_raises, stage):
    other = type(api_server)()
    other.reply(body=[], delay=0.8)
    if stage == "receive":
        api_server.reply(body=[], delay=30)
        url = api_server.url
    else:
        # A listener whose backlog is full: the connect blocks.
        blocker = socket.socket()
        blocker.bind(("127.0.0.1", 0))
        blocker.listen(0)
        fillers = []
        for _ in range(8):
            s = socket.socket()
            s.setblocking(False)
            s.connect_ex(blocker.getsockname())
            fillers.append(s)
        url = "http://127.0.0.1:%d" % blocker.getsockname()[1]
    # Another thread's call on the same kind of client is unaffected.
    results: list[Any] = []
    worker = threading.Thread(target=lambda: results.append(client(other.url).networks.list()))
    worker.start()
    main = threading.main_thread().ident
    sent_at: list[float] = []

    def interrupt() -> None:
        sent_at.append(time.monotonic())
        signal.pthread_kill(main, signal.SIGINT)

    timer = threading.Timer(0.3, interrupt)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            client(url, timeout=20, connect_timeout=20, max_retries=3).instances.get(INSTANCE)
        latency = time.monotonic() - sent_at[0]
    finally:
        timer.cancel()
    worker.join(5)
    other.close()
    print(f"Ctrl-C during {stage}: KeyboardInterrupt {latency * 1000:.0f} ms after SIGINT")
    assert latency < 0.5
    assert results == [[]], "the other thread's call completed normally"
    if stage == "receive":
        assert len(api_server.requests) == 1, "nothing is retried after an interrupt"


# --- Problem 7 and 8: constructor settings ----------------------------------------------------


@pytest.mark.parametrize("settings, named", [
    ({"max_retries": -1}, "max_retries"),
    ({"max_retries": 1.5}, "max_retries"),
    ({"max_retries": True}, "max_retries"),
    ({"timeout": "5"}, "timeout"),
    ({"timeout": 0}, "timeout"),
    ({"timeout": -1.0}, "timeout"),
    ({"connect_timeout": math.inf}, "connect_timeout"),
    ({"max_response_bytes": 0}, "max_response_bytes"),
    ({"base_url": "http://user:hunter22@example.com"}, "user info"),
    ({"base_url": "http://example.com"}, "plain http"),
    ({"base_url": 5}, "base_url"),
    ({"api_key": 123}, "api_key"),
    ({"api_key": "hunter22 with space"}, "api_key"),
    ({"api_key": "hünter22"}, "api_key"),
    ({"api_key": "hunter22\udc80"}, "api_key"),
    ({"team_id": ""}, "team_id"),
    ({"team_id": "team\nX-Evil: 1"}, "team_id"),
    ({"ca_bundle": "/no/such/bundle.pem"}, "ca_bundle"),
    ({"ca_bundle": 5}, "ca_bundle"),
    ({"system_trust": "yes"}, "system_trust"),
    ({"ca_bundle": __file__, "system_trust": True}, "system_trust"),
    ({"proxy": 8080}, "proxy"),
    ({"proxy": "not a proxy url"}, "proxy"),
    ({"proxy": "socks5://user:secret@127.0.0.1:1080"}, "SOCKS"),
])
def test_bad_settings_raise_config_error_naming_the_parameter(settings, named):
    settings = {"api_key": "hunter22-key", **settings}
    with pytest.raises(vpsclient.ConfigError) as info:
        vpsclient.TavuClient(**settings)
    text = str(info.value) + repr(info.value)
    assert named in text
    assert "hunter22" not in text
    assert info.value.retryable is False


def test_joviam_checks_its_token_by_name():
    with pytest.raises(vpsclient.ConfigError, match="token") as info:
        vpsclient.JoviamClient("tök-secret")
    assert "secret" not in str(info.value)
    with pytest.raises(vpsclient.ConfigError, match="max_retries"):
        vpsclient.JoviamClient("tok", max_retries=-1)


def test_good_settings_are_accepted(tmp_path):
    c = vpsclient.TavuClient("k-123", timeout=5, connect_timeout=2.5, max_retries=0,
                             max_response_bytes=1, proxy=False, system_trust=False)
    assert c.base_url == "https://api.tavu.io/vps"
    assert "k-123" not in repr(c)


# --- Problems 1, 2, 7 and 8 seen from Python ----------------------------------------------


def test_a_redirected_create_is_sent_once_and_not_retryable(api_server):
    api_server.reply(302, headers={"Location": "http://127.0.0.1:9/elsewhere"})
    with pytest.raises(vpsclient.ApiError) as info:
        client(api_server.url, max_retries=5).networks.create("net")
    assert [r.method for r in api_server.requests] == ["POST"]
    assert info.value.status == 302
    assert info.value.location == "http://127.0.0.1:9/elsewhere"
    assert info.value.retryable is False


def test_a_too_long_path_parameter_sends_nothing(api_server):
    with pytest.raises(vpsclient.InvalidArgumentError, match="instance_id.*limit") as info:
        client(api_server.url, max_retries=2).instances.get("x" * 100_000)
    assert info.value.retryable is False
    assert api_server.requests == []


def test_an_oversize_body_is_not_retryable(api_server):
    api_server.reply(body=[{"id": "x" * 100}] * 100)
    with pytest.raises(vpsclient.TransportError, match="limit") as info:
        client(api_server.url, max_retries=3, max_response_bytes=500).networks.list()
    assert info.value.retryable is False
    assert len(api_server.requests) == 1


def test_a_posted_timeout_is_not_retryable_but_a_get_is(api_server):
    api_server.reply(body=[], delay=5)
    c = client(api_server.url, timeout=0.3, max_retries=2)
    with pytest.raises(vpsclient.RequestTimeoutError) as info:
        c.networks.create("net")
    assert info.value.retryable is False
    assert [r.method for r in api_server.requests] == ["POST"]
    with pytest.raises(vpsclient.RequestTimeoutError) as info:
        c.networks.list()
    assert info.value.retryable is True


def test_an_echoed_key_is_masked_in_the_exception(api_server):
    api_server.reply(401, body={"message": f"key {TAVU_KEY} revoked", "details": [TAVU_KEY]})
    with pytest.raises(vpsclient.AuthenticationError) as info:
        client(api_server.url).networks.list()
    err = info.value
    shown = " ".join([str(err), repr(err), err.message, str(err.details), str(err.__reduce__())])
    assert TAVU_KEY not in shown
    assert "***" in err.message
