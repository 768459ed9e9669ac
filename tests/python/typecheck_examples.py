"""Realistic uses of vpsclient, type-checked by `mypy --strict` against the stubs (tests/run.sh).

Never run by pytest, and nothing here runs at import: every call sits inside a function, so no
request is ever sent. mypy must accept every call, and the annotated assignments pin the types
it infers from the stubs (python/vpsclient/__init__.pyi, tavu.pyi and joviam.pyi).
"""

from __future__ import annotations

import vpsclient
from vpsclient import NOT_GIVEN, NotGiven
from vpsclient import joviam
from vpsclient.joviam import DHCP, BootDevice, InstanceState, NetworkAdapterSpec
from vpsclient.tavu import AllocationPoolDict, Instance, RouteDict, Subnet


def make_client() -> vpsclient.TavuClient:
    client = vpsclient.TavuClient(team_id="my-team", timeout=60.0, max_retries=3)
    base: str = client.base_url
    team: str | None = client.team_id
    print(base, team, vpsclient.__version__)
    for attribute, method, http_method, path in vpsclient.TavuClient.operations():
        print(f"{attribute}.{method}: {http_method} {path}")
    return client


def list_instances(tavu: vpsclient.TavuClient) -> list[str]:
    lines = []
    instances: list[Instance] = tavu.instances.list()
    for instance in instances:
        zone = instance.availability_zone
        region: str | None = zone.region if zone is not None else None
        addresses = [
            allocation.ip_address for port in instance.ports for allocation in port.ip_allocations
        ]
        ram_mb: int | None = instance.configuration.ram if instance.configuration else None
        lines.append(f"{instance.id} {instance.name} {instance.status} {region} {ram_mb} {addresses}")
        for group in instance.security_groups:
            for rule in group.rules:
                low: int | None = rule.port_range_min
                print(group.name, rule.direction, rule.protocol, low)
    return lines


def create_instance(tavu: vpsclient.TavuClient, description: str | None = None) -> Instance:
    image = next(os for os in tavu.operating_systems.list() if os.name == "Ubuntu")
    size = min(tavu.configurations.list(), key=lambda c: c.ram)
    user = tavu.instance_users.create("deploy", ssh_keys=["laptop"], disable_password=True)
    user_id: int = user.id
    created = tavu.instances.create(
        "web-1",
        image.id,
        size.id,
        networks=["public"],
        ssh_keys=("laptop",),
        instance_user_ids=[user_id],
        upgrade_on_first_boot=True,
        availability_zone_id=NOT_GIVEN,
    )
    if created.password is not None:
        print("store this password now:", created.username)
    # Forwarding an argument that may be unset: NOT_GIVEN leaves the field out.
    volume_description: str | NotGiven = description if description is not None else NOT_GIVEN
    volume = tavu.volumes.create(10, "data", description=volume_description)
    attached = tavu.volumes.attach(volume.id, created.id)
    print(attached.mount_point)
    tavu.instances.resize(created.id, size.id)
    tavu.instances.confirm_resize(created.id)
    return tavu.instances.rebuild(created.id, image.id, name="web-1-rebuilt")


def reshape_subnet(tavu: vpsclient.TavuClient, network_id: str) -> Subnet:
    pool: AllocationPoolDict = {"start": "192.168.2.10", "end": "192.168.2.200"}
    default_route: RouteDict = {"destination": "0.0.0.0/0", "nexthop": "192.168.2.1"}
    subnet = tavu.subnets.create(
        "backend",
        network_id,
        "192.168.2.0/24",
        4,
        gateway_ip="192.168.2.1",
        dns_nameservers=["1.1.1.1", "9.9.9.9"],
        allocation_pools=[pool],
        host_routes=[default_route],
    )
    # Keep the pools the server holds, add one, and clear the gateway (None sends null).
    updated = tavu.subnets.update(
        subnet.id,
        gateway_ip=None,
        allocation_pools=[*subnet.allocation_pools, {"start": "192.168.2.220", "end": "192.168.2.240"}],
    )
    gateway: str | None = updated.gateway_ip
    print(gateway, [p.start for p in updated.allocation_pools])
    tavu.routers.update("router-id", routes=[default_route], admin_state_up=True)
    tavu.floating_ips.update("floating-ip-id", port_id=None)
    return updated


