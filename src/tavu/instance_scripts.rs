//! Instance scripts.
//!
//! The reference's examples for update and delete show `/instance-users/...` URLs and its
//! delete section is titled "Delete instance user": copy-paste slips. Its request line for
//! update says `/instance-scripts/{instance_script_id}`, which is what both use here.

use crate::operation::{request, resource};
use crate::tavu::InstanceScript;

request! {
    /// Body of [`InstanceScriptsHandler::create`].
    pub struct CreateInstanceScript {
        /// Name.
        pub name: String,
        /// The script, strict Base64 (no line breaks).
        pub script: String,
    }
    optional {
        /// Description.
        pub description: Option<String>,
    }
}

request! {
    /// Body of [`InstanceScriptsHandler::update`].
    pub struct UpdateInstanceScript {
        /// Name (the API requires it on every update).
        pub name: String,
        /// The script, strict Base64 (required on every update).
        pub script: String,
    }
    optional {
        /// Description.
        pub description: Option<String>,
    }
}

resource! {
    /// Instance scripts (`tavu.instance_scripts()`): saved first-boot scripts. Their IDs are
    /// integers.
    pub struct InstanceScriptsHandler in "vpsclient.tavu";

    /// Lists instance scripts.
    fn list() -> Vec<InstanceScript> = GET "/compute/v1/instance-scripts" => json;
    /// Shows one instance script.
    fn get(instance_script_id: int) -> InstanceScript = GET "/compute/v1/instance-scripts/{}" => json;
    /// Creates an instance script.
    fn create(; CreateInstanceScript in "instance_script") -> InstanceScript = POST "/compute/v1/instance-scripts" => json;
    /// Updates an instance script.
    fn update(instance_script_id: int; UpdateInstanceScript in "instance_script") -> InstanceScript = PATCH "/compute/v1/instance-scripts/{}" => json;
    /// Deletes an instance script.
    fn delete(instance_script_id: int) -> () = DELETE "/compute/v1/instance-scripts/{}" => empty;
}
