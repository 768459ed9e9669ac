"""The sandbox as a test harness for users' own code, from Python: the pytest plugin's fixtures
and settings, injected faults, the request journal, and the README's example run with plain
pytest as a user would."""

from __future__ import annotations

import pathlib
import subprocess
import sys
import time

import pytest

import vpsclient
from vpsclient.sandbox import SandboxRequest

HERE = pathlib.Path(__file__).resolve().parent
NETWORKS = "/networking/v1/networks"


def test_the_fixture_gives_a_fresh_running_sandbox_and_clients_of_it(
    vpsclient_sandbox: vpsclient.Sandbox,
    vpsclient_tavu: vpsclient.TavuClient,
    vpsclient_joviam: vpsclient.JoviamClient,
) -> None:
    assert "running" in repr(vpsclient_sandbox)
    assert vpsclient_tavu.base_url == vpsclient_sandbox.tavu_base_url
    assert vpsclient_joviam.base_url == vpsclient_sandbox.joviam_base_url
    assert vpsclient_tavu.networks.list() == []
    assert vpsclient_sandbox.requests()[0] == SandboxRequest(
        "tavu", "GET", NETWORKS, None, None, 200
    )


@pytest.mark.vpsclient_sandbox(
    rate_limit=2,
    faults=[dict(provider="tavu", method="GET", path="/compute/v1/configurations", status=500, times=1)],
)
def test_a_marker_sets_the_rate_limit_and_faults(vpsclient_sandbox: vpsclient.Sandbox) -> None:
    tavu = vpsclient.TavuClient(vpsclient_sandbox.tavu_key, base_url=vpsclient_sandbox.tavu_base_url,
                                max_retries=0)
    with pytest.raises(vpsclient.ServerError):
        tavu.configurations.list()
    tavu.configurations.list()
    with pytest.raises(vpsclient.RateLimitError):
        tavu.configurations.list()
    assert [r.status for r in vpsclient_sandbox.requests()] == [500, 200, 429]


@pytest.mark.vpsclient_sandbox(build_delay=5)
@pytest.mark.parametrize("vpsclient_sandbox", [{"build_delay": 0.0}, {"build_delay": 0.01}], indirect=True)
def test_a_parameter_overrides_a_marker(vpsclient_tavu: vpsclient.TavuClient) -> None:
    tavu = vpsclient_tavu
    image = tavu.operating_systems.list()[0].id
    config = tavu.configurations.list()[0].id
    instance = tavu.instances.create("web", image, config, networks=["public"])
    time.sleep(0.05)
    assert tavu.instances.get(instance.id).status == "active"


def test_inject_fault_resets_and_stalls(vpsclient_sandbox: vpsclient.Sandbox) -> None:
    sb = vpsclient_sandbox
    impatient = vpsclient.TavuClient(sb.tavu_key, base_url=sb.tavu_base_url, timeout=0.3, max_retries=0)
    sb.inject_fault("tavu", "POST", NETWORKS, reset="before", times=1)
    with pytest.raises(vpsclient.TransportError):
        impatient.networks.create("lost")
    sb.inject_fault("tavu", "POST", NETWORKS, reset="during", times=1)
    with pytest.raises(vpsclient.TransportError):
        impatient.networks.create("made")
    sb.inject_fault("tavu", "GET", "/networking/**", stall=30, times=1)
    started = time.monotonic()
    with pytest.raises(vpsclient.RequestTimeoutError):
        impatient.networks.list()
    assert time.monotonic() - started < 5
    sb.inject_fault("tavu", "GET", NETWORKS, latency=0.2, times=1)
    started = time.monotonic()
    assert [n.name for n in impatient.networks.list()] == ["made"]
    assert time.monotonic() - started >= 0.2
    assert [(r.method, r.status) for r in sb.requests()] == [
        ("POST", None), ("POST", None), ("GET", None), ("GET", 200)
    ]
    sb.clear_requests()
    assert sb.requests() == []


def test_a_seeded_probability_repeats_and_clear_faults_ends_it() -> None:
    def run(seed: int) -> list[bool]:
        with vpsclient.Sandbox() as sb:
            sb.inject_fault("*", "*", "/**", status=502, probability=0.5, seed=seed)
            tavu = vpsclient.TavuClient(sb.tavu_key, base_url=sb.tavu_base_url, max_retries=0)
            outcomes = []
            for _ in range(30):
                try:
                    tavu.configurations.list()
                    outcomes.append(True)
                except vpsclient.ServerError:
                    outcomes.append(False)
            sb.clear_faults()
            tavu.configurations.list()
            return outcomes

    assert run(1) == run(1)
    assert run(1) != run(2)


