//! Joviam storage operations against the reference's examples: disks and templates.

mod common;

use common::*;
use vpsclient::joviam::*;

const REGION: &str = "0f442f96-09e5-d4cc-9452-34896246cce7";
const TIER: &str = "9023fa53-fe2a-81b7-6904-7d28ae3e3d51";

/// Checks the example disk every disk operation answers with.
fn assert_example_disk(disk: &Disk) {
    assert_eq!(disk.id, "dc2706a0-52ce-de25-ff5a-0d15acd34c51");
    assert_eq!(disk.name, "Linux Disk");
    assert_eq!(disk.size, 100);
    assert_eq!(disk.position, Some(0));
    assert_eq!(disk.state, DiskState::Attached);
    assert_eq!(disk.performance_tier.name, "Standard");
    assert_eq!(disk.performance_tier.region.code, "SY3");
    assert_eq!(disk.region.name, "AU East");
    assert_eq!(disk.template, None);
    assert_eq!(
        disk.instance_id.as_deref(),
        Some("51afcc4f-fa9f-7e01-87e0-e53ba9ef0e4c")
    );
    assert!(!disk.cdrom && !disk.is_template);
}

#[test]
fn disks_list() {
    let mut server = server();
    let fx = fixture("joviam", "disks.list");
    let mock = mock_joviam(&mut server, &fx);
    let disks = joviam(&server).disks().list().unwrap();
    mock.assert();
    assert_parsed(&disks, &fx);
    assert_eq!(disks.len(), 1);
    assert_example_disk(&disks[0]);
}

#[test]
fn disks_get() {
    let mut server = server();
    let fx = fixture("joviam", "disks.get");
    let mock = mock_joviam(&mut server, &fx);
    let disk = joviam(&server).disks().get(&fx.segment(1)).unwrap();
    mock.assert();
    assert_parsed(&disk, &fx);
    assert_example_disk(&disk);
}

#[test]
fn disks_create() {
    let mut server = server();
    let fx = fixture("joviam", "disks.create");
    assert_eq!(fx.status, Some(201));
    let mock = mock_joviam(&mut server, &fx);
    let disk = joviam(&server)
        .disks()
        .create(&CreateDisk {
            template: Some("example".into()),
            cdrom: Some(false),
            is_template: Some(false),
            ..CreateDisk::new("Linux Disk", 100u64, REGION, TIER)
        })
        .unwrap();
    mock.assert();
    assert_parsed(&disk, &fx);
    assert_example_disk(&disk);
}

#[test]
fn disks_update() {
    let mut server = server();
    let fx = fixture("joviam", "disks.update");
    let mock = mock_joviam(&mut server, &fx);
    let disk = joviam(&server)
        .disks()
        .update(
            &fx.segment(1),
            &UpdateDisk {
                name: Some("Linux Disk".into()),
                cdrom: Some(false),
                is_template: Some(false),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&disk, &fx);
    assert_example_disk(&disk);
}

#[test]
fn disks_delete() {
    let mut server = server();
    let fx = fixture("joviam", "disks.delete");
    let mock = mock_joviam(&mut server, &fx);
    let disk = joviam(&server).disks().delete(&fx.segment(1)).unwrap();
    mock.assert();
    assert_parsed(&disk, &fx);
    assert_example_disk(&disk);
}

#[test]
fn disks_state() {
    let mut server = server();
    let fx = fixture("joviam", "disks.state");
    let mock = mock_joviam(&mut server, &fx);
    let state = joviam(&server).disks().state(&fx.segment(1)).unwrap();
    mock.assert();
    assert_eq!(state, DiskState::Attached);
    assert_eq!(state.as_str(), response_field(&fx, "state"));
}

#[test]
fn disks_resize() {
    let mut server = server();
    let fx = fixture("joviam", "disks.resize");
    let mock = mock_joviam(&mut server, &fx);
    let disk = joviam(&server)
        .disks()
        .resize(&fx.segment(1), &ResizeDisk::new(100u64))
        .unwrap();
    mock.assert();
    assert_parsed(&disk, &fx);
    assert_example_disk(&disk);
}

#[test]
fn disks_clone() {
    let mut server = server();
    let fx = fixture("joviam", "disks.clone");
    assert_eq!(fx.status, Some(201));
    let mock = mock_joviam(&mut server, &fx);
    let disk = joviam(&server)
        .disks()
        .clone(
            &fx.segment(1),
            &CloneDisk {
                name: Some("Linux Disk".into()),
                performance_tier: Some(TIER.into()),
                is_template: Some(false),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&disk, &fx);
    assert_example_disk(&disk);
}

/// Checks the example template every template operation answers with.
fn assert_example_template(template: &Template) {
    assert_eq!(template.id, "74f53564-53a6-9e43-8e0f-58ef93103cc0");
    assert_eq!(template.name.as_deref(), Some("Ubuntu 16.04"));
    assert_eq!(template.region.id, REGION);
    assert_eq!(template.minimum_disk_size, Some(50));
    assert!(template.allows_public_key_auth && template.published);
    assert_eq!(template.slug.as_deref(), Some("ubuntu-16-04"));
    assert_eq!(template.version, 1);
    assert_eq!(
        template.disk_id.as_deref(),
        Some("dc2706a0-52ce-de25-ff5a-0d15acd34c51")
    );
    assert_eq!(
        template.superseded_by_id.as_deref(),
        Some("74f53564-53a6-9e43-8e0f-58ef93103cc0")
    );
    assert_eq!(template.recommended_virtualization, Virtualization::Hvm);
}

#[test]
fn templates_list() {
    let mut server = server();
    let fx = fixture("joviam", "templates.list");
    let mock = mock_joviam(&mut server, &fx);
    let templates = joviam(&server).templates().list().unwrap();
    mock.assert();
    assert_parsed(&templates, &fx);
    assert_eq!(templates.len(), 1);
    assert_example_template(&templates[0]);
}

#[test]
fn templates_get() {
    let mut server = server();
    let fx = fixture("joviam", "templates.get");
    let mock = mock_joviam(&mut server, &fx);
    let template = joviam(&server).templates().get(&fx.segment(1)).unwrap();
    mock.assert();
    assert_parsed(&template, &fx);
    assert_example_template(&template);
}

#[test]
fn templates_supersede() {
    let mut server = server();
    let fx = fixture("joviam", "templates.supersede");
    assert_eq!(fx.status, Some(201));
    let mock = mock_joviam(&mut server, &fx);
    let template = joviam(&server)
        .templates()
        .supersede(&SupersedeTemplate::new(
            "dc2706a0-52ce-de25-ff5a-0d15acd34c51",
            "74f53564-53a6-9e43-8e0f-58ef93103cc0",
        ))
        .unwrap();
    mock.assert();
    assert_parsed(&template, &fx);
    assert_example_template(&template);
}
