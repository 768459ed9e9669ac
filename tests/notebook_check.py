"""Runs examples/tour.ipynb from top to bottom in a fresh Jupyter kernel and checks what it shows.

    .venv/bin/python tests/notebook_check.py             # run and check the tour
    .venv/bin/python tests/notebook_check.py --clear     # clear its outputs in place, after editing

Fails (exit 1, naming the cell and the error) when:

- the notebook carries outputs (it is committed cleared, so diffs show only source);
- any cell raises, or runs longer than 120 seconds (or the whole run longer than 600);
- the cell tagged ``instance-list`` shows no HTML table (``text/html`` with ``<table``);
- the cell tagged ``topology`` shows no SVG (``image/svg+xml``);
- the cell tagged ``wait`` shows no progress, or the cell tagged ``logging`` logs no
  ``vpsclient.http`` line.

The kernel runs the interpreter running this script (so it imports the vpsclient built into
it), through a kernelspec written to a temporary directory: kernels installed for the user or
the system are never picked, and nothing is written to the repository or the home directory.
The executed notebook goes to that temporary directory (or to ``--output``) for a look.

Needs nbclient and ipykernel, test-only: ``pip install "nbclient>=0.10" "ipykernel>=6"``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, List, Optional, Tuple

REPO = Path(__file__).resolve().parent.parent
TOUR = REPO / "examples" / "tour.ipynb"
CELL_TIMEOUT = 120  # seconds, per cell
TOTAL_TIMEOUT = 600  # seconds for the whole run: a guard against a kernel that never answers
KERNEL_NAME = "vpsclient-tour-python"

# Cells found by their tags (cell metadata "tags"), and what each must show.
LIST_TAG = "instance-list"
TOPOLOGY_TAG = "topology"
WAIT_TAG = "wait"
LOGGING_TAG = "logging"
TAGS = (LIST_TAG, TOPOLOGY_TAG, WAIT_TAG, LOGGING_TAG)

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class CheckFailed(Exception):
    """A check failed; the message says which cell and why."""


def plain(text: Any) -> str:
    """Output text as one string, without the terminal colours of tracebacks."""
    if isinstance(text, list):
        text = "".join(text)
    return _ANSI.sub("", str(text))


def describe(index: int, cell: Any) -> str:
    """How a failure names a cell: ``cell 17 (tagged topology): tavu.topology()``."""
    tags = cell.get("metadata", {}).get("tags", [])
    tagged = f" (tagged {', '.join(tags)})" if tags else ""
    first = next((line for line in cell.source.splitlines() if line.strip()), "")
    return f"cell {index}{tagged}: {first.strip()}"


def tagged(nb: Any, tag: str) -> Tuple[int, Any]:
    """The one cell carrying `tag`, with its index among all cells."""
    found = [(i, c) for i, c in enumerate(nb.cells) if tag in c.get("metadata", {}).get("tags", [])]
    if len(found) != 1:
        raise CheckFailed(f"expected exactly one cell tagged {tag!r}, found {len(found)}")
    return found[0]


def rich_outputs(cell: Any, mime: str) -> List[str]:
    """The `mime` data of a cell's display_data and execute_result outputs."""
    return [
        plain(out["data"][mime])
        for out in cell.get("outputs", [])
        if out.get("output_type") in ("display_data", "execute_result") and mime in out.get("data", {})
    ]


def stream_text(cell: Any) -> str:
    """What a cell wrote to stdout and stderr."""
    streams = [out for out in cell.get("outputs", []) if out.get("output_type") == "stream"]
    return "".join(plain(out.get("text", "")) for out in streams)


def first_error(nb: Any) -> Optional[str]:
    """The first cell with an error output, described with its source and traceback."""
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                traceback = plain("\n".join(out.get("traceback", [])))
                return (
                    f"{describe(index, cell)}\n--- source ---\n{cell.source}\n"
                    f"--- {out.get('ename')}: {plain(out.get('evalue', ''))} ---\n{traceback}"
                )
    return None


def check_cleared(nb: Any, notebook: Path) -> None:
    """The notebook as committed has no outputs or execution counts."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            raise CheckFailed(
                f"committed with outputs, in {describe(index, cell)}; clear them "
                "(python tests/notebook_check.py --clear, or in Jupyter: Clear All Outputs)"
            )


def kernel_environment(work: Path) -> None:
    """Points Jupyter at a kernelspec in `work` for this very interpreter (ahead of any other
    kernelspec), and keeps IPython's profile and the connection files in `work` too."""
    from ipykernel.kernelspec import get_kernel_dict

    spec = work / "jupyter" / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    # The kernelspec `ipykernel install` would write for sys.executable: the same interpreter,
    # and the metadata this ipykernel version declares (newer ones: CurveZMQ support).
    kernel = get_kernel_dict()
    kernel["display_name"] = "Python (vpsclient tour check)"
    (spec / "kernel.json").write_text(json.dumps(kernel, indent=1))
    paths = [str(work / "jupyter")] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(paths)
    os.environ["JUPYTER_RUNTIME_DIR"] = str(work / "runtime")
    os.environ["IPYTHONDIR"] = str(work / "ipython")


