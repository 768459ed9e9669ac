//! Instances and their actions (`tavu.instances()`).

use std::time::Duration;

use serde_json::Value;

use super::support::{
    self, decode, done, find, invalid, not_blank, ok, position, referred, refused, Answer, Keyed,
};
use super::{Change, InstanceRecord, TavuWorld};
use crate::sandbox::fresh;
use crate::sandbox::http::Reply;
use crate::sandbox::route::Body;
use crate::tavu::{
    CreateInstance, Image, Instance, RebuildInstance, ResizeInstance, UpdateInstance,
};

impl Keyed for InstanceRecord {
    fn key(&self) -> &str {
        &self.id
    }
}

/// Statuses in which an instance runs (its ports are up, volumes can attach).
const RUNNING: [&str; 2] = ["active", "verify_resize"];

/// The owner of an instance's ports.
pub(super) const COMPUTE_OWNER: &str = "compute:None";

impl TavuWorld {
    pub(super) fn list_instances(&self) -> Answer {
        let all: Vec<Instance> = self
            .instances
            .iter()
            .map(|i| self.render_instance(i))
            .collect();
        ok(&all)
    }

    pub(super) fn get_instance(&self, id: &str) -> Answer {
        ok(&self.render_instance(find(&self.instances, id, "instance")?))
    }

    pub(super) fn create_instance(&mut self, delay: Duration, body: Body<'_>) -> Answer {
        let req: CreateInstance = decode(body)?;
        not_blank("name", &req.name)?;
        let (image, login) = self.bootable_image(&req.image_id)?;
        let configuration = referred(
            &self.configurations,
            &req.configuration_id,
            "configuration_id",
            "configuration",
        )?;
        let zone_id = match &req.availability_zone_id {
            Some(zone) => referred(
                &self.zones,
                zone,
                "availability_zone_id",
                "availability zone",
            )?
            .id
            .clone(),
            None => configuration
                .availability_zones
                .first()
                .map(|z| z.id.clone())
                .unwrap_or_default(),
        };
        if !configuration
            .availability_zones
            .iter()
            .any(|z| z.id == zone_id)
        {
            return Err(invalid(
                "availability_zone_id",
                format!(
                    "configuration {} is not available in availability zone {zone_id}",
                    configuration.id
                ),
            ));
        }
        let configuration_id = configuration.id.clone();
        let ssh_keys = req.ssh_keys.clone().unwrap_or_default();
        for name in &ssh_keys {
            referred(&self.ssh_keys, name, "ssh_keys", "SSH key")?;
        }
        let user_ids = req.instance_user_ids.clone().unwrap_or_default();
        for user_id in &user_ids {
            if !self.instance_users.iter().any(|u| u.id == *user_id) {
                return Err(invalid(
                    "instance_user_ids",
                    format!("no instance user with ID {user_id}"),
                ));
            }
        }
        if let Some(script_id) = req.instance_script_id {
            if !self.instance_scripts.iter().any(|s| s.id == script_id) {
                return Err(invalid(
                    "instance_script_id",
                    format!("no instance script with ID {script_id}"),
                ));
            }
        }
        if let Some(script) = &req.instance_script {
            if !support::is_strict_base64(script) {
                return Err(invalid(
                    "instance_script",
                    "must be strict Base64 (no line breaks)",
                ));
            }
        }
        if req.disable_password == Some(true) && ssh_keys.is_empty() {
            return Err(invalid(
                "disable_password",
                "cannot be true when no SSH keys are set",
            ));
        }
        let networks = match &req.networks {
            Some(networks) if !networks.is_empty() => networks.clone(),
            _ => vec!["public".to_owned()],
        };
        for network in &networks {
            self.check_attachable_network(network, "networks")?;
        }

        let id = fresh::uuid();
        for network in &networks {
            if let Err(rejection) = self.add_port(network, &id, COMPUTE_OWNER, "networks") {
                self.ports.retain(|p| p.device_id.as_deref() != Some(&id));
                return Err(rejection);
            }
        }
        // Credentials are generated while password login stays enabled, SSH keys or not (the
        // reference's example gives a key and gets a username and password); from a snapshot
        // only when asked for, as the snapshot's own credentials take precedence.
        let from_snapshot = !self.operating_systems.iter().any(|os| os.id == image.id);
        let password_disabled = req.disable_password == Some(true);
        let generate =
            !password_disabled && (!from_snapshot || req.generate_credentials == Some(true));
        let login = generate.then_some(login);
        let security_group_ids = self
            .security_groups
            .iter()
            .filter(|g| g.id == super::catalogue::DEFAULT_SECURITY_GROUP_ID)
            .map(|g| g.id.clone())
            .collect();
        self.instances.push(InstanceRecord {
            id: id.clone(),
            name: req.name,
            status: "building".into(),
            created_at: fresh::now(),
            configuration_id,
            previous_configuration_id: None,
            image,
            zone_id,
            ssh_keys,
            security_group_ids,
            login: login.clone(),
            password_disabled,
        });
        self.schedule(
            delay,
            Change::Instance {
                id: id.clone(),
                from: "building".into(),
                to: "active".into(),
            },
        );
        let mut answer = self.render_instance(self.instances.last().expect("just pushed"));
        if let Some(login) = login {
            answer.username = Some(login);
            answer.password = Some(fresh::secret(8));
        }
        ok(&answer)
    }

