//! Volume snapshots (`tavu.volume_snapshots()`).

use super::support::{
    decode, done, find, find_mut, not_blank, ok, position, referred, refused, Answer,
};
use super::TavuWorld;
use crate::sandbox::fresh;
use crate::sandbox::route::Body;
use crate::tavu::{CreateVolumeSnapshot, UpdateVolumeSnapshot, VolumeSnapshot};

impl TavuWorld {
    pub(super) fn get_volume_snapshot(&self, id: &str) -> Answer {
        ok(find(&self.volume_snapshots, id, "volume snapshot")?)
    }

    pub(super) fn create_volume_snapshot(&mut self, body: Body<'_>) -> Answer {
        let req: CreateVolumeSnapshot = decode(body)?;
        not_blank("name", &req.name)?;
        let volume = referred(&self.volumes, &req.volume_id, "volume_id", "volume")?;
        if volume.status == "creating" {
            return Err(refused(format!(
                "Cannot snapshot volume {} while it is in status creating",
                volume.id
            )));
        }
        let snapshot = VolumeSnapshot {
            id: fresh::uuid(),
            name: Some(req.name),
            description: req.description,
            volume_id: volume.id.clone(),
            volume_size: Some(volume.size),
            created_at: Some(fresh::now().into()),
            extra: Default::default(),
        };
        self.volume_snapshots.push(snapshot.clone());
        ok(&snapshot)
    }

    pub(super) fn update_volume_snapshot(&mut self, id: &str, body: Body<'_>) -> Answer {
        find(&self.volume_snapshots, id, "volume snapshot")?;
        let req: UpdateVolumeSnapshot = decode(body)?;
        if let Some(name) = &req.name {
            not_blank("name", name)?;
        }
        let snapshot = find_mut(&mut self.volume_snapshots, id, "volume snapshot")?;
        if let Some(name) = req.name {
            snapshot.name = Some(name);
        }
        if let Some(description) = req.description {
            snapshot.description = Some(description);
        }
        ok(snapshot)
    }

    pub(super) fn delete_volume_snapshot(&mut self, id: &str) -> Answer {
        let index = position(&self.volume_snapshots, id, "volume snapshot")?;
        self.volume_snapshots.remove(index);
        done()
    }
}
