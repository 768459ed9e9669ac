"""``python -m vpsclient.sandbox``: run the offline sandbox of both clouds until Ctrl-C.

The sandbox simulates the Tavu.io and Joviam APIs on 127.0.0.1, for curl, other programs, or
clients in other languages. In Python, ``vpsclient.Sandbox()`` starts one in-process instead.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Sequence

from . import Sandbox

__all__ = ["Sandbox", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the sandbox in the foreground; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m vpsclient.sandbox",
                                     description="Run vpsclient's offline sandbox of both clouds.")
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--build-delay", type=float, default=0.5,
                        help="seconds asynchronous work (a build, a start) takes")
    parser.add_argument("--rate-limit", type=int, default=None,
                        help="answer 429 past this many requests per second")
    args = parser.parse_args(argv)
    with Sandbox(port=args.port, build_delay=args.build_delay, rate_limit=args.rate_limit) as sb:
        print(f"vpsclient sandbox on {sb.url}")
        print(f"  Tavu.io  base URL {sb.tavu_base_url}    header  Authorization: {sb.tavu_key}")
        print(f"  Joviam   base URL {sb.joviam_base_url}  header  Authorization: Bearer {sb.joviam_token}")
        print(f"  try:     curl -H 'Authorization: {sb.tavu_key}' {sb.tavu_base_url}/compute/v1/configurations")
        print("Ctrl-C stops it.", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
