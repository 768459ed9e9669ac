//! Disks, with their state, resize and clone.

use crate::joviam::{Disk, DiskState};
use crate::operation::{request, resource};

request! {
    /// Body of [`DisksHandler::create`].
    pub struct CreateDisk {
        /// Name of the disk.
        pub name: String,
        /// Size in gigabytes.
        pub size: u64,
        /// ID of the region to create it in.
        pub region: String,
        /// ID of its performance tier.
        pub performance_tier: String,
    }
    optional {
        /// ID or slug of the template to source it from; without one the disk is blank.
        pub template: Option<String>,
        /// Whether it emulates a CD-ROM.
        pub cdrom: Option<bool>,
        /// Whether it is a template other disks can be cloned from.
        pub is_template: Option<bool>,
    }
}

request! {
    /// Body of [`DisksHandler::update`].
    pub struct UpdateDisk {}
    optional {
        /// New name.
        pub name: Option<String>,
        /// Whether it emulates a CD-ROM.
        pub cdrom: Option<bool>,
        /// Whether it is a template other disks can be cloned from.
        pub is_template: Option<bool>,
    }
}

request! {
    /// Body of [`DisksHandler::resize`].
    pub struct ResizeDisk {
        /// New size in gigabytes.
        pub size: u64,
    }
}

request! {
    /// Body of [`DisksHandler::clone`].
    pub struct CloneDisk {}
    optional {
        /// Name of the new disk.
        pub name: Option<String>,
        /// ID of the new disk's performance tier.
        pub performance_tier: Option<String>,
        /// Whether the new disk is a template.
        pub is_template: Option<bool>,
    }
}

resource! {
    /// Disks (`joviam.disks()`): block devices that can be attached to instances.
    pub struct DisksHandler in "vpsclient.joviam";
    waiters {
        resource "disk";
        object Disk.state;
        args (disk_id, state);
        failure_states ["failed_to_provision", "failed_to_terminate"];
        gone_states ["terminated"];
        fn wait_for_state, wait_for_state_all, wait_for_deletion;
    }

    /// Lists disks.
    fn list() -> Vec<Disk> = GET "/disks" => json;
    /// Shows one disk.
    fn get(disk_id: str) -> Disk = GET "/disks/{}" => json;
    /// Creates a disk, blank unless a template is given. Takes `name`, `size`
    /// (gigabytes), `region` and `performance_tier` (IDs), and optionally `template` (ID or
    /// slug), `cdrom` and `is_template`.
    fn create(; CreateDisk) -> Disk = POST "/disks" => json;
    /// Updates a disk's `name`, `cdrom` or `is_template`.
    fn update(disk_id: str; UpdateDisk) -> Disk = PUT "/disks/{}" => json;
    /// Deletes a disk and returns it in its new state.
    fn delete(disk_id: str) -> Disk = DELETE "/disks/{}" => json;
    /// The state of a disk, e.g. `attached`.
    fn state(disk_id: str) -> DiskState = GET "/disks/{}/state" => field("state");
    /// Resizes a disk to `size` gigabytes.
    fn resize(disk_id: str; ResizeDisk) -> Disk = POST "/disks/{}/resize" => json;
    /// Clones a disk and returns the new disk; optionally
    /// with a `name`, `performance_tier` and `is_template`.
    fn clone(disk_id: str; CloneDisk) -> Disk = POST "/disks/{}/clone" => json;
}