    pub(super) fn update_instance(&mut self, id: &str, body: Body<'_>) -> Answer {
        find(&self.instances, id, "instance")?;
        let req: UpdateInstance = decode(body)?;
        if let Some(name) = &req.name {
            not_blank("name", name)?;
        }
        let instance = support::find_mut(&mut self.instances, id, "instance")?;
        if let Some(name) = req.name {
            instance.name = name;
        }
        self.get_instance(id)
    }

    pub(super) fn delete_instance(&mut self, id: &str) -> Answer {
        let index = position(&self.instances, id, "instance")?;
        self.instances.remove(index);
        self.remove_ports_of(id);
        let now = fresh::now();
        for volume in &mut self.volumes {
            if volume
                .attachment
                .as_ref()
                .is_some_and(|a| a.instance_id == id)
            {
                volume.attachment = None;
                volume.status = "available".into();
                volume.detach_time = Some(now.clone().into());
            }
        }
        done()
    }

    /// `POST .../action`: the body's one key names the action.
    pub(super) fn instance_action(&mut self, delay: Duration, id: &str, body: Body<'_>) -> Answer {
        let index = position(&self.instances, id, "instance")?;
        let value: Value = serde_json::from_slice(body.raw)
            .map_err(|e| refused(format!("the body is not valid JSON: {e}")))?;
        let action = match &value {
            Value::Object(map) if map.len() == 1 => map.keys().next().cloned().unwrap_or_default(),
            _ => {
                return Err(refused(
                    "the body must hold exactly one action, e.g. {\"start\": null}",
                ))
            }
        };
        match action.as_str() {
            "start" => self.begin(delay, index, "start", &["stopped"], ("starting", "active")),
            "stop" => self.begin(delay, index, "stop", &["active"], ("stopping", "stopped")),
            "reboot" | "force_reboot" => {
                self.require(index, &action, &["active"])?;
                done()
            }
            "resize" => self.resize(delay, index, body),
            "confirm_resize" => {
                self.require(index, "confirm_resize", &["verify_resize"])?;
                let instance = &mut self.instances[index];
                instance.previous_configuration_id = None;
                instance.status = "active".into();
                done()
            }
            "revert_resize" => {
                self.require(index, "revert_resize", &["verify_resize"])?;
                let instance = &mut self.instances[index];
                if let Some(previous) = instance.previous_configuration_id.take() {
                    instance.configuration_id = previous;
                }
                instance.status = "active".into();
                done()
            }
            "rebuild" => self.rebuild(delay, index, body),
            other => Err(refused(format!(
                "unknown action '{other}': use one of start, stop, reboot, force_reboot, resize, \
                 confirm_resize, revert_resize, rebuild"
            ))),
        }
    }

    pub(super) fn resize(&mut self, delay: Duration, index: usize, body: Body<'_>) -> Answer {
        let req: ResizeInstance = decode(body)?;
        self.require(index, "resize", &["active"])?;
        let instance = &self.instances[index];
        let target = referred(
            &self.configurations,
            &req.configuration_id,
            "configuration_id",
            "configuration",
        )?;
        if target.id == instance.configuration_id {
            return Err(invalid(
                "configuration_id",
                "the instance already has this configuration",
            ));
        }
        if !target
            .availability_zones
            .iter()
            .any(|z| z.id == instance.zone_id)
        {
            return Err(invalid(
                "configuration_id",
                format!(
                    "configuration {} is not available in the instance's availability zone {}",
                    target.id, instance.zone_id
                ),
            ));
        }
        let current = find(
            &self.configurations,
            &instance.configuration_id,
            "configuration",
        )?;
        if target.disk < current.disk {
            return Err(invalid(
                "configuration_id",
                format!(
                    "a resize cannot shrink the disk ({} GB < {} GB)",
                    target.disk, current.disk
                ),
            ));
        }
        let target = target.id.clone();
        let instance = &mut self.instances[index];
        instance.previous_configuration_id =
            Some(std::mem::replace(&mut instance.configuration_id, target));
        self.begin(
            delay,
            index,
            "resize",
            &["active"],
            ("resizing", "verify_resize"),
        )
    }

