//! Volumes (`tavu.volumes()`).

use std::time::Duration;

use serde_json::Value;

use super::support::{
    decode, done, find, find_mut, invalid, not_blank, ok, position, referred, refused, to_json,
    Answer,
};
use super::{Change, TavuWorld};
use crate::sandbox::fresh;
use crate::sandbox::route::Body;
use crate::tavu::{
    AttachVolume, CreateVolume, DetachVolume, UpdateVolume, Volume, VolumeAttachResult,
    VolumeAttachment,
};

/// Volume keys the reference shows in reads (and inside an instance) but not in the answers
/// to a create or an update.
const ONLY_IN_READS: &[&str] = &["detach_time", "attachment", "snapshots"];

impl TavuWorld {
    /// The volume as the API shows it, with its snapshots.
    pub(super) fn render_volume(&self, volume: &Volume) -> Volume {
        Volume {
            snapshots: self
                .volume_snapshots
                .iter()
                .filter(|s| s.volume_id == volume.id)
                .cloned()
                .collect(),
            ..volume.clone()
        }
    }

    pub(super) fn list_volumes(&self) -> Answer {
        let all: Vec<Value> = self
            .volumes
            .iter()
            .map(|v| volume_json(&self.render_volume(v), &[]))
            .collect();
        ok(&all)
    }

    pub(super) fn get_volume(&self, id: &str) -> Answer {
        let volume = self.render_volume(find(&self.volumes, id, "volume")?);
        ok(&volume_json(&volume, &[]))
    }

    pub(super) fn create_volume(&mut self, delay: Duration, body: Body<'_>) -> Answer {
        let req: CreateVolume = decode(body)?;
        not_blank("name", &req.name)?;
        if req.size == 0 {
            return Err(invalid("size", "must be at least 1 (gigabyte)"));
        }
        if let Some(snapshot_id) = &req.snapshot_id {
            let snapshot = referred(
                &self.volume_snapshots,
                snapshot_id,
                "snapshot_id",
                "volume snapshot",
            )?;
            let needed = snapshot.volume_size.unwrap_or(0);
            if req.size < needed {
                return Err(invalid(
                    "size",
                    format!("must be at least the snapshot's volume size, {needed} GB"),
                ));
            }
        }
        let volume = Volume {
            id: fresh::uuid(),
            name: req.name,
            description: req.description,
            size: req.size,
            status: "creating".into(),
            snapshot_id: req.snapshot_id,
            created_at: Some(fresh::now().into()),
            detach_time: None,
            attachment: None,
            snapshots: Vec::new(),
            extra: Default::default(),
        };
        self.volumes.push(volume.clone());
        self.schedule(
            delay,
            Change::Volume {
                id: volume.id.clone(),
                from: "creating".into(),
                to: "available".into(),
            },
        );
        ok(&volume_json(&volume, ONLY_IN_READS))
    }

    pub(super) fn update_volume(&mut self, id: &str, body: Body<'_>) -> Answer {
        find(&self.volumes, id, "volume")?;
        let req: UpdateVolume = decode(body)?;
        if let Some(name) = &req.name {
            not_blank("name", name)?;
        }
        let volume = find_mut(&mut self.volumes, id, "volume")?;
        if let Some(name) = req.name {
            volume.name = name;
        }
        if let Some(description) = req.description {
            volume.description = Some(description);
        }
        ok(&volume_json(volume, ONLY_IN_READS))
    }

    pub(super) fn delete_volume(&mut self, id: &str) -> Answer {
        let index = position(&self.volumes, id, "volume")?;
        let volume = &self.volumes[index];
        if let Some(attachment) = &volume.attachment {
            return Err(refused(format!(
                "Cannot delete volume {id}: it is attached to instance {}; detach it first",
                attachment.instance_id
            )));
        }
        if volume.status != "available" {
            return Err(refused(format!(
                "Cannot 'delete' volume while it is in status {}",
                volume.status
            )));
        }
        if self.volume_snapshots.iter().any(|s| s.volume_id == id) {
            return Err(refused(format!(
                "Cannot delete volume {id}: it has snapshots; delete them first"
            )));
        }
        self.volumes.remove(index);
        done()
    }

    pub(super) fn attach_volume(&mut self, id: &str, body: Body<'_>) -> Answer {
        let index = position(&self.volumes, id, "volume")?;
        let req: AttachVolume = decode(body)?;
        let instance = referred(&self.instances, &req.instance_id, "instance_id", "instance")?;
        let volume = &self.volumes[index];
        if volume.status != "available" {
            return Err(refused(format!(
                "Cannot 'attach' volume while it is in status {}",
                volume.status
            )));
        }
        if !["active", "stopped", "verify_resize"].contains(&instance.status.as_str()) {
            return Err(refused(format!(
                "Cannot attach a volume to instance {} while it is in status {}",
                instance.id, instance.status
            )));
        }
        // The instance's disk is /dev/vda; volumes take the next free letters.
        let taken: Vec<&str> = self
            .volumes
            .iter()
            .filter_map(|v| v.attachment.as_ref())
            .filter(|a| a.instance_id == req.instance_id)
            .filter_map(|a| a.mounted_at.as_deref())
            .collect();
        let mount_point = (b'b'..=b'z')
            .map(|letter| format!("/dev/vd{}", letter as char))
            .find(|device| !taken.contains(&device.as_str()))
            .ok_or_else(|| refused("the instance has no free device for another volume"))?;
        let volume = &mut self.volumes[index];
        volume.status = "in-use".into();
        volume.attachment = Some(VolumeAttachment {
            mounted_at: Some(mount_point.clone()),
            instance_id: req.instance_id.clone(),
            attach_time: Some(fresh::now().into()),
            status: Some("attached".into()),
            extra: Default::default(),
        });
        ok(&VolumeAttachResult {
            volume_id: id.to_owned(),
            instance_id: req.instance_id,
            mount_point: Some(mount_point),
            extra: Default::default(),
        })
    }

    pub(super) fn detach_volume(&mut self, id: &str, body: Body<'_>) -> Answer {
        let index = position(&self.volumes, id, "volume")?;
        let req: DetachVolume = decode(body)?;
        referred(&self.instances, &req.instance_id, "instance_id", "instance")?;
        let volume = &mut self.volumes[index];
        match &volume.attachment {
            Some(a) if a.instance_id == req.instance_id => {}
            Some(a) => {
                return Err(invalid(
                    "instance_id",
                    format!(
                        "volume {id} is attached to instance {}, not {}",
                        a.instance_id, req.instance_id
                    ),
                ))
            }
            None => {
                return Err(refused(format!(
                    "Cannot 'detach' volume while it is in status {}",
                    volume.status
                )))
            }
        }
        volume.attachment = None;
        volume.status = "available".into();
        volume.detach_time = Some(fresh::now().into());
        done()
    }
}

/// `volume` as JSON without the `omit` keys, and without `detach_time` and `attachment` while
/// they are null: the reference's reads show a volume's attachment only while it is attached,
/// and never a detach time it does not have.
fn volume_json(volume: &Volume, omit: &[&str]) -> Value {
    let mut json = to_json(volume);
    if let Value::Object(map) = &mut json {
        let hidden = |key: &str, value: &Value| {
            omit.contains(&key) || (value.is_null() && ["detach_time", "attachment"].contains(&key))
        };
        map.retain(|key, value| !hidden(key, value));
    }
    json
}
