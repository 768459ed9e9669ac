//! Joviam compute operations against the reference's examples: instances (power, remote
//! access, the replacement lists, context variables) and console sessions.

mod common;

use common::*;
use vpsclient::joviam::*;

const INSTANCE: &str = "51afcc4f-fa9f-7e01-87e0-e53ba9ef0e4c";
const REGION: &str = "0f442f96-09e5-d4cc-9452-34896246cce7";
const TIER: &str = "9023fa53-fe2a-81b7-6904-7d28ae3e3d51";
const DISK: &str = "dc2706a0-52ce-de25-ff5a-0d15acd34c51";
const NETWORK: &str = "4e19114d-66ab-e7ed-ba93-91885a98c59b";
const IP: &str = "41ba5632-95f5-82b1-416e-e4a1ff74fee4";
const KEY: &str = "afa7d08a-ef15-f46f-eed9-ab015431b906";
const PEER: &str = "0c4dde6f-7c55-0afd-e15f-a5bd0f157033";

/// Checks the example instance every instance operation answers with, down to the region
/// inside the performance tier inside the disk, and the network inside the adapter.
fn assert_example_instance(instance: &Instance, state: InstanceState) {
    assert_eq!(instance.id, INSTANCE);
    assert_eq!(instance.name, "Web Server");
    assert_eq!(instance.memory, 2048);
    assert_eq!(instance.virtualization, Virtualization::Hvm);
    assert_eq!(instance.hostname, "web-server");
    assert_eq!(instance.boot_device, BootDevice::Disk);
    assert!(!instance.start_on_shutdown && instance.start_on_reboot && instance.start_on_crash);
    assert_eq!(instance.state, state);
    assert_eq!(instance.performance_tier.id, TIER);
    assert_eq!(instance.disks[0].id, DISK);
    assert_eq!(instance.disks[0].performance_tier.region.code, "SY3");
    assert_eq!(instance.public_keys[0].id, KEY);
    let adapter = &instance.network_adapters[0];
    assert_eq!(adapter.index, 0);
    assert!(!adapter.dhcp);
    assert_eq!(adapter.network.id, NETWORK);
    assert_eq!(adapter.network.state, NetworkState::Ready);
    assert_eq!(adapter.ip_addresses[0].address, "12.34.56.78");
    assert_eq!(instance.availability_group, [PEER]);
    assert_eq!(instance.region.id, REGION);
}

fn example_context() -> ContextVariables {
    ContextVariables::from([
        ("MY_VARIABLE".to_owned(), "value of my variable".to_owned()),
        ("EMPTY_VARIABLE".to_owned(), String::new()),
    ])
}

#[test]
fn instances_list() {
    let mut server = server();
    let fx = fixture("joviam", "instances.list");
    let mock = mock_joviam(&mut server, &fx);
    let instances = joviam(&server).instances().list().unwrap();
    mock.assert();
    assert_parsed(&instances, &fx);
    assert_eq!(instances.len(), 1);
    assert_example_instance(&instances[0], InstanceState::Stopped);
}

#[test]
fn instances_get() {
    let mut server = server();
    let fx = fixture("joviam", "instances.get");
    let mock = mock_joviam(&mut server, &fx);
    let instance = joviam(&server).instances().get(&fx.segment(1)).unwrap();
    mock.assert();
    assert_parsed(&instance, &fx);
    assert_example_instance(&instance, InstanceState::Stopped);
}

#[test]
fn instances_create() {
    let mut server = server();
    let fx = fixture("joviam", "instances.create");
    assert_eq!(fx.status, Some(201));
    let mock = mock_joviam(&mut server, &fx);
    let instance = joviam(&server)
        .instances()
        .create(&CreateInstance {
            allocate_public_ip: Some(false),
            allocate_private_ip: Some(false),
            // The reference's example passes the IP address's ID as a network ID; the
            // fixture keeps the example as written.
            networks: Some(vec![IP.into()]),
            public_keys: Some(vec![KEY.into()]),
            start_when_ready: Some(true),
            availability_group: Some(vec![PEER.into()]),
            ..CreateInstance::new("Web Server", 2048u64, REGION, TIER, TIER, "example", 30u64)
        })
        .unwrap();
    mock.assert();
    assert_parsed(&instance, &fx);
    assert_example_instance(&instance, InstanceState::Stopped);
}

#[test]
fn instances_assemble() {
    let mut server = server();
    let fx = fixture("joviam", "instances.assemble");
    let mock = mock_joviam(&mut server, &fx);
    let instance = joviam(&server)
        .instances()
        .assemble(&AssembleInstance {
            disks: Some(vec![DISK.into()]),
            ip_addresses: Some(vec![IP.into()]),
            public_keys: Some(vec![KEY.into()]),
            boot_device: Some(BootDevice::Disk),
            start_on_shutdown: Some(false),
            start_on_reboot: Some(true),
            start_on_crash: Some(true),
            virtualization: Some(Virtualization::Hvm),
            availability_group: Some(vec![PEER.into()]),
            ..AssembleInstance::new("Web Server", 2048u64, REGION, TIER)
        })
        .unwrap();
    mock.assert();
    assert_parsed(&instance, &fx);
    assert_example_instance(&instance, InstanceState::Stopped);
}

