//! Instances, their actions and their rebuild.

use crate::operation::{request, resource};
use crate::tavu::Instance;

request! {
    /// Body of [`InstancesHandler::create`].
    pub struct CreateInstance {
        /// Name of the instance.
        pub name: String,
        /// Image to boot from: an operating system or an instance snapshot.
        pub image_id: String,
        /// Configuration (size) to boot with.
        pub configuration_id: String,
    }
    optional {
        /// Network IDs to attach; `"public"` for the public network. Without any, the instance
        /// is attached to a public network.
        pub networks: Option<Vec<String>>,
        /// Names of SSH keys to install. (The reference's example shows an older single
        /// `ssh_key` string; its parameter table, which we follow, takes this array.)
        pub ssh_keys: Option<Vec<String>>,
        /// Disable password login (needs SSH keys).
        pub disable_password: Option<bool>,
        /// Instance users to create on the instance.
        pub instance_user_ids: Option<Vec<u64>>,
        /// Saved instance script to run on first boot (overrides instance users).
        pub instance_script_id: Option<u64>,
        /// A one-off first-boot script, strict Base64.
        pub instance_script: Option<String>,
        /// Upgrade packages on first boot.
        pub upgrade_on_first_boot: Option<bool>,
        /// Reboot after cloud-init has run.
        pub reboot_after_cloud_init: Option<bool>,
        /// Generate credentials when building from a snapshot.
        pub generate_credentials: Option<bool>,
        /// Availability zone; chosen automatically when unset.
        pub availability_zone_id: Option<String>,
    }
}

request! {
    /// Body of [`InstancesHandler::update`].
    pub struct UpdateInstance {}
    optional {
        /// New name.
        pub name: Option<String>,
    }
}

request! {
    /// Body of [`InstancesHandler::resize`].
    pub struct ResizeInstance {
        /// The configuration to resize to.
        pub configuration_id: String,
    }
}

request! {
    /// Body of [`InstancesHandler::rebuild`].
    pub struct RebuildInstance {
        /// The image to rebuild from.
        pub image_id: String,
    }
    optional {
        /// A new name for the instance.
        pub name: Option<String>,
    }
}

resource! {
    /// Instances (`tavu.instances()`): list, create, change and delete virtual machines, and
    /// start, stop, reboot, resize and rebuild them.
    pub struct InstancesHandler in "vpsclient.tavu";
    waiters {
        resource "instance";
        object Instance.status;
        args (instance_id, status);
        failure_states ["error"];
        gone_states [];
        fn wait_for_status, wait_for_status_all, wait_for_deletion;
    }

    /// Lists all instances.
    fn list() -> Vec<Instance> = GET "/compute/v1/instances" => json;
    /// Shows one instance.
    fn get(instance_id: str) -> Instance = GET "/compute/v1/instances/{}" => json;
    /// Creates an instance. It starts in status `building`; the
    /// answer carries generated credentials (`username`, `password`) when the API made them.
    fn create(; CreateInstance in "instance") -> Instance = POST "/compute/v1/instances" => json;
    /// Renames an instance.
    fn update(instance_id: str; UpdateInstance in "instance") -> Instance = PATCH "/compute/v1/instances/{}" => json;
    /// Deletes an instance.
    fn delete(instance_id: str) -> () = DELETE "/compute/v1/instances/{}" => empty;
    /// Starts an instance.
    fn start(instance_id: str) action "start" -> () = POST "/compute/v1/instances/{}/action" => empty;
    /// Stops an instance (`POST .../action`, `{"stop": null}`).
    fn stop(instance_id: str) action "stop" -> () = POST "/compute/v1/instances/{}/action" => empty;
    /// Reboots an instance (`POST .../action`, `{"reboot": null}`).
    fn reboot(instance_id: str) action "reboot" -> () = POST "/compute/v1/instances/{}/action" => empty;
    /// Force-reboots an instance (`POST .../action`, `{"force_reboot": null}`).
    fn force_reboot(instance_id: str) action "force_reboot" -> () = POST "/compute/v1/instances/{}/action" => empty;
    /// Resizes an instance to another configuration (`POST .../action`, `{"resize": {...}}`);
    /// confirm or revert it afterwards.
    fn resize(instance_id: str; ResizeInstance in "resize") -> () = POST "/compute/v1/instances/{}/action" => empty;
    /// Confirms a resize (`POST .../action`, `{"confirm_resize": null}`).
    fn confirm_resize(instance_id: str) action "confirm_resize" -> () = POST "/compute/v1/instances/{}/action" => empty;
    /// Reverts a resize (`POST .../action`, `{"revert_resize": null}`).
    fn revert_resize(instance_id: str) action "revert_resize" -> () = POST "/compute/v1/instances/{}/action" => empty;
    /// Rebuilds an instance from an image (`POST .../action`, `{"rebuild": {...}}`) and returns
    /// it, with new generated credentials when the API made them.
    fn rebuild(instance_id: str; RebuildInstance in "rebuild") -> Instance = POST "/compute/v1/instances/{}/action" => json;
}
