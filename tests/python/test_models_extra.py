"""Timestamps are aware ``datetime``s, and fields a model does not declare survive (``extra``),
through attributes, ``to_dict()``, ``==``, pickling and copying (issue 11)."""

from __future__ import annotations

import copy
import datetime
import json
import pathlib
import pickle
from typing import Any

import pytest

from vpsclient import joviam, tavu

UTC = datetime.timezone.utc


def tavu_volume(**fields: Any) -> tavu.Volume:
    body = {"id": "v1", "name": "data", "size": 10, "status": "available", **fields}
    return tavu.Volume._from_json(json.dumps(body))


HOURS = datetime.timedelta(hours=1)


@pytest.mark.parametrize(
    ("text", "instant", "offset"),
    [
        ("2017-10-27T12:44:04.000+03:00", datetime.datetime(2017, 10, 27, 9, 44, 4, tzinfo=UTC), 3 * HOURS),
        ("2017-10-30T09:38:24.000+02:00", datetime.datetime(2017, 10, 30, 7, 38, 24, tzinfo=UTC), 2 * HOURS),
        ("2018-05-07T07:42:09.000+00:00", datetime.datetime(2018, 5, 7, 7, 42, 9, tzinfo=UTC), 0 * HOURS),
        ("2018-04-25T09:42:26.410Z", datetime.datetime(2018, 4, 25, 9, 42, 26, 410000, tzinfo=UTC), 0 * HOURS),
        # The reference's offset-less forms: read as UTC.
        ("2017-11-10T09:56:44.951817", datetime.datetime(2017, 11, 10, 9, 56, 44, 951817, tzinfo=UTC), 0 * HOURS),
        ("2017-10-30T11:32:07.000000", datetime.datetime(2017, 10, 30, 11, 32, 7, tzinfo=UTC), 0 * HOURS),
    ],
)
def test_timestamps_are_aware_datetimes_in_every_offset_form(
    text: str, instant: datetime.datetime, offset: datetime.timedelta
) -> None:
    volume = tavu_volume(created_at=text, detach_time=text)
    for value in (volume.created_at, volume.detach_time):
        assert isinstance(value, datetime.datetime)
        assert value == instant
        # The offset the server wrote is kept, not only the instant.
        assert value.utcoffset() == offset
    # to_dict() and pickling keep the server's text.
    assert volume.to_dict()["created_at"] == text
    assert pickle.loads(pickle.dumps(volume)) == volume


def test_an_offset_keeps_its_sign_and_minutes() -> None:
    value = tavu_volume(created_at="2017-10-27T12:44:04.5-05:30").created_at
    assert isinstance(value, datetime.datetime)
    assert value.utcoffset() == -datetime.timedelta(hours=5, minutes=30)
    assert value.microsecond == 500000


def test_a_timestamp_that_cannot_be_read_is_the_servers_string() -> None:
    volume = tavu_volume(created_at="last Tuesday", detach_time="2017-13-45T99:00:00Z")
    assert volume.created_at == "last Tuesday"
    assert volume.detach_time == "2017-13-45T99:00:00Z"
    assert volume.to_dict()["created_at"] == "last Tuesday"
    assert pickle.loads(pickle.dumps(volume)) == volume


def test_missing_and_null_timestamps_are_none() -> None:
    volume = tavu_volume(detach_time=None)
    assert volume.created_at is None and volume.detach_time is None


def test_nested_and_joviam_timestamps() -> None:
    volume = tavu_volume(attachment={"instance_id": "i1", "attach_time": "2017-10-30T09:38:24.000+02:00"})
    assert volume.attachment is not None
    assert volume.attachment.attach_time == datetime.datetime(2017, 10, 30, 7, 38, 24, tzinfo=UTC)
    key = joviam.PublicKey._from_json(json.dumps({
        "id": "k1", "name": "laptop", "key": "ssh-ed25519 AAAA",
        "created_at": "2016-05-10T03:36:34.615Z", "updated_at": "2016-05-10T04:36:34.615Z",
    }))
    assert key.created_at == datetime.datetime(2016, 5, 10, 3, 36, 34, 615000, tzinfo=UTC)
    assert isinstance(key.updated_at, datetime.datetime) and key.updated_at > key.created_at  # type: ignore[operator]


def test_unknown_fields_are_kept_in_extra_and_to_dict() -> None:
    volume = tavu_volume(zone="fi-1", tags={"team": "ops"}, bootable=True)
    assert volume.extra == {"zone": "fi-1", "tags": {"team": "ops"}, "bootable": True}
    assert not hasattr(volume, "zone")
    as_dict = volume.to_dict()
    assert as_dict["zone"] == "fi-1" and as_dict["tags"] == {"team": "ops"} and as_dict["bootable"] is True
    assert as_dict["name"] == "data"
    assert "extra" not in as_dict
    # Reading extra gives a fresh dict: changing it changes nothing in the model.
    volume.extra["zone"] = "changed"
    assert volume.extra["zone"] == "fi-1"