def test_a_fault_for_an_operation_matches_its_declared_route(
    vpsclient_sandbox: vpsclient.Sandbox,
) -> None:
    tavu = vpsclient.TavuClient(vpsclient_sandbox.tavu_key,
                                base_url=vpsclient_sandbox.tavu_base_url, max_retries=0)
    volume = tavu.volumes.create(10, "data")
    vpsclient_sandbox.inject_fault("tavu", operation="volumes.get", status=503, times=1)
    tavu.volumes.list()  # another route of the same resource is not faulted
    with pytest.raises(vpsclient.ServerError) as caught:
        tavu.volumes.get(volume.id)
    assert caught.value.status == 503
    assert tavu.volumes.get(volume.id).id == volume.id
    gets = [(r.path, r.status) for r in vpsclient_sandbox.requests() if r.method == "GET"]
    assert gets == [
        ("/storage/v1/volumes", 200),
        (f"/storage/v1/volumes/{volume.id}", 503),
        (f"/storage/v1/volumes/{volume.id}", 200),
    ]


def test_joviam_faults_answer_in_joviams_format(vpsclient_sandbox: vpsclient.Sandbox) -> None:
    joviam = vpsclient.JoviamClient(vpsclient_sandbox.joviam_token,
                                    base_url=vpsclient_sandbox.joviam_base_url, max_retries=0)
    vpsclient_sandbox.inject_fault("joviam", "GET", "/regions", status=429)
    with pytest.raises(vpsclient.RateLimitError) as caught:
        joviam.regions.list()
    assert caught.value.code == "rate_limited"
    assert caught.value.retry_after == 1


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        (dict(provider="aws", method="GET", path="/"), "provider"),
        (dict(provider="tavu", method="G T", path="/"), "method"),
        (dict(provider="tavu", method="GET", path="no-slash"), "path"),
        (dict(provider="tavu", method="GET", path="/", status=99), "status"),
        (dict(provider="tavu", method="GET", path="/", status=True), "status"),
        (dict(provider="tavu", method="GET", path="/", latency=-1), "latency"),
        (dict(provider="tavu", method="GET", path="/", reset="sometimes"), "reset"),
        (dict(provider="tavu", method="GET", path="/", stall="long"), "stall"),
        (dict(provider="tavu", method="GET", path="/", times=0), "times"),
        (dict(provider="tavu", method="GET", path="/", probability=1.5), "probability"),
        (dict(provider="tavu", method="GET", path="/", probability=0.5, seed=-1), "seed"),
        (dict(provider="tavu", method="GET", path="/", status=500, stall=1), "at most one"),
        (dict(provider="tavu", status=500), "either operation= or both method and path"),
        (dict(provider="tavu", method="GET", status=500), "either operation="),
        (dict(provider="tavu", method="GET", path="/", operation="instances.list"), "either"),
        (dict(provider="tavu", operation="instances.frobnicate"), "instances.frobnicate"),
        (dict(provider="*", operation="instances.list"), "provider"),
        (dict(provider="tavu", operation=7), "operation"),
    ],
)
def test_invalid_faults_are_refused_naming_the_argument(
    vpsclient_sandbox: vpsclient.Sandbox, kwargs: dict, named: str
) -> None:
    with pytest.raises(vpsclient.InvalidArgumentError, match=named):
        vpsclient_sandbox.inject_fault(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        (dict(port=-1), "port"),
        (dict(port="80"), "port"),
        (dict(build_delay=-0.5), "build_delay"),
        (dict(build_delay="fast"), "build_delay"),
        (dict(rate_limit=0), "rate_limit"),
        (dict(rate_limit=2.5), "rate_limit"),
    ],
)
def test_invalid_settings_are_config_errors_naming_the_parameter(kwargs: dict, named: str) -> None:
    with pytest.raises(vpsclient.ConfigError, match=named):
        vpsclient.Sandbox(**kwargs)


