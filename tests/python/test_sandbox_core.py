"""`vpsclient.Sandbox` itself, from Python: its lifecycle (context manager, `stop()`, repr,
clients refused once stopped), its rate limit, and `python -m vpsclient.sandbox`."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from typing import Optional

import pytest

import vpsclient

from conftest import sandbox_request


def test_the_context_manager_serves_both_apis_then_stops_the_server() -> None:
    with vpsclient.Sandbox(build_delay=0.05) as sb:
        assert isinstance(sb, vpsclient.Sandbox)
        assert sb.url.startswith("http://127.0.0.1:")
        assert (sb.tavu_base_url, sb.joviam_base_url) == (f"{sb.url}/tavu", f"{sb.url}/joviam")
        assert repr(sb) == f"Sandbox(url={sb.url!r}, running)"
        tavu = sb.tavu_client()
        joviam = sb.joviam_client()
        assert isinstance(tavu, vpsclient.TavuClient) and isinstance(joviam, vpsclient.JoviamClient)
        assert (tavu.base_url, joviam.base_url) == (sb.tavu_base_url, sb.joviam_base_url)
        assert len(tavu.configurations.list()) == 5
        assert len(joviam.regions.list()) == 1
        # Clients built by hand from its URLs and credentials work too.
        assert len(vpsclient.TavuClient(sb.tavu_key, base_url=sb.tavu_base_url).operating_systems.list()) == 3
        after = vpsclient.TavuClient(sb.tavu_key, base_url=sb.tavu_base_url, max_retries=0)
        after_joviam = vpsclient.JoviamClient(sb.joviam_token, base_url=sb.joviam_base_url, max_retries=0)
    assert repr(sb) == f"Sandbox(url={sb.url!r}, stopped)"
    with pytest.raises(vpsclient.TransportError) as caught:
        after.configurations.list()
    assert caught.value.method == "GET" and caught.value.url.startswith(sb.tavu_base_url)
    with pytest.raises(vpsclient.TransportError):
        after_joviam.regions.list()


def test_stop_twice_is_fine_and_clients_are_refused_once_stopped() -> None:
    sb = vpsclient.Sandbox()
    sb.stop()
    sb.stop()
    assert "stopped" in repr(sb)
    assert sb.url.startswith("http://127.0.0.1:"), "the URL stays readable"
    with pytest.raises(vpsclient.ConfigError, match="stopped"):
        sb.tavu_client()
    with pytest.raises(vpsclient.ConfigError, match="stopped"):
        sb.joviam_client()
    # Leaving a `with` block after an explicit stop is fine too, and an exception inside one
    # propagates (and stops the sandbox).
    with vpsclient.Sandbox() as other:
        other.stop()
    with pytest.raises(ZeroDivisionError):
        with vpsclient.Sandbox() as third:
            1 / 0
    assert "stopped" in repr(third)


def test_each_sandbox_is_a_world_of_its_own() -> None:
    with vpsclient.Sandbox() as a, vpsclient.Sandbox() as b:
        assert a.url != b.url
        a.tavu_client().networks.create("only-in-a")
        assert [n.name for n in a.tavu_client().networks.list()] == ["only-in-a"]
        assert b.tavu_client().networks.list() == []


def test_a_negative_build_delay_is_a_config_error() -> None:
    with pytest.raises(vpsclient.ConfigError, match="build_delay"):
        vpsclient.Sandbox(build_delay=-1)


def test_the_rate_limit_answers_429_with_retry_after() -> None:
    with vpsclient.Sandbox(rate_limit=3) as sb:
        tavu = vpsclient.TavuClient(sb.tavu_key, base_url=sb.tavu_base_url, max_retries=0)
        outcomes: list = []
        for _ in range(5):
            try:
                outcomes.append(len(tavu.configurations.list()))
            except vpsclient.RateLimitError as error:
                outcomes.append(error)
        assert outcomes[:3] == [5, 5, 5]
        for limited in outcomes[3:]:
            assert isinstance(limited, vpsclient.RateLimitError), outcomes
            assert (limited.status, limited.retry_after, limited.retryable, limited.attempts) == (429, 1.0, True, 1)
            assert limited.message == "You have hit the rate limit. Try again later."
        # A client that retries waits the second out and gets through.
        patient = vpsclient.TavuClient(sb.tavu_key, base_url=sb.tavu_base_url, max_retries=2)
        started = time.monotonic()
        assert len(patient.configurations.list()) == 5
        assert time.monotonic() - started >= 0.5

    with vpsclient.Sandbox(rate_limit=3) as sb:
        joviam = vpsclient.JoviamClient(sb.joviam_token, base_url=sb.joviam_base_url, max_retries=0)
        for _ in range(3):
            joviam.regions.list()
        with pytest.raises(vpsclient.RateLimitError) as caught:
            joviam.regions.list()
        assert (caught.value.status, caught.value.code, caught.value.retry_after, caught.value.message) == (
            429, "rate_limited", 1.0, "Too many requests")
        status, body = sandbox_request(sb, "joviam", "GET", "/regions")
        assert (status, body["error"]) == (429, "rate_limited")


def _lines(stream, into: "queue.Queue[Optional[str]]") -> None:
    for line in stream:
        into.put(line)
    into.put(None)


def test_python_m_vpsclient_sandbox_serves_until_interrupted() -> None:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    # A background job may inherit SIGINT ignored; the child gets the default back, so Ctrl-C
    # (SIGINT) reaches it as KeyboardInterrupt.
    restore_sigint = (lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)) if os.name == "posix" else None
    proc: subprocess.Popen[str] = subprocess.Popen(
        [sys.executable, "-m", "vpsclient.sandbox", "--port", "0", "--build-delay", "0.01"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, preexec_fn=restore_sigint)
    lines: "queue.Queue[Optional[str]]" = queue.Queue()
    threading.Thread(target=_lines, args=(proc.stdout, lines), daemon=True).start()
    try:
        def next_line() -> str:
            line = lines.get(timeout=20)
            assert line is not None, f"the sandbox exited early: {proc.wait(5)} {proc.stderr.read()}"
            return line

        first = next_line()
        assert first.startswith("vpsclient sandbox on http://127.0.0.1:"), first
        url = first.split(" on ", 1)[1].strip()
        port = int(url.rsplit(":", 1)[1])
        assert port > 0, "--port 0 picks a free port"
        tavu_line, joviam_line = next_line(), next_line()
        assert f"{url}/tavu" in tavu_line and "Authorization:" in tavu_line, tavu_line
        assert f"{url}/joviam" in joviam_line and "Bearer " in joviam_line, joviam_line

        # It answers, with the credentials it printed.
        key = tavu_line.split("Authorization:", 1)[1].strip()
        token = joviam_line.split("Bearer ", 1)[1].strip()
        assert len(vpsclient.TavuClient(key, base_url=f"{url}/tavu").configurations.list()) == 5
        assert vpsclient.JoviamClient(token, base_url=f"{url}/joviam").regions.list()[0].code == "SY3"

        while "Ctrl-C" not in next_line():
            pass
        if os.name == "posix":
            proc.send_signal(signal.SIGINT)
            assert proc.wait(timeout=10) == 0
            assert "stopped" in next_line()
        else:
            proc.terminate()
            proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for stream in (proc.stdout, proc.stderr):
            stream.close()
    with pytest.raises(vpsclient.TransportError):
        vpsclient.TavuClient(key, base_url=f"{url}/tavu", max_retries=0).configurations.list()
