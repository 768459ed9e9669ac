//! Instance snapshots (`tavu.instance_snapshots()`).

use std::time::Duration;

use super::support::{decode, done, find, not_blank, ok, position, referred, refused, Answer};
use super::{Change, TavuWorld};
use crate::sandbox::fresh;
use crate::sandbox::route::Body;
use crate::tavu::{CreateInstanceSnapshot, InstanceSnapshot};

/// What an instance snapshot weighs once taken, in megabytes (the API reports a size, the
/// sandbox has no disk to measure).
const SNAPSHOT_SIZE_MB: u64 = 1024;

impl TavuWorld {
    pub(super) fn get_instance_snapshot(&self, id: &str) -> Answer {
        ok(find(&self.instance_snapshots, id, "instance snapshot")?)
    }

    pub(super) fn create_instance_snapshot(&mut self, delay: Duration, body: Body<'_>) -> Answer {
        let req: CreateInstanceSnapshot = decode(body)?;
        not_blank("name", &req.name)?;
        let instance = referred(&self.instances, &req.instance_id, "instance_id", "instance")?;
        if !["active", "stopped"].contains(&instance.status.as_str()) {
            return Err(refused(format!(
                "Cannot snapshot instance {} while it is in status {}",
                instance.id, instance.status
            )));
        }
        let snapshot = InstanceSnapshot {
            id: fresh::uuid(),
            name: req.name,
            size: None,
            status: "queued".into(),
            created_at: Some(fresh::now().into()),
            instance_id: Some(instance.id.clone()),
            extra: Default::default(),
        };
        self.instance_snapshots.push(snapshot.clone());
        self.schedule(
            delay,
            Change::InstanceSnapshot {
                id: snapshot.id.clone(),
            },
        );
        ok(&snapshot)
    }

    /// The queued snapshot is taken: `active`, with a size.
    pub(super) fn finish_instance_snapshot(&mut self, id: &str) {
        if let Some(snapshot) = self
            .instance_snapshots
            .iter_mut()
            .find(|s| s.id == id && s.status == "queued")
        {
            snapshot.status = "active".into();
            snapshot.size = Some(SNAPSHOT_SIZE_MB);
        }
    }

    pub(super) fn delete_instance_snapshot(&mut self, id: &str) -> Answer {
        let index = position(&self.instance_snapshots, id, "instance snapshot")?;
        self.instance_snapshots.remove(index);
        done()
    }
}