#[test]
fn instances_update() {
    let mut server = server();
    let fx = fixture("joviam", "instances.update");
    let mock = mock_joviam(&mut server, &fx);
    let instance = joviam(&server)
        .instances()
        .update(
            &fx.segment(1),
            &UpdateInstance {
                name: Some("Web Server".into()),
                note: Some(
                    "Configured nginx with PHP. Firewall only allows SSH through private network."
                        .into(),
                ),
                virtualization: Some(Virtualization::Hvm),
                memory: Some(2048),
                boot_device: Some(BootDevice::Disk),
                start_on_shutdown: Some(false),
                start_on_reboot: Some(true),
                start_on_crash: Some(true),
                performance_tier: Some(TIER.into()),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&instance, &fx);
    assert_example_instance(&instance, InstanceState::Stopped);
}

#[test]
fn instances_delete() {
    let mut server = server();
    let fx = fixture("joviam", "instances.delete");
    assert_eq!(fx.status, Some(202));
    let mock = mock_joviam(&mut server, &fx);
    let instance = joviam(&server).instances().delete(&fx.segment(1)).unwrap();
    mock.assert();
    assert_parsed(&instance, &fx);
    assert_example_instance(&instance, InstanceState::Terminating);
}

#[test]
fn instances_state() {
    let mut server = server();
    let fx = fixture("joviam", "instances.state");
    let mock = mock_joviam(&mut server, &fx);
    let state = joviam(&server).instances().state(&fx.segment(1)).unwrap();
    mock.assert();
    assert_eq!(state, InstanceState::Stopped);
    assert_eq!(state.as_str(), response_field(&fx, "state"));
}

#[test]
fn instances_note() {
    let mut server = server();
    let fx = fixture("joviam", "instances.note");
    let mock = mock_joviam(&mut server, &fx);
    let note: String = joviam(&server).instances().note(&fx.segment(1)).unwrap();
    mock.assert();
    assert_eq!(note, response_field(&fx, "note"));
    assert!(note.starts_with("Configured nginx"));
}

#[test]
fn instances_start() {
    let mut server = server();
    let fx = fixture("joviam", "instances.start");
    assert_eq!(fx.status, Some(202));
    let mock = mock_joviam(&mut server, &fx);
    let instance = joviam(&server).instances().start(&fx.segment(1)).unwrap();
    mock.assert();
    assert_parsed(&instance, &fx);
    assert_example_instance(&instance, InstanceState::Starting);
}

#[test]
fn instances_stop() {
    let mut server = server();
    let fx = fixture("joviam", "instances.stop");
    assert_eq!(fx.status, Some(202));
    let mock = mock_joviam(&mut server, &fx);
    let instance = joviam(&server).instances().stop(&fx.segment(1)).unwrap();
    mock.assert();
    assert_parsed(&instance, &fx);
    assert_example_instance(&instance, InstanceState::Stopping);
}

#[test]
fn instances_remote_access() {
    let mut server = server();
    let fx = fixture("joviam", "instances.remote_access");
    assert_eq!(fx.status, Some(202));
    let mock = mock_joviam(&mut server, &fx);
    let session = joviam(&server)
        .instances()
        .remote_access(
            &fx.segment(1),
            &StartRemoteAccess {
                r#type: Some(ConsoleSessionType::Vnc),
            },
        )
        .unwrap();
    mock.assert();
    assert_parsed(&session, &fx);
    assert_eq!(session.state, ConsoleSessionState::Ready);
    assert_eq!(session.r#type, ConsoleSessionType::Vnc);
    assert_eq!(session.host.as_deref(), Some("192.168.5.5"));
    assert_eq!(session.port, Some(50321));
    assert_eq!(session.token.as_deref(), Some("4738y4o10984213"));
}

#[test]
fn instances_set_disks() {
    let mut server = server();
    let fx = fixture("joviam", "instances.set_disks");
    let mock = mock_joviam(&mut server, &fx);
    let disks = joviam(&server)
        .instances()
        .set_disks(
            &fx.segment(1),
            &SetInstanceDisks::new(vec![DISK.to_owned()]),
        )
        .unwrap();
    mock.assert();
    assert_parsed(&disks, &fx);
    assert_eq!(disks.len(), 1);
    assert_eq!(disks[0].id, DISK);
    assert_eq!(disks[0].state, DiskState::Attached);
    assert_eq!(disks[0].instance_id.as_deref(), Some(INSTANCE));
}

#[test]
fn instances_set_public_keys() {
    let mut server = server();
    let fx = fixture("joviam", "instances.set_public_keys");
    let mock = mock_joviam(&mut server, &fx);
    let keys = joviam(&server)
        .instances()
        .set_public_keys(
            &fx.segment(1),
            &SetInstancePublicKeys::new(vec![KEY.to_owned()]),
        )
        .unwrap();
    mock.assert();
    assert_parsed(&keys, &fx);
    assert_eq!(keys[0].id, KEY);
    assert_eq!(keys[0].name, "Sharon's Desktop");
}

#[test]
fn instances_set_network_adapters() {
    let mut server = server();
    let fx = fixture("joviam", "instances.set_network_adapters");
    let mock = mock_joviam(&mut server, &fx);
    let adapters = joviam(&server)
        .instances()
        .set_network_adapters(
            &fx.segment(1),
            &SetInstanceNetworkAdapters::new(vec![NetworkAdapterSpec::new(NETWORK, vec![IP])]),
        )
        .unwrap();
    mock.assert();
    assert_parsed(&adapters, &fx);
    assert_eq!(adapters.len(), 1);
    assert_eq!(adapters[0].id, "971e4423-2c66-9f81-2f78-b3cb16c3c345");
    assert_eq!(adapters[0].network.region.code, "SY3");
    assert_eq!(adapters[0].ip_addresses[0].id, IP);
    assert_eq!(adapters[0].ip_addresses[0].instance_ids, [INSTANCE]);
}

#[test]
fn instances_set_availability_group() {
    let mut server = server();
    let fx = fixture("joviam", "instances.set_availability_group");
    let mock = mock_joviam(&mut server, &fx);
    let group: Vec<String> = joviam(&server)
        .instances()
        .set_availability_group(
            &fx.segment(1),
            &SetAvailabilityGroup::new(vec![PEER.to_owned()]),
        )
        .unwrap();
    mock.assert();
    assert_parsed(&group, &fx);
    assert_eq!(group, [PEER]);
}

#[test]
fn instances_get_context() {
    let mut server = server();
    let fx = fixture("joviam", "instances.get_context");
    let mock = mock_joviam(&mut server, &fx);
    let variables = joviam(&server)
        .instances()
        .get_context(&fx.segment(1))
        .unwrap();
    mock.assert();
    assert_parsed(&variables, &fx);
    assert_eq!(variables, example_context());
}

#[test]
fn instances_set_context() {
    let mut server = server();
    let fx = fixture("joviam", "instances.set_context");
    let mock = mock_joviam(&mut server, &fx);
    let variables = joviam(&server)
        .instances()
        .set_context(&fx.segment(1), &example_context())
        .unwrap();
    mock.assert();
    assert_parsed(&variables, &fx);
    assert_eq!(variables["MY_VARIABLE"], "value of my variable");
    assert_eq!(variables["EMPTY_VARIABLE"], "");
}

#[test]
fn instances_update_context() {
    let mut server = server();
    let fx = fixture("joviam", "instances.update_context");
    let mock = mock_joviam(&mut server, &fx);
    let variables = joviam(&server)
        .instances()
        .update_context(&fx.segment(1), &example_context())
        .unwrap();
    mock.assert();
    assert_parsed(&variables, &fx);
    assert_eq!(variables, example_context());
}

#[test]
fn instances_delete_context_variable() {
    let mut server = server();
    let fx = fixture("joviam", "instances.delete_context_variable");
    let mock = mock_joviam(&mut server, &fx);
    let variables = joviam(&server)
        .instances()
        .delete_context_variable(&fx.segment(1), &fx.segment(3))
        .unwrap();
    mock.assert();
    assert_eq!(fx.segment(3), "OLD_VARIABLE");
    assert_parsed(&variables, &fx);
    assert_eq!(variables, example_context());
}

#[test]
fn console_sessions_get() {
    let mut server = server();
    let fx = fixture("joviam", "console_sessions.get");
    let mock = mock_joviam(&mut server, &fx);
    let session = joviam(&server)
        .console_sessions()
        .get(&fx.segment(1))
        .unwrap();
    mock.assert();
    assert_parsed(&session, &fx);
    assert_eq!(session.id, fx.segment(1));
    assert_eq!(session.state, ConsoleSessionState::Ready);
    assert_eq!(session.r#type, ConsoleSessionType::Vnc);
    assert_eq!(session.host, None);
    assert_eq!(session.port, None);
    assert_eq!(
        session.url.as_deref(),
        Some("wss://region.cloudhosting.example/12345")
    );
    assert_eq!(session.instance_id, "7123a699-d77d-b647-9a1d-8ece2c4f1c16");
}
