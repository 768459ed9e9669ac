//! Volume snapshots.

use crate::operation::{request, resource};
use crate::tavu::VolumeSnapshot;

request! {
    /// Body of [`VolumeSnapshotsHandler::create`].
    pub struct CreateVolumeSnapshot {
        /// The volume to snapshot.
        pub volume_id: String,
        /// Name.
        pub name: String,
    }
    optional {
        /// Description.
        pub description: Option<String>,
    }
}

request! {
    /// Body of [`VolumeSnapshotsHandler::update`].
    pub struct UpdateVolumeSnapshot {}
    optional {
        /// New name.
        pub name: Option<String>,
        /// New description.
        pub description: Option<String>,
    }
}

resource! {
    /// Volume snapshots (`tavu.volume_snapshots()`).
    pub struct VolumeSnapshotsHandler in "vpsclient.tavu";

    /// Lists volume snapshots.
    fn list() -> Vec<VolumeSnapshot> = GET "/storage/v1/volume-snapshots" => json;
    /// Shows one volume snapshot.
    fn get(volume_snapshot_id: str) -> VolumeSnapshot = GET "/storage/v1/volume-snapshots/{}" => json;
    /// Snapshots a volume.
    fn create(; CreateVolumeSnapshot in "snapshot") -> VolumeSnapshot = POST "/storage/v1/volume-snapshots" => json;
    /// Updates a volume snapshot.
    fn update(volume_snapshot_id: str; UpdateVolumeSnapshot in "snapshot") -> VolumeSnapshot = PATCH "/storage/v1/volume-snapshots/{}" => json;
    /// Deletes a volume snapshot.
    fn delete(volume_snapshot_id: str) -> () = DELETE "/storage/v1/volume-snapshots/{}" => empty;
}
