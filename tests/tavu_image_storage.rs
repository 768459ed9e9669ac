//! Tavu image and storage operations against the reference's examples: operating systems,
//! instance snapshots, volumes (with attach and detach) and volume snapshots.

mod common;

use common::*;
use vpsclient::tavu::*;

// ---- operating_systems ----

#[test]
fn operating_systems_list() {
    let mut server = server();
    let fx = fixture("tavu", "operating_systems.list");
    let mock = mock_tavu(&mut server, &fx);
    let images = tavu(&server).operating_systems().list().unwrap();
    mock.assert();
    assert_parsed(&images, &fx);
    assert_eq!(images.len(), 3);
    assert_eq!(images[0].id, "00ed37ab-7a47-45b3-9419-543a40b3c3f2");
    assert_eq!(images[1].version.as_deref(), Some("12.04"));
    assert_eq!(images[2].name, "centos");
}

// ---- instance_snapshots ----

#[test]
fn instance_snapshots_list() {
    let mut server = server();
    let fx = fixture("tavu", "instance_snapshots.list");
    let mock = mock_tavu(&mut server, &fx);
    let snapshots = tavu(&server).instance_snapshots().list().unwrap();
    mock.assert();
    assert_parsed(&snapshots, &fx);
    assert_eq!(snapshots.len(), 2);
    assert_eq!(snapshots[0].size, Some(936));
    assert_eq!(snapshots[1].name, "API-instance-snapshot-002");
    assert_eq!(snapshots[1].status, "queued");
    assert_eq!(snapshots[1].size, None);
}

#[test]
fn instance_snapshots_get() {
    let mut server = server();
    let fx = fixture("tavu", "instance_snapshots.get");
    let mock = mock_tavu(&mut server, &fx);
    let snapshot = tavu(&server)
        .instance_snapshots()
        .get("62f39f1e-0ac0-4df3-9397-fb419560fbdb")
        .unwrap();
    mock.assert();
    assert_parsed(&snapshot, &fx);
    assert_eq!(snapshot.id, "62f39f1e-0ac0-4df3-9397-fb419560fbdb");
    assert_eq!(snapshot.status, "active");
    assert_eq!(
        snapshot.instance_id.as_deref(),
        Some("1c06dd09-966b-4ea7-abf1-243b2a447c60")
    );
}

#[test]
fn instance_snapshots_create() {
    let mut server = server();
    let fx = fixture("tavu", "instance_snapshots.create");
    let mock = mock_tavu(&mut server, &fx);
    let snapshot = tavu(&server)
        .instance_snapshots()
        .create(&CreateInstanceSnapshot::new(
            "1c06dd09-966b-4ea7-abf1-243b2a447c60",
            "API-instance-snapshot-001",
        ))
        .unwrap();
    mock.assert();
    assert_parsed(&snapshot, &fx);
    assert_eq!(snapshot.id, "f21cffd5-dc63-4e14-a325-9656c43ac4a0");
    assert_eq!(snapshot.status, "queued");
    assert_eq!(snapshot.size, None);
}

#[test]
fn instance_snapshots_delete() {
    let mut server = server();
    let fx = fixture("tavu", "instance_snapshots.delete");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .instance_snapshots()
        .delete("07ffe712-eaf4-46e4-bbe4-3c5b340c66a8")
        .unwrap();
    mock.assert();
}

// ---- volumes ----

#[test]
fn volumes_list() {
    let mut server = server();
    let fx = fixture("tavu", "volumes.list");
    let mock = mock_tavu(&mut server, &fx);
    let volumes = tavu(&server).volumes().list().unwrap();
    mock.assert();
    assert_parsed(&volumes, &fx);
    assert_eq!(volumes.len(), 2);
    assert_eq!(volumes[0].status, "in-use");
    assert_eq!(
        volumes[0].attachment.as_ref().unwrap().instance_id,
        "1c06dd09-966b-4ea7-abf1-243b2a447c60"
    );
    assert_eq!(volumes[1].attachment, None);
    assert_eq!(
        volumes[1].snapshot_id.as_deref(),
        Some("fde6609f-4669-4b22-ab40-48836eed5b3f")
    );
}

#[test]
fn volumes_get() {
    let mut server = server();
    let fx = fixture("tavu", "volumes.get");
    let mock = mock_tavu(&mut server, &fx);
    let volume = tavu(&server)
        .volumes()
        .get("1b16e59d-f30d-4e8f-96ea-600530c8e1df")
        .unwrap();
    mock.assert();
    assert_parsed(&volume, &fx);
    assert_eq!(volume.id, "1b16e59d-f30d-4e8f-96ea-600530c8e1df");
    assert_eq!(volume.size, 1);
    assert_eq!(
        volume.snapshots[0].name.as_deref(),
        Some("API-volume-snapshot-002")
    );
    assert_eq!(
        volume.attachment.as_ref().unwrap().status.as_deref(),
        Some("attached")
    );
}

#[test]
fn volumes_create() {
    let mut server = server();
    let fx = fixture("tavu", "volumes.create");
    let mock = mock_tavu(&mut server, &fx);
    let volume = tavu(&server)
        .volumes()
        .create(&CreateVolume {
            description: Some("This is an example volume.".into()),
            ..CreateVolume::new(1u64, "Api-volume-001")
        })
        .unwrap();
    mock.assert();
    assert_parsed(&volume, &fx);
    assert_eq!(volume.id, "6ed88946-8799-47d2-8e9c-49e5b53ce586");
    assert_eq!(volume.status, "creating");
    // An offset-less timestamp, kept as sent.
    assert_eq!(
        volume.created_at.as_deref(),
        Some("2017-10-31T14:00:03.919355")
    );
}

