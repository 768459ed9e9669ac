"""The Tavu instance model in pydantic v2: what a hand-written requests + pydantic client would use.

Field for field the same as ``vpsclient.tavu.Instance`` and its nested models (src/tavu/models.rs):
the same required fields, ``None`` for optional ones, lists that read ``null`` as empty, and
unknown fields ignored (pydantic's default). Imported on its own by the import-time scenario.
"""

from typing import Annotated, List, Optional

from pydantic import BaseModel, BeforeValidator, TypeAdapter

NULL_AS_EMPTY = BeforeValidator(lambda v: [] if v is None else v)


class AvailabilityZone(BaseModel):
    id: str
    region: Optional[str] = None
    number: Optional[int] = None


class SecurityGroupRule(BaseModel):
    id: str
    security_group_id: Optional[str] = None
    remote_group_id: Optional[str] = None
    direction: str
    ethertype: Optional[str] = None
    protocol: Optional[str] = None
    port_range_min: Optional[int] = None
    port_range_max: Optional[int] = None
    remote_ip_prefix: Optional[str] = None


class SecurityGroup(BaseModel):
    id: str
    name: str
    description: Optional[str] = None
    rules: Annotated[List[SecurityGroupRule], NULL_AS_EMPTY] = []


class VolumeAttachment(BaseModel):
    mounted_at: Optional[str] = None
    instance_id: str
    attach_time: Optional[str] = None
    status: Optional[str] = None


class VolumeSnapshot(BaseModel):
    id: str
    name: Optional[str] = None
    description: Optional[str] = None
    volume_id: str
    volume_size: Optional[int] = None
    created_at: Optional[str] = None


class Volume(BaseModel):
    id: str
    name: str
    description: Optional[str] = None
    size: int
    status: str
    snapshot_id: Optional[str] = None
    created_at: Optional[str] = None
    detach_time: Optional[str] = None
    attachment: Optional[VolumeAttachment] = None
    snapshots: Annotated[List[VolumeSnapshot], NULL_AS_EMPTY] = []


class Configuration(BaseModel):
    id: str
    cpu: int
    ram: int
    disk: int
    disk_type: Optional[str] = None
    bandwidth: Optional[str] = None
    availability_zones: Annotated[List[AvailabilityZone], NULL_AS_EMPTY] = []


class Image(BaseModel):
    id: str
    name: str
    version: Optional[str] = None


class IpAllocation(BaseModel):
    ip_address: str
    subnet_id: Optional[str] = None
    network_id: Optional[str] = None


class Port(BaseModel):
    id: str
    name: Optional[str] = None
    description: Optional[str] = None
    network_id: str
    mac_address: Optional[str] = None
    # The API sends true or 1; pydantic's lax mode reads both as True.
    admin_state_up: Optional[bool] = None
    status: Optional[str] = None
    device_id: Optional[str] = None
    device_owner: Optional[str] = None
    ip_allocations: Annotated[List[IpAllocation], NULL_AS_EMPTY] = []


class Instance(BaseModel):
    id: str
    name: str
    status: str
    created_at: Optional[str] = None
    ssh_key: Optional[str] = None
    availability_zone: Optional[AvailabilityZone] = None
    security_groups: Annotated[List[SecurityGroup], NULL_AS_EMPTY] = []
    volumes: Annotated[List[Volume], NULL_AS_EMPTY] = []
    configuration: Optional[Configuration] = None
    image: Optional[Image] = None
    ports: Annotated[List[Port], NULL_AS_EMPTY] = []
    username: Optional[str] = None
    password: Optional[str] = None


#: Validates a whole list-instances body, straight from bytes (pydantic-core's fastest path).
INSTANCE_LIST = TypeAdapter(List[Instance])
