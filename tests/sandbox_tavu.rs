#![cfg(feature = "sandbox")]
//! The simulated Tavu API: every operation of `TavuClient` against a running sandbox,
//! multi-step flows with the state checked between steps, and each rejection the sandbox makes.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::time::{Duration, Instant};

use serde_json::Value;
use vpsclient::sandbox::Sandbox;
use vpsclient::tavu::*;
use vpsclient::{Error, Nullable, TavuClient, WaitOptions};

const UBUNTU: &str = "00ed37ab-7a47-45b3-9419-543a40b3c3f2";
const CENTOS: &str = "7d5c5b7d-414c-4e0a-ad41-67e75476a670";
/// 1 CPU, 512 MB, 50 GB HDD (zone 2).
const HDD_512: &str = "9c345ee8-9f33-49e0-80d6-73a1f766a268";
/// 1 CPU, 512 MB, 50 GB SSD (zone 2).
const SSD_512: &str = "0df068bc-21fb-4b77-8efb-9f39ede79d63";
/// 2 CPUs, 1024 MB, 50 GB SSD (zone 2).
const SSD_1024: &str = "6cb38035-1c37-453d-ab44-ce3ac54f6ce5";
/// 1 CPU, 512 MB, 5 GB NVMe (zone 1 only).
const NVME: &str = "9859841d-772c-4305-9e1e-940f13b4c014";
const ZONE_1: &str = "702b4979-5a1b-47c8-b539-d10ec9825cfd";
const ZONE_2: &str = "b7061120-6fd4-409a-ab38-a8c669b69c99";
const PUBLIC_NETWORK: &str = "bdcffe24-89a2-4c72-80df-2709997192a7";
const DEFAULT_GROUP: &str = "7512b702-4ef5-49f4-b44e-1b5a6e25a10b";
const FIREWALL: &str = "76850c34-7489-4182-b655-f2caba3bc955";
const ROUTER: &str = "3b0b8942-200c-4db9-a2eb-1a020d1a817c";
const FLOATING_IP_A: &str = "96388526-df19-41a1-8adb-b36a21a28741";
const FLOATING_IP_B: &str = "99bb1efe-782b-4af8-9c34-0bc6142980dc";
const PUBLIC_KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@laptop";
/// `#cloud-config` in strict Base64.
const SCRIPT: &str = "I2Nsb3VkLWNvbmZpZw==";

fn start() -> (Sandbox, TavuClient) {
    // Long enough that a passing state (stopping, resizing) is still there when a test reads
    // it back with a second request, even on a busy machine.
    let sandbox = Sandbox::builder()
        .build_delay(Duration::from_millis(300))
        .start()
        .unwrap();
    let tavu = sandbox.tavu_client().unwrap();
    (sandbox, tavu)
}

fn wait() -> WaitOptions {
    WaitOptions::default()
        .interval(Duration::from_millis(20))
        .timeout(Duration::from_secs(5))
}