    pub(super) fn rebuild(&mut self, delay: Duration, index: usize, body: Body<'_>) -> Answer {
        let req: RebuildInstance = decode(body)?;
        if let Some(name) = &req.name {
            not_blank("name", name)?;
        }
        let (image, login) = self.bootable_image(&req.image_id)?;
        self.require(index, "rebuild", &["active", "stopped"])?;
        let from_snapshot = !self.operating_systems.iter().any(|os| os.id == image.id);
        let instance = &mut self.instances[index];
        instance.image = image;
        if let Some(name) = req.name {
            instance.name = name;
        }
        // As on create: new credentials while password login is enabled. A rebuild cannot ask
        // for them on a snapshot, whose own credentials then stay.
        instance.login = (!instance.password_disabled && !from_snapshot).then_some(login);
        let login = instance.login.clone();
        instance.status = "building".into();
        self.schedule(
            delay,
            Change::Instance {
                id: self.instances[index].id.clone(),
                from: "building".into(),
                to: "active".into(),
            },
        );
        let mut answer = self.render_instance(&self.instances[index]);
        if let Some(login) = login {
            answer.username = Some(login);
            answer.password = Some(fresh::secret(8));
        }
        ok(&answer)
    }

    /// Refuses `action` unless the instance is in one of `allowed`.
    fn require(&self, index: usize, action: &str, allowed: &[&str]) -> Result<(), Reply> {
        let status = &self.instances[index].status;
        if allowed.contains(&status.as_str()) {
            Ok(())
        } else {
            Err(support::wrong_state(action, "instance", status))
        }
    }

    /// Checks the state, then moves the instance into `now` and, after the delay, `then`.
    fn begin(
        &mut self,
        delay: Duration,
        index: usize,
        action: &str,
        allowed: &[&str],
        (now, then): (&'static str, &'static str),
    ) -> Answer {
        self.require(index, action, allowed)?;
        self.instances[index].status = now.into();
        let id = self.instances[index].id.clone();
        self.schedule(
            delay,
            Change::Instance {
                id,
                from: now.into(),
                to: then.into(),
            },
        );
        done()
    }

    /// The image an `image_id` names (an operating system, or an active instance snapshot),
    /// with the login name generated credentials get on it.
    fn bootable_image(&self, image_id: &str) -> Result<(Image, String), Reply> {
        if let Some(os) = self.operating_systems.iter().find(|os| os.id == image_id) {
            return Ok((os.clone(), os.name.to_lowercase()));
        }
        match self.instance_snapshots.iter().find(|s| s.id == image_id) {
            Some(snapshot) if snapshot.status == "active" => Ok((
                Image {
                    id: snapshot.id.clone(),
                    name: snapshot.name.clone(),
                    version: None,
                    extra: Default::default(),
                },
                "root".into(),
            )),
            Some(snapshot) => Err(invalid(
                "image_id",
                format!(
                    "instance snapshot {image_id} is not ready (status {})",
                    snapshot.status
                ),
            )),
            None => Err(invalid(
                "image_id",
                format!("no operating system or instance snapshot with ID {image_id}"),
            )),
        }
    }

    /// The instance as the API shows it, with its volumes, ports and security groups.
    pub(super) fn render_instance(&self, record: &InstanceRecord) -> Instance {
        Instance {
            id: record.id.clone(),
            name: record.name.clone(),
            status: record.status.clone(),
            created_at: Some(record.created_at.clone().into()),
            ssh_key: record.ssh_keys.first().cloned(),
            availability_zone: self.zones.iter().find(|z| z.id == record.zone_id).cloned(),
            security_groups: record
                .security_group_ids
                .iter()
                .filter_map(|id| self.security_group_with_rules(id))
                .collect(),
            volumes: self
                .volumes
                .iter()
                .filter(|v| {
                    v.attachment
                        .as_ref()
                        .is_some_and(|a| a.instance_id == record.id)
                })
                .map(|v| self.render_volume(v))
                .collect(),
            configuration: self
                .configurations
                .iter()
                .find(|c| c.id == record.configuration_id)
                .cloned(),
            image: Some(record.image.clone()),
            ports: self.instance_ports(&record.id),
            username: None,
            password: None,
            extra: Default::default(),
        }
    }

    /// True while the instance runs (its ports are `ACTIVE`).
    pub(super) fn instance_running(&self, id: &str) -> bool {
        self.instances
            .iter()
            .any(|i| i.id == id && RUNNING.contains(&i.status.as_str()))
    }
}
