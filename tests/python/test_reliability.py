"""Waiters, retries and faults through the Python client: the right exception classes, the
GIL released while waiting, and Ctrl-C stopping a wait or a retry pause promptly."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

import vpsclient

from conftest import TAVU_KEY

A = "1c06dd09-966b-4ea7-abf1-243b2a447c60"
B = "6ca83822-e89b-4607-b362-6580577005ab"


def instance(id_: str, status: str) -> dict:
    return {"id": id_, "name": "web", "status": status}


def client(api_server, **kwargs) -> vpsclient.TavuClient:
    kwargs.setdefault("max_retries", 0)
    return vpsclient.TavuClient(TAVU_KEY, base_url=api_server.url, **kwargs)


def test_wait_for_status_polls_until_active(api_server):
    for status in ("building", "building", "active"):
        api_server.reply(body=instance(A, status))
    got = client(api_server).instances.wait_for_status(A, "active", interval=0.01)
    assert isinstance(got, vpsclient.tavu.Instance)
    assert got.status == "active"
    assert [r.path for r in api_server.requests] == [f"/compute/v1/instances/{A}"] * 3


def test_wait_for_status_fails_fast_on_error(api_server):
    api_server.reply(body=instance(A, "building"))
    api_server.reply(body=instance(A, "error"))
    with pytest.raises(vpsclient.WaitFailedError) as info:
        client(api_server).instances.wait_for_status(A, "active", interval=0.01)
    err = info.value
    assert (err.id, err.state, err.wanted, err.resource) == (A, "error", "active", "instance")
    assert len(api_server.requests) == 2


def test_wait_for_status_times_out_with_the_last_state(api_server):
    api_server.reply(body=instance(A, "building"))
    with pytest.raises(vpsclient.WaitTimeoutError) as info:
        client(api_server).instances.wait_for_status(A, "active", timeout=0.1, interval=0.02)
    err = info.value
    assert isinstance(err, TimeoutError) and isinstance(err, vpsclient.VpsClientError)
    assert err.last_state == "building"
    assert err.waited >= 0.1
    assert "building" in str(err)


def test_waiting_on_several_reports_every_failure(api_server):
    api_server.reply(body=instance(A, "active"))
    api_server.reply(body=instance(B, "error"))
    with pytest.raises(vpsclient.WaitManyError) as info:
        client(api_server).instances.wait_for_status([A, B], "active", interval=0.01)
    [(failed_id, failure)] = info.value.failures
    assert failed_id == B
    assert isinstance(failure, vpsclient.WaitFailedError)


def test_waiting_on_several_returns_them_in_order(api_server):
    api_server.reply(body=instance(A, "active"))
    api_server.reply(body=instance(B, "building"))
    api_server.reply(body=instance(B, "active"))
    got = client(api_server).instances.wait_for_status((A, B), "active", interval=0.01)
    assert [i.id for i in got] == [A, B]


def test_wait_for_deletion_until_404(api_server):
    api_server.reply(body=instance(A, "deleting"))
    api_server.reply(404, body={"message": "not found"})
    assert client(api_server).instances.wait_for_deletion(A, interval=0.01) is None
    assert len(api_server.requests) == 2


def test_bad_waiter_arguments_raise_invalid_argument(api_server):
    tavu = client(api_server)
    with pytest.raises(vpsclient.InvalidArgumentError):
        tavu.instances.wait_for_status(A, "active", timeout=-1)
    with pytest.raises(vpsclient.InvalidArgumentError):
        tavu.instances.wait_for_status(42, "active")
    assert api_server.requests == []


def test_the_gil_is_free_while_waiting(api_server):
    api_server.reply(body=instance(A, "building"))
    ticks = 0
    stop = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.001)

    counter = threading.Thread(target=count)
    counter.start()
    try:
        with pytest.raises(vpsclient.WaitTimeoutError):
            client(api_server).instances.wait_for_status(A, "active", timeout=0.3, interval=0.1)
    finally:
        stop.set()
        counter.join()
    assert ticks > 20


def _interrupt_after(seconds: float) -> threading.Timer:
    timer = threading.Timer(seconds, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    return timer


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(), reason="signals")
def test_ctrl_c_stops_a_wait_promptly(api_server):
    api_server.reply(body=instance(A, "building"))
    timer = _interrupt_after(0.3)
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            client(api_server).instances.wait_for_status(A, "active", timeout=60, interval=30)
    finally:
        timer.cancel()
    assert time.monotonic() - started < 3


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(), reason="signals")
def test_ctrl_c_stops_a_retry_pause_promptly(api_server):
    api_server.reply(429, body={"message": "slow down"}, headers={"Retry-After": "30"})
    timer = _interrupt_after(0.3)
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            client(api_server, max_retries=1).instances.list()
    finally:
        timer.cancel()
    assert time.monotonic() - started < 3


def test_an_html_502_is_retried_for_get_and_counts_attempts(api_server):
    api_server.reply(502, raw=b"<html><title>502 Bad Gateway</title></html>",
                     headers={"Content-Type": "text/html"})
    with pytest.raises(vpsclient.ServerError) as info:
        client(api_server, max_retries=2).instances.list()
    err = info.value
    assert err.status == 502 and err.attempts == 3 and err.retryable
    assert "502 Bad Gateway" in err.message
    assert len(api_server.requests) == 3


def test_a_create_that_got_500_is_sent_once(api_server):
    api_server.reply(500, body={"message": "boom"})
    with pytest.raises(vpsclient.ServerError) as info:
        client(api_server, max_retries=2).networks.create("net")
    assert info.value.attempts == 1
    assert len(api_server.requests) == 1


def test_truncated_json_is_a_decode_error(api_server):
    api_server.reply(raw=b'[{"id": "a", "name": "n"')
    with pytest.raises(vpsclient.DecodeError) as info:
        client(api_server).networks.list()
    assert info.value.status == 200
    assert not info.value.retryable


def test_a_refused_connection_is_retryable_and_counts_attempts():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tavu = vpsclient.TavuClient(TAVU_KEY, base_url=f"http://127.0.0.1:{port}", max_retries=1)
    with pytest.raises(vpsclient.TransportError) as info:
        tavu.instances.list()
    assert info.value.retryable
    assert info.value.attempts == 2
    assert TAVU_KEY not in repr(info.value) and TAVU_KEY not in str(info.value)


def test_a_body_over_the_limit_is_refused(api_server):
    api_server.reply(body=[{"id": str(i), "name": "n" * 50} for i in range(100)])
    tavu = client(api_server, max_response_bytes=1024)
    with pytest.raises(vpsclient.TransportError, match="limit of 1024 bytes"):
        tavu.networks.list()
    with pytest.raises(vpsclient.ConfigError):
        vpsclient.JoviamClient("t", base_url=api_server.url, timeout=float("nan"))
