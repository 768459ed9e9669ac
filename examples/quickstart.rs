//! The Rust twin of `examples/quickstart.py`: a short tour of both clouds.
//!
//! Offline, in the sandbox (no account, no network):
//!     cargo run --example quickstart --features sandbox
//! Against the real APIs (TAVU_API_KEY, JOVIAM_TOKEN; creates and deletes billable resources):
//!     cargo run --example quickstart --features sandbox -- --live

use std::time::Duration;

use vpsclient::joviam::{
    CreateDisk, CreateInstance as CreateJoviamInstance, CreateNetwork as CreateJoviamNetwork,
};
use vpsclient::sandbox::Sandbox;
use vpsclient::tavu::{
    AttachVolume, CreateInstance, CreateNetwork, CreateSecurityGroup, CreateSecurityGroupRule,
    CreateSubnet, CreateVolume, DetachVolume,
};
use vpsclient::{Error, JoviamClient, TavuClient, WaitOptions};

fn tavu_tour(tavu: &TavuClient, wait: &WaitOptions) -> Result<(), Error> {
    println!("\n== Tavu.io");
    let configuration = tavu
        .configurations()
        .list()?
        .into_iter()
        .min_by_key(|c| (c.ram, c.cpu))
        .expect("the catalogue lists configurations");
    let image = tavu.operating_systems().list()?.remove(0);
    println!(
        "- configuration {} CPU / {} MB; image {} {}",
        configuration.cpu,
        configuration.ram,
        image.name,
        image.version.as_deref().unwrap_or("")
    );

    let network = tavu
        .networks()
        .create(&CreateNetwork::new("quickstart-net"))?;
    let subnet = tavu.subnets().create(&CreateSubnet::new(
        "quickstart-subnet",
        network.id.clone(),
        "10.20.0.0/24",
        4u8,
    ))?;
    let group = tavu
        .security_groups()
        .create(&CreateSecurityGroup::new("quickstart-ssh"))?;
    let rule = tavu.security_group_rules().create(
        &group.id,
        &CreateSecurityGroupRule {
            protocol: Some("tcp".into()),
            port_range_min: Some(22),
            port_range_max: Some(22),
            remote_ip_prefix: Some("0.0.0.0/0".into()),
            ..CreateSecurityGroupRule::new("ingress")
        },
    )?;
    println!(
        "- network {} with subnet {}; security group {}",
        network.name, subnet.cidr, group.name
    );

    let instance = tavu.instances().create(&CreateInstance {
        networks: Some(vec![network.id.clone()]),
        ..CreateInstance::new("quickstart-1", image.id.clone(), configuration.id.clone())
    })?;
    println!("- instance {} is {}", instance.name, instance.status);
    let instance = tavu
        .instances()
        .wait_for_status(&instance.id, "active", wait)?;
    println!("- instance is {}", instance.status);

    let volume = tavu
        .volumes()
        .create(&CreateVolume::new(10u64, "quickstart-data"))?;
    let volume = tavu
        .volumes()
        .wait_for_status(&volume.id, "available", wait)?;
    let attached = tavu
        .volumes()
        .attach(&volume.id, &AttachVolume::new(instance.id.clone()))?;
    println!(
        "- volume {} attached at {}",
        volume.name,
        attached.mount_point.as_deref().unwrap_or("?")
    );

    println!("\n  {:<14} {:<8} {:>7}", "instance", "status", "volumes");
    for i in tavu.instances().list()? {
        println!("  {:<14} {:<8} {:>7}", i.name, i.status, i.volumes.len());
    }

    println!("- cleaning up");
    tavu.volumes()
        .detach(&volume.id, &DetachVolume::new(instance.id.clone()))?;
    tavu.volumes()
        .wait_for_status(&volume.id, "available", wait)?;
    tavu.volumes().delete(&volume.id)?;
    tavu.instances().delete(&instance.id)?;
    tavu.instances().wait_for_deletion(&instance.id, wait)?;
    tavu.security_group_rules().delete(&group.id, &rule.id)?;
    tavu.security_groups().delete(&group.id)?;
    tavu.subnets().delete(&subnet.id)?;
    tavu.networks().delete(&network.id)?;
    println!("- done: {} instances left", tavu.instances().list()?.len());
    Ok(())
}

