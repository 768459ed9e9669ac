//! Volumes, with attach and detach.

use crate::operation::{request, resource};
use crate::tavu::{Volume, VolumeAttachResult};

request! {
    /// Body of [`VolumesHandler::create`].
    pub struct CreateVolume {
        /// Size in gigabytes.
        pub size: u64,
        /// Name.
        pub name: String,
    }
    optional {
        /// Description.
        pub description: Option<String>,
        /// A volume snapshot to create the volume from.
        pub snapshot_id: Option<String>,
    }
}

request! {
    /// Body of [`VolumesHandler::update`].
    pub struct UpdateVolume {}
    optional {
        /// New name.
        pub name: Option<String>,
        /// New description.
        pub description: Option<String>,
    }
}

request! {
    /// Body of [`VolumesHandler::attach`].
    pub struct AttachVolume {
        /// The instance to attach the volume to.
        pub instance_id: String,
    }
}

request! {
    /// Body of [`VolumesHandler::detach`].
    pub struct DetachVolume {
        /// The instance to detach the volume from.
        pub instance_id: String,
    }
}

resource! {
    /// Volumes (`tavu.volumes()`): block storage, attachable to instances.
    pub struct VolumesHandler in "vpsclient.tavu";
    waiters {
        resource "volume";
        object Volume.status;
        args (volume_id, status);
        failure_states ["error", "error_deleting"];
        gone_states [];
        fn wait_for_status, wait_for_status_all, wait_for_deletion;
    }

    /// Lists volumes.
    fn list() -> Vec<Volume> = GET "/storage/v1/volumes" => json;
    /// Shows one volume.
    fn get(volume_id: str) -> Volume = GET "/storage/v1/volumes/{}" => json;
    /// Creates a volume; it starts `creating`.
    fn create(; CreateVolume in "volume") -> Volume = POST "/storage/v1/volumes" => json;
    /// Updates a volume's name or description.
    fn update(volume_id: str; UpdateVolume in "volume") -> Volume = PATCH "/storage/v1/volumes/{}" => json;
    /// Deletes a volume.
    fn delete(volume_id: str) -> () = DELETE "/storage/v1/volumes/{}" => empty;
    /// Attaches a volume to an instance.
    fn attach(volume_id: str; AttachVolume) -> VolumeAttachResult = PATCH "/storage/v1/volumes/{}/attach" => json;
    /// Detaches a volume from an instance.
    fn detach(volume_id: str; DetachVolume) -> () = PATCH "/storage/v1/volumes/{}/detach" => empty;
}
