"""A five-minute tour of vpsclient on both clouds.

With no arguments it runs offline against vpsclient's sandbox, a local simulator of both
APIs: no account, no credentials, no network. With ``--live`` it runs the same tour against
the real APIs, reading TAVU_API_KEY (and TAVU_TEAM_ID) and JOVIAM_TOKEN; it creates real,
billable resources and deletes them again at the end.

    python examples/quickstart.py            # offline, in the sandbox
    python examples/quickstart.py --live     # for real
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any, Iterable, Sequence

import vpsclient


def table(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Prints rows as a plain-text table."""
    cells = [["-" if v is None else str(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    print(f"\n{title}")
    print(("  " + "  ".join(h.ljust(w) for h, w in zip(headers, widths))).rstrip())
    print("  " + "  ".join("-" * w for w in widths))
    for row in cells or [["(none)"] + [""] * (len(headers) - 1)]:
        print(("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths))).rstrip())


def step(message: str) -> None:
    print(f"- {message}", flush=True)


def tavu_tour(tavu: vpsclient.TavuClient, wait: dict[str, float]) -> None:
    print("\n== Tavu.io")
    configuration = min(tavu.configurations.list(), key=lambda c: (c.ram, c.cpu))
    image = tavu.operating_systems.list()[0]
    step(f"smallest configuration: {configuration.cpu} CPU, {configuration.ram} MB RAM; "
         f"image {image.name} {image.version}")

    network = tavu.networks.create("quickstart-net", description="vpsclient quickstart")
    subnet = tavu.subnets.create("quickstart-subnet", network.id, "10.20.0.0/24", 4,
                                 dns_nameservers=["1.1.1.1"])
    group = tavu.security_groups.create("quickstart-ssh", description="SSH from anywhere")
    rule = tavu.security_group_rules.create(group.id, "ingress", protocol="tcp",
                                            port_range_min=22, port_range_max=22,
                                            ethertype="IPv4", remote_ip_prefix="0.0.0.0/0")
    step(f"network {network.name} with subnet {subnet.cidr}; security group {group.name} "
         f"allowing {rule.protocol}/{rule.port_range_min}")

    instance = tavu.instances.create("quickstart-1", image.id, configuration.id,
                                     networks=[network.id])
    password = "(none)" if instance.password is None else "*" * len(instance.password)
    step(f"instance {instance.name} is {instance.status}; generated login "
         f"{instance.username} / {password}")
    instance = tavu.instances.wait_for_status(instance.id, "active", **wait)
    step(f"instance is {instance.status}")

    volume = tavu.volumes.create(10, "quickstart-data", description="scratch space")
    volume = tavu.volumes.wait_for_status(volume.id, "available", **wait)
    attached = tavu.volumes.attach(volume.id, instance.id)
    step(f"volume {volume.name} ({volume.size} GB) attached at {attached.mount_point}")

    table("Instances", ["name", "status", "RAM MB", "volumes", "addresses"],
          [(i.name, i.status, i.configuration.ram if i.configuration else None,
            len(i.volumes), ", ".join(a.ip_address for p in i.ports for a in p.ip_allocations))
           for i in tavu.instances.list()])
    table("Volumes", ["name", "size GB", "status", "attached to"],
          [(v.name, v.size, v.status, v.attachment.instance_id if v.attachment else None)
           for v in tavu.volumes.list()])
    table("Networks", ["name", "status", "subnets"],
          [(n.name, n.status, ", ".join(s.cidr for s in tavu.subnets.list() if s.network_id == n.id))
           for n in tavu.networks.list()])

    step("cleaning up")
    tavu.volumes.detach(volume.id, instance.id)
    tavu.volumes.wait_for_status(volume.id, "available", **wait)
    tavu.volumes.delete(volume.id)
    tavu.instances.delete(instance.id)
    tavu.instances.wait_for_deletion(instance.id, **wait)
    tavu.security_group_rules.delete(group.id, rule.id)
    tavu.security_groups.delete(group.id)
    tavu.subnets.delete(subnet.id)
    tavu.networks.delete(network.id)
    step(f"done: {len(tavu.instances.list())} instances, {len(tavu.volumes.list())} volumes left")


def joviam_tour(joviam: vpsclient.JoviamClient, wait: dict[str, float]) -> None:
    print("\n== Joviam")
    region = joviam.regions.list()[0]
    instance_tier = next(t for t in joviam.performance_tiers.list_instance()
                         if t.region.id == region.id)
    disk_tier = next(t for t in joviam.performance_tiers.list_disk() if t.region.id == region.id)
    template = next(t for t in joviam.templates.list() if t.region.id == region.id)
    step(f"region {region.name} ({region.code}); tiers {instance_tier.name}/{disk_tier.name}; "
         f"template {template.name}")

    network = joviam.networks.create("quickstart-net", region.id, "10.30.0.0/24",
                                     gateway="10.30.0.1")
    step(f"private network {network.name} {network.specification}")

    boot_size = max(20, template.minimum_disk_size or 0)
    instance = joviam.instances.create("quickstart-1", 1024, region.id, instance_tier.id,
                                       disk_tier.id, template.id, boot_size,
                                       networks=[network.id], start_when_ready=True)
    step(f"instance {instance.name} is {instance.state}")
    instance = joviam.instances.wait_for_state(instance.id, "running", **wait)
    step(f"instance is {instance.state} at "
         f"{', '.join(ip.address for a in instance.network_adapters for ip in a.ip_addresses)}")

    disk = joviam.disks.create("quickstart-data", 10, region.id, disk_tier.id)
    disk = joviam.disks.wait_for_state(disk.id, "unattached", **wait)
    # Joviam changes an instance's disks only while it is stopped.
    step("stopping the instance to attach the disk (Joviam attaches disks to stopped instances)")
    joviam.instances.stop(instance.id)
    joviam.instances.wait_for_state(instance.id, "stopped", **wait)
    boot = [d.id for d in joviam.instances.get(instance.id).disks]
    joviam.instances.set_disks(instance.id, boot + [disk.id])
    disk = joviam.disks.get(disk.id)
    step(f"disk {disk.name} ({disk.size} GB) is {disk.state} at position {disk.position}")

    table("Instances", ["name", "state", "memory MB", "disks"],
          [(i.name, i.state, i.memory, len(i.disks)) for i in joviam.instances.list()])
    table("Disks", ["name", "size GB", "state", "instance"],
          [(d.name, d.size, d.state, d.instance_id) for d in joviam.disks.list()])

    step("cleaning up")
    addresses = [ip.id for a in joviam.instances.get(instance.id).network_adapters
                 for ip in a.ip_addresses]
    joviam.instances.delete(instance.id)
    joviam.instances.wait_for_deletion(instance.id, **wait)
    # Deleting an instance detaches its disks and addresses but keeps them: delete them too.
    for disk_id in boot + [disk.id]:
        joviam.disks.delete(disk_id)
        joviam.disks.wait_for_deletion(disk_id, **wait)
    for address_id in addresses:
        joviam.ip_addresses.deallocate(address_id)
    joviam.networks.delete(network.id)
    step(f"done: {len(joviam.instances.list())} instances, {len(joviam.disks.list())} disks left")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--live", action="store_true",
                        help="use the real APIs (TAVU_API_KEY, JOVIAM_TOKEN) instead of the sandbox")
    args = parser.parse_args(argv)
    started = time.monotonic()
    if args.live:
        wait = {"timeout": 900.0, "interval": 5.0}
        if os.environ.get("TAVU_API_KEY"):
            tavu_tour(vpsclient.TavuClient(), wait)
        if os.environ.get("JOVIAM_TOKEN"):
            joviam_tour(vpsclient.JoviamClient(), wait)
    else:
        wait = {"timeout": 30.0, "interval": 0.1}
        with vpsclient.Sandbox(build_delay=0.3) as sandbox:
            print(f"vpsclient {vpsclient.__version__}: offline tour in the sandbox at {sandbox.url}")
            tavu_tour(sandbox.tavu_client(), wait)
            joviam_tour(sandbox.joviam_client(), wait)
    print(f"\nTour finished in {time.monotonic() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except vpsclient.VpsClientError as err:
        print(f"\n{type(err).__name__}: {err}", file=sys.stderr)
        sys.exit(1)
