"""``python -m vpsclient.sandbox``: run the offline sandbox of both clouds until Ctrl-C.

The sandbox simulates the Tavu.io and Joviam APIs on 127.0.0.1, for curl, other programs, or
clients in other languages. In Python, ``vpsclient.Sandbox()`` starts one in-process instead.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import IO, Any, NamedTuple, Optional, Sequence

from . import Sandbox

__all__ = ["Sandbox", "SandboxRequest", "main", "parse_fault"]


class SandboxRequest(NamedTuple):
    """One request the sandbox received, as :meth:`vpsclient.Sandbox.requests` lists it.

    Headers are never recorded, so no credential is.
    """

    provider: str
    """``"tavu"`` or ``"joviam"`` (the first path segment, whatever it was)."""
    method: str
    """``GET``, ``POST``, ..."""
    path: str
    """The path relative to the provider's base URL, without the query."""
    query: Optional[str]
    """The query string without its ``?``, or None."""
    body: Any
    """The body parsed as JSON, or None when it was empty or not JSON."""
    status: Optional[int]
    """The status answered, or None when the connection was reset or stalled instead."""


def parse_fault(text: str) -> dict[str, Any]:
    """Reads a ``--fault`` flag: ``PROVIDER METHOD PATH KEY=VALUE...``.

    Args:
        text: For example ``"tavu POST /compute/v1/instances status=503 times=1"``; the keys
            are :meth:`Sandbox.inject_fault`'s keywords (``status``, ``latency``, ``reset``,
            ``stall``, ``times``, ``probability``, ``seed``).

    Returns:
        The keyword arguments for :meth:`Sandbox.inject_fault`.

    Raises:
        argparse.ArgumentTypeError: The text is malformed.
    """
    parts = text.split()
    if len(parts) < 3:
        raise argparse.ArgumentTypeError(
            f"a fault is 'PROVIDER METHOD PATH KEY=VALUE...', not {text!r}")
    fault: dict[str, Any] = {"provider": parts[0], "method": parts[1], "path": parts[2]}
    numbers = {"status": int, "times": int, "seed": int, "latency": float, "stall": float,
               "probability": float}
    for item in parts[3:]:
        key, sep, value = item.partition("=")
        if not sep or key not in {*numbers, "reset"}:
            raise argparse.ArgumentTypeError(
                f"unknown fault setting {item!r}: use status=, latency=, reset=before|during, "
                "stall=, times=, probability=, seed=")
        try:
            fault[key] = numbers[key](value) if key in numbers else value
        except ValueError:
            raise argparse.ArgumentTypeError(f"{key} needs a number, not {value!r}") from None
    return fault


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the sandbox in the foreground until Ctrl-C.

    Args:
        argv: The command-line arguments (``sys.argv[1:]`` when None).

    Returns:
        The exit status.
    """
    parser = argparse.ArgumentParser(prog="python -m vpsclient.sandbox",
                                     description="Run vpsclient's offline sandbox of both clouds.")
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--build-delay", type=float, default=0.5,
                        help="seconds asynchronous work (a build, a start) takes")
    parser.add_argument("--rate-limit", type=int, default=None,
                        help="answer 429 past this many requests per second")
    parser.add_argument("--fault", type=parse_fault, action="append", default=[],
                        metavar="'PROVIDER METHOD PATH KEY=VALUE...'",
                        help="inject a fault, e.g. 'tavu POST /compute/v1/instances status=503 "
                             "times=1' (keys: status, latency, reset=before|during, stall, times, "
                             "probability, seed); repeatable")
    parser.add_argument("--latency", type=float, default=None,
                        help="add this many seconds to every answer")
    parser.add_argument("--state", type=argparse.FileType("r"), default=None,
                        help="start from a state saved as JSON (Sandbox.export_state())")
    parser.add_argument("--save-state", default=None, metavar="FILE",
                        help="write the final state to this JSON file on exit")
    parser.add_argument("--journal", default=None, metavar="FILE",
                        help="write each request received as a JSON line to FILE ('-': print it)")
    args = parser.parse_args(argv)
    state = json.load(args.state) if args.state else None
    with Sandbox(port=args.port, build_delay=args.build_delay, rate_limit=args.rate_limit,
                 state=state) as sb:
        for fault in args.fault:
            sb.inject_fault(**fault)
        if args.latency:
            sb.inject_fault("*", "*", "/**", latency=args.latency)
        print(f"vpsclient sandbox on {sb.url}")
        print(f"  Tavu.io  base URL {sb.tavu_base_url}    header  Authorization: {sb.tavu_key}")
        print(f"  Joviam   base URL {sb.joviam_base_url}  header  Authorization: Bearer {sb.joviam_token}")
        print(f"  try:     curl -H 'Authorization: {sb.tavu_key}' {sb.tavu_base_url}/compute/v1/configurations")
        print("Ctrl-C stops it.", flush=True)
        journal: IO[str] | None = None
        if args.journal == "-":
            journal = sys.stdout
        elif args.journal:
            journal = open(args.journal, "a", encoding="utf-8")
        seen = 0
        try:
            while True:
                time.sleep(0.2 if journal else 3600)
                if journal is not None:
                    entries = sb.requests()
                    for entry in entries[seen:]:
                        journal.write(json.dumps(entry._asdict()) + "\n")
                    seen = len(entries)
                    journal.flush()
        except KeyboardInterrupt:
            print("stopped")
        finally:
            if journal is not None and journal is not sys.stdout:
                journal.close()
            if args.save_state:
                with open(args.save_state, "w", encoding="utf-8") as out:
                    json.dump(sb.export_state(), out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