def test_a_stopped_sandbox_refuses_faults_and_journal_calls() -> None:
    sb = vpsclient.Sandbox()
    sb.stop()
    for call in (lambda: sb.requests(), sb.clear_requests, sb.clear_faults,
                 lambda: sb.inject_fault("tavu", "GET", "/")):
        with pytest.raises(vpsclient.ConfigError, match="stopped"):
            call()


def test_the_readme_example_passes_under_plain_pytest(tmp_path: pathlib.Path) -> None:
    """The README's example, taken from README.md into an empty folder and run with plain
    pytest: the fixtures come from the installed package's entry point, with no conftest."""
    readme = (HERE.parents[1] / "README.md").read_text()
    section = readme.split("## Testing your own code with the sandbox", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    assert code.startswith("# test_network_setup.py")
    example = tmp_path / "test_network_setup.py"
    example.write_text(code)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(example)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 passed" in done.stdout, done.stdout


def test_an_exported_state_saved_as_json_starts_another_sandbox(tmp_path: pathlib.Path) -> None:
    import json

    with vpsclient.Sandbox(build_delay=0) as first:
        tavu = first.tavu_client()
        for name in ("a", "b", "c"):
            tavu.networks.create(name)
        first.joviam_client().public_keys.create("laptop", "ssh-ed25519 AAAAC3Nza laptop")
        saved = tmp_path / "account.json"
        saved.write_text(json.dumps(first.export_state()))
        networks = tavu.networks.list()
    state = json.loads(saved.read_text())
    assert (state["format"], state["version"]) == ("vpsclient-sandbox-state", 1)
    with vpsclient.Sandbox(state=state) as second:
        assert second.tavu_client().networks.list() == networks
        assert [k.name for k in second.joviam_client().public_keys.list()] == ["laptop"]
        assert second.export_state()["tavu"] == state["tavu"]


@pytest.mark.parametrize(
    ("state", "says"),
    [([], "dict"), ({"format": "other"}, "format"), ({"format": "vpsclient-sandbox-state", "version": 2}, "version 2")],
)
def test_a_state_that_cannot_load_is_a_config_error(state: object, says: str) -> None:
    with pytest.raises(vpsclient.ConfigError, match=says):
        vpsclient.Sandbox(state=state)  # type: ignore[arg-type]


def test_the_command_line_takes_faults_latency_state_and_a_journal(tmp_path: pathlib.Path) -> None:
    import json
    import os
    import signal

    with vpsclient.Sandbox() as seed_sb:
        seed_sb.tavu_client().networks.create("from-state")
        (tmp_path / "in.json").write_text(json.dumps(seed_sb.export_state()))
    journal, saved = tmp_path / "journal.jsonl", tmp_path / "out.json"
    restore_sigint = (lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)) if os.name == "posix" else None
    proc = subprocess.Popen(
        [sys.executable, "-m", "vpsclient.sandbox", "--port", "0", "--latency", "0.05",
         "--fault", "tavu POST /networking/v1/networks status=503 times=1",
         "--state", str(tmp_path / "in.json"), "--journal", str(journal),
         "--save-state", str(saved)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"), preexec_fn=restore_sigint)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().split(" on ", 1)[1].strip()
        tavu = vpsclient.TavuClient("sandbox-api-key", base_url=f"{url}/tavu", max_retries=0)
        started = time.monotonic()
        assert [n.name for n in tavu.networks.list()] == ["from-state"]
        assert time.monotonic() - started >= 0.05
        with pytest.raises(vpsclient.ServerError):
            tavu.networks.create("lab")
        tavu.networks.create("lab")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (not journal.exists() or len(journal.read_text().splitlines()) < 3):
            time.sleep(0.1)
        if os.name == "posix":
            proc.send_signal(signal.SIGINT)
        else:
            proc.terminate()
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    entries = [json.loads(line) for line in journal.read_text().splitlines()]
    assert [(e["method"], e["path"], e["status"]) for e in entries] == [
        ("GET", "/networking/v1/networks", 200),
        ("POST", "/networking/v1/networks", 503),
        ("POST", "/networking/v1/networks", 200),
    ]
    assert entries[1]["body"] == {"network": {"name": "lab"}}
    if os.name == "posix":
        names = [n["name"] for n in json.loads(saved.read_text())["tavu"]["networks"]]
        assert names == ["from-state", "lab"]
