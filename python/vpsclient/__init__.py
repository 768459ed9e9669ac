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

from . import _errors, _native, joviam, tavu
from ._errors import *  # noqa: F403 (every exception class; _errors.__all__ names them)
from ._native import JoviamClient, Sandbox, TavuClient, Topology, __version__
from ._sentinel import NOT_GIVEN, NotGiven



def refresh_logging() -> None:
    """Makes vpsclient see the levels of the ``vpsclient`` loggers again after ``logging`` was
    reconfigured. ``Logger.setLevel``, ``basicConfig`` and ``dictConfig`` already call it."""
    _native._reset_logging()


def _setup_logging() -> None:
    """Connects vpsclient's log records to ``logging`` (called when the first client is built,
    so that ``import vpsclient`` does not import ``logging``)."""
    import logging

    _native._init_logging()
    # The Rust side caches each logger's level; Python's logging clears its own cache through
    # Manager._clear_cache whenever a level changes, so clear ours with it.
    clear = getattr(logging.Manager, "_clear_cache", None)
    if clear is None or getattr(clear, "_vpsclient", False):
        return

    def _clear_cache(self: logging.Manager) -> None:
        clear(self)
        _native._reset_logging()

    _clear_cache._vpsclient = True  # type: ignore[attr-defined]
    logging.Manager._clear_cache = _clear_cache  # type: ignore[method-assign]


def __getattr__(name: str) -> object:
    # ResourceList lives in _display, which is imported on first use (it is the heaviest
    # module of the package to import).
    if name == "ResourceList":
        from ._display import ResourceList

        return ResourceList
    raise AttributeError(f"module 'vpsclient' has no attribute {name!r}")

__all__ = [
    "TavuClient",
    "Sandbox",
    "JoviamClient",
    "NOT_GIVEN",
    "NotGiven",
    "ResourceList",
    "Topology",
    "refresh_logging",
    "tavu",
    "joviam",
    "__version__",
] + _errors.__all__