def test_extra_is_empty_when_nothing_extra_was_sent() -> None:
    volume = tavu_volume()
    assert volume.extra == {}
    assert set(volume.to_dict()) >= {"id", "name", "size", "status"}


def test_extra_fields_of_nested_models_stay_with_them() -> None:
    volume = tavu_volume(attachment={"instance_id": "i1", "bus": "virtio"}, snapshots=[
        {"id": "s1", "volume_id": "v1", "progress": "100%"},
    ])
    assert volume.extra == {}
    assert volume.attachment is not None and volume.attachment.extra == {"bus": "virtio"}
    assert volume.snapshots[0].extra == {"progress": "100%"}
    assert volume.to_dict()["snapshots"][0]["progress"] == "100%"


def test_extra_counts_for_equality_and_survives_pickle_and_copy() -> None:
    plain, extended = tavu_volume(), tavu_volume(zone="fi-1")
    assert plain != extended
    for again in (pickle.loads(pickle.dumps(extended)), copy.copy(extended), copy.deepcopy(extended)):
        assert again == extended
        assert again.extra == {"zone": "fi-1"}


def test_an_alias_is_not_an_extra_field() -> None:
    router = tavu.Router._from_json(json.dumps({
        "id": "r1", "name": "edge", "external_gateway_port": {"id": "p1", "network_id": "n1"},
    }))
    assert router.external_gateway_info is not None and router.external_gateway_info.id == "p1"
    assert router.extra == {}


def test_declared_field_attributes_still_apply() -> None:
    port = tavu.Port._from_json(json.dumps({
        "id": "p1", "network_id": "n1", "admin_state_up": 1, "ip_allocations": None, "vnic": "normal",
    }))
    assert port.admin_state_up is True
    assert port.ip_allocations == []
    assert port.extra == {"vnic": "normal"}


def test_a_raw_identifier_field_is_not_extra() -> None:
    session = joviam.ConsoleSession._from_json(json.dumps({
        "id": "c1", "state": "ready", "type": "vnc", "instance_id": "i1", "expires_in": 60,
    }))
    assert session.type == "vnc"
    assert session.extra == {"expires_in": 60}


def test_a_wrong_type_is_still_an_error() -> None:
    with pytest.raises(ValueError, match="expected u64"):
        tavu_volume(size="ten", zone="fi-1")


def example_instance() -> tavu.Instance:
    fixture = pathlib.Path(__file__).parents[1] / "fixtures" / "tavu" / "instances.list.json"
    with open(fixture, encoding="utf-8") as f:
        first = json.load(f)["response"][0]
    return tavu.Instance._from_json(json.dumps(first))


def test_nested_attributes_are_built_once_and_shared() -> None:
    instance = example_instance()
    assert instance.configuration is not None and instance.ports
    assert instance.configuration is instance.configuration
    assert instance.configuration.ram == instance.configuration.ram
    assert instance.ports[0] is instance.ports[0]
    assert instance.ports[0].ip_allocations[0] is instance.ports[0].ip_allocations[0]
    assert instance.name is instance.name
    assert instance.created_at is instance.created_at


def test_a_list_attribute_is_a_new_list_each_read_so_changing_it_changes_nothing() -> None:
    instance = example_instance()
    ports = instance.ports
    assert ports is not instance.ports and ports == instance.ports
    count = len(ports)
    ports.append(ports[0])
    ports.clear()
    assert len(instance.ports) == count
    assert instance.to_dict()["ports"][0]["id"] == instance.ports[0].id


def test_copies_pickles_and_equality_ignore_what_was_read() -> None:
    instance = example_instance()
    _ = (instance.configuration, instance.ports, instance.volumes)
    fresh = example_instance()
    assert instance == fresh and fresh == instance
    for twin in (copy.copy(instance), copy.deepcopy(instance), pickle.loads(pickle.dumps(instance))):
        assert twin == instance
        assert twin.configuration == instance.configuration
        assert twin.configuration is not instance.configuration


def test_threads_reading_an_attribute_first_at_once_all_get_one_object() -> None:
    import threading

    for _ in range(20):
        instance = example_instance()
        barrier = threading.Barrier(8)
        seen: list[object] = []

        def read() -> None:
            barrier.wait()
            seen.append(instance.configuration)

        threads = [threading.Thread(target=read) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(seen) == 8
        assert all(s == seen[0] for s in seen)
        # Whichever thread's object was kept, every later read returns that one.
        assert instance.configuration is instance.configuration
