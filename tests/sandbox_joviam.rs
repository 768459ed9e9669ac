#![cfg(feature = "sandbox")]
//! The simulated Joviam API: every operation of `JoviamClient` against a sandbox, the status
//! codes of the reference's examples, multi-step lifecycles with the state checked between
//! steps, and each rejection the reference describes.

mod common;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use vpsclient::joviam::{
    AdapterAddresses, AllocateIpAddress, AssembleInstance, CloneDisk, ConsoleSessionState,
    ConsoleSessionType, ContextVariables, CreateDisk, CreateInstance, CreateNetwork,
    CreatePublicKey, DiskState, InstanceState, NetworkAdapterSpec, NetworkState, ResizeDisk,
    SetAvailabilityGroup, SetInstanceDisks, SetInstanceNetworkAdapters, SetInstancePublicKeys,
    StartRemoteAccess, SupersedeTemplate, UpdateDisk, UpdateInstance, UpdateIpAddress,
    UpdateNetwork, UpdatePublicKey,
};
use vpsclient::sandbox::Sandbox;
use vpsclient::{Error, JoviamClient, Nullable, WaitOptions};

/// The reference's region, performance tier and template, which the sandbox is seeded with.
const REGION: &str = "0f442f96-09e5-d4cc-9452-34896246cce7";
const TIER: &str = "9023fa53-fe2a-81b7-6904-7d28ae3e3d51";
const UBUNTU: &str = "74f53564-53a6-9e43-8e0f-58ef93103cc0";
const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGsandboxkey test@sandbox";

fn start() -> (Sandbox, JoviamClient) {
    start_with(Duration::from_millis(50))
}

/// For tests that read a passing state (`starting`, `detaching`) with a request of its own:
/// a build delay long enough that the state is still there when asked, even on a busy machine.
fn start_slow() -> (Sandbox, JoviamClient) {
    start_with(Duration::from_millis(800))
}

fn start_with(build_delay: Duration) -> (Sandbox, JoviamClient) {
    let sandbox = Sandbox::builder().build_delay(build_delay).start().unwrap();
    let joviam = sandbox.joviam_client().unwrap();
    (sandbox, joviam)
}

fn fast() -> WaitOptions {
    WaitOptions::default()
        .interval(Duration::from_millis(20))
        .timeout(Duration::from_secs(5))
}

/// A `Basic Create` body: 2 GB, the `example` template, a 30 GB boot disk.
fn basic(name: &str) -> CreateInstance {
    CreateInstance::new(name, 2048u64, REGION, TIER, TIER, "example", 30u64)
}

fn private_network(joviam: &JoviamClient, spec: &str) -> vpsclient::joviam::Network {
    joviam
        .networks()
        .create(&CreateNetwork::new(Some("lab".to_owned()), REGION, spec))
        .unwrap()
}

fn allocate_in(joviam: &JoviamClient, network: &str) -> vpsclient::joviam::IpAddress {
    joviam
        .ip_addresses()
        .allocate(&AllocateIpAddress {
            network: Some(network.to_owned()),
            ..Default::default()
        })
        .unwrap()
}

fn new_disk(joviam: &JoviamClient, name: &str, size: u64) -> vpsclient::joviam::Disk {
    let disk = joviam
        .disks()
        .create(&CreateDisk::new(name, size, REGION, TIER))
        .unwrap();
    joviam
        .disks()
        .wait_for_state(&disk.id, "unattached", &fast())
        .unwrap()
}

/// The 422 details map of an error, or a panic naming what came instead.
fn details(result: Result<impl std::fmt::Debug, Error>) -> Value {
    match result {
        Err(Error::Validation(api)) => {
            assert_eq!(api.status, 422);
            assert_eq!(api.code.as_deref(), Some("validation_fail"));
            api.details.clone().expect("a 422 carries a details map")
        }
        other => panic!("expected a 422, got {other:?}"),
    }
}

fn assert_not_found(result: Result<impl std::fmt::Debug, Error>) {
    match result {
        Err(Error::NotFound(api)) => assert_eq!(api.code.as_deref(), Some("not_found")),
        other => panic!("expected a 404, got {other:?}"),
    }
}

/// One request straight over TCP, for what the typed client cannot send (broken JSON,
/// missing required fields) and to read status codes. Path relative to the Joviam base URL.
fn raw(sandbox: &Sandbox, method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
    let host = sandbox.url().trim_start_matches("http://").to_owned();
    let mut stream = TcpStream::connect(&host).unwrap();
    let body = body.unwrap_or("");
    write!(
        stream,
        "{method} /joviam{path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        sandbox.joviam_token(),
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let text = response.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
    };
    (status, value)
}

