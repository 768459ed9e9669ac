//! Compute: instances and their actions, instance interfaces, instance users, instance
//! scripts and SSH keys (configurations are answered straight from the catalogue).

use std::time::Duration;

use serde_json::Value;

use super::support::{
    self, done, find, int_id, invalid, not_blank, not_found, ok, position, referred, refused,
    wrapped, Answer, Keyed,
};
use super::{Change, InstanceRecord, TavuWorld, UserRecord};
use crate::sandbox::fresh;
use crate::sandbox::http::Reply;
use crate::tavu::{
    CreateInstance, CreateInstanceInterface, CreateInstanceScript, CreateInstanceUser,
    CreateSshKey, Image, Instance, InstanceScript, InstanceUser, RebuildInstance, ResizeInstance,
    SshKey, UpdateInstance, UpdateInstanceScript, UpdateInstanceUser,
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
    // -----------------------------------------------------------------------------------------
    // Instances

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

    pub(super) fn create_instance(&mut self, delay: Duration, body: &[u8]) -> Answer {
        let req: CreateInstance = wrapped(body, "instance")?;
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

    pub(super) fn update_instance(&mut self, id: &str, body: &[u8]) -> Answer {
        find(&self.instances, id, "instance")?;
        let req: UpdateInstance = wrapped(body, "instance")?;
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
                volume.detach_time = Some(now.clone());
            }
        }
        done()
    }

    /// `POST .../action`: the body's one key names the action.
    pub(super) fn instance_action(&mut self, delay: Duration, id: &str, body: &[u8]) -> Answer {
        let index = position(&self.instances, id, "instance")?;
        let value: Value = serde_json::from_slice(body)
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

    fn resize(&mut self, delay: Duration, index: usize, body: &[u8]) -> Answer {
        let req: ResizeInstance = wrapped(body, "resize")?;
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

    fn rebuild(&mut self, delay: Duration, index: usize, body: &[u8]) -> Answer {
        let req: RebuildInstance = wrapped(body, "rebuild")?;
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
            created_at: Some(record.created_at.clone()),
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
        }
    }

    /// True while the instance runs (its ports are `ACTIVE`).
    pub(super) fn instance_running(&self, id: &str) -> bool {
        self.instances
            .iter()
            .any(|i| i.id == id && RUNNING.contains(&i.status.as_str()))
    }

    // -----------------------------------------------------------------------------------------
    // Instance interfaces

    fn instance_ports(&self, instance_id: &str) -> Vec<crate::tavu::Port> {
        self.ports
            .iter()
            .filter(|p| {
                p.device_id.as_deref() == Some(instance_id)
                    && p.device_owner.as_deref() == Some(COMPUTE_OWNER)
            })
            .map(|p| self.render_port(p))
            .collect()
    }

    pub(super) fn list_interfaces(&self, instance_id: &str) -> Answer {
        find(&self.instances, instance_id, "instance")?;
        ok(&self.instance_ports(instance_id))
    }

    pub(super) fn get_interface(&self, instance_id: &str, port_id: &str) -> Answer {
        find(&self.instances, instance_id, "instance")?;
        match self
            .instance_ports(instance_id)
            .into_iter()
            .find(|p| p.id == port_id)
        {
            Some(port) => ok(&port),
            None => Err(not_found("interface", port_id)),
        }
    }

    pub(super) fn create_interface(&mut self, instance_id: &str, body: &[u8]) -> Answer {
        find(&self.instances, instance_id, "instance")?;
        let req: CreateInstanceInterface = support::flat(body)?;
        self.check_attachable_network(&req.network_id, "network_id")?;
        let port = self.add_port(&req.network_id, instance_id, COMPUTE_OWNER, "network_id")?;
        ok(&self.render_port(&port))
    }

    pub(super) fn delete_interface(&mut self, instance_id: &str, port_id: &str) -> Answer {
        find(&self.instances, instance_id, "instance")?;
        if !self
            .instance_ports(instance_id)
            .iter()
            .any(|p| p.id == port_id)
        {
            return Err(not_found("interface", port_id));
        }
        self.remove_port(port_id);
        done()
    }

    // -----------------------------------------------------------------------------------------
    // Instance users

    fn render_user(&self, user: &UserRecord) -> InstanceUser {
        InstanceUser {
            id: user.id,
            username: user.username.clone(),
            ssh_keys: user
                .ssh_keys
                .iter()
                .filter_map(|name| self.ssh_keys.iter().find(|k| &k.name == name).cloned())
                .collect(),
            disable_password: Some(user.disable_password),
            created_at: Some(user.created_at.clone()),
        }
    }

    fn user_index(&self, raw_id: &str) -> Result<usize, Reply> {
        let id = int_id(raw_id, "instance user")?;
        self.instance_users
            .iter()
            .position(|u| u.id == id)
            .ok_or_else(|| not_found("instance user", id))
    }

    pub(super) fn list_users(&self) -> Answer {
        let all: Vec<InstanceUser> = self
            .instance_users
            .iter()
            .map(|u| self.render_user(u))
            .collect();
        ok(&all)
    }

    pub(super) fn get_user(&self, id: &str) -> Answer {
        ok(&self.render_user(&self.instance_users[self.user_index(id)?]))
    }

    pub(super) fn create_user(&mut self, body: &[u8]) -> Answer {
        let req: CreateInstanceUser = wrapped(body, "instance_user")?;
        not_blank("username", &req.username)?;
        let mut user = UserRecord {
            id: self.last_user_id + 1,
            username: req.username,
            ssh_keys: Vec::new(),
            password: None,
            // The reference: "Defaults to true."
            disable_password: true,
            created_at: fresh::now(),
        };
        self.change_user(
            &mut user,
            req.ssh_keys,
            req.password,
            req.password_confirmation,
            req.disable_password,
        )?;
        self.last_user_id = user.id;
        let answer = self.render_user(&user);
        self.instance_users.push(user);
        ok(&answer)
    }

    pub(super) fn update_user(&mut self, id: &str, body: &[u8]) -> Answer {
        let index = self.user_index(id)?;
        let req: UpdateInstanceUser = wrapped(body, "instance_user")?;
        not_blank("username", &req.username)?;
        // Worked on a copy, so a rejected update changes nothing.
        let current = &self.instance_users[index];
        let mut user = UserRecord {
            id: current.id,
            username: req.username,
            ssh_keys: current.ssh_keys.clone(),
            password: current.password.clone(),
            disable_password: current.disable_password,
            created_at: current.created_at.clone(),
        };
        self.change_user(
            &mut user,
            req.ssh_keys,
            req.password,
            req.password_confirmation,
            req.disable_password,
        )?;
        let answer = self.render_user(&user);
        self.instance_users[index] = user;
        ok(&answer)
    }

    /// Applies the optional fields of a create or update, then checks the user can log in:
    /// SSH keys when passwords are disabled, a password when they are not.
    fn change_user(
        &self,
        user: &mut UserRecord,
        ssh_keys: Option<Vec<String>>,
        password: Option<String>,
        confirmation: Option<String>,
        disable_password: Option<bool>,
    ) -> Result<(), Reply> {
        if let Some(keys) = ssh_keys {
            for name in &keys {
                referred(&self.ssh_keys, name, "ssh_keys", "SSH key")?;
            }
            user.ssh_keys = keys;
        }
        if let Some(password) = password {
            match confirmation {
                None => {
                    return Err(invalid(
                        "password_confirmation",
                        "is required when a password is given",
                    ))
                }
                Some(c) if c != password => {
                    return Err(invalid("password_confirmation", "doesn't match password"))
                }
                Some(_) => user.password = Some(password),
            }
        }
        if let Some(disable) = disable_password {
            user.disable_password = disable;
        }
        if user.disable_password && user.ssh_keys.is_empty() {
            return Err(invalid(
                "ssh_keys",
                "are required when disable_password is true (its default)",
            ));
        }
        if !user.disable_password && user.password.is_none() {
            return Err(invalid(
                "password",
                "is required when disable_password is false",
            ));
        }
        Ok(())
    }

    pub(super) fn delete_user(&mut self, id: &str) -> Answer {
        let index = self.user_index(id)?;
        self.instance_users.remove(index);
        done()
    }

    // -----------------------------------------------------------------------------------------
    // Instance scripts

    fn script_index(&self, raw_id: &str) -> Result<usize, Reply> {
        let id = int_id(raw_id, "instance script")?;
        self.instance_scripts
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| not_found("instance script", id))
    }

    pub(super) fn list_scripts(&self) -> Answer {
        ok(&self.instance_scripts)
    }

    pub(super) fn get_script(&self, id: &str) -> Answer {
        ok(&self.instance_scripts[self.script_index(id)?])
    }

    pub(super) fn create_script(&mut self, body: &[u8]) -> Answer {
        let req: CreateInstanceScript = wrapped(body, "instance_script")?;
        check_script(&req.name, &req.script)?;
        self.last_script_id += 1;
        let script = InstanceScript {
            id: self.last_script_id,
            name: req.name,
            description: req.description,
            script: Some(req.script),
            created_at: Some(fresh::now()),
        };
        self.instance_scripts.push(script.clone());
        ok(&script)
    }

    pub(super) fn update_script(&mut self, id: &str, body: &[u8]) -> Answer {
        let index = self.script_index(id)?;
        let req: UpdateInstanceScript = wrapped(body, "instance_script")?;
        check_script(&req.name, &req.script)?;
        let script = &mut self.instance_scripts[index];
        script.name = req.name;
        script.script = Some(req.script);
        if let Some(description) = req.description {
            script.description = Some(description);
        }
        ok(script)
    }

    pub(super) fn delete_script(&mut self, id: &str) -> Answer {
        let index = self.script_index(id)?;
        self.instance_scripts.remove(index);
        done()
    }

    // -----------------------------------------------------------------------------------------
    // SSH keys

    pub(super) fn get_ssh_key(&self, name: &str) -> Answer {
        ok(find(&self.ssh_keys, name, "SSH key")?)
    }

    pub(super) fn create_ssh_key(&mut self, body: &[u8]) -> Answer {
        let req: CreateSshKey = wrapped(body, "ssh_key")?;
        not_blank("name", &req.name)?;
        if self.ssh_keys.iter().any(|k| k.name == req.name) {
            return Err(invalid(
                "name",
                format!(
                    "an SSH key named '{}' already exists; names must be unique",
                    req.name
                ),
            ));
        }
        let (public_key, private_key) =
            match req.public_key {
                Some(key) if support::looks_like_public_key(&key) => (key, None),
                Some(_) => return Err(invalid(
                    "public_key",
                    "is not an OpenSSH public key (expected e.g. 'ssh-ed25519 AAAA... comment')",
                )),
                None => {
                    let (public, private) = support::generated_key_pair();
                    (public, Some(private))
                }
            };
        let key = SshKey {
            name: req.name,
            fingerprint: Some(support::fingerprint(&public_key)),
            public_key: Some(public_key),
            created_at: Some(fresh::now()),
            private_key: None,
        };
        self.ssh_keys.push(key.clone());
        // The reference's create example shows no `created_at` (its reads do).
        support::ok_without(&SshKey { private_key, ..key }, "created_at")
    }

    pub(super) fn delete_ssh_key(&mut self, name: &str) -> Answer {
        let index = position(&self.ssh_keys, name, "SSH key")?;
        self.ssh_keys.remove(index);
        done()
    }
}

fn check_script(name: &str, script: &str) -> Result<(), Reply> {
    not_blank("name", name)?;
    if !support::is_strict_base64(script) {
        return Err(invalid("script", "must be strict Base64 (no line breaks)"));
    }
    Ok(())
}
