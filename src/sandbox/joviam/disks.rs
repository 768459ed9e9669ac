//! Disks, with their state, resize and clone.

use crate::joviam::{CloneDisk, CreateDisk, Disk, DiskState, ResizeDisk, UpdateDisk};
use crate::sandbox::fresh;
use crate::sandbox::http::{Reply, Req};
use crate::sandbox::schedule::Clock;

use super::support::{
    body, check_size, find, invalid, not_blank, position, referenced, wrong_state, Answer,
};
use super::{Event, JoviamWorld};

impl JoviamWorld {
    pub(super) fn get_disk(&self, id: &str) -> Answer {
        Ok(Reply::json(200, find(&self.disks, id)?))
    }

    pub(super) fn disk_state(&self, id: &str) -> Answer {
        let disk = find(&self.disks, id)?;
        Ok(Reply::json(
            200,
            &serde_json::json!({ "state": disk.state.as_str() }),
        ))
    }

    /// `disks.create`: blank, or from a template (by ID or slug); `provisioning`, then
    /// `unattached`.
    pub(super) fn create_disk(&mut self, clock: &Clock, req: &Req) -> Answer {
        let request: CreateDisk = body(req)?;
        not_blank("name", &request.name)?;
        let region = referenced(&self.regions, "region", &request.region)?.clone();
        let tier = Self::tier_in(
            &self.disk_tiers,
            "performance_tier",
            &request.performance_tier,
            &region,
        )?;
        let template = match &request.template {
            Some(reference) => Some(self.template_for("template", reference, &region)?),
            None => None,
        };
        check_size("size", request.size, template.as_ref())?;
        let stamp = Some(fresh::now());
        let disk = Disk {
            id: fresh::uuid(),
            name: request.name,
            position: None,
            size: request.size,
            performance_tier: tier,
            template,
            state: DiskState::Provisioning,
            region,
            instance_id: None,
            cdrom: request.cdrom.unwrap_or(false),
            is_template: request.is_template.unwrap_or(false),
            created_at: stamp.clone().map(Into::into),
            updated_at: stamp.map(Into::into),
            extra: Default::default(),
        };
        self.schedule(clock.after(1), &disk.id, Event::DiskSettled);
        self.disks.push(disk.clone());
        Ok(Reply::json(201, &disk))
    }

    /// `disks.update`: `name`, `cdrom`, `is_template`, in any state but `terminating`.
    pub(super) fn update_disk(&mut self, id: &str, req: &Req) -> Answer {
        let request: UpdateDisk = body(req)?;
        let i = position(&self.disks, id)?;
        if self.disks[i].state == DiskState::Terminating {
            return Err(wrong_state(format!("disk {id} is terminating")));
        }
        if let Some(name) = &request.name {
            not_blank("name", name)?;
        }
        let disk = &mut self.disks[i];
        if let Some(name) = request.name {
            disk.name = name;
        }
        if let Some(cdrom) = request.cdrom {
            disk.cdrom = cdrom;
        }
        if let Some(is_template) = request.is_template {
            disk.is_template = is_template;
        }
        disk.updated_at = Some(fresh::now().into());
        Ok(Reply::json(200, &*disk))
    }

    /// `disks.delete`: answers the disk `terminating` (200, as the reference's
    /// example); it is removed after the build delay. Only an `unattached` disk can go:
    /// detach it first. Deleting a disk already terminating answers it again.
    pub(super) fn delete_disk(&mut self, clock: &Clock, id: &str) -> Answer {
        let i = position(&self.disks, id)?;
        let disk = &self.disks[i];
        if disk.state == DiskState::Terminating {
            return Ok(Reply::json(200, disk));
        }
        if let Some(instance) = &disk.instance_id {
            return Err(wrong_state(format!(
                "disk {id} is {} to instance {instance}; detach it first",
                disk.state
            )));
        }
        if disk.state != DiskState::Unattached {
            return Err(wrong_state(format!(
                "disk {id} is {}; wait until it is unattached",
                disk.state
            )));
        }
        self.cancel(id);
        let disk = &mut self.disks[i];
        disk.state = DiskState::Terminating;
        disk.updated_at = Some(fresh::now().into());
        let answer = Reply::json(200, &*disk);
        self.schedule(clock.after(1), id, Event::DiskGone);
        Ok(answer)
    }

    /// `disks.resize`: only larger; `resizing`, then back to `attached` or
    /// `unattached`. Answers 200, as the reference's example.
    pub(super) fn resize_disk(&mut self, clock: &Clock, id: &str, req: &Req) -> Answer {
        let request: ResizeDisk = body(req)?;
        let i = position(&self.disks, id)?;
        let disk = &self.disks[i];
        settled(disk, "resized")?;
        if request.size <= disk.size {
            return Err(invalid(
                "size",
                &format!(
                    "must be larger than the current {}GB: disks can only grow",
                    disk.size
                ),
            ));
        }
        let disk = &mut self.disks[i];
        disk.size = request.size;
        disk.state = DiskState::Resizing;
        disk.updated_at = Some(fresh::now().into());
        let answer = Reply::json(200, &*disk);
        self.schedule(clock.after(1), id, Event::DiskSettled);
        Ok(answer)
    }

    /// `disks.clone`: a new disk (201) with the source's size, template and
    /// `cdrom`, `provisioning` and then `unattached`. `name` defaults to the source's with
    /// ` (clone)`, `performance_tier` to the source's, `is_template` to false.
    pub(super) fn clone_disk(&mut self, clock: &Clock, id: &str, req: &Req) -> Answer {
        let request: CloneDisk = body(req)?;
        let source = find(&self.disks, id)?;
        settled(source, "cloned")?;
        let tier = match &request.performance_tier {
            Some(tier) => {
                Self::tier_in(&self.disk_tiers, "performance_tier", tier, &source.region)?
            }
            None => source.performance_tier.clone(),
        };
        if let Some(name) = &request.name {
            not_blank("name", name)?;
        }
        let stamp = Some(fresh::now());
        let disk = Disk {
            id: fresh::uuid(),
            name: request
                .name
                .unwrap_or_else(|| format!("{} (clone)", source.name)),
            position: None,
            performance_tier: tier,
            state: DiskState::Provisioning,
            instance_id: None,
            is_template: request.is_template.unwrap_or(false),
            created_at: stamp.clone().map(Into::into),
            updated_at: stamp.map(Into::into),
            ..source.clone()
        };
        self.schedule(clock.after(1), &disk.id, Event::DiskSettled);
        self.disks.push(disk.clone());
        Ok(Reply::json(201, &disk))
    }
}

/// A disk that is done with its last piece of work: `attached` or `unattached`.
fn settled(disk: &Disk, action: &str) -> Result<(), Reply> {
    if matches!(disk.state, DiskState::Attached | DiskState::Unattached) {
        Ok(())
    } else {
        Err(wrong_state(format!(
            "disk {} is {}; it can be {action} once it is attached or unattached",
            disk.id, disk.state
        )))
    }
}