def kernel_config() -> Any:
    """Asks jupyter_client for CurveZMQ-encrypted kernel channels where the kernelspec declares
    support and pyzmq has CurveZMQ ("auto"; older jupyter_client releases ignore the setting),
    so that the kernel does not warn that it talks plain TCP."""
    from traitlets.config import Config

    config = Config()
    try:
        import zmq

        if zmq.has("curve"):
            config.KernelManager.transport_encryption = "auto"
    except Exception:
        pass
    return config


def watchdog(client: Any, executed: Path) -> threading.Timer:
    """A timer that ends the check (and the kernel) after TOTAL_TIMEOUT seconds, for the hangs
    the per-cell timeout cannot see, such as a kernel that never gets ready."""

    def expire() -> None:
        print(
            f"notebook check failed: no end after {TOTAL_TIMEOUT} s (kernel not answering?); "
            f"nothing written to {executed}",
            file=sys.stderr,
            flush=True,
        )
        try:
            client.km.provisioner.process.kill()
        except Exception:
            pass
        os._exit(1)

    timer = threading.Timer(TOTAL_TIMEOUT, expire)
    timer.daemon = True
    return timer


def need_test_tools() -> Any:
    """nbformat, or CheckFailed saying what to install."""
    try:
        import ipykernel  # noqa: F401  (the kernel runs this interpreter, so it needs ipykernel)
        import nbclient  # noqa: F401
        import nbformat
    except ImportError as error:
        raise CheckFailed(
            f"{error}: the notebook check needs nbclient and ipykernel "
            '(pip install "nbclient>=0.10" "ipykernel>=6")'
        ) from error
    return nbformat


def clear(notebook: Path) -> str:
    """Removes the outputs and execution counts of `notebook`, in place."""
    nbformat = need_test_tools()
    nb = nbformat.read(str(notebook), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.write(nb, str(notebook))
    return f"{notebook.name}: outputs cleared"


def run(notebook: Path, output: Optional[Path]) -> str:
    """Executes `notebook` and checks its outputs; returns the summary line."""
    nbformat = need_test_tools()
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(str(notebook), as_version=4)
    nbformat.validate(nb)
    check_cleared(nb, notebook)
    for tag in TAGS:
        tagged(nb, tag)

    work = Path(tempfile.mkdtemp(prefix="vpsclient-tour-"))
    kernel_environment(work)
    cwd = work / "cwd"  # the kernel's working directory: files the notebook writes land here
    cwd.mkdir()
    executed = output or work / notebook.name
    client = NotebookClient(
        nb,
        config=kernel_config(),
        timeout=CELL_TIMEOUT,
        kernel_name=KERNEL_NAME,
        allow_errors=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    failure: Optional[str] = None
    timer = watchdog(client, executed)
    timer.start()
    try:
        client.execute()
    except CellTimeoutError as error:
        failure = f"a cell ran longer than {CELL_TIMEOUT} s:\n{plain(error)}"
    except DeadKernelError as error:
        failure = f"the kernel died: {plain(error)}"
    except CellExecutionError as error:
        failure = first_error(nb) or plain(error)
    finally:
        timer.cancel()
        executed.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, str(executed))
    failure = failure or first_error(nb)
    if failure is not None:
        raise CheckFailed(f"{failure}\n(executed notebook: {executed})")

    index, cell = tagged(nb, LIST_TAG)
    if not any("<table" in html for html in rich_outputs(cell, "text/html")):
        raise CheckFailed(f"{describe(index, cell)} shows no HTML table (text/html with <table)")
    index, cell = tagged(nb, TOPOLOGY_TAG)
    if not any("<svg" in svg for svg in rich_outputs(cell, "image/svg+xml")):
        raise CheckFailed(f"{describe(index, cell)} shows no SVG (image/svg+xml)")
    index, cell = tagged(nb, WAIT_TAG)
    if not any(out.get("output_type") in ("display_data", "stream") for out in cell.get("outputs", [])):
        raise CheckFailed(f"{describe(index, cell)} shows no progress display")
    index, cell = tagged(nb, LOGGING_TAG)
    if "vpsclient.http" not in stream_text(cell):
        raise CheckFailed(f"{describe(index, cell)} logs no vpsclient.http line")

    ran = sum(1 for cell in nb.cells if cell.cell_type == "code" and cell.get("execution_count") is not None)
    return f"{notebook.name}: {ran} cells ran, list table and topology SVG present (executed copy: {executed})"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", type=Path, default=TOUR, help="the notebook (default: examples/tour.ipynb)")
    parser.add_argument("--output", type=Path, help="where to write the executed notebook (default: a temp dir)")
    parser.add_argument("--clear", action="store_true", help="clear the notebook's outputs in place, run nothing")
    args = parser.parse_args(argv)
    try:
        print(clear(args.notebook) if args.clear else run(args.notebook, args.output))
    except CheckFailed as failure:
        print(f"notebook check failed: {args.notebook.name}: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
