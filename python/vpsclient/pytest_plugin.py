"""pytest fixtures for testing code that uses vpsclient against the offline sandbox.

Installed with the package (a ``pytest11`` entry point), so nothing needs importing or
registering: any test can ask for these fixtures.

- ``vpsclient_sandbox``: a fresh, running :class:`vpsclient.Sandbox` for each test, stopped
  afterwards. Its ``build_delay`` defaults to 0.05 s so waits are quick.
- ``vpsclient_tavu`` and ``vpsclient_joviam``: a :class:`vpsclient.TavuClient` and a
  :class:`vpsclient.JoviamClient` pointed at that sandbox.

Settings come from a ``vpsclient_sandbox`` marker, from indirect parametrisation, or both (the
parameter wins)::

    @pytest.mark.vpsclient_sandbox(rate_limit=5, faults=[
        dict(provider="tavu", method="POST", path="/compute/v1/instances", status=503, times=1),
    ])
    def test_create_retries(vpsclient_tavu): ...

    @pytest.mark.parametrize("vpsclient_sandbox", [{"build_delay": 0.2}], indirect=True)
    def test_slow_builds(vpsclient_sandbox): ...

The settings are the :class:`vpsclient.Sandbox` constructor's keywords (``build_delay``,
``rate_limit``, ``state``, ...) plus ``faults``: a list of :meth:`vpsclient.Sandbox.inject_fault`
keyword dicts, injected before the test starts.
"""

from __future__ import annotations

from typing import Any, Iterator

import pytest

import vpsclient

__all__ = ["vpsclient_sandbox", "vpsclient_tavu", "vpsclient_joviam", "sandbox_settings"]

#: The fixture's ``build_delay`` unless a test sets one.
DEFAULT_BUILD_DELAY = 0.05


def pytest_configure(config: pytest.Config) -> None:
    """Registers the ``vpsclient_sandbox`` marker.

    Args:
        config: pytest's configuration.
    """
    config.addinivalue_line(
        "markers",
        "vpsclient_sandbox(**settings): settings for the vpsclient_sandbox fixture "
        "(build_delay, rate_limit, state, faults=[inject_fault keyword dicts], ...)",
    )


def sandbox_settings(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The settings a test asks for: its ``vpsclient_sandbox`` markers (closest last), then
    the fixture's indirect parameter.

    Args:
        request: The requesting test's fixture request.

    Returns:
        The merged settings, ``build_delay`` defaulting to 0.05 s.

    Raises:
        TypeError: A marker has positional arguments, or the parameter is not a dict.
    """
    settings: dict[str, Any] = {"build_delay": DEFAULT_BUILD_DELAY}
    for marker in reversed(list(request.node.iter_markers("vpsclient_sandbox"))):
        if marker.args:
            raise TypeError("the vpsclient_sandbox marker takes keyword arguments only")
        settings.update(marker.kwargs)
    param = getattr(request, "param", None)
    if param is not None:
        if not isinstance(param, dict):
            raise TypeError(
                "a vpsclient_sandbox parameter must be a dict of settings, "
                f"not {type(param).__name__}"
            )
        settings.update(param)
    return settings


@pytest.fixture
def vpsclient_sandbox(request: pytest.FixtureRequest) -> Iterator[vpsclient.Sandbox]:
    """A fresh, running sandbox for one test, stopped afterwards.

    Args:
        request: pytest's fixture request (markers and parameters are read from it).

    Returns:
        The running :class:`vpsclient.Sandbox` (as a generator fixture).

    Raises:
        vpsclient.ConfigError: A setting is invalid.
        vpsclient.InvalidArgumentError: A fault is invalid.
    """
    settings = sandbox_settings(request)
    faults = settings.pop("faults", None) or []
    sandbox = vpsclient.Sandbox(**settings)
    try:
        for fault in faults:
            sandbox.inject_fault(**fault)
        yield sandbox
    finally:
        sandbox.stop()


@pytest.fixture
def vpsclient_tavu(vpsclient_sandbox: vpsclient.Sandbox) -> vpsclient.TavuClient:
    """A Tavu client of the test's sandbox.

    Args:
        vpsclient_sandbox: The test's sandbox.

    Returns:
        A :class:`vpsclient.TavuClient` with the sandbox's base URL and key.
    """
    return vpsclient_sandbox.tavu_client()


@pytest.fixture
def vpsclient_joviam(vpsclient_sandbox: vpsclient.Sandbox) -> vpsclient.JoviamClient:
    """A Joviam client of the test's sandbox.

    Args:
        vpsclient_sandbox: The test's sandbox.

    Returns:
        A :class:`vpsclient.JoviamClient` with the sandbox's base URL and token.
    """
    return vpsclient_sandbox.joviam_client()