#[test]
fn volumes_update() {
    let mut server = server();
    let fx = fixture("tavu", "volumes.update");
    let mock = mock_tavu(&mut server, &fx);
    let volume = tavu(&server)
        .volumes()
        .update(
            "f5c32033-6f56-47a1-a1c0-94b44ab9ca29",
            &UpdateVolume {
                name: Some("Volume-001".into()),
                description: Some("A brand new description.".into()),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&volume, &fx);
    assert_eq!(volume.id, "f5c32033-6f56-47a1-a1c0-94b44ab9ca29");
    assert_eq!(volume.name, "Volume-001");
    assert_eq!(
        volume.description.as_deref(),
        Some("A brand new description.")
    );
}

#[test]
fn volumes_delete() {
    let mut server = server();
    let fx = fixture("tavu", "volumes.delete");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .volumes()
        .delete("1b16e59d-f30d-4e8f-96ea-600530c8e1df")
        .unwrap();
    mock.assert();
}

#[test]
fn volumes_attach() {
    let mut server = server();
    let fx = fixture("tavu", "volumes.attach");
    let mock = mock_tavu(&mut server, &fx);
    let attached = tavu(&server)
        .volumes()
        .attach(
            "f5c32033-6f56-47a1-a1c0-94b44ab9ca29",
            &AttachVolume::new("19b1fa7a-7f5e-4806-8b6a-04472e46c3ba"),
        )
        .unwrap();
    mock.assert();
    assert_parsed(&attached, &fx);
    assert_eq!(attached.volume_id, "f5c32033-6f56-47a1-a1c0-94b44ab9ca29");
    assert_eq!(attached.instance_id, "19b1fa7a-7f5e-4806-8b6a-04472e46c3ba");
    assert_eq!(attached.mount_point.as_deref(), Some("/dev/vdb"));
}

#[test]
fn volumes_detach() {
    let mut server = server();
    let fx = fixture("tavu", "volumes.detach");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .volumes()
        .detach(
            "f5c32033-6f56-47a1-a1c0-94b44ab9ca29",
            &DetachVolume::new("19b1fa7a-7f5e-4806-8b6a-04472e46c3ba"),
        )
        .unwrap();
    mock.assert();
}

// ---- volume_snapshots ----

#[test]
fn volume_snapshots_list() {
    let mut server = server();
    let fx = fixture("tavu", "volume_snapshots.list");
    let mock = mock_tavu(&mut server, &fx);
    let snapshots = tavu(&server).volume_snapshots().list().unwrap();
    mock.assert();
    assert_parsed(&snapshots, &fx);
    assert_eq!(snapshots.len(), 2);
    assert_eq!(snapshots[0].id, "c674750f-6be4-44de-8c07-719987b8ee0c");
    assert_eq!(
        snapshots[1].volume_id,
        "1b16e59d-f30d-4e8f-96ea-600530c8e1df"
    );
    assert_eq!(snapshots[1].description, None);
}

#[test]
fn volume_snapshots_get() {
    let mut server = server();
    let fx = fixture("tavu", "volume_snapshots.get");
    let mock = mock_tavu(&mut server, &fx);
    let snapshot = tavu(&server)
        .volume_snapshots()
        .get("c674750f-6be4-44de-8c07-719987b8ee0c")
        .unwrap();
    mock.assert();
    assert_parsed(&snapshot, &fx);
    assert_eq!(snapshot.id, "c674750f-6be4-44de-8c07-719987b8ee0c");
    assert_eq!(snapshot.name.as_deref(), Some("API-volume-snapshot-001"));
    assert_eq!(snapshot.volume_size, Some(1));
}

#[test]
fn volume_snapshots_create() {
    let mut server = server();
    let fx = fixture("tavu", "volume_snapshots.create");
    let mock = mock_tavu(&mut server, &fx);
    let snapshot = tavu(&server)
        .volume_snapshots()
        .create(&CreateVolumeSnapshot {
            description: Some("This is an example snapshot.".into()),
            ..CreateVolumeSnapshot::new("f5c32033-6f56-47a1-a1c0-94b44ab9ca29", "API-snapshot-001")
        })
        .unwrap();
    mock.assert();
    assert_parsed(&snapshot, &fx);
    assert_eq!(snapshot.id, "c1607b27-2f5c-43c6-b035-09d910967201");
    assert_eq!(snapshot.volume_id, "f5c32033-6f56-47a1-a1c0-94b44ab9ca29");
    assert_eq!(
        snapshot.created_at.as_deref(),
        Some("2017-11-10T09:56:44.951817")
    );
}

#[test]
fn volume_snapshots_update() {
    let mut server = server();
    let fx = fixture("tavu", "volume_snapshots.update");
    let mock = mock_tavu(&mut server, &fx);
    let snapshot = tavu(&server)
        .volume_snapshots()
        .update(
            "c1607b27-2f5c-43c6-b035-09d910967201",
            &UpdateVolumeSnapshot {
                name: Some("API-snapshot-002".into()),
                description: Some("A brand new description.".into()),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&snapshot, &fx);
    assert_eq!(snapshot.id, "c1607b27-2f5c-43c6-b035-09d910967201");
    assert_eq!(snapshot.name.as_deref(), Some("API-snapshot-002"));
    assert_eq!(
        snapshot.description.as_deref(),
        Some("A brand new description.")
    );
}

#[test]
fn volume_snapshots_delete() {
    let mut server = server();
    let fx = fixture("tavu", "volume_snapshots.delete");
    let mock = mock_tavu(&mut server, &fx);
    let () = tavu(&server)
        .volume_snapshots()
        .delete("8c9397a3-9f4f-41f2-a0e7-fadfb6c1b106")
        .unwrap();
    mock.assert();
}
