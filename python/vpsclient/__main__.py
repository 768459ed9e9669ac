"""``python -m vpsclient``: an inventory of your clouds, printed as tables.

With ``TAVU_API_KEY`` (and optionally ``TAVU_TEAM_ID``) set it lists your Tavu instances,
volumes and networks; with ``JOVIAM_TOKEN`` set, your Joviam instances, disks and networks.
Without credentials it says what it would need and what the library covers, and exits 0.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Callable, Iterable, Sequence

import vpsclient


def table(title: str, rows: Iterable[Sequence[Any]], headers: Sequence[str]) -> str:
    """Formats rows as a plain-text table under a title."""
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = "  ".join("-" * w for w in widths)
    out = [title, "  ".join(h.ljust(w) for h, w in zip(headers, widths)), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in cells] or ["(none)"]
    return "\n".join(out)


def tavu_inventory(client: Any) -> list[str]:
    return [
        table("Tavu instances", ((i.id, i.name, i.status, i.configuration.ram if i.configuration else None)
                                 for i in client.instances.list()), ["id", "name", "status", "ram MB"]),
        table("Tavu volumes", ((v.id, v.name, v.size, v.status) for v in client.volumes.list()),
              ["id", "name", "size GB", "status"]),
        table("Tavu networks", ((n.id, n.name, n.status) for n in client.networks.list()),
              ["id", "name", "status"]),
    ]


def joviam_inventory(client: Any) -> list[str]:
    return [
        table("Joviam instances", ((i.id, i.name, i.state, i.memory) for i in client.instances.list()),
              ["id", "name", "state", "memory MB"]),
        table("Joviam disks", ((d.id, d.name, d.size, d.state) for d in client.disks.list()),
              ["id", "name", "size GB", "state"]),
        table("Joviam networks", ((n.id, n.name, n.specification) for n in client.networks.list()),
              ["id", "name", "specification"]),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vpsclient", description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    print(f"vpsclient {vpsclient.__version__}")
    providers: list[tuple[str, str, Any, Callable[[Any], list[str]]]] = [
        ("Tavu.io", "TAVU_API_KEY", vpsclient.TavuClient, tavu_inventory),
    ]
    joviam_client = getattr(vpsclient, "JoviamClient", None)
    if joviam_client is not None:
        providers.append(("Joviam", "JOVIAM_TOKEN", joviam_client, joviam_inventory))
    status = 0
    for name, env, client_class, inventory in providers:
        if not os.environ.get(env):
            count = len(client_class.operations())
            print(f"{name}: {count} operations available; set {env} to list your resources.")
            continue
        try:
            for block in inventory(client_class()):
                print()
                print(block)
        except vpsclient.VpsClientError as err:
            print(f"{name}: {type(err).__name__}: {err}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