/// Calls `fetch` until `done` holds (for objects without a waiter: volumes, snapshots).
fn poll<T: Debug>(mut fetch: impl FnMut() -> T, done: impl Fn(&T) -> bool) -> T {
    let started = Instant::now();
    loop {
        let value = fetch();
        if done(&value) {
            return value;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "still not there: {value:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The message of a 400, failing on anything else.
#[track_caller]
fn bad_request<T: Debug>(result: vpsclient::Result<T>) -> String {
    match result {
        Err(Error::BadRequest(api)) => api.message.clone(),
        other => panic!("expected a 400, got {other:?}"),
    }
}

#[track_caller]
fn not_found<T: Debug>(result: vpsclient::Result<T>) {
    match result {
        Err(Error::NotFound(_)) => {}
        other => panic!("expected a 404, got {other:?}"),
    }
}

/// One raw request, for what the typed client cannot send (a missing field, an unknown
/// action) or to see the JSON as sent. Returns the status and the body.
fn raw(sandbox: &Sandbox, method: &str, path: &str, body: &str) -> (u16, String) {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let request = ureq::http::Request::builder()
        .method(method)
        .uri(format!("{}{path}", sandbox.tavu_base_url()))
        .header("Authorization", sandbox.tavu_key())
        .header("Content-Type", "application/json")
        .body(body.as_bytes().to_vec())
        .unwrap();
    let mut response = agent.run(request).unwrap();
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_string().unwrap())
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// A network with a `10.0.0.0/24` subnet.
fn network_with_subnet(tavu: &TavuClient, name: &str) -> (Network, Subnet) {
    let network = tavu.networks().create(&CreateNetwork::new(name)).unwrap();
    let subnet = tavu
        .subnets()
        .create(&CreateSubnet::new(
            format!("{name}-v4"),
            network.id.clone(),
            "10.0.0.0/24",
            4u8,
        ))
        .unwrap();
    (network, subnet)
}

/// An active instance on the given networks.
fn active_instance(tavu: &TavuClient, name: &str, networks: &[&str]) -> Instance {
    let created = tavu
        .instances()
        .create(&CreateInstance {
            networks: Some(networks.iter().map(|n| n.to_string()).collect()),
            ..CreateInstance::new(name, UBUNTU, HDD_512)
        })
        .unwrap();
    tavu.instances()
        .wait_for_status(&created.id, "active", &wait())
        .unwrap()
}

/// An available volume.
fn available_volume(tavu: &TavuClient, name: &str) -> Volume {
    let created = tavu
        .volumes()
        .create(&CreateVolume::new(10u64, name))
        .unwrap();
    poll(
        || tavu.volumes().get(&created.id).unwrap(),
        |v| v.status == "available",
    )
}

// ---------------------------------------------------------------------------------------------
// Every operation

#[test]
fn every_operation_of_the_client_is_served() {
    let (_sandbox, tavu) = start();
    let mut called: BTreeSet<(&'static str, &'static str)> = BTreeSet::new();
    macro_rules! call {
        ($handler:ident . $name:ident, $call:expr) => {{
            called.insert((stringify!($handler), stringify!($name)));
            match $call {
                Ok(value) => value,
                Err(e) => panic!("{}.{}: {e:?}", stringify!($handler), stringify!($name)),
            }
        }};
    }

    // The catalogue.
    let configurations = call!(ConfigurationsHandler.list, tavu.configurations().list());
    assert_eq!(configurations.len(), 5);
    assert!(configurations.iter().any(|c| c.id == NVME
        && c.disk_type.as_deref() == Some("nvme")
        && c.availability_zones[0].id == ZONE_1));
    let systems = call!(
        OperatingSystemsHandler.list,
        tavu.operating_systems().list()
    );
    assert_eq!(systems.len(), 3);
    assert!(systems
        .iter()
        .any(|os| os.id == UBUNTU && os.version.as_deref() == Some("14.04")));

    // SSH keys, instance users, instance scripts.
    let generated = call!(
        SshKeysHandler.create,
        tavu.ssh_keys().create(&CreateSshKey::new("generated"))
    );
    assert!(generated
        .private_key
        .as_deref()
        .unwrap()
        .starts_with("-----BEGIN RSA PRIVATE KEY-----"));
    let imported = call!(
        SshKeysHandler.create,
        tavu.ssh_keys().create(&CreateSshKey {
            public_key: Some(PUBLIC_KEY.into()),
            ..CreateSshKey::new("laptop key/2")
        })
    );
    assert_eq!(imported.public_key.as_deref(), Some(PUBLIC_KEY));
    assert!(imported.private_key.is_none());
    assert_eq!(call!(SshKeysHandler.list, tavu.ssh_keys().list()).len(), 2);
    let fetched = call!(SshKeysHandler.get, tavu.ssh_keys().get("laptop key/2"));
    assert_eq!(fetched.fingerprint, imported.fingerprint);

    let user = call!(
        InstanceUsersHandler.create,
        tavu.instance_users().create(&CreateInstanceUser {
            ssh_keys: Some(vec!["generated".into()]),
            ..CreateInstanceUser::new("deploy")
        })
    );
    assert_eq!(user.disable_password, Some(true));
    assert_eq!(user.ssh_keys[0].name, "generated");
    assert!(user.ssh_keys[0].private_key.is_none());
    assert_eq!(
        call!(InstanceUsersHandler.list, tavu.instance_users().list()).len(),
        1
    );
    assert_eq!(
        call!(InstanceUsersHandler.get, tavu.instance_users().get(user.id)).username,
        "deploy"
    );
    let user = call!(
        InstanceUsersHandler.update,
        tavu.instance_users().update(
            user.id,
            &UpdateInstanceUser {
                ssh_keys: Some(vec!["generated".into(), "laptop key/2".into()]),
                ..UpdateInstanceUser::new("deployer")
            }
        )
    );
    assert_eq!(user.username, "deployer");
    assert_eq!(user.ssh_keys.len(), 2);

    let script = call!(
        InstanceScriptsHandler.create,
        tavu.instance_scripts()
            .create(&CreateInstanceScript::new("setup", SCRIPT))
    );
    assert_eq!(script.script.as_deref(), Some(SCRIPT));
    assert_eq!(
        call!(InstanceScriptsHandler.list, tavu.instance_scripts().list()).len(),
        1
    );
    assert_eq!(
        call!(
            InstanceScriptsHandler.get,
            tavu.instance_scripts().get(script.id)
        )
        .name,
        "setup"
    );
    let script = call!(
        InstanceScriptsHandler.update,
        tavu.instance_scripts().update(
            script.id,
            &UpdateInstanceScript {
                description: Some("first boot".into()),
                ..UpdateInstanceScript::new("setup-2", SCRIPT)
            }
        )
    );
    assert_eq!(script.name, "setup-2");
    assert_eq!(script.description.as_deref(), Some("first boot"));

    // Networks, subnets, security groups.
    let network = call!(
        NetworksHandler.create,
        tavu.networks().create(&CreateNetwork::new("lab"))
    );
    assert_eq!(network.status.as_deref(), Some("ACTIVE"));
    assert_eq!(call!(NetworksHandler.list, tavu.networks().list()).len(), 1);
    assert_eq!(
        call!(NetworksHandler.get, tavu.networks().get(&network.id)).name,
        "lab"
    );
    let network = call!(
        NetworksHandler.update,
        tavu.networks().update(
            &network.id,
            &UpdateNetwork {
                description: Some("the lab".into()),
                ..Default::default()
            }
        )
    );
    assert_eq!(network.description.as_deref(), Some("the lab"));
    let subnet = call!(
        SubnetsHandler.create,
        tavu.subnets().create(&CreateSubnet::new(
            "lab-v4",
            network.id.clone(),
            "10.0.0.0/24",
            4u8
        ))
    );
    assert_eq!(subnet.gateway_ip.as_deref(), Some("10.0.0.1"));
    assert_eq!(subnet.allocation_pools[0].start, "10.0.0.2");
    assert_eq!(subnet.allocation_pools[0].end, "10.0.0.254");
    assert_eq!(call!(SubnetsHandler.list, tavu.subnets().list()).len(), 1);
    assert_eq!(
        call!(SubnetsHandler.get, tavu.subnets().get(&subnet.id)).cidr,
        "10.0.0.0/24"
    );
    let subnet = call!(
        SubnetsHandler.update,
        tavu.subnets().update(
            &subnet.id,
            &UpdateSubnet {
                dns_nameservers: Some(vec!["8.8.8.8".into()]),
                ..Default::default()
            }
        )
    );
    assert_eq!(subnet.dns_nameservers, ["8.8.8.8"]);

    let group = call!(
        SecurityGroupsHandler.create,
        tavu.security_groups()
            .create(&CreateSecurityGroup::new("web"))
    );
    assert_eq!(
        call!(SecurityGroupsHandler.list, tavu.security_groups().list()).len(),
        2,
        "default and web"
    );
    assert_eq!(
        call!(
            SecurityGroupsHandler.get,
            tavu.security_groups().get(&group.id)
        )
        .name,
        "web"
    );
    let group = call!(
        SecurityGroupsHandler.update,
        tavu.security_groups().update(
            &group.id,
            &UpdateSecurityGroup {
                description: Some("HTTP and SSH".into()),
                ..Default::default()
            }
        )
    );
    assert_eq!(group.description.as_deref(), Some("HTTP and SSH"));
    let rule = call!(
        SecurityGroupRulesHandler.create,
        tavu.security_group_rules().create(
            &group.id,
            &CreateSecurityGroupRule {
                protocol: Some("tcp".into()),
                port_range_min: Some(22),
                remote_ip_prefix: Some("0.0.0.0/0".into()),
                ..CreateSecurityGroupRule::new("ingress")
            }
        )
    );
    assert_eq!(rule.port_range_max, Some(22), "one port: max = min");
    assert_eq!(rule.ethertype.as_deref(), Some("IPv4"));
    assert_eq!(
        call!(
            SecurityGroupRulesHandler.list,
            tavu.security_group_rules().list(&group.id)
        ),
        std::slice::from_ref(&rule)
    );
    assert_eq!(
        call!(
            SecurityGroupRulesHandler.get,
            tavu.security_group_rules().get(&group.id, &rule.id)
        ),
        rule
    );

    // An instance on the lab network and the public one.
    let created = call!(
        InstancesHandler.create,
        tavu.instances().create(&CreateInstance {
            networks: Some(vec![network.id.clone(), "public".into()]),
            ssh_keys: Some(vec!["generated".into()]),
            ..CreateInstance::new("web-1", UBUNTU, HDD_512)
        })
    );
    assert_eq!(created.status, "building");
    assert_eq!(created.ssh_key.as_deref(), Some("generated"));
    assert_eq!(
        created.username.as_deref(),
        Some("ubuntu"),
        "SSH keys given, password login enabled: credentials all the same"
    );
    assert_eq!(created.password.as_ref().map(String::len), Some(8));
    assert_eq!(created.ports.len(), 2);
    assert_eq!(created.security_groups[0].id, DEFAULT_GROUP);
    assert_eq!(created.security_groups[0].rules.len(), 5);
    let instance = tavu
        .instances()
        .wait_for_status(&created.id, "active", &wait())
        .unwrap();
    assert_eq!(
        instance.availability_zone.as_ref().map(|z| z.id.as_str()),
        Some(ZONE_2)
    );
    assert_eq!(
        call!(InstancesHandler.list, tavu.instances().list()).len(),
        1
    );
    assert_eq!(
        call!(InstancesHandler.get, tavu.instances().get(&instance.id)).status,
        "active"
    );
    let renamed = call!(
        InstancesHandler.update,
        tavu.instances().update(
            &instance.id,
            &UpdateInstance {
                name: Some("web-01".into())
            }
        )
    );
    assert_eq!(renamed.name, "web-01");

    // Its interfaces, which are ports.
    let interfaces = call!(
        InstanceInterfacesHandler.list,
        tavu.instance_interfaces().list(&instance.id)
    );
    assert_eq!(interfaces.len(), 2);
    let private = interfaces
        .iter()
        .find(|p| p.network_id == network.id)
        .unwrap()
        .clone();
    assert_eq!(private.ip_allocations[0].ip_address, "10.0.0.2");
    assert_eq!(private.status.as_deref(), Some("ACTIVE"));
    let public = interfaces
        .iter()
        .find(|p| p.network_id == PUBLIC_NETWORK)
        .unwrap();
    assert!(public.ip_allocations[0]
        .ip_address
        .starts_with("192.168.255."));
    assert_eq!(
        call!(
            InstanceInterfacesHandler.get,
            tavu.instance_interfaces().get(&instance.id, &private.id)
        ),
        private
    );
    let extra = call!(
        InstanceInterfacesHandler.create,
        tavu.instance_interfaces().create(
            &instance.id,
            &CreateInstanceInterface::new(network.id.clone())
        )
    );
    assert_eq!(extra.ip_allocations[0].ip_address, "10.0.0.3");
    assert_eq!(extra.device_id.as_deref(), Some(instance.id.as_str()));
    call!(
        InstanceInterfacesHandler.delete,
        tavu.instance_interfaces().delete(&instance.id, &extra.id)
    );
    assert_eq!(
        tavu.instance_interfaces().list(&instance.id).unwrap().len(),
        2
    );

    assert_eq!(call!(PortsHandler.list, tavu.ports().list()).len(), 2);
    assert_eq!(
        call!(PortsHandler.get, tavu.ports().get(&private.id)),
        private
    );
    let port = call!(
        PortsHandler.update,
        tavu.ports().update(
            &private.id,
            &UpdatePort {
                name: Some("eth0".into()),
                ..Default::default()
            }
        )
    );
    assert_eq!(port.name.as_deref(), Some("eth0"));

    // The seeded router: connect the lab subnet to it.
    assert_eq!(call!(RoutersHandler.list, tavu.routers().list()).len(), 1);
    let router = call!(RoutersHandler.get, tavu.routers().get(ROUTER));
    assert!(router.external_gateway_info.is_some());
    let router = call!(
        RoutersHandler.update,
        tavu.routers().update(
            ROUTER,
            &UpdateRouter {
                name: Some("edge".into()),
                routes: Some(vec![RouteSpec::new("10.1.0.0/16", "10.0.0.254")]),
                ..Default::default()
            }
        )
    );
    assert_eq!(router.name, "edge");
    assert_eq!(router.routes[0].destination, "10.1.0.0/16");
    let interface = call!(
        RouterInterfacesHandler.create,
        tavu.router_interfaces()
            .create(ROUTER, &CreateRouterInterface::new(subnet.id.clone()))
    );
    assert_eq!(interface.subnet_id.as_deref(), Some(subnet.id.as_str()));
    assert_eq!(
        call!(
            RouterInterfacesHandler.list,
            tavu.router_interfaces().list(ROUTER)
        )
        .len(),
        1
    );
    let router_port = call!(
        RouterInterfacesHandler.get,
        tavu.router_interfaces().get(ROUTER, &interface.port_id)
    );
    assert_eq!(
        router_port.ip_allocations[0].ip_address, "10.0.0.1",
        "the router takes the gateway"
    );

    // The seeded floating IPs: associate one with the instance's lab port.
    assert_eq!(
        call!(FloatingIpsHandler.list, tavu.floating_ips().list()).len(),
        2
    );
    assert_eq!(
        call!(
            FloatingIpsHandler.get,
            tavu.floating_ips().get(FLOATING_IP_A)
        )
        .status
        .as_deref(),
        Some("DOWN")
    );
    let associated = call!(
        FloatingIpsHandler.update,
        tavu.floating_ips().update(
            FLOATING_IP_A,
            &UpdateFloatingIp {
                port_id: Nullable::Value(private.id.clone()),
                description: Some("web".into()),
            }
        )
    );
    assert_eq!(associated.fixed_ip_address.as_deref(), Some("10.0.0.2"));
    assert_eq!(associated.router_id.as_deref(), Some(ROUTER));
    assert_eq!(associated.status.as_deref(), Some("ACTIVE"));

    // The seeded firewall and its rules.
    assert_eq!(
        call!(FirewallsHandler.list, tavu.firewalls().list()).len(),
        1
    );
    assert_eq!(
        call!(FirewallsHandler.get, tavu.firewalls().get(FIREWALL)).audited,
        Some(false)
    );
    let firewall = call!(
        FirewallsHandler.update,
        tavu.firewalls().update(
            FIREWALL,
            &UpdateFirewall {
                admin_state_up: Some(true),
                router_ids: Some(vec![ROUTER.into()]),
                ..Default::default()
            }
        )
    );
    assert_eq!(firewall.status.as_deref(), Some("PENDING_UPDATE"));
    let fw_rule = call!(
        FirewallRulesHandler.create,
        tavu.firewall_rules().create(
            FIREWALL,
            &FirewallRuleFields {
                protocol: Some("tcp".into()),
                destination_port_range_min: Some(443),
                action: Some("allow".into()),
                ..Default::default()
            }
        )
    );
    assert_eq!(fw_rule.position, Some(3));
    assert_eq!(fw_rule.destination_port_range_max, Some(443));
    assert_eq!(
        call!(
            FirewallRulesHandler.list,
            tavu.firewall_rules().list(FIREWALL)
        )
        .len(),
        3
    );
    assert_eq!(
        call!(
            FirewallRulesHandler.get,
            tavu.firewall_rules().get(FIREWALL, &fw_rule.id)
        ),
        fw_rule
    );
    let fw_rule = call!(
        FirewallRulesHandler.update,
        tavu.firewall_rules().update(
            FIREWALL,
            &fw_rule.id,
            &FirewallRuleFields {
                action: Some("reject".into()),
                ..Default::default()
            }
        )
    );
    assert_eq!(fw_rule.action.as_deref(), Some("reject"));
    call!(
        FirewallRulesHandler.delete,
        tavu.firewall_rules().delete(FIREWALL, &fw_rule.id)
    );
    call!(FirewallsHandler.audit, tavu.firewalls().audit(FIREWALL));
    let firewall = poll(
        || tavu.firewalls().get(FIREWALL).unwrap(),
        |f| f.status.as_deref() != Some("PENDING_UPDATE"),
    );
    assert_eq!(firewall.audited, Some(true));
    assert_eq!(
        firewall.status.as_deref(),
        Some("ACTIVE"),
        "up, with a router"
    );

    // A volume, attached and detached, with a snapshot.
    let volume = call!(
        VolumesHandler.create,
        tavu.volumes().create(&CreateVolume::new(10u64, "data"))
    );
    assert_eq!(volume.status, "creating");
    let volume = poll(
        || call!(VolumesHandler.get, tavu.volumes().get(&volume.id)),
        |v| v.status == "available",
    );
    assert_eq!(call!(VolumesHandler.list, tavu.volumes().list()).len(), 1);
    let volume = call!(
        VolumesHandler.update,
        tavu.volumes().update(
            &volume.id,
            &UpdateVolume {
                description: Some("database".into()),
                ..Default::default()
            }
        )
    );
    assert_eq!(volume.description.as_deref(), Some("database"));
    let attached = call!(
        VolumesHandler.attach,
        tavu.volumes()
            .attach(&volume.id, &AttachVolume::new(instance.id.clone()))
    );
    assert_eq!(attached.mount_point.as_deref(), Some("/dev/vdb"));
    call!(
        VolumesHandler.detach,
        tavu.volumes()
            .detach(&volume.id, &DetachVolume::new(instance.id.clone()))
    );
    let snapshot = call!(
        VolumeSnapshotsHandler.create,
        tavu.volume_snapshots()
            .create(&CreateVolumeSnapshot::new(volume.id.clone(), "nightly"))
    );
    assert_eq!(snapshot.volume_size, Some(10));
    assert_eq!(
        call!(VolumeSnapshotsHandler.list, tavu.volume_snapshots().list()).len(),
        1
    );
    assert_eq!(
        call!(
            VolumeSnapshotsHandler.get,
            tavu.volume_snapshots().get(&snapshot.id)
        ),
        snapshot
    );
    assert_eq!(
        tavu.volumes().get(&volume.id).unwrap().snapshots,
        std::slice::from_ref(&snapshot)
    );
    let snapshot = call!(
        VolumeSnapshotsHandler.update,
        tavu.volume_snapshots().update(
            &snapshot.id,
            &UpdateVolumeSnapshot {
                name: Some("weekly".into()),
                ..Default::default()
            }
        )
    );
    assert_eq!(snapshot.name.as_deref(), Some("weekly"));
    call!(
        VolumeSnapshotsHandler.delete,
        tavu.volume_snapshots().delete(&snapshot.id)
    );

    // An instance snapshot.
    let image = call!(
        InstanceSnapshotsHandler.create,
        tavu.instance_snapshots()
            .create(&CreateInstanceSnapshot::new(instance.id.clone(), "golden"))
    );
    assert_eq!(image.status, "queued");
    assert_eq!(image.size, None);
    let image = poll(
        || {
            call!(
                InstanceSnapshotsHandler.get,
                tavu.instance_snapshots().get(&image.id)
            )
        },
        |s| s.status == "active",
    );
    assert!(image.size.is_some());
    assert_eq!(
        call!(
            InstanceSnapshotsHandler.list,
            tavu.instance_snapshots().list()
        )
        .len(),
        1
    );
    call!(
        InstanceSnapshotsHandler.delete,
        tavu.instance_snapshots().delete(&image.id)
    );

    // The instance's actions.
    let instances = tavu.instances();
    call!(InstancesHandler.stop, instances.stop(&instance.id));
    assert_eq!(instances.get(&instance.id).unwrap().status, "stopping");
    let stopped = instances
        .wait_for_status(&instance.id, "stopped", &wait())
        .unwrap();
    assert_eq!(stopped.ports[0].status.as_deref(), Some("DOWN"));
    call!(InstancesHandler.start, instances.start(&instance.id));
    instances
        .wait_for_status(&instance.id, "active", &wait())
        .unwrap();
    call!(InstancesHandler.reboot, instances.reboot(&instance.id));
    call!(
        InstancesHandler.force_reboot,
        instances.force_reboot(&instance.id)
    );
    call!(
        InstancesHandler.resize,
        instances.resize(&instance.id, &ResizeInstance::new(SSD_512))
    );
    instances
        .wait_for_status(&instance.id, "verify_resize", &wait())
        .unwrap();
    call!(
        InstancesHandler.confirm_resize,
        instances.confirm_resize(&instance.id)
    );
    instances
        .resize(&instance.id, &ResizeInstance::new(SSD_1024))
        .unwrap();
    instances
        .wait_for_status(&instance.id, "verify_resize", &wait())
        .unwrap();
    call!(
        InstancesHandler.revert_resize,
        instances.revert_resize(&instance.id)
    );
    let reverted = instances.get(&instance.id).unwrap();
    assert_eq!(reverted.configuration.unwrap().id, SSD_512);
    let rebuilt = call!(
        InstancesHandler.rebuild,
        instances.rebuild(
            &instance.id,
            &RebuildInstance {
                name: Some("web-centos".into()),
                ..RebuildInstance::new(CENTOS)
            }
        )
    );
    assert_eq!(rebuilt.status, "building");
    assert_eq!(rebuilt.image.unwrap().id, CENTOS);
    assert_eq!(rebuilt.name, "web-centos");
    instances
        .wait_for_status(&instance.id, "active", &wait())
        .unwrap();

    // Everything goes away again.
    call!(
        FloatingIpsHandler.delete,
        tavu.floating_ips().delete(FLOATING_IP_B)
    );
    call!(InstancesHandler.delete, instances.delete(&instance.id));
    assert_eq!(
        tavu.floating_ips().get(FLOATING_IP_A).unwrap().port_id,
        None,
        "released with the instance's port"
    );
    let removed = call!(
        RouterInterfacesHandler.delete,
        tavu.router_interfaces().delete(ROUTER, &interface.port_id)
    );
    assert_eq!(removed.port_id, interface.port_id);
    assert_eq!(removed.subnet_id.as_deref(), Some(subnet.id.as_str()));
    call!(RoutersHandler.delete, tavu.routers().delete(ROUTER));
    call!(FirewallsHandler.delete, tavu.firewalls().delete(FIREWALL));
    call!(
        SecurityGroupRulesHandler.delete,
        tavu.security_group_rules().delete(&group.id, &rule.id)
    );
    call!(
        SecurityGroupsHandler.delete,
        tavu.security_groups().delete(&group.id)
    );
    call!(VolumesHandler.delete, tavu.volumes().delete(&volume.id));
    call!(SubnetsHandler.delete, tavu.subnets().delete(&subnet.id));
    call!(NetworksHandler.delete, tavu.networks().delete(&network.id));
    call!(
        InstanceUsersHandler.delete,
        tavu.instance_users().delete(user.id)
    );
    call!(
        InstanceScriptsHandler.delete,
        tavu.instance_scripts().delete(script.id)
    );
    call!(SshKeysHandler.delete, tavu.ssh_keys().delete("generated"));
    call!(
        SshKeysHandler.delete,
        tavu.ssh_keys().delete("laptop key/2")
    );

    let declared: BTreeSet<(&'static str, &'static str)> = TavuClient::operations()
        .iter()
        .map(|op| (op.handler, op.name))
        .collect();
    assert_eq!(declared.len(), 93);
    let missing: Vec<_> = declared.difference(&called).collect();
    let unknown: Vec<_> = called.difference(&declared).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "not called: {missing:?}; not operations: {unknown:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Flows

#[test]
fn instance_volume_flow_with_the_state_checked_between_steps() {
    let (_sandbox, tavu) = start();
    let security_groups_before = tavu.security_groups().list().unwrap();
    let (network, subnet) = network_with_subnet(&tavu, "app");
    let group = tavu
        .security_groups()
        .create(&CreateSecurityGroup::new("app"))
        .unwrap();
    tavu.security_group_rules()
        .create(
            &group.id,
            &CreateSecurityGroupRule {
                protocol: Some("tcp".into()),
                port_range_min: Some(80),
                port_range_max: Some(81),
                ..CreateSecurityGroupRule::new("ingress")
            },
        )
        .unwrap();

    // Create -> building -> active.
    let created = tavu
        .instances()
        .create(&CreateInstance {
            networks: Some(vec![network.id.clone()]),
            ..CreateInstance::new("app-1", UBUNTU, HDD_512)
        })
        .unwrap();
    assert_eq!(created.status, "building");
    assert_eq!(created.ports[0].status.as_deref(), Some("DOWN"));
    let instance = tavu
        .instances()
        .wait_for_status(&created.id, "active", &wait())
        .unwrap();
    assert_eq!(instance.ports[0].status.as_deref(), Some("ACTIVE"));
    let port = &instance.ports[0];
    assert_eq!(port.network_id, network.id);
    assert_eq!(
        port.ip_allocations[0].subnet_id.as_deref(),
        Some(subnet.id.as_str())
    );
    assert_eq!(
        tavu.ports().list().unwrap(),
        instance.ports,
        "the instance's port is listed"
    );

    // Two volumes: creating -> available, then attached on both sides.
    let first = tavu
        .volumes()
        .create(&CreateVolume::new(1u64, "first"))
        .unwrap();
    assert_eq!(first.status, "creating");
    not_blocked_attach_before_available(&tavu, &first.id, &instance.id);
    let first = poll(
        || tavu.volumes().get(&first.id).unwrap(),
        |v| v.status == "available",
    );
    let second = available_volume(&tavu, "second");
    let attached = tavu
        .volumes()
        .attach(&first.id, &AttachVolume::new(instance.id.clone()))
        .unwrap();
    assert_eq!(attached.volume_id, first.id);
    assert_eq!(attached.instance_id, instance.id);
    assert_eq!(attached.mount_point.as_deref(), Some("/dev/vdb"));
    let attached_second = tavu
        .volumes()
        .attach(&second.id, &AttachVolume::new(instance.id.clone()))
        .unwrap();
    assert_eq!(attached_second.mount_point.as_deref(), Some("/dev/vdc"));
    let volume = tavu.volumes().get(&first.id).unwrap();
    assert_eq!(volume.status, "in-use");
    let attachment = volume.attachment.unwrap();
    assert_eq!(attachment.instance_id, instance.id);
    assert_eq!(attachment.mounted_at.as_deref(), Some("/dev/vdb"));
    assert_eq!(attachment.status.as_deref(), Some("attached"));
    assert!(attachment.attach_time.is_some());
    let seen = tavu.instances().get(&instance.id).unwrap();
    let mounted: Vec<_> = seen.volumes.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(mounted, [first.id.as_str(), second.id.as_str()]);

    // Detach the first: both sides again.
    tavu.volumes()
        .detach(&first.id, &DetachVolume::new(instance.id.clone()))
        .unwrap();
    let volume = tavu.volumes().get(&first.id).unwrap();
    assert_eq!(volume.status, "available");
    assert!(volume.attachment.is_none());
    assert!(volume.detach_time.is_some());
    let seen = tavu.instances().get(&instance.id).unwrap();
    assert_eq!(seen.volumes.len(), 1);
    assert_eq!(seen.volumes[0].id, second.id);
    // The freed device is handed out again.
    let again = tavu
        .volumes()
        .attach(&first.id, &AttachVolume::new(instance.id.clone()))
        .unwrap();
    assert_eq!(again.mount_point.as_deref(), Some("/dev/vdb"));

    // Resize and confirm.
    let instances = tavu.instances();
    instances
        .resize(&instance.id, &ResizeInstance::new(SSD_1024))
        .unwrap();
    let resizing = instances.get(&instance.id).unwrap();
    assert_eq!(resizing.status, "resizing");
    let verifying = instances
        .wait_for_status(&instance.id, "verify_resize", &wait())
        .unwrap();
    assert_eq!(verifying.configuration.unwrap().id, SSD_1024);
    instances.confirm_resize(&instance.id).unwrap();
    let confirmed = instances.get(&instance.id).unwrap();
    assert_eq!(confirmed.status, "active");
    assert_eq!(confirmed.configuration.unwrap().cpu, 2);

    // Resize and revert.
    instances
        .resize(&instance.id, &ResizeInstance::new(SSD_512))
        .unwrap();
    instances
        .wait_for_status(&instance.id, "verify_resize", &wait())
        .unwrap();
    assert_eq!(
        instances
            .get(&instance.id)
            .unwrap()
            .configuration
            .unwrap()
            .id,
        SSD_512
    );
    instances.revert_resize(&instance.id).unwrap();
    let reverted = instances.get(&instance.id).unwrap();
    assert_eq!(reverted.status, "active");
    assert_eq!(reverted.configuration.unwrap().id, SSD_1024);

    // Stop and start.
    instances.stop(&instance.id).unwrap();
    let stopped = instances
        .wait_for_status(&instance.id, "stopped", &wait())
        .unwrap();
    assert_eq!(stopped.ports[0].status.as_deref(), Some("DOWN"));
    assert_eq!(stopped.volumes.len(), 2, "volumes stay attached");
    instances.start(&instance.id).unwrap();
    assert_eq!(instances.get(&instance.id).unwrap().status, "starting");
    instances
        .wait_for_status(&instance.id, "active", &wait())
        .unwrap();

    // Delete everything, in an order the dependencies allow.
    for volume in [&first, &second] {
        tavu.volumes()
            .detach(&volume.id, &DetachVolume::new(instance.id.clone()))
            .unwrap();
        tavu.volumes().delete(&volume.id).unwrap();
        not_found(tavu.volumes().get(&volume.id));
    }
    instances.delete(&instance.id).unwrap();
    instances.wait_for_deletion(&instance.id, &wait()).unwrap();
    tavu.security_groups().delete(&group.id).unwrap();
    tavu.subnets().delete(&subnet.id).unwrap();
    tavu.networks().delete(&network.id).unwrap();
    assert!(instances.list().unwrap().is_empty());
    assert!(tavu.volumes().list().unwrap().is_empty());
    assert!(tavu.ports().list().unwrap().is_empty());
    assert!(tavu.subnets().list().unwrap().is_empty());
    assert!(tavu.networks().list().unwrap().is_empty());
    assert_eq!(
        tavu.security_groups().list().unwrap(),
        security_groups_before
    );
}

/// A volume still `creating` cannot be attached.
fn not_blocked_attach_before_available(tavu: &TavuClient, volume: &str, instance: &str) {
    let message = bad_request(tavu.volumes().attach(volume, &AttachVolume::new(instance)));
    assert!(message.contains("creating"), "{message}");
}

#[test]
fn deleting_an_instance_detaches_its_volumes_and_removes_its_ports() {
    let (_sandbox, tavu) = start();
    let (network, _) = network_with_subnet(&tavu, "net");
    let instance = active_instance(&tavu, "doomed", &[&network.id]);
    let volume = available_volume(&tavu, "data");
    tavu.volumes()
        .attach(&volume.id, &AttachVolume::new(instance.id.clone()))
        .unwrap();
    assert_eq!(tavu.ports().list().unwrap().len(), 1);
    let refused = bad_request(tavu.networks().delete(&network.id));
    assert!(refused.contains("subnet"), "{refused}");

    tavu.instances().delete(&instance.id).unwrap();
    not_found(tavu.instances().get(&instance.id));
    let volume = tavu.volumes().get(&volume.id).unwrap();
    assert_eq!(volume.status, "available");
    assert!(volume.attachment.is_none());
    assert!(tavu.ports().list().unwrap().is_empty());
}

#[test]
fn generated_credentials_are_shown_once() {
    let (sandbox, tavu) = start();
    let created = tavu
        .instances()
        .create(&CreateInstance::new("plain", UBUNTU, HDD_512))
        .unwrap();
    assert_eq!(created.username.as_deref(), Some("ubuntu"));
    let password = created.password.clone().unwrap();
    assert_eq!(password.len(), 8);
    // Without networks, the instance is on the public network.
    assert_eq!(created.ports[0].network_id, PUBLIC_NETWORK);

    // Later reads leave the fields out altogether.
    let (status, body) = raw(
        &sandbox,
        "GET",
        &format!("/compute/v1/instances/{}", created.id),
        "",
    );
    assert_eq!(status, 200);
    let body = json(&body);
    assert!(body.get("password").is_none() && body.get("username").is_none());
    let (_, list) = raw(&sandbox, "GET", "/compute/v1/instances", "");
    assert!(json(&list)[0].get("password").is_none());

    // A rebuild hands out a new password for the new image's login.
    tavu.instances()
        .wait_for_status(&created.id, "active", &wait())
        .unwrap();
    let rebuilt = tavu
        .instances()
        .rebuild(&created.id, &RebuildInstance::new(CENTOS))
        .unwrap();
    assert_eq!(rebuilt.username.as_deref(), Some("centos"));
    assert_ne!(rebuilt.password.unwrap(), password);

    // Only disabling password login means no generated credentials, on create and rebuild;
    // SSH keys, an instance user or a script do not.
    tavu.ssh_keys()
        .create(&CreateSshKey {
            public_key: Some(PUBLIC_KEY.into()),
            ..CreateSshKey::new("k")
        })
        .unwrap();
    let user = tavu
        .instance_users()
        .create(&CreateInstanceUser {
            ssh_keys: Some(vec!["k".into()]),
            ..CreateInstanceUser::new("ops")
        })
        .unwrap();
    let with_user = tavu
        .instances()
        .create(&CreateInstance {
            instance_user_ids: Some(vec![user.id]),
            ..CreateInstance::new("with-user", UBUNTU, HDD_512)
        })
        .unwrap();
    assert_eq!(with_user.username.as_deref(), Some("ubuntu"));
    let keys_only = tavu
        .instances()
        .create(&CreateInstance {
            ssh_keys: Some(vec!["k".into()]),
            disable_password: Some(true),
            ..CreateInstance::new("keys-only", UBUNTU, HDD_512)
        })
        .unwrap();
    assert!(keys_only.username.is_none() && keys_only.password.is_none());
    tavu.instances()
        .wait_for_status(&keys_only.id, "active", &wait())
        .unwrap();
    let rebuilt = tavu
        .instances()
        .rebuild(&keys_only.id, &RebuildInstance::new(CENTOS))
        .unwrap();
    assert!(rebuilt.username.is_none() && rebuilt.password.is_none());
}

#[test]
fn a_generated_ssh_key_shows_its_private_key_once() {
    let (sandbox, tavu) = start();
    let key = tavu
        .ssh_keys()
        .create(&CreateSshKey::new("made-here"))
        .unwrap();
    let private = key.private_key.unwrap();
    assert!(private.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    assert!(private
        .trim_end()
        .ends_with("-----END RSA PRIVATE KEY-----"));
    assert!(key.public_key.unwrap().starts_with("ssh-rsa "));
    assert_eq!(key.fingerprint.unwrap().split(':').count(), 16);
    assert!(tavu
        .ssh_keys()
        .get("made-here")
        .unwrap()
        .private_key
        .is_none());
    let (_, body) = raw(&sandbox, "GET", "/compute/v1/ssh-keys/made-here", "");
    assert!(json(&body).get("private_key").is_none());
    assert!(json(&body).get("created_at").is_some());
}

#[test]
fn subnets_hand_out_addresses_and_a_null_gateway_clears_it() {
    let (_sandbox, tavu) = start();
    let network = tavu.networks().create(&CreateNetwork::new("n")).unwrap();
    let v6 = tavu
        .subnets()
        .create(&CreateSubnet {
            ipv6_address_mode: Some("slaac".into()),
            ..CreateSubnet::new("n-v6", network.id.clone(), "abc0::/64", 6u8)
        })
        .unwrap();
    assert_eq!(v6.gateway_ip.as_deref(), Some("abc0::1"));
    let v4 = tavu
        .subnets()
        .create(&CreateSubnet {
            gateway_ip: Nullable::Null,
            allocation_pools: Some(vec![AllocationPoolSpec::new(
                "192.168.2.10",
                "192.168.2.20",
            )]),
            host_routes: Some(vec![RouteSpec::new("192.168.2.6/32", "192.168.2.7")]),
            enable_dhcp: Some(false),
            ..CreateSubnet::new("n-v4", network.id.clone(), "192.168.2.0/24", 4u8)
        })
        .unwrap();
    assert_eq!(v4.gateway_ip, None);
    assert_eq!(v4.enable_dhcp, Some(false));
    assert_eq!(v4.host_routes[0].nexthop, "192.168.2.7");

    // A port on the network takes one address from each subnet.
    let instance = active_instance(&tavu, "dual", &[&network.id]);
    let addresses: Vec<_> = instance.ports[0]
        .ip_allocations
        .iter()
        .map(|a| a.ip_address.as_str())
        .collect();
    assert_eq!(addresses, ["abc0::2", "192.168.2.10"]);

    // Set a gateway, then clear it with null.
    let set = tavu
        .subnets()
        .update(
            &v4.id,
            &UpdateSubnet {
                gateway_ip: "192.168.2.1".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(set.gateway_ip.as_deref(), Some("192.168.2.1"));
    let kept = tavu
        .subnets()
        .update(
            &v4.id,
            &UpdateSubnet {
                name: Some("renamed".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        kept.gateway_ip.as_deref(),
        Some("192.168.2.1"),
        "absent keeps it"
    );
    let cleared = tavu
        .subnets()
        .update(
            &v4.id,
            &UpdateSubnet {
                gateway_ip: Nullable::Null,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(cleared.gateway_ip, None);
    assert_eq!(tavu.subnets().get(&v4.id).unwrap().gateway_ip, None);

    // A subnet whose addresses are in use cannot go.
    let message = bad_request(tavu.subnets().delete(&v4.id));
    assert!(message.contains("port"), "{message}");
}

#[test]
fn an_instance_boots_from_an_active_snapshot() {
    let (_sandbox, tavu) = start();
    let source = active_instance(&tavu, "source", &["public"]);
    let snapshot = tavu
        .instance_snapshots()
        .create(&CreateInstanceSnapshot::new(source.id.clone(), "golden"))
        .unwrap();
    assert_eq!(snapshot.instance_id.as_deref(), Some(source.id.as_str()));
    let message = bad_request(tavu.instances().create(&CreateInstance::new(
        "too-early",
        snapshot.id.clone(),
        HDD_512,
    )));
    assert!(
        message.contains("image_id") && message.contains("queued"),
        "{message}"
    );
    poll(
        || tavu.instance_snapshots().get(&snapshot.id).unwrap(),
        |s| s.status == "active",
    );
    let clone = tavu
        .instances()
        .create(&CreateInstance::new("clone", snapshot.id.clone(), HDD_512))
        .unwrap();
    let image = clone.image.unwrap();
    assert_eq!(image.id, snapshot.id);
    assert_eq!(image.name, "golden");
    assert!(
        clone.password.is_none(),
        "snapshots keep their own credentials"
    );
    let with_credentials = tavu
        .instances()
        .create(&CreateInstance {
            generate_credentials: Some(true),
            ..CreateInstance::new("clone-2", snapshot.id.clone(), HDD_512)
        })
        .unwrap();
    assert!(with_credentials.password.is_some());
}

#[test]
fn floating_ips_need_a_routed_port_and_routes_in_use_stay() {
    let (_sandbox, tavu) = start();
    let (network, subnet) = network_with_subnet(&tavu, "routed");
    let instance = active_instance(&tavu, "reachable", &[&network.id]);
    let port = instance.ports[0].id.clone();
    let associate = |port: &str| UpdateFloatingIp {
        port_id: Nullable::Value(port.to_owned()),
        ..Default::default()
    };

    let message = bad_request(tavu.floating_ips().update(FLOATING_IP_B, &associate(&port)));
    assert!(
        message.contains("port_id") && message.contains("router"),
        "{message}"
    );
    let interface = tavu
        .router_interfaces()
        .create(ROUTER, &CreateRouterInterface::new(subnet.id.clone()))
        .unwrap();
    let ip = tavu
        .floating_ips()
        .update(FLOATING_IP_B, &associate(&port))
        .unwrap();
    assert_eq!(ip.port_id.as_deref(), Some(port.as_str()));
    assert_eq!(ip.fixed_ip_address.as_deref(), Some("10.0.0.2"));
    assert_eq!(ip.revision_number, Some(2));

    // One floating IP per port; the interface and the gateway it relies on stay.
    let message = bad_request(tavu.floating_ips().update(FLOATING_IP_A, &associate(&port)));
    assert!(message.contains("already has floating IP"), "{message}");
    let message = bad_request(tavu.router_interfaces().delete(ROUTER, &interface.port_id));
    assert!(message.contains(FLOATING_IP_B), "{message}");
    let message = bad_request(tavu.routers().update(
        ROUTER,
        &UpdateRouter {
            attach_to_external: Some(false),
            ..Default::default()
        },
    ));
    assert!(message.contains("attach_to_external"), "{message}");
    let message = bad_request(tavu.routers().delete(ROUTER));
    assert!(message.contains("interface"), "{message}");

    // Disassociate with null; then the interface and the gateway can go.
    let ip = tavu
        .floating_ips()
        .update(
            FLOATING_IP_B,
            &UpdateFloatingIp {
                port_id: Nullable::Null,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(ip.port_id, None);
    assert_eq!(ip.fixed_ip_address, None);
    assert_eq!(ip.status.as_deref(), Some("DOWN"));
    tavu.router_interfaces()
        .delete(ROUTER, &interface.port_id)
        .unwrap();
    let router = tavu
        .routers()
        .update(
            ROUTER,
            &UpdateRouter {
                attach_to_external: Some(false),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(router.external_gateway_info.is_none());
    let router = tavu
        .routers()
        .update(
            ROUTER,
            &UpdateRouter {
                attach_to_external: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    let gateway = router.external_gateway_info.unwrap();
    assert_eq!(gateway.network_id, PUBLIC_NETWORK);
    assert_eq!(
        gateway.device_owner.as_deref(),
        Some("network:router_gateway")
    );
}

#[test]
fn firewalls_settle_and_rule_changes_need_a_new_audit() {
    let (_sandbox, tavu) = start();
    tavu.firewalls().audit(FIREWALL).unwrap();
    assert_eq!(tavu.firewalls().get(FIREWALL).unwrap().audited, Some(true));
    let rules = tavu.firewall_rules().list(FIREWALL).unwrap();
    let first = rules.iter().find(|r| r.position == Some(1)).unwrap();
    tavu.firewall_rules().delete(FIREWALL, &first.id).unwrap();
    let rest = tavu.firewall_rules().list(FIREWALL).unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].position, Some(1), "later rules move up");
    assert_eq!(tavu.firewalls().get(FIREWALL).unwrap().audited, Some(false));

    // Up without routers settles INACTIVE.
    let pending = tavu
        .firewalls()
        .update(
            FIREWALL,
            &UpdateFirewall {
                admin_state_up: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(pending.status.as_deref(), Some("PENDING_UPDATE"));
    let settled = poll(
        || tavu.firewalls().get(FIREWALL).unwrap(),
        |f| f.status.as_deref() != Some("PENDING_UPDATE"),
    );
    assert_eq!(settled.status.as_deref(), Some("INACTIVE"));
}

// ---------------------------------------------------------------------------------------------
// Rejections

#[test]
fn a_missing_required_field_is_a_bad_request_naming_it() {
    let (sandbox, tavu) = start();
    let body =
        format!(r#"{{"instance": {{"image_id": "{UBUNTU}", "configuration_id": "{HDD_512}"}}}}"#);
    let (status, answer) = raw(&sandbox, "POST", "/compute/v1/instances", &body);
    assert_eq!(status, 400);
    let message = json(&answer)["message"].as_str().unwrap().to_owned();
    assert!(message.starts_with("name:"), "{message}");
    assert!(message.contains("missing field"), "{message}");

    let (status, answer) = raw(
        &sandbox,
        "POST",
        "/networking/v1/subnets",
        r#"{"subnet": {"name": "s", "cidr": "10.0.0.0/24", "ip_version": 4}}"#,
    );
    assert_eq!(status, 400, "{answer}");
    assert!(answer.contains("network_id"), "{answer}");

    // No wrapper object, and a field the API does not know (the old single `ssh_key`).
    let (status, answer) = raw(
        &sandbox,
        "POST",
        "/compute/v1/instances",
        r#"{"name": "x"}"#,
    );
    assert_eq!(status, 400);
    assert!(answer.contains("instance"), "{answer}");
    let body = format!(
        r#"{{"instance": {{"name": "x", "image_id": "{UBUNTU}", "configuration_id": "{HDD_512}", "ssh_key": "k"}}}}"#
    );
    let (status, answer) = raw(&sandbox, "POST", "/compute/v1/instances", &body);
    assert_eq!(status, 400);
    assert!(answer.contains("ssh_key"), "{answer}");

    // A blank required string is no better than a missing one.
    let message = bad_request(tavu.networks().create(&CreateNetwork::new(" ")));
    assert!(message.starts_with("name:"), "{message}");
    // Nothing was created by any of these.
    assert!(tavu.instances().list().unwrap().is_empty());
    assert!(tavu.networks().list().unwrap().is_empty());
}

#[test]
fn unknown_references_in_an_instance_create_are_bad_requests_naming_the_field() {
    let (_sandbox, tavu) = start();
    let create = |edit: &dyn Fn(&mut CreateInstance)| {
        let mut request = CreateInstance::new("x", UBUNTU, HDD_512);
        edit(&mut request);
        bad_request(tavu.instances().create(&request))
    };
    type Edit<'a> = &'a dyn Fn(&mut CreateInstance);
    let cases: [(&str, Edit); 8] = [
        ("configuration_id", &|r| {
            r.configuration_id = "no-such-size".into()
        }),
        ("image_id", &|r| r.image_id = "no-such-image".into()),
        ("availability_zone_id", &|r| {
            r.availability_zone_id = Some("no-such-zone".into())
        }),
        ("availability_zone_id", &|r| {
            r.availability_zone_id = Some(ZONE_1.into())
        }),
        ("ssh_keys", &|r| {
            r.ssh_keys = Some(vec!["no-such-key".into()])
        }),
        ("networks", &|r| {
            r.networks = Some(vec!["no-such-network".into()])
        }),
        ("instance_user_ids", &|r| {
            r.instance_user_ids = Some(vec![42])
        }),
        ("instance_script_id", &|r| r.instance_script_id = Some(42)),
    ];
    for (field, edit) in cases {
        let message = create(edit);
        assert!(
            message.starts_with(&format!("{field}:")),
            "{field}: {message}"
        );
    }
    let message = create(&|r| r.instance_script = Some("not base64!\n".into()));
    assert!(message.starts_with("instance_script:"), "{message}");
    let message = create(&|r| r.disable_password = Some(true));
    assert!(message.starts_with("disable_password:"), "{message}");
    // The NVMe configuration lives in zone 1, where the instance may go.
    let nvme = tavu
        .instances()
        .create(&CreateInstance {
            availability_zone_id: Some(ZONE_1.into()),
            ..CreateInstance::new("small", UBUNTU, NVME)
        })
        .unwrap();
    assert_eq!(nvme.availability_zone.unwrap().id, ZONE_1);
    assert_eq!(tavu.instances().list().unwrap().len(), 1);
    assert!(
        tavu.ports().list().unwrap().len() == 1,
        "no ports left behind"
    );
}

#[test]
fn unknown_ids_are_not_found() {
    let (sandbox, tavu) = start();
    let id = "00000000-0000-4000-8000-000000000000";
    not_found(tavu.instances().get(id));
    not_found(tavu.instances().update(id, &UpdateInstance::default()));
    not_found(tavu.instances().delete(id));
    not_found(tavu.instances().start(id));
    not_found(tavu.instance_interfaces().list(id));
    not_found(tavu.instance_users().get(7));
    not_found(tavu.instance_scripts().delete(7));
    not_found(tavu.ssh_keys().get("nobody's key"));
    not_found(tavu.ssh_keys().delete("nobody's key"));
    not_found(tavu.instance_snapshots().get(id));
    not_found(tavu.volumes().get(id));
    not_found(tavu.volumes().attach(id, &AttachVolume::new(id)));
    not_found(tavu.volume_snapshots().delete(id));
    not_found(tavu.ports().get(id));
    not_found(tavu.networks().delete(id));
    not_found(tavu.subnets().get(id));
    not_found(tavu.firewalls().audit(id));
    not_found(tavu.firewall_rules().list(id));
    not_found(tavu.firewall_rules().get(FIREWALL, id));
    not_found(tavu.routers().get(id));
    not_found(tavu.router_interfaces().get(ROUTER, id));
    not_found(tavu.security_groups().get(id));
    not_found(tavu.security_group_rules().get(DEFAULT_GROUP, id));
    not_found(tavu.floating_ips().get(id));

    // The path is checked before the body: an unknown ID with a bad body is still a 404.
    for path in [
        "/compute/v1/instances/{}",
        "/storage/v1/volumes/{}",
        "/networking/v1/networks/{}",
        "/networking/v1/subnets/{}",
        "/networking/v1/ports/{}",
        "/networking/v1/security-groups/{}",
        "/networking/v1/firewalls/{}",
    ] {
        let (status, answer) = raw(&sandbox, "PATCH", &path.replace("{}", id), "not json");
        assert_eq!(status, 404, "{path}: {answer}");
    }

    // An interface of another instance is not this instance's.
    let a = active_instance(&tavu, "a", &["public"]);
    let b = active_instance(&tavu, "b", &["public"]);
    not_found(tavu.instance_interfaces().get(&a.id, &b.ports[0].id));
    // A path or method the API does not have.
    let (status, _) = raw(&sandbox, "PUT", "/compute/v1/instances", "{}");
    assert_eq!(status, 404);
    let (status, _) = raw(&sandbox, "GET", "/compute/v2/instances", "");
    assert_eq!(status, 404);
}

#[test]
fn a_subnet_needs_an_existing_network_and_a_matching_cidr() {
    let (_sandbox, tavu) = start();
    let message = bad_request(tavu.subnets().create(&CreateSubnet::new(
        "s",
        "no-such-network",
        "10.0.0.0/24",
        4u8,
    )));
    assert!(message.starts_with("network_id:"), "{message}");
    let network = tavu.networks().create(&CreateNetwork::new("n")).unwrap();
    let cases = [
        ("10.0.0.0/24", 6u8, "ip_version:"),
        ("abc0::/64", 4, "ip_version:"),
        ("10.0.0.0/24", 5, "ip_version:"),
        ("10.0.0.0", 4, "cidr:"),
        ("10.0.0.7/24", 4, "cidr:"),
    ];
    for (cidr, version, field) in cases {
        let message = bad_request(tavu.subnets().create(&CreateSubnet::new(
            "s",
            network.id.clone(),
            cidr,
            version,
        )));
        assert!(message.starts_with(field), "{cidr} v{version}: {message}");
    }
    let base = || CreateSubnet::new("s", network.id.clone(), "10.0.0.0/24", 4u8);
    let message = bad_request(tavu.subnets().create(&CreateSubnet {
        gateway_ip: "10.9.9.1".into(),
        ..base()
    }));
    assert!(message.starts_with("gateway_ip:"), "{message}");
    let message = bad_request(tavu.subnets().create(&CreateSubnet {
        allocation_pools: Some(vec![AllocationPoolSpec::new("10.0.0.50", "10.0.0.10")]),
        ..base()
    }));
    assert!(message.starts_with("allocation_pools:"), "{message}");
    let message = bad_request(tavu.subnets().create(&CreateSubnet {
        ipv6_ra_mode: Some("slaac".into()),
        ..base()
    }));
    assert!(message.starts_with("ipv6_ra_mode:"), "{message}");
    let message = bad_request(tavu.subnets().create(&CreateSubnet {
        dns_nameservers: Some(vec!["dns.example".into()]),
        ..base()
    }));
    assert!(message.starts_with("dns_nameservers:"), "{message}");
    tavu.subnets().create(&base()).unwrap();
    let message = bad_request(tavu.subnets().create(&CreateSubnet::new(
        "overlap",
        network.id.clone(),
        "10.0.0.128/25",
        4u8,
    )));
    assert!(
        message.starts_with("cidr:") && message.contains("overlaps"),
        "{message}"
    );
}

#[test]
fn an_in_use_volume_cannot_be_attached_again_or_deleted() {
    let (_sandbox, tavu) = start();
    let a = active_instance(&tavu, "a", &["public"]);
    let b = active_instance(&tavu, "b", &["public"]);
    let volume = available_volume(&tavu, "shared");
    tavu.volumes()
        .attach(&volume.id, &AttachVolume::new(a.id.clone()))
        .unwrap();
    let message = bad_request(
        tavu.volumes()
            .attach(&volume.id, &AttachVolume::new(b.id.clone())),
    );
    assert!(message.contains("in-use"), "{message}");
    let message = bad_request(tavu.volumes().delete(&volume.id));
    assert!(message.contains("attached"), "{message}");
    let message = bad_request(
        tavu.volumes()
            .detach(&volume.id, &DetachVolume::new(b.id.clone())),
    );
    assert!(message.starts_with("instance_id:"), "{message}");
    let message = bad_request(
        tavu.volumes()
            .attach(&volume.id, &AttachVolume::new("no-such-instance")),
    );
    assert!(message.starts_with("instance_id:"), "{message}");
    // Nothing changed.
    let volume = tavu.volumes().get(&volume.id).unwrap();
    assert_eq!(volume.attachment.unwrap().instance_id, a.id);

    // A volume with snapshots stays until they are gone; sizes below the snapshot's are refused.
    tavu.volumes()
        .detach(&volume.id, &DetachVolume::new(a.id.clone()))
        .unwrap();
    let snapshot = tavu
        .volume_snapshots()
        .create(&CreateVolumeSnapshot::new(volume.id.clone(), "s"))
        .unwrap();
    let message = bad_request(tavu.volumes().delete(&volume.id));
    assert!(message.contains("snapshots"), "{message}");
    let message = bad_request(tavu.volumes().create(&CreateVolume {
        snapshot_id: Some(snapshot.id.clone()),
        ..CreateVolume::new(1u64, "small")
    }));
    assert!(message.starts_with("size:"), "{message}");
    let restored = tavu
        .volumes()
        .create(&CreateVolume {
            snapshot_id: Some(snapshot.id.clone()),
            ..CreateVolume::new(10u64, "restored")
        })
        .unwrap();
    assert_eq!(restored.snapshot_id, Some(snapshot.id));
    let message = bad_request(tavu.volumes().create(&CreateVolume::new(0u64, "empty")));
    assert!(message.starts_with("size:"), "{message}");
}

#[test]
fn actions_in_the_wrong_state_are_refused_with_a_hint() {
    let (sandbox, tavu) = start();
    let created = tavu
        .instances()
        .create(&CreateInstance::new("x", UBUNTU, HDD_512))
        .unwrap();
    let instances = tavu.instances();
    let message = bad_request(instances.stop(&created.id));
    assert_eq!(
        message,
        "Cannot 'stop' instance while it is in status building"
    );
    instances
        .wait_for_status(&created.id, "active", &wait())
        .unwrap();
    let message = bad_request(instances.start(&created.id));
    assert_eq!(
        message,
        "Cannot 'start' instance while it is in status active"
    );
    let message = bad_request(instances.confirm_resize(&created.id));
    assert_eq!(
        message,
        "Cannot 'confirm_resize' instance while it is in status active"
    );
    let message = bad_request(instances.revert_resize(&created.id));
    assert!(message.contains("revert_resize"), "{message}");
    let message = bad_request(instances.resize(&created.id, &ResizeInstance::new(HDD_512)));
    assert!(
        message.starts_with("configuration_id:"),
        "same size: {message}"
    );
    let message = bad_request(instances.resize(&created.id, &ResizeInstance::new(NVME)));
    assert!(
        message.starts_with("configuration_id:"),
        "other zone: {message}"
    );
    let message = bad_request(instances.resize(&created.id, &ResizeInstance::new("nope")));
    assert!(message.starts_with("configuration_id:"), "{message}");
    let message = bad_request(instances.rebuild(&created.id, &RebuildInstance::new("nope")));
    assert!(message.starts_with("image_id:"), "{message}");

    instances.stop(&created.id).unwrap();
    let message = bad_request(instances.reboot(&created.id));
    assert_eq!(
        message,
        "Cannot 'reboot' instance while it is in status stopping"
    );
    instances
        .wait_for_status(&created.id, "stopped", &wait())
        .unwrap();
    let message = bad_request(instances.resize(&created.id, &ResizeInstance::new(SSD_512)));
    assert!(message.contains("status stopped"), "{message}");

    // The action body names one known action.
    let path = format!("/compute/v1/instances/{}/action", created.id);
    let (status, answer) = raw(&sandbox, "POST", &path, r#"{"hibernate": null}"#);
    assert_eq!(status, 400);
    assert!(answer.contains("unknown action"), "{answer}");
    let (status, _) = raw(&sandbox, "POST", &path, r#"{"start": null, "stop": null}"#);
    assert_eq!(status, 400);
    let (status, answer) = raw(&sandbox, "POST", &path, r#"{"resize": {}}"#);
    assert_eq!(status, 400);
    assert!(answer.contains("configuration_id"), "{answer}");
    let (status, _) = raw(&sandbox, "POST", &path, r#"{"start": null}"#);
    assert_eq!(status, 200);
}

#[test]
fn ssh_key_names_are_unique_and_keys_must_look_like_keys() {
    let (_sandbox, tavu) = start();
    tavu.ssh_keys().create(&CreateSshKey::new("mine")).unwrap();
    let message = bad_request(tavu.ssh_keys().create(&CreateSshKey {
        public_key: Some(PUBLIC_KEY.into()),
        ..CreateSshKey::new("mine")
    }));
    assert!(
        message.starts_with("name:") && message.contains("already exists"),
        "{message}"
    );
    let message = bad_request(tavu.ssh_keys().create(&CreateSshKey {
        public_key: Some("not a key".into()),
        ..CreateSshKey::new("other")
    }));
    assert!(message.starts_with("public_key:"), "{message}");
    assert_eq!(tavu.ssh_keys().list().unwrap().len(), 1);
}

#[test]
fn instance_users_and_scripts_are_checked() {
    let (_sandbox, tavu) = start();
    let users = tavu.instance_users();
    let message = bad_request(users.create(&CreateInstanceUser::new("nokeys")));
    assert!(
        message.starts_with("ssh_keys:"),
        "passwords off by default: {message}"
    );
    let message = bad_request(users.create(&CreateInstanceUser {
        disable_password: Some(false),
        ..CreateInstanceUser::new("nopass")
    }));
    assert!(message.starts_with("password:"), "{message}");
    let message = bad_request(users.create(&CreateInstanceUser {
        disable_password: Some(false),
        password: Some("secret-1".into()),
        password_confirmation: Some("secret-2".into()),
        ..CreateInstanceUser::new("typo")
    }));
    assert!(message.starts_with("password_confirmation:"), "{message}");
    let message = bad_request(users.create(&CreateInstanceUser {
        ssh_keys: Some(vec!["missing".into()]),
        ..CreateInstanceUser::new("ghost")
    }));
    assert!(message.starts_with("ssh_keys:"), "{message}");
    let user = users
        .create(&CreateInstanceUser {
            disable_password: Some(false),
            password: Some("secret-1".into()),
            password_confirmation: Some("secret-1".into()),
            ..CreateInstanceUser::new("pw")
        })
        .unwrap();
    let second = users
        .create(&CreateInstanceUser {
            disable_password: Some(false),
            password: Some("secret-1".into()),
            password_confirmation: Some("secret-1".into()),
            ..CreateInstanceUser::new("pw2")
        })
        .unwrap();
    assert_eq!(second.id, user.id + 1, "integer IDs count up");
    let message = bad_request(users.update(
        user.id,
        &UpdateInstanceUser {
            disable_password: Some(true),
            ..UpdateInstanceUser::new("pw")
        },
    ));
    assert!(message.starts_with("ssh_keys:"), "{message}");
    assert_eq!(users.get(user.id).unwrap().disable_password, Some(false));

    let scripts = tavu.instance_scripts();
    let message = bad_request(scripts.create(&CreateInstanceScript::new("s", "#!/bin/sh\necho")));
    assert!(message.starts_with("script:"), "{message}");
    let script = scripts
        .create(&CreateInstanceScript::new("s", SCRIPT))
        .unwrap();
    let message = bad_request(scripts.update(script.id, &UpdateInstanceScript::new("", SCRIPT)));
    assert!(message.starts_with("name:"), "{message}");
}

#[test]
fn in_use_and_protected_objects_cannot_be_deleted() {
    let (_sandbox, tavu) = start();
    let message = bad_request(tavu.security_groups().delete(DEFAULT_GROUP));
    assert!(message.contains("default"), "{message}");

    let (network, subnet) = network_with_subnet(&tavu, "busy");
    let message = bad_request(tavu.networks().delete(&network.id));
    assert!(message.contains("subnet"), "{message}");
    let interface = tavu
        .router_interfaces()
        .create(ROUTER, &CreateRouterInterface::new(subnet.id.clone()))
        .unwrap();
    let message = bad_request(
        tavu.router_interfaces()
            .create(ROUTER, &CreateRouterInterface::new(subnet.id.clone())),
    );
    assert!(
        message.starts_with("subnet_id:"),
        "one interface per subnet: {message}"
    );
    let message = bad_request(tavu.subnets().delete(&subnet.id));
    assert!(message.contains("port"), "{message}");
    tavu.router_interfaces()
        .delete(ROUTER, &interface.port_id)
        .unwrap();
    tavu.subnets().delete(&subnet.id).unwrap();
    tavu.networks().delete(&network.id).unwrap();

    // A security group's rules go with it, and rules elsewhere that admit it.
    let db = tavu
        .security_groups()
        .create(&CreateSecurityGroup::new("db"))
        .unwrap();
    let app = tavu
        .security_groups()
        .create(&CreateSecurityGroup::new("app"))
        .unwrap();
    tavu.security_group_rules()
        .create(
            &db.id,
            &CreateSecurityGroupRule {
                remote_group_id: Some(app.id.clone()),
                ..CreateSecurityGroupRule::new("ingress")
            },
        )
        .unwrap();
    tavu.security_groups().delete(&app.id).unwrap();
    assert!(tavu.security_group_rules().list(&db.id).unwrap().is_empty());
}

#[test]
fn rules_are_checked() {
    let (_sandbox, tavu) = start();
    let group = tavu
        .security_groups()
        .create(&CreateSecurityGroup::new("g"))
        .unwrap();
    let rules = tavu.security_group_rules();
    let create = |rule: CreateSecurityGroupRule| bad_request(rules.create(&group.id, &rule));
    let base = || CreateSecurityGroupRule::new("ingress");
    assert!(create(CreateSecurityGroupRule::new("sideways")).starts_with("direction:"));
    assert!(create(CreateSecurityGroupRule {
        ethertype: Some("IPX".into()),
        ..base()
    })
    .starts_with("ethertype:"));
    assert!(create(CreateSecurityGroupRule {
        remote_ip_prefix: Some("::/0".into()),
        ..base()
    })
    .starts_with("remote_ip_prefix:"));
    assert!(create(CreateSecurityGroupRule {
        remote_ip_prefix: Some("0.0.0.0/0".into()),
        remote_group_id: Some(DEFAULT_GROUP.into()),
        ..base()
    })
    .starts_with("remote_group_id:"));
    assert!(create(CreateSecurityGroupRule {
        remote_group_id: Some("no-such-group".into()),
        ..base()
    })
    .starts_with("remote_group_id:"));
    assert!(create(CreateSecurityGroupRule {
        protocol: Some("gre2".into()),
        ..base()
    })
    .starts_with("protocol:"));
    assert!(create(CreateSecurityGroupRule {
        protocol: Some("tcp".into()),
        port_range_min: Some(90),
        port_range_max: Some(80),
        ..base()
    })
    .starts_with("port_range_min:"));
    assert!(create(CreateSecurityGroupRule {
        port_range_min: Some(22),
        ..base()
    })
    .starts_with("port_range_min:"));
    let icmp = rules
        .create(
            &group.id,
            &CreateSecurityGroupRule {
                protocol: Some("icmp".into()),
                port_range_min: Some(0),
                port_range_max: Some(0),
                ..base()
            },
        )
        .unwrap();
    assert_eq!(icmp.protocol.as_deref(), Some("icmp"));
    rules
        .create(
            &group.id,
            &CreateSecurityGroupRule {
                protocol: Some("47".into()),
                ..base()
            },
        )
        .unwrap();

    let firewall_rules = tavu.firewall_rules();
    let create = |rule: FirewallRuleFields| bad_request(firewall_rules.create(FIREWALL, &rule));
    assert!(create(FirewallRuleFields {
        protocol: Some("sctp".into()),
        ..Default::default()
    })
    .starts_with("protocol:"));
    assert!(create(FirewallRuleFields {
        action: Some("drop".into()),
        ..Default::default()
    })
    .starts_with("action:"));
    assert!(create(FirewallRuleFields {
        ip_version: Some(6),
        source_ip_address: Some("192.168.1.1".into()),
        ..Default::default()
    })
    .starts_with("source_ip_address:"));
    assert!(create(FirewallRuleFields {
        destination_port_range_min: Some(80),
        ..Default::default()
    })
    .starts_with("destination_port_range_min:"));
    let message = bad_request(tavu.firewalls().update(
        FIREWALL,
        &UpdateFirewall {
            router_ids: Some(vec!["no-such-router".into()]),
            ..Default::default()
        },
    ));
    assert!(message.starts_with("router_ids:"), "{message}");
    assert_eq!(
        firewall_rules.list(FIREWALL).unwrap().len(),
        2,
        "none added"
    );
}
