//! Instance snapshots.

use crate::operation::{request, resource};
use crate::tavu::InstanceSnapshot;

request! {
    /// Body of [`InstanceSnapshotsHandler::create`].
    pub struct CreateInstanceSnapshot {
        /// The instance to snapshot.
        pub instance_id: String,
        /// Name of the snapshot.
        pub name: String,
    }
}

resource! {
    /// Instance snapshots (`tavu.instance_snapshots()`).
    pub struct InstanceSnapshotsHandler in "vpsclient.tavu";

    /// Lists instance snapshots.
    fn list() -> Vec<InstanceSnapshot> = GET "/image/v1/instance-snapshots" => json;
    /// Shows one instance snapshot.
    fn get(instance_snapshot_id: str) -> InstanceSnapshot = GET "/image/v1/instance-snapshots/{}" => json;
    /// Snapshots an instance; it starts `queued`.
    fn create(; CreateInstanceSnapshot in "snapshot") -> InstanceSnapshot = POST "/image/v1/instance-snapshots" => json;
    /// Deletes an instance snapshot.
    fn delete(instance_snapshot_id: str) -> () = DELETE "/image/v1/instance-snapshots/{}" => empty;
}