/// Polls `GET path` (raw) until it answers 404.
fn wait_gone(sandbox: &Sandbox, path: &str) {
    let started = Instant::now();
    while raw(sandbox, "GET", path, None).0 != 404 {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{path} never went"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

// ---------------------------------------------------------------------------------------------
// The catalogue

#[test]
fn the_catalogue_is_the_references() {
    let (_sandbox, joviam) = start();
    let regions = joviam.regions().list().unwrap();
    assert_eq!(regions.len(), 1);
    assert_eq!(
        (
            regions[0].id.as_str(),
            regions[0].name.as_str(),
            regions[0].code.as_str()
        ),
        (REGION, "AU East", "SY3")
    );
    assert_eq!(joviam.regions().get(REGION).unwrap(), regions[0]);
    for tiers in [
        joviam.performance_tiers().list_instance().unwrap(),
        joviam.performance_tiers().list_disk().unwrap(),
    ] {
        assert_eq!(tiers.len(), 1);
        assert_eq!(
            (tiers[0].id.as_str(), tiers[0].name.as_str()),
            (TIER, "Standard")
        );
        assert_eq!(tiers[0].region, regions[0]);
    }
    let ubuntu = joviam.templates().get(UBUNTU).unwrap();
    assert_eq!(ubuntu.name.as_deref(), Some("Ubuntu 16.04"));
    assert_eq!(ubuntu.slug.as_deref(), Some("ubuntu-16-04"));
    assert_eq!((ubuntu.version, ubuntu.minimum_disk_size), (1, Some(50)));
    let slugs: Vec<_> = joviam
        .templates()
        .list()
        .unwrap()
        .into_iter()
        .filter_map(|t| t.slug)
        .collect();
    assert_eq!(slugs, ["ubuntu-16-04", "example"]);
    // One public network per region, and no private one yet.
    let public = joviam.networks().list_public().unwrap();
    assert_eq!(public.len(), 1);
    assert!(public[0].is_public);
    assert_eq!(public[0].region.id, REGION);
    assert!(joviam.networks().list_private().unwrap().is_empty());
    assert!(joviam.instances().list().unwrap().is_empty());
    assert!(joviam.disks().list().unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Every operation

#[test]
fn every_operation_of_the_client_runs_against_the_sandbox() {
    let (_sandbox, joviam) = start();
    let mut reached: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut hit = |handler: &'static str, name: &'static str| {
        reached.insert((handler, name));
    };

    hit("RegionsHandler", "list");
    assert_eq!(joviam.regions().list().unwrap().len(), 1);
    hit("RegionsHandler", "get");
    joviam.regions().get(REGION).unwrap();
    hit("PerformanceTiersHandler", "list_instance");
    joviam.performance_tiers().list_instance().unwrap();
    hit("PerformanceTiersHandler", "list_disk");
    joviam.performance_tiers().list_disk().unwrap();
    hit("TemplatesHandler", "list");
    joviam.templates().list().unwrap();
    hit("TemplatesHandler", "get");
    joviam.templates().get(UBUNTU).unwrap();

    // Public keys.
    hit("PublicKeysHandler", "create");
    let key = joviam
        .public_keys()
        .create(&CreatePublicKey::new("laptop", KEY))
        .unwrap();
    hit("PublicKeysHandler", "get");
    assert_eq!(joviam.public_keys().get(&key.id).unwrap().key, KEY);
    hit("PublicKeysHandler", "update");
    let renamed = joviam
        .public_keys()
        .update(
            &key.id,
            &UpdatePublicKey {
                name: Some("desktop".into()),
            },
        )
        .unwrap();
    assert_eq!(renamed.name, "desktop");
    hit("PublicKeysHandler", "list");
    assert_eq!(joviam.public_keys().list().unwrap(), [renamed]);

    // Networks and addresses.
    hit("NetworksHandler", "create");
    let network = private_network(&joviam, "10.20.0.0/24");
    assert_eq!(network.state, NetworkState::Ready);
    assert_eq!(
        (network.netmask.as_str(), network.network_address.as_str()),
        ("255.255.255.0", "10.20.0.0")
    );
    hit("NetworksHandler", "get");
    assert_eq!(joviam.networks().get(&network.id).unwrap(), network);
    hit("NetworksHandler", "update");
    let network = joviam
        .networks()
        .update(
            &network.id,
            &UpdateNetwork {
                gateway: "10.20.0.1".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(network.gateway.as_deref(), Some("10.20.0.1"));
    hit("NetworksHandler", "list");
    assert_eq!(joviam.networks().list().unwrap().len(), 2);
    hit("NetworksHandler", "list_public");
    let public = joviam.networks().list_public().unwrap().remove(0);
    hit("NetworksHandler", "list_private");
    assert_eq!(
        joviam.networks().list_private().unwrap(),
        std::slice::from_ref(&network)
    );

    hit("IpAddressesHandler", "allocate");
    let ip = allocate_in(&joviam, &network.id);
    assert_eq!(
        ip.address, "10.20.0.2",
        "the lowest free address after the gateway"
    );
    assert!(ip.instance_ids.is_empty());
    hit("IpAddressesHandler", "get");
    assert_eq!(joviam.ip_addresses().get(&ip.id).unwrap(), ip);
    hit("IpAddressesHandler", "update");
    let ip = joviam
        .ip_addresses()
        .update(
            &ip.id,
            &UpdateIpAddress {
                name: "web".into(),
                shareable: Some(true),
            },
        )
        .unwrap();
    assert_eq!((ip.name.as_deref(), ip.shareable), (Some("web"), true));
    hit("IpAddressesHandler", "list");
    assert_eq!(
        joviam.ip_addresses().list().unwrap(),
        std::slice::from_ref(&ip)
    );
    hit("IpAddressesHandler", "list_private");
    assert_eq!(
        joviam.ip_addresses().list_private().unwrap(),
        std::slice::from_ref(&ip)
    );
    hit("IpAddressesHandler", "list_public");
    assert!(joviam.ip_addresses().list_public().unwrap().is_empty());

    // Disks and templates.
    hit("DisksHandler", "create");
    let disk = joviam
        .disks()
        .create(&CreateDisk {
            template: Some("ubuntu-16-04".into()),
            ..CreateDisk::new("data", 60u64, REGION, TIER)
        })
        .unwrap();
    assert_eq!(disk.state, DiskState::Provisioning);
    assert_eq!(disk.template.as_ref().map(|t| t.id.as_str()), Some(UBUNTU));
    let disk = joviam
        .disks()
        .wait_for_state(&disk.id, "unattached", &fast())
        .unwrap();
    hit("DisksHandler", "get");
    assert_eq!(joviam.disks().get(&disk.id).unwrap(), disk);
    hit("DisksHandler", "state");
    assert_eq!(
        joviam.disks().state(&disk.id).unwrap(),
        DiskState::Unattached
    );
    hit("DisksHandler", "update");
    let disk = joviam
        .disks()
        .update(
            &disk.id,
            &UpdateDisk {
                is_template: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(disk.is_template);
    hit("DisksHandler", "resize");
    let resized = joviam
        .disks()
        .resize(&disk.id, &ResizeDisk::new(80u64))
        .unwrap();
    assert_eq!((resized.size, resized.state), (80, DiskState::Resizing));
    joviam
        .disks()
        .wait_for_state(&disk.id, "unattached", &fast())
        .unwrap();
    hit("DisksHandler", "clone");
    let copy = joviam
        .disks()
        .clone(&disk.id, &CloneDisk::default())
        .unwrap();
    assert_eq!((copy.name.as_str(), copy.size), ("data (clone)", 80));
    assert_eq!(copy.state, DiskState::Provisioning);
    hit("DisksHandler", "list");
    assert_eq!(joviam.disks().list().unwrap().len(), 2);
    hit("TemplatesHandler", "supersede");
    let v2 = joviam
        .templates()
        .supersede(&SupersedeTemplate::new(&*disk.id, UBUNTU))
        .unwrap();
    assert_eq!(
        (v2.version, v2.disk_id.as_deref()),
        (2, Some(disk.id.as_str()))
    );

    // An instance.
    hit("InstancesHandler", "create");
    let web = joviam
        .instances()
        .create(&CreateInstance {
            networks: Some(vec![network.id.clone()]),
            public_keys: Some(vec![key.id.clone()]),
            ..basic("Web Server")
        })
        .unwrap();
    assert_eq!(web.state, InstanceState::Provisioning);
    assert_eq!(web.hostname, "web-server");
    hit("InstancesHandler", "get");
    joviam.instances().get(&web.id).unwrap();
    hit("InstancesHandler", "list");
    assert_eq!(joviam.instances().list().unwrap().len(), 1);
    hit("InstancesHandler", "state");
    let state = joviam.instances().state(&web.id).unwrap();
    assert!(
        matches!(state, InstanceState::Provisioning | InstanceState::Stopped),
        "{state}"
    );
    let web = joviam
        .instances()
        .wait_for_state(&web.id, "stopped", &fast())
        .unwrap();
    hit("InstancesHandler", "update");
    let web = joviam
        .instances()
        .update(
            &web.id,
            &UpdateInstance {
                note: Some("nginx + php".into()),
                memory: Some(4096),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(web.memory, 4096);
    hit("InstancesHandler", "note");
    assert_eq!(joviam.instances().note(&web.id).unwrap(), "nginx + php");

    hit("InstancesHandler", "assemble");
    let copy = joviam
        .disks()
        .wait_for_state(&copy.id, "unattached", &fast())
        .unwrap();
    let db = joviam
        .instances()
        .assemble(&AssembleInstance {
            disks: Some(vec![copy.id.clone()]),
            ..AssembleInstance::new("db", 1024u64, REGION, TIER)
        })
        .unwrap();
    assert_eq!(db.state, InstanceState::Stopped);
    assert_eq!(db.disks[0].id, copy.id);

    hit("InstancesHandler", "set_disks");
    let boot = web.disks[0].id.clone();
    let disks = joviam
        .instances()
        .set_disks(
            &web.id,
            &SetInstanceDisks::new(vec![boot.clone(), disk.id.clone()]),
        )
        .unwrap();
    assert_eq!(disks.len(), 2);
    assert_eq!(disks[1].position, Some(1));
    hit("InstancesHandler", "set_public_keys");
    assert!(joviam
        .instances()
        .set_public_keys(&web.id, &SetInstancePublicKeys::new(Vec::<String>::new()))
        .unwrap()
        .is_empty());
    hit("InstancesHandler", "set_network_adapters");
    let adapters = joviam
        .instances()
        .set_network_adapters(
            &web.id,
            &SetInstanceNetworkAdapters::new(vec![
                NetworkAdapterSpec::new(&*network.id, vec![&*ip.id]),
                NetworkAdapterSpec::dhcp(&*public.id),
            ]),
        )
        .unwrap();
    assert_eq!(adapters.len(), 2);
    assert!(adapters[1].dhcp);
    hit("InstancesHandler", "set_availability_group");
    assert_eq!(
        joviam
            .instances()
            .set_availability_group(&web.id, &SetAvailabilityGroup::new(vec![db.id.clone()]))
            .unwrap(),
        std::slice::from_ref(&db.id)
    );

    hit("InstancesHandler", "set_context");
    let vars = ContextVariables::from([("A".into(), "1".into()), ("B".into(), "".into())]);
    assert_eq!(
        joviam.instances().set_context(&web.id, &vars).unwrap(),
        vars
    );
    hit("InstancesHandler", "update_context");
    let merged = joviam
        .instances()
        .update_context(&web.id, &ContextVariables::from([("C".into(), "3".into())]))
        .unwrap();
    assert_eq!(merged.len(), 3);
    hit("InstancesHandler", "delete_context_variable");
    let left = joviam
        .instances()
        .delete_context_variable(&web.id, "A")
        .unwrap();
    assert_eq!(left.keys().collect::<Vec<_>>(), ["B", "C"]);
    hit("InstancesHandler", "get_context");
    assert_eq!(joviam.instances().get_context(&web.id).unwrap(), left);

    hit("InstancesHandler", "start");
    assert_eq!(
        joviam.instances().start(&web.id).unwrap().state,
        InstanceState::Starting
    );
    joviam
        .instances()
        .wait_for_state(&web.id, "running", &fast())
        .unwrap();
    hit("InstancesHandler", "remote_access");
    let session = joviam
        .instances()
        .remote_access(&web.id, &StartRemoteAccess::default())
        .unwrap();
    assert_eq!(session.state, ConsoleSessionState::Initiating);
    hit("ConsoleSessionsHandler", "get");
    assert_eq!(
        joviam
            .console_sessions()
            .get(&session.id)
            .unwrap()
            .instance_id,
        web.id
    );
    hit("InstancesHandler", "stop");
    assert_eq!(
        joviam.instances().stop(&web.id).unwrap().state,
        InstanceState::Stopping
    );
    joviam
        .instances()
        .wait_for_state(&web.id, "stopped", &fast())
        .unwrap();

    // Deleting everything.
    hit("InstancesHandler", "delete");
    for instance in [&web.id, &db.id] {
        assert_eq!(
            joviam.instances().delete(instance).unwrap().state,
            InstanceState::Terminating
        );
    }
    for instance in [&web.id, &db.id] {
        joviam
            .instances()
            .wait_for_deletion(instance, &fast())
            .unwrap();
    }
    hit("DisksHandler", "delete");
    for d in [&boot, &disk.id, &copy.id] {
        assert_eq!(
            joviam.disks().delete(d).unwrap().state,
            DiskState::Terminating
        );
        joviam.disks().wait_for_deletion(d, &fast()).unwrap();
    }
    hit("IpAddressesHandler", "deallocate");
    for address in joviam.ip_addresses().list().unwrap() {
        joviam.ip_addresses().deallocate(&address.id).unwrap();
    }
    hit("NetworksHandler", "delete");
    assert_eq!(
        joviam.networks().delete(&network.id).unwrap().state,
        NetworkState::Terminating
    );
    hit("PublicKeysHandler", "delete");
    joviam.public_keys().delete(&key.id).unwrap();
    assert!(joviam.public_keys().list().unwrap().is_empty());

    let declared: BTreeSet<(&str, &str)> = JoviamClient::operations()
        .iter()
        .map(|op| (op.handler, op.name))
        .collect();
    assert_eq!(declared.len(), 54);
    assert_eq!(reached, declared);
}

/// Each operation answers the status code of the reference's example (201 for creations,
/// 202 for asynchronous actions, 200 otherwise), and the set-lists answer 202 while the
/// instance runs, as the reference says.
#[test]
fn status_codes_are_the_references() {
    let (sandbox, joviam) = start();
    let mut checked = BTreeSet::new();
    let mut call = |op: &'static str, method: &str, path: &str, body: Option<Value>| -> Value {
        let wanted = common::fixture("joviam", op).status.unwrap() as u16;
        let body = body.map(|b| b.to_string());
        let (status, value) = raw(&sandbox, method, path, body.as_deref());
        assert_eq!(status, wanted, "{op}: {method} {path} answered {value}");
        checked.insert(op);
        value
    };
    let id = |v: &Value| v["id"].as_str().unwrap().to_owned();

    call("regions.list", "GET", "/regions", None);
    call("regions.get", "GET", &format!("/regions/{REGION}"), None);
    call(
        "performance_tiers.list_instance",
        "GET",
        "/performance_tiers/instances",
        None,
    );
    call(
        "performance_tiers.list_disk",
        "GET",
        "/performance_tiers/disks",
        None,
    );
    call("templates.list", "GET", "/templates", None);
    call(
        "templates.get",
        "GET",
        &format!("/templates/{UBUNTU}"),
        None,
    );

    let key = id(&call(
        "public_keys.create",
        "POST",
        "/public_keys",
        Some(json!({"name": "k", "key": KEY})),
    ));
    call(
        "public_keys.get",
        "GET",
        &format!("/public_keys/{key}"),
        None,
    );
    call("public_keys.list", "GET", "/public_keys", None);
    call(
        "public_keys.update",
        "PUT",
        &format!("/public_keys/{key}"),
        Some(json!({"name": "k2"})),
    );

    let net = id(&call(
        "networks.create",
        "POST",
        "/networks",
        Some(json!({"name": "n", "region": REGION, "specification": "192.168.2.0/24"})),
    ));
    call("networks.get", "GET", &format!("/networks/{net}"), None);
    call("networks.list", "GET", "/networks", None);
    call("networks.list_public", "GET", "/networks/public", None);
    call("networks.list_private", "GET", "/networks/private", None);
    call(
        "networks.update",
        "PUT",
        &format!("/networks/{net}"),
        Some(json!({"gateway": "192.168.2.1"})),
    );

    let ip = id(&call(
        "ip_addresses.allocate",
        "POST",
        "/ip_addresses",
        Some(json!({"network": net})),
    ));
    call(
        "ip_addresses.get",
        "GET",
        &format!("/ip_addresses/{ip}"),
        None,
    );
    call("ip_addresses.list", "GET", "/ip_addresses", None);
    call(
        "ip_addresses.list_public",
        "GET",
        "/ip_addresses/public",
        None,
    );
    call(
        "ip_addresses.list_private",
        "GET",
        "/ip_addresses/private",
        None,
    );
    call(
        "ip_addresses.update",
        "PUT",
        &format!("/ip_addresses/{ip}"),
        Some(json!({"name": null})),
    );

    let disk = id(&call(
        "disks.create",
        "POST",
        "/disks",
        Some(json!({"name": "d", "size": 20, "region": REGION, "performance_tier": TIER})),
    ));
    joviam
        .disks()
        .wait_for_state(&disk, "unattached", &fast())
        .unwrap();
    call("disks.get", "GET", &format!("/disks/{disk}"), None);
    call("disks.list", "GET", "/disks", None);
    call("disks.state", "GET", &format!("/disks/{disk}/state"), None);
    call(
        "disks.update",
        "PUT",
        &format!("/disks/{disk}"),
        Some(json!({"cdrom": false})),
    );
    call(
        "disks.resize",
        "POST",
        &format!("/disks/{disk}/resize"),
        Some(json!({"size": 25})),
    );
    joviam
        .disks()
        .wait_for_state(&disk, "unattached", &fast())
        .unwrap();
    let copy = id(&call(
        "disks.clone",
        "POST",
        &format!("/disks/{disk}/clone"),
        Some(json!({})),
    ));
    call(
        "templates.supersede",
        "POST",
        "/templates",
        Some(json!({"disk": disk, "supersedes": UBUNTU})),
    );
    joviam
        .disks()
        .wait_for_state(&copy, "unattached", &fast())
        .unwrap();

    // The reference's own example body, IDs swapped for the sandbox's.
    let web = id(&call(
        "instances.create",
        "POST",
        "/instances",
        Some(json!({
            "name": "Web Server", "memory": 2048, "region": REGION,
            "instance_performance_tier": TIER, "disk_performance_tier": TIER,
            "template": "example", "size": 30, "allocate_public_ip": false,
            "allocate_private_ip": false, "networks": [net], "public_keys": [key],
            "start_when_ready": false, "availability_group": []
        })),
    ));
    let boot = joviam
        .instances()
        .wait_for_state(&web, "stopped", &fast())
        .unwrap()
        .disks[0]
        .id
        .clone();
    let web_path = format!("/instances/{web}");
    call("instances.get", "GET", &web_path, None);
    call("instances.list", "GET", "/instances", None);
    call("instances.state", "GET", &format!("{web_path}/state"), None);
    call("instances.note", "GET", &format!("{web_path}/note"), None);
    call(
        "instances.update",
        "PUT",
        &web_path,
        Some(json!({"note": "n"})),
    );
    let db = id(&call(
        "instances.assemble",
        "POST",
        "/instances/assemble",
        Some(
            json!({"name": "db", "memory": 1024, "region": REGION, "performance_tier": TIER,
                    "disks": [copy], "ip_addresses": [], "boot_device": "disk",
                    "virtualization": "hvm"}),
        ),
    ));
    let disks_body = json!({"disks": [boot, disk]});
    let keys_body = json!({"public_keys": [key]});
    let adapters_body = json!({"network_adapters": [{"network": net, "ip_addresses": [ip]}]});
    call(
        "instances.set_disks",
        "PUT",
        &format!("{web_path}/disks"),
        Some(disks_body.clone()),
    );
    call(
        "instances.set_public_keys",
        "PUT",
        &format!("{web_path}/public_keys"),
        Some(keys_body.clone()),
    );
    call(
        "instances.set_network_adapters",
        "PUT",
        &format!("{web_path}/network_adapters"),
        Some(adapters_body.clone()),
    );
    call(
        "instances.set_availability_group",
        "PUT",
        &format!("{web_path}/availability_group"),
        Some(json!({"availability_group": [db]})),
    );
    call(
        "instances.get_context",
        "GET",
        &format!("{web_path}/context"),
        None,
    );
    call(
        "instances.set_context",
        "POST",
        &format!("{web_path}/context"),
        Some(json!({"A": "1"})),
    );
    call(
        "instances.update_context",
        "PUT",
        &format!("{web_path}/context"),
        Some(json!({"B": ""})),
    );
    call(
        "instances.delete_context_variable",
        "DELETE",
        &format!("{web_path}/context/A"),
        None,
    );
    call(
        "instances.start",
        "POST",
        &format!("{web_path}/start"),
        None,
    );
    joviam
        .instances()
        .wait_for_state(&web, "running", &fast())
        .unwrap();
    // Running: the set-lists of disks, keys and adapters are live changes, answered 202.
    for (what, body) in [
        ("disks", disks_body),
        ("public_keys", keys_body),
        ("network_adapters", adapters_body),
    ] {
        let (status, value) = raw(
            &sandbox,
            "PUT",
            &format!("{web_path}/{what}"),
            Some(&body.to_string()),
        );
        assert_eq!(status, 202, "{what} while running: {value}");
    }
    let session = id(&call(
        "instances.remote_access",
        "POST",
        &format!("{web_path}/remote_access"),
        Some(json!({"type": "vnc"})),
    ));
    call(
        "console_sessions.get",
        "GET",
        &format!("/console_sessions/{session}"),
        None,
    );
    call("instances.stop", "POST", &format!("{web_path}/stop"), None);
    call("instances.delete", "DELETE", &web_path, None);
    joviam.instances().delete(&db).unwrap();
    for instance in [&web, &db] {
        joviam
            .instances()
            .wait_for_deletion(instance, &fast())
            .unwrap();
    }
    call("disks.delete", "DELETE", &format!("/disks/{copy}"), None);
    call(
        "ip_addresses.deallocate",
        "DELETE",
        &format!("/ip_addresses/{ip}"),
        None,
    );
    // The instance's own address, allocated on `net` at creation.
    for address in joviam.ip_addresses().list().unwrap() {
        joviam.ip_addresses().deallocate(&address.id).unwrap();
    }
    call(
        "networks.delete",
        "DELETE",
        &format!("/networks/{net}"),
        None,
    );
    let (status, body) = raw(&sandbox, "DELETE", &format!("/public_keys/{key}"), None);
    assert_eq!(
        (status, body),
        (200, json!({})),
        "public key delete answers {{}}"
    );
    checked.insert("public_keys.delete");
    assert_eq!(checked.len(), 54);
}

// ---------------------------------------------------------------------------------------------
// Multi-step flows

/// network -> address -> instance -> stopped -> running -> new disk -> live attach -> live
/// detach -> stop -> delete everything, with every object's state checked between steps.
#[test]
fn create_wait_attach_detach_delete() {
    let (sandbox, joviam) = start_slow();
    let network = private_network(&joviam, "192.168.2.0/24");
    let spare = allocate_in(&joviam, &network.id);
    assert_eq!(spare.address, "192.168.2.1");

    let created = joviam
        .instances()
        .create(&CreateInstance {
            networks: Some(vec![network.id.clone()]),
            ..basic("app")
        })
        .unwrap();
    assert_eq!(created.state, InstanceState::Provisioning);
    let boot = &created.disks[0];
    assert_eq!(boot.state, DiskState::Provisioning);
    assert_eq!(boot.instance_id.as_deref(), Some(created.id.as_str()));
    assert_eq!((boot.size, boot.position), (30, Some(0)));
    let adapter = &created.network_adapters[0];
    assert_eq!(adapter.network.id, network.id);
    let own_ip = adapter.ip_addresses[0].clone();
    assert_eq!(own_ip.address, "192.168.2.2");
    assert_eq!(own_ip.instance_ids, std::slice::from_ref(&created.id));

    let id = created.id.clone();
    let stopped = joviam
        .instances()
        .wait_for_state(&id, "stopped", &fast())
        .unwrap();
    assert_eq!(stopped.disks[0].state, DiskState::Attached);

    joviam.instances().start(&id).unwrap();
    assert_eq!(
        joviam.instances().state(&id).unwrap(),
        InstanceState::Starting
    );
    joviam
        .instances()
        .wait_for_state(&id, "running", &fast())
        .unwrap();

    let data = joviam
        .disks()
        .create(&CreateDisk::new("data", 100u64, REGION, TIER))
        .unwrap();
    assert_eq!(data.state, DiskState::Provisioning);
    let data = joviam
        .disks()
        .wait_for_state(&data.id, "unattached", &fast())
        .unwrap();
    assert_eq!((data.instance_id.as_deref(), data.position), (None, None));

    // Live attach: the instance runs, so the disk is `attaching` first.
    let boot_id = stopped.disks[0].id.clone();
    let attached = joviam
        .instances()
        .set_disks(
            &id,
            &SetInstanceDisks::new(vec![boot_id.clone(), data.id.clone()]),
        )
        .unwrap();
    assert_eq!(attached[1].state, DiskState::Attaching);
    let data_now = joviam
        .disks()
        .wait_for_state(&data.id, "attached", &fast())
        .unwrap();
    assert_eq!(data_now.instance_id.as_deref(), Some(id.as_str()));
    assert_eq!(data_now.position, Some(1));
    let instance = joviam.instances().get(&id).unwrap();
    assert_eq!(instance.state, InstanceState::Running);
    let on_instance: Vec<_> = instance.disks.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(on_instance, [boot_id.as_str(), data.id.as_str()]);

    // Live detach.
    let kept = joviam
        .instances()
        .set_disks(&id, &SetInstanceDisks::new(vec![boot_id.clone()]))
        .unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        joviam.disks().state(&data.id).unwrap(),
        DiskState::Detaching
    );
    let detached = joviam
        .disks()
        .wait_for_state(&data.id, "unattached", &fast())
        .unwrap();
    assert_eq!(
        (detached.instance_id.as_deref(), detached.position),
        (None, None)
    );
    assert_eq!(joviam.instances().get(&id).unwrap().disks.len(), 1);

    joviam.instances().stop(&id).unwrap();
    assert_eq!(
        joviam.instances().state(&id).unwrap(),
        InstanceState::Stopping
    );
    joviam
        .instances()
        .wait_for_state(&id, "stopped", &fast())
        .unwrap();

    // Delete: the instance terminates, then goes; its boot disk is kept, detached; its
    // address stays allocated but released.
    let terminating = joviam.instances().delete(&id).unwrap();
    assert_eq!(terminating.state, InstanceState::Terminating);
    assert_eq!(terminating.disks.len(), 1, "disks stay while it terminates");
    joviam.instances().wait_for_deletion(&id, &fast()).unwrap();
    assert_not_found(joviam.instances().get(&id));
    assert!(joviam.instances().list().unwrap().is_empty());
    let boot_after = joviam.disks().get(&boot_id).unwrap();
    assert_eq!(boot_after.state, DiskState::Unattached);
    assert_eq!(boot_after.instance_id, None);
    assert!(joviam
        .ip_addresses()
        .get(&own_ip.id)
        .unwrap()
        .instance_ids
        .is_empty());

    for disk in [&boot_id, &data.id] {
        joviam.disks().delete(disk).unwrap();
    }
    for disk in [&boot_id, &data.id] {
        joviam.disks().wait_for_deletion(disk, &fast()).unwrap();
        assert_not_found(joviam.disks().get(disk));
    }
    for ip in [&spare.id, &own_ip.id] {
        joviam.ip_addresses().deallocate(ip).unwrap();
        assert_not_found(joviam.ip_addresses().get(ip));
    }
    joviam.networks().delete(&network.id).unwrap();
    wait_gone(&sandbox, &format!("/networks/{}", network.id));
    assert!(joviam.networks().list_private().unwrap().is_empty());
    assert!(joviam.disks().list().unwrap().is_empty());
    assert!(joviam.ip_addresses().list().unwrap().is_empty());
}

#[test]
fn start_when_ready_goes_through_starting_to_running() {
    let (_sandbox, joviam) = start_slow();
    let instance = joviam
        .instances()
        .create(&CreateInstance {
            start_when_ready: Some(true),
            allocate_public_ip: Some(true),
            ..basic("auto")
        })
        .unwrap();
    assert_eq!(instance.state, InstanceState::Provisioning);
    let public_ip = &instance.network_adapters[0].ip_addresses[0];
    assert!(public_ip.address.starts_with("203.0.113."));
    assert_eq!(joviam.ip_addresses().list_public().unwrap().len(), 1);
    let mut seen = vec![instance.state.to_string()];
    let started = Instant::now();
    while seen.last().map(String::as_str) != Some("running") {
        assert!(started.elapsed() < Duration::from_secs(5), "{seen:?}");
        let state = joviam.instances().state(&instance.id).unwrap().to_string();
        if seen.last() != Some(&state) {
            seen.push(state);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(seen, ["provisioning", "starting", "running"]);
    let running = joviam.instances().get(&instance.id).unwrap();
    assert_eq!(running.disks[0].state, DiskState::Attached);
}

#[test]
fn assemble_uses_existing_disks_and_addresses() {
    let (_sandbox, joviam) = start();
    let disk = new_disk(&joviam, "root", 20);
    let ip = joviam
        .ip_addresses()
        .allocate(&AllocateIpAddress {
            region: Some(REGION.into()),
            address: Some("203.0.113.50".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ip.address, "203.0.113.50");
    let instance = joviam
        .instances()
        .assemble(&AssembleInstance {
            disks: Some(vec![disk.id.clone()]),
            ip_addresses: Some(vec![ip.id.clone()]),
            start_on_shutdown: Some(true),
            ..AssembleInstance::new("Db 1", 1024u64, REGION, TIER)
        })
        .unwrap();
    assert_eq!(instance.state, InstanceState::Stopped);
    assert_eq!(instance.hostname, "db-1");
    assert!(instance.start_on_shutdown);
    assert_eq!(instance.disks[0].id, disk.id);
    assert_eq!(instance.disks[0].state, DiskState::Attached);
    assert_eq!(instance.network_adapters[0].ip_addresses[0].id, ip.id);
    assert_eq!(
        joviam.ip_addresses().get(&ip.id).unwrap().instance_ids,
        std::slice::from_ref(&instance.id)
    );
    let disk = joviam.disks().get(&disk.id).unwrap();
    assert_eq!(disk.instance_id.as_deref(), Some(instance.id.as_str()));

    // The disk and the (unshareable) address are taken now.
    let again = AssembleInstance {
        disks: Some(vec![disk.id.clone()]),
        ..AssembleInstance::new("twin", 1024u64, REGION, TIER)
    };
    assert!(details(joviam.instances().assemble(&again))["disks"][0]
        .as_str()
        .unwrap()
        .contains("attached to instance"));
    let again = AssembleInstance {
        ip_addresses: Some(vec![ip.id.clone()]),
        ..AssembleInstance::new("twin", 1024u64, REGION, TIER)
    };
    assert!(
        details(joviam.instances().assemble(&again))["ip_addresses"][0]
            .as_str()
            .unwrap()
            .contains("not shareable")
    );
}

#[test]
fn set_disks_on_a_stopped_instance_attaches_and_detaches_at_once() {
    let (_sandbox, joviam) = start();
    let instance = joviam.instances().create(&basic("s")).unwrap();
    let instance = joviam
        .instances()
        .wait_for_state(&instance.id, "stopped", &fast())
        .unwrap();
    let boot = instance.disks[0].id.clone();
    let extra = new_disk(&joviam, "extra", 5);
    // The new disk first, the boot disk second: device order follows the list.
    let disks = joviam
        .instances()
        .set_disks(
            &instance.id,
            &SetInstanceDisks::new(vec![extra.id.clone(), boot.clone()]),
        )
        .unwrap();
    assert_eq!(
        disks
            .iter()
            .map(|d| (d.id.as_str(), d.position, d.state.as_str()))
            .collect::<Vec<_>>(),
        [
            (extra.id.as_str(), Some(0), "attached"),
            (boot.as_str(), Some(1), "attached")
        ]
    );
    let on_instance = joviam.instances().get(&instance.id).unwrap().disks;
    assert_eq!(on_instance[0].id, extra.id);
    let none = joviam
        .instances()
        .set_disks(&instance.id, &SetInstanceDisks::new(Vec::<String>::new()))
        .unwrap();
    assert!(none.is_empty());
    for id in [&boot, &extra.id] {
        let disk = joviam.disks().get(id).unwrap();
        assert_eq!(
            (disk.state, disk.instance_id),
            (DiskState::Unattached, None)
        );
    }
    assert!(joviam
        .instances()
        .get(&instance.id)
        .unwrap()
        .disks
        .is_empty());
}

#[test]
fn network_adapters_take_addresses_or_dhcp() {
    let (_sandbox, joviam) = start();
    let network = private_network(&joviam, "10.0.0.0/29");
    let first = allocate_in(&joviam, &network.id);
    let instance = joviam.instances().create(&basic("n")).unwrap();
    assert!(instance.network_adapters.is_empty());
    joviam
        .instances()
        .wait_for_state(&instance.id, "stopped", &fast())
        .unwrap();
    let adapters = joviam
        .instances()
        .set_network_adapters(
            &instance.id,
            &SetInstanceNetworkAdapters::new(vec![NetworkAdapterSpec::new(
                &*network.id,
                AdapterAddresses::from(vec![first.id.clone()]),
            )]),
        )
        .unwrap();
    assert_eq!((adapters[0].index, adapters[0].dhcp), (0, false));
    assert_eq!(
        adapters[0].ip_addresses[0].instance_ids,
        std::slice::from_ref(&instance.id)
    );
    // The same network at the same index keeps its adapter.
    let dhcp = joviam
        .instances()
        .set_network_adapters(
            &instance.id,
            &SetInstanceNetworkAdapters::new(vec![NetworkAdapterSpec::dhcp(&*network.id)]),
        )
        .unwrap();
    assert_eq!(dhcp[0].id, adapters[0].id);
    assert!(dhcp[0].dhcp && dhcp[0].ip_addresses.is_empty());
    assert!(joviam
        .ip_addresses()
        .get(&first.id)
        .unwrap()
        .instance_ids
        .is_empty());
    // An address of another network is refused, naming the field.
    let public = joviam
        .ip_addresses()
        .allocate(&AllocateIpAddress {
            region: Some(REGION.into()),
            ..Default::default()
        })
        .unwrap();
    let wrong = SetInstanceNetworkAdapters::new(vec![NetworkAdapterSpec::new(
        &*network.id,
        vec![&*public.id],
    )]);
    let d = details(
        joviam
            .instances()
            .set_network_adapters(&instance.id, &wrong),
    );
    assert!(d["network_adapters"][0]
        .as_str()
        .unwrap()
        .contains("is on network"));
    // A /29 has six hosts; one is taken: five more, then it is full.
    for _ in 0..5 {
        allocate_in(&joviam, &network.id);
    }
    let full = joviam.ip_addresses().allocate(&AllocateIpAddress {
        network: Some(network.id.clone()),
        ..Default::default()
    });
    assert!(details(full)["network"][0]
        .as_str()
        .unwrap()
        .contains("no free address"));
}

#[test]
fn console_sessions_become_ready_with_their_connection_details() {
    let (_sandbox, joviam) = start();
    let instance = joviam
        .instances()
        .create(&CreateInstance {
            start_when_ready: Some(true),
            ..basic("c")
        })
        .unwrap();
    joviam
        .instances()
        .wait_for_state(&instance.id, "running", &fast())
        .unwrap();
    let vnc = joviam
        .instances()
        .remote_access(&instance.id, &StartRemoteAccess::default())
        .unwrap();
    let serial = joviam
        .instances()
        .remote_access(
            &instance.id,
            &StartRemoteAccess {
                r#type: Some(ConsoleSessionType::Serial),
            },
        )
        .unwrap();
    assert_eq!(vnc.r#type, ConsoleSessionType::Vnc);
    assert_eq!(vnc.state, ConsoleSessionState::Initiating);
    assert_eq!(
        vnc.token, None,
        "no credentials before the session is ready"
    );
    std::thread::sleep(Duration::from_millis(120));
    let vnc = joviam.console_sessions().get(&vnc.id).unwrap();
    assert_eq!(vnc.state, ConsoleSessionState::Ready);
    assert!(vnc.url.as_deref().unwrap().starts_with("wss://"));
    assert!(vnc.token.is_some() && vnc.host.is_none() && vnc.port.is_none());
    let serial = joviam.console_sessions().get(&serial.id).unwrap();
    assert_eq!(serial.state, ConsoleSessionState::Ready);
    assert!(serial.host.is_some() && serial.port.is_some() && serial.url.is_none());
    // Sessions go with their instance.
    joviam.instances().delete(&instance.id).unwrap();
    joviam
        .instances()
        .wait_for_deletion(&instance.id, &fast())
        .unwrap();
    assert_not_found(joviam.console_sessions().get(&vnc.id));
}

#[test]
fn context_variables_are_replaced_merged_and_deleted() {
    let (_sandbox, joviam) = start();
    let id = joviam.instances().create(&basic("ctx")).unwrap().id;
    assert!(joviam.instances().get_context(&id).unwrap().is_empty());
    let example = ContextVariables::from([
        ("MY_VARIABLE".into(), "value of my variable".into()),
        ("EMPTY_VARIABLE".into(), String::new()),
    ]);
    joviam.instances().set_context(&id, &example).unwrap();
    let replaced = joviam
        .instances()
        .set_context(&id, &ContextVariables::from([("ONLY".into(), "1".into())]))
        .unwrap();
    assert_eq!(
        replaced.keys().collect::<Vec<_>>(),
        ["ONLY"],
        "POST replaces"
    );
    let merged = joviam.instances().update_context(&id, &example).unwrap();
    assert_eq!(merged.len(), 3, "PUT merges");
    let overwritten = joviam
        .instances()
        .update_context(&id, &ContextVariables::from([("ONLY".into(), "2".into())]))
        .unwrap();
    assert_eq!(overwritten["ONLY"], "2");
    joviam
        .instances()
        .delete_context_variable(&id, "ONLY")
        .unwrap();
    assert_eq!(joviam.instances().get_context(&id).unwrap(), example);
    assert_not_found(joviam.instances().delete_context_variable(&id, "ONLY"));
}

#[test]
fn nullable_fields_are_cleared_with_null_and_kept_when_left_out() {
    let (_sandbox, joviam) = start();
    let network = joviam
        .networks()
        .create(&CreateNetwork {
            gateway: "172.16.0.1".into(),
            primary_nameserver: "1.1.1.1".into(),
            secondary_nameserver: Nullable::Null,
            ..CreateNetwork::new(None, REGION, "172.16.0.0/16")
        })
        .unwrap();
    assert_eq!(network.name, None);
    assert_eq!(network.netmask, "255.255.0.0");
    assert_eq!(network.secondary_nameserver, None);
    let cleared = joviam
        .networks()
        .update(
            &network.id,
            &UpdateNetwork {
                gateway: Nullable::Null,
                name: "named".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(cleared.gateway, None);
    assert_eq!(cleared.name.as_deref(), Some("named"));
    assert_eq!(
        cleared.primary_nameserver.as_deref(),
        Some("1.1.1.1"),
        "kept"
    );

    let ip = joviam
        .ip_addresses()
        .allocate(&AllocateIpAddress {
            network: Some(network.id.clone()),
            name: "svc".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        ip.address, "172.16.0.1",
        "the gateway was cleared, so it is free"
    );
    let kept = joviam
        .ip_addresses()
        .update(
            &ip.id,
            &UpdateIpAddress {
                shareable: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(kept.name.as_deref(), Some("svc"));
    let unnamed = joviam
        .ip_addresses()
        .update(
            &ip.id,
            &UpdateIpAddress {
                name: Nullable::Null,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(unnamed.name, None);
}

#[test]
fn superseding_a_template_makes_its_slug_find_the_new_version() {
    let (_sandbox, joviam) = start();
    let source = new_disk(&joviam, "golden", 64);
    let v2 = joviam
        .templates()
        .supersede(&SupersedeTemplate::new(&*source.id, UBUNTU))
        .unwrap();
    assert_eq!(v2.slug.as_deref(), Some("ubuntu-16-04"));
    assert_eq!((v2.version, v2.minimum_disk_size), (2, Some(64)));
    let v1 = joviam.templates().get(UBUNTU).unwrap();
    assert_eq!(v1.superseded_by_id.as_deref(), Some(v2.id.as_str()));
    let disk = joviam
        .disks()
        .create(&CreateDisk {
            template: Some("ubuntu-16-04".into()),
            ..CreateDisk::new("from slug", 64u64, REGION, TIER)
        })
        .unwrap();
    assert_eq!(disk.template.unwrap().id, v2.id);
    let d = details(
        joviam
            .templates()
            .supersede(&SupersedeTemplate::new(&*source.id, UBUNTU)),
    );
    assert!(d["supersedes"][0]
        .as_str()
        .unwrap()
        .contains("already been superseded"));
}

#[test]
fn deleting_a_public_key_takes_it_off_instances() {
    let (_sandbox, joviam) = start();
    let key = joviam
        .public_keys()
        .create(&CreatePublicKey::new("k", KEY))
        .unwrap();
    let instance = joviam
        .instances()
        .create(&CreateInstance {
            public_keys: Some(vec![key.id.clone()]),
            ..basic("k")
        })
        .unwrap();
    assert_eq!(instance.public_keys, std::slice::from_ref(&key));
    joviam.public_keys().delete(&key.id).unwrap();
    assert!(joviam
        .instances()
        .get(&instance.id)
        .unwrap()
        .public_keys
        .is_empty());
    assert_not_found(joviam.public_keys().get(&key.id));
}

// ---------------------------------------------------------------------------------------------
// Rejections

#[test]
fn a_missing_required_field_is_a_422_naming_it() {
    let (sandbox, _joviam) = start();
    let (status, body) = raw(
        &sandbox,
        "POST",
        "/instances",
        Some(
            &json!({"name": "x", "region": REGION, "instance_performance_tier": TIER,
                    "disk_performance_tier": TIER, "template": "example", "size": 30})
            .to_string(),
        ),
    );
    assert_eq!(status, 422);
    assert_eq!(
        body,
        json!({"error": "validation_fail", "details": {"memory": ["can't be blank"]}})
    );
    for (path, fields, missing) in [
        (
            "/disks",
            json!({"name": "d", "size": 1, "region": REGION}),
            "performance_tier",
        ),
        ("/public_keys", json!({"name": "k"}), "key"),
        (
            "/networks",
            json!({"name": "n", "region": REGION}),
            "specification",
        ),
        (
            "/networks",
            json!({"region": REGION, "specification": "10.0.0.0/24"}),
            "name",
        ),
        ("/templates", json!({"disk": "d"}), "supersedes"),
        (
            "/instances/assemble",
            json!({"name": "a", "memory": 1024, "region": REGION}),
            "performance_tier",
        ),
    ] {
        let (status, body) = raw(&sandbox, "POST", path, Some(&fields.to_string()));
        assert_eq!(status, 422, "{path}: {body}");
        assert!(body["details"][missing].is_array(), "{path}: {body}");
    }
}

#[test]
fn memory_outside_512mb_to_64gb_is_the_references_422() {
    let (_sandbox, joviam) = start();
    let expected = json!({"memory": ["must be between 512MB and 64GB"]});
    for memory in [256u64, 511, 65_537] {
        let body = CreateInstance {
            memory,
            ..basic("small")
        };
        assert_eq!(details(joviam.instances().create(&body)), expected);
        let body = AssembleInstance::new("small", memory, REGION, TIER);
        assert_eq!(details(joviam.instances().assemble(&body)), expected);
    }
    for memory in [512u64, 65_536] {
        joviam
            .instances()
            .create(&CreateInstance {
                memory,
                ..basic("edge")
            })
            .unwrap();
    }
    let id = joviam.instances().list().unwrap()[0].id.clone();
    let update = UpdateInstance {
        memory: Some(256),
        ..Default::default()
    };
    assert_eq!(details(joviam.instances().update(&id, &update)), expected);
}

#[test]
fn unknown_ids_are_404_not_found() {
    let (sandbox, joviam) = start();
    let ghost = "00000000-0000-4000-8000-000000000000";
    assert_not_found(joviam.regions().get(ghost));
    assert_not_found(joviam.templates().get(ghost));
    assert_not_found(joviam.public_keys().get(ghost));
    assert_not_found(joviam.public_keys().delete(ghost));
    assert_not_found(joviam.networks().get(ghost));
    assert_not_found(joviam.networks().delete(ghost));
    assert_not_found(joviam.ip_addresses().get(ghost));
    assert_not_found(joviam.ip_addresses().deallocate(ghost));
    assert_not_found(joviam.disks().get(ghost));
    assert_not_found(joviam.disks().state(ghost));
    assert_not_found(joviam.disks().resize(ghost, &ResizeDisk::new(10u64)));
    assert_not_found(joviam.disks().clone(ghost, &CloneDisk::default()));
    assert_not_found(joviam.disks().delete(ghost));
    assert_not_found(joviam.instances().get(ghost));
    assert_not_found(joviam.instances().state(ghost));
    assert_not_found(joviam.instances().note(ghost));
    assert_not_found(joviam.instances().start(ghost));
    assert_not_found(joviam.instances().delete(ghost));
    assert_not_found(joviam.instances().get_context(ghost));
    assert_not_found(
        joviam
            .instances()
            .set_disks(ghost, &SetInstanceDisks::new(Vec::<String>::new())),
    );
    assert_not_found(joviam.console_sessions().get(ghost));
    // A URL that does not exist is a 404 too.
    let (status, body) = raw(&sandbox, "GET", "/flavours", None);
    assert_eq!((status, body["error"].as_str()), (404, Some("not_found")));
}

#[test]
fn unknown_ids_inside_a_body_are_a_422_naming_the_field() {
    let (_sandbox, joviam) = start();
    let ghost = "00000000-0000-4000-8000-000000000000";
    let cases = [
        (
            CreateInstance::new("x", 1024u64, ghost, TIER, TIER, "example", 30u64),
            "region",
        ),
        (
            CreateInstance::new("x", 1024u64, REGION, ghost, TIER, "example", 30u64),
            "instance_performance_tier",
        ),
        (
            CreateInstance::new("x", 1024u64, REGION, TIER, ghost, "example", 30u64),
            "disk_performance_tier",
        ),
        (
            CreateInstance::new("x", 1024u64, REGION, TIER, TIER, "no-such-slug", 30u64),
            "template",
        ),
        (
            CreateInstance {
                networks: Some(vec![ghost.into()]),
                ..basic("x")
            },
            "networks",
        ),
        (
            CreateInstance {
                public_keys: Some(vec![ghost.into()]),
                ..basic("x")
            },
            "public_keys",
        ),
        (
            CreateInstance {
                availability_group: Some(vec![ghost.into()]),
                ..basic("x")
            },
            "availability_group",
        ),
        (
            CreateInstance {
                allocate_private_ip: Some(true),
                ..basic("x")
            },
            "allocate_private_ip",
        ),
    ];
    for (body, field) in cases {
        let d = details(joviam.instances().create(&body));
        assert!(d[field].is_array(), "{field}: {d}");
    }
    assert!(
        joviam.instances().list().unwrap().is_empty(),
        "nothing was created"
    );
    assert!(joviam.disks().list().unwrap().is_empty());
    let d = details(
        joviam
            .ip_addresses()
            .allocate(&AllocateIpAddress::default()),
    );
    assert!(d["network"].is_array(), "{d}");
}

#[test]
fn a_body_that_is_not_json_is_a_400_bad_request() {
    let (sandbox, _joviam) = start();
    for (method, path) in [
        ("POST", "/instances"),
        ("POST", "/disks"),
        ("PUT", "/public_keys/x"),
    ] {
        let (status, body) = raw(&sandbox, method, path, Some("{\"name\": \"x\","));
        assert_eq!(status, 400, "{path}: {body}");
        assert_eq!(body["error"], "bad_request");
        assert!(body["details"].as_str().unwrap().contains("not valid JSON"));
    }
}

#[test]
fn actions_in_the_wrong_state_are_a_422_on_state() {
    let (_sandbox, joviam) = start_slow();
    let id = joviam.instances().create(&basic("w")).unwrap().id;
    // Still provisioning.
    let d = details(joviam.instances().start(&id));
    assert!(
        d["state"][0].as_str().unwrap().contains("provisioning"),
        "{d}"
    );
    let no_disks = SetInstanceDisks::new(Vec::<String>::new());
    assert!(details(joviam.instances().set_disks(&id, &no_disks))["state"].is_array());
    joviam
        .instances()
        .wait_for_state(&id, "stopped", &fast())
        .unwrap();
    assert!(details(joviam.instances().stop(&id))["state"].is_array());
    assert!(details(
        joviam
            .instances()
            .remote_access(&id, &StartRemoteAccess::default())
    )["state"]
        .is_array());
    joviam.instances().start(&id).unwrap();
    assert!(
        details(joviam.instances().start(&id))["state"].is_array(),
        "starting"
    );
    joviam
        .instances()
        .wait_for_state(&id, "running", &fast())
        .unwrap();
    assert!(
        details(joviam.instances().start(&id))["state"].is_array(),
        "running"
    );
    // A disk busy provisioning cannot be resized, cloned or deleted.
    let disk = joviam
        .disks()
        .create(&CreateDisk::new("busy", 10u64, REGION, TIER))
        .unwrap();
    assert!(details(joviam.disks().resize(&disk.id, &ResizeDisk::new(20u64)))["state"].is_array());
    assert!(details(joviam.disks().clone(&disk.id, &CloneDisk::default()))["state"].is_array());
    assert!(details(joviam.disks().delete(&disk.id))["state"].is_array());
    // A terminating instance takes no more changes.
    joviam.instances().delete(&id).unwrap();
    let update = UpdateInstance {
        name: Some("late".into()),
        ..Default::default()
    };
    assert!(details(joviam.instances().update(&id, &update))["state"].is_array());
}

#[test]
fn deleting_an_attached_disk_is_a_422() {
    let (_sandbox, joviam) = start();
    let instance = joviam.instances().create(&basic("a")).unwrap();
    let boot = instance.disks[0].id.clone();
    joviam
        .instances()
        .wait_for_state(&instance.id, "stopped", &fast())
        .unwrap();
    let d = details(joviam.disks().delete(&boot));
    assert!(
        d["state"][0].as_str().unwrap().contains("detach it first"),
        "{d}"
    );
    assert_eq!(joviam.disks().state(&boot).unwrap(), DiskState::Attached);
    // Attached to another instance: assemble and set_disks refuse it too.
    let other = joviam
        .instances()
        .assemble(&AssembleInstance::new("b", 1024u64, REGION, TIER))
        .unwrap();
    let steal = SetInstanceDisks::new(vec![boot.clone()]);
    assert!(
        details(joviam.instances().set_disks(&other.id, &steal))["disks"][0]
            .as_str()
            .unwrap()
            .contains("attached to instance")
    );
}

#[test]
fn disks_only_grow_and_respect_the_templates_minimum() {
    let (_sandbox, joviam) = start();
    let disk = new_disk(&joviam, "d", 40);
    for size in [40u64, 10] {
        let d = details(joviam.disks().resize(&disk.id, &ResizeDisk::new(size)));
        assert!(d["size"][0].as_str().unwrap().contains("only grow"), "{d}");
    }
    assert_eq!(joviam.disks().get(&disk.id).unwrap().size, 40);
    let too_small = CreateDisk {
        template: Some(UBUNTU.into()),
        ..CreateDisk::new("d", 20u64, REGION, TIER)
    };
    assert_eq!(
        details(joviam.disks().create(&too_small)),
        json!({"size": ["must be at least 50GB for this template"]})
    );
    let zero = CreateDisk::new("d", 0u64, REGION, TIER);
    assert!(details(joviam.disks().create(&zero))["size"].is_array());
    let blank = CreateDisk::new(" ", 1u64, REGION, TIER);
    assert_eq!(
        details(joviam.disks().create(&blank)),
        json!({"name": ["can't be blank"]})
    );
}

#[test]
fn networks_reject_bad_ranges_and_refuse_deletion_while_in_use() {
    let (_sandbox, joviam) = start();
    for spec in [
        "10.0.0.0",
        "10.0.0.1/24",
        "10.0.0.0/31",
        "999.0.0.0/8",
        "ten/8",
    ] {
        let d = details(joviam.networks().create(&CreateNetwork::new(
            Some("n".to_owned()),
            REGION,
            spec,
        )));
        assert!(d["specification"].is_array(), "{spec}: {d}");
    }
    let outside = CreateNetwork {
        gateway: "10.1.0.1".into(),
        ..CreateNetwork::new(Some("n".to_owned()), REGION, "10.0.0.0/24")
    };
    assert!(details(joviam.networks().create(&outside))["gateway"].is_array());
    let public = joviam.networks().list_public().unwrap().remove(0);
    assert!(details(joviam.networks().delete(&public.id))["is_public"].is_array());
    assert!(details(
        joviam
            .networks()
            .update(&public.id, &UpdateNetwork::default())
    )["is_public"]
        .is_array());

    let network = private_network(&joviam, "10.0.0.0/24");
    let ip = allocate_in(&joviam, &network.id);
    assert!(details(joviam.networks().delete(&network.id))["ip_addresses"].is_array());
    let taken = AllocateIpAddress {
        network: Some(network.id.clone()),
        address: Some(ip.address.clone()),
        ..Default::default()
    };
    assert!(
        details(joviam.ip_addresses().allocate(&taken))["address"][0]
            .as_str()
            .unwrap()
            .contains("already allocated")
    );
    let instance = joviam
        .instances()
        .assemble(&AssembleInstance {
            ip_addresses: Some(vec![ip.id.clone()]),
            ..AssembleInstance::new("holder", 1024u64, REGION, TIER)
        })
        .unwrap();
    // An address on an instance cannot be deallocated, nor made unshareable once shared.
    assert!(details(joviam.ip_addresses().deallocate(&ip.id))["instance_ids"].is_array());
    joviam.instances().delete(&instance.id).unwrap();
    joviam
        .instances()
        .wait_for_deletion(&instance.id, &fast())
        .unwrap();
    joviam.ip_addresses().deallocate(&ip.id).unwrap();
    joviam.networks().delete(&network.id).unwrap();
}

#[test]
fn invalid_values_are_422s_naming_the_field() {
    let (sandbox, joviam) = start();
    let bad_key = CreatePublicKey::new("k", "not a key");
    assert!(details(joviam.public_keys().create(&bad_key))["key"].is_array());
    let (status, body) = raw(
        &sandbox,
        "POST",
        "/instances/assemble",
        Some(
            &json!({"name": "a", "memory": 1024, "region": REGION, "performance_tier": TIER,
                    "boot_device": "floppy"})
            .to_string(),
        ),
    );
    assert_eq!(status, 422);
    assert!(body["details"]["boot_device"][0]
        .as_str()
        .unwrap()
        .contains("cdrom, disk, network"));
    let (status, body) = raw(
        &sandbox,
        "POST",
        "/disks",
        Some(
            &json!({"name": "d", "size": "big", "region": REGION, "performance_tier": TIER})
                .to_string(),
        ),
    );
    assert_eq!(
        (status, body["details"]["size"].is_array()),
        (422, true),
        "{body}"
    );
    let (status, body) = raw(
        &sandbox,
        "POST",
        "/public_keys",
        Some(&json!({"name": "k", "key": KEY, "colour": "red"}).to_string()),
    );
    assert_eq!(status, 422, "unknown fields are refused: {body}");
    let instance = joviam.instances().create(&basic("ctx")).unwrap();
    let (status, body) = raw(
        &sandbox,
        "POST",
        &format!("/instances/{}/context", instance.id),
        Some(r#"{"N": 1}"#),
    );
    assert_eq!(
        (status, body["details"]["N"].is_array()),
        (422, true),
        "{body}"
    );
    let myself = SetAvailabilityGroup::new(vec![instance.id.clone()]);
    assert!(details(
        joviam
            .instances()
            .set_availability_group(&instance.id, &myself)
    )["availability_group"]
        .is_array());
}

#[test]
fn the_lists_stay_in_creation_order_with_fresh_ids_and_real_timestamps() {
    let (_sandbox, joviam) = start();
    let names = ["one", "two", "three"];
    for name in names {
        joviam
            .public_keys()
            .create(&CreatePublicKey::new(name, KEY))
            .unwrap();
    }
    let keys = joviam.public_keys().list().unwrap();
    assert_eq!(
        keys.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(),
        names
    );
    let ids: BTreeSet<_> = keys.iter().map(|k| k.id.clone()).collect();
    assert_eq!(ids.len(), 3);
    assert!(keys.iter().all(|k| k.id.len() == 36));
    let year: u32 = keys[0].created_at.as_ref().unwrap().as_str()[..4]
        .parse()
        .unwrap();
    assert!(year >= 2025, "a real timestamp: {:?}", keys[0].created_at);
}