fn joviam_tour(joviam: &JoviamClient, wait: &WaitOptions) -> Result<(), Error> {
    println!("\n== Joviam");
    let region = joviam.regions().list()?.remove(0);
    let instance_tier = joviam
        .performance_tiers()
        .list_instance()?
        .into_iter()
        .find(|t| t.region.id == region.id);
    let disk_tier = joviam
        .performance_tiers()
        .list_disk()?
        .into_iter()
        .find(|t| t.region.id == region.id);
    let template = joviam
        .templates()
        .list()?
        .into_iter()
        .find(|t| t.region.id == region.id);
    let (Some(instance_tier), Some(disk_tier), Some(template)) =
        (instance_tier, disk_tier, template)
    else {
        return Err(Error::Config(format!(
            "region {} offers no tier or template",
            region.name
        )));
    };
    println!(
        "- region {} ({}); template {}",
        region.name,
        region.code,
        template.name.as_deref().unwrap_or(&template.id)
    );

    let network = joviam.networks().create(&CreateJoviamNetwork::new(
        Some("quickstart-net".into()),
        region.id.clone(),
        "10.30.0.0/24",
    ))?;
    let instance = joviam.instances().create(&CreateJoviamInstance {
        networks: Some(vec![network.id.clone()]),
        start_when_ready: Some(true),
        ..CreateJoviamInstance::new(
            "quickstart-1",
            1024u64,
            region.id.clone(),
            instance_tier.id.clone(),
            disk_tier.id.clone(),
            template.id.clone(),
            template.minimum_disk_size.unwrap_or(20).max(20),
        )
    })?;
    println!("- instance {} is {}", instance.name, instance.state);
    let instance = joviam
        .instances()
        .wait_for_state(&instance.id, "running", wait)?;
    println!("- instance is {}", instance.state);

    let disk = joviam.disks().create(&CreateDisk::new(
        "quickstart-data",
        10u64,
        region.id.clone(),
        disk_tier.id.clone(),
    ))?;
    let disk = joviam
        .disks()
        .wait_for_state(&disk.id, "unattached", wait)?;
    println!("- disk {} ({} GB) is {}", disk.name, disk.size, disk.state);

    println!("- cleaning up");
    let boot: Vec<String> = instance.disks.iter().map(|d| d.id.clone()).collect();
    let addresses: Vec<String> = instance
        .network_adapters
        .iter()
        .flat_map(|a| a.ip_addresses.iter().map(|ip| ip.id.clone()))
        .collect();
    joviam.instances().delete(&instance.id)?;
    joviam.instances().wait_for_deletion(&instance.id, wait)?;
    for disk_id in boot.iter().chain([&disk.id]) {
        joviam.disks().delete(disk_id)?;
        joviam.disks().wait_for_deletion(disk_id, wait)?;
    }
    for address in &addresses {
        joviam.ip_addresses().deallocate(address)?;
    }
    joviam.networks().delete(&network.id)?;
    println!(
        "- done: {} instances, {} disks left",
        joviam.instances().list()?.len(),
        joviam.disks().list()?.len()
    );
    Ok(())
}

fn main() -> Result<(), Error> {
    if std::env::args().any(|a| a == "--live") {
        let wait = WaitOptions::default().timeout(Duration::from_secs(900));
        if std::env::var_os("TAVU_API_KEY").is_some() {
            tavu_tour(&TavuClient::from_env()?, &wait)?;
        }
        if std::env::var_os("JOVIAM_TOKEN").is_some() {
            joviam_tour(&JoviamClient::from_env()?, &wait)?;
        }
        return Ok(());
    }
    let sandbox = Sandbox::builder()
        .build_delay(Duration::from_millis(300))
        .start()?;
    println!("offline tour in the sandbox at {}", sandbox.url());
    let wait = WaitOptions::default()
        .timeout(Duration::from_secs(30))
        .interval(Duration::from_millis(100));
    tavu_tour(&sandbox.tavu_client()?, &wait)?;
    joviam_tour(&sandbox.joviam_client()?, &wait)?;
    Ok(())
}