def find_instance(tavu: vpsclient.TavuClient, instance_id: str) -> Instance | None:
    try:
        return tavu.instances.get(instance_id)
    except vpsclient.NotFoundError as error:
        status: int = error.status
        print(f"{status} {error.method} {error.url}: {error.message}")
        return None
    except vpsclient.RateLimitError as error:
        retry_after: float | None = error.retry_after
        print("retry after", retry_after)
        raise
    except vpsclient.VpsClientError as error:
        print("failed:", error)
        raise


def as_json(instance: Instance) -> dict[str, object]:
    same: bool = instance == instance
    print(same)
    return instance.to_dict()


def joviam_web_server(token: str | None = None) -> joviam.Instance:
    client = vpsclient.JoviamClient(token, timeout=60.0, connect_timeout=5.0, max_retries=3)
    base: str = client.base_url
    print(base, len(vpsclient.JoviamClient.operations()))
    region = client.regions.list()[0]
    tier = next(t for t in client.performance_tiers.list_instance() if t.region.id == region.id)
    disk_tier = client.performance_tiers.list_disk()[0]
    key = client.public_keys.create("laptop", "ssh-ed25519 AAAA... me@laptop")
    instance = client.instances.create(
        "web-1",
        2048,
        region.id,
        tier.id,
        disk_tier.id,
        "ubuntu-16-04",
        30,
        public_keys=[key.id],
        start_when_ready=True,
    )
    instance = client.instances.wait_for_state(instance.id, InstanceState.RUNNING, timeout=900.0)
    # States are plain str; the enums compare equal to them.
    state: str = client.instances.state(instance.id)
    if state == InstanceState.RUNNING:
        client.instances.stop(instance.id)
    client.instances.update(instance.id, boot_device=BootDevice.DISK, note="web tier", memory=4096)
    note: str = client.instances.note(instance.id)
    print(note, [d.state for d in instance.disks])

    # A private network without a gateway (None sends null), then one adapter on it with a
    # fixed address and one on a public network with DHCP.
    network = client.networks.create("backend", region.id, "192.168.2.0/24", gateway=None)
    client.networks.update(network.id, primary_nameserver="192.168.2.4", secondary_nameserver=None)
    address = client.ip_addresses.allocate(network=network.id, name=None)
    client.ip_addresses.update(address.id, name="web-1 backend")
    public = client.networks.list_public()[0]
    adapters: list[NetworkAdapterSpec] = [
        {"network": network.id, "ip_addresses": [address.id]},
        {"network": public.id, "ip_addresses": DHCP},
    ]
    for adapter in client.instances.set_network_adapters(instance.id, adapters):
        gateway: str | None = adapter.network.gateway
        print(adapter.index, adapter.dhcp, gateway, [a.address for a in adapter.ip_addresses])
    disks: list[joviam.Disk] = client.instances.set_disks(instance.id, [d.id for d in instance.disks])
    print(len(disks))

    variables: dict[str, str] = client.instances.update_context(instance.id, {"ROLE": "web"})
    client.instances.delete_context_variable(instance.id, "OLD")
    print(variables.get("ROLE"))

    session = client.instances.remote_access(instance.id, type="vnc")
    session = client.console_sessions.get(session.id)
    port: int | None = session.port
    print(session.state, session.url, port)

    try:
        client.disks.resize(instance.disks[0].id, 10)
    except vpsclient.ValidationError as error:
        code: str | None = error.code
        print(code, error.details)
    except vpsclient.AuthenticationError as error:
        if error.code == "invalid_token":
            print("token expired:", error.message)
        raise
    client.ip_addresses.deallocate(address.id)
    client.public_keys.delete(key.id)
    gone: joviam.Instance = client.instances.delete(instance.id)
    client.instances.wait_for_deletion(gone.id)
    return gone
