//! Instance users.

use crate::operation::{request, resource};
use crate::tavu::InstanceUser;

request! {
    /// Body of [`InstanceUsersHandler::create`].
    pub struct CreateInstanceUser {
        /// Login name.
        pub username: String,
    }
    optional {
        /// Password; required when `disable_password` is false.
        pub password: Option<String>,
        /// Must match `password`.
        pub password_confirmation: Option<String>,
        /// Names of SSH keys; required when `disable_password` is true.
        pub ssh_keys: Option<Vec<String>>,
        /// Disable password login. The server defaults this to true.
        pub disable_password: Option<bool>,
    }
}

request! {
    /// Body of [`InstanceUsersHandler::update`].
    pub struct UpdateInstanceUser {
        /// Login name (the API requires it on every update).
        pub username: String,
    }
    optional {
        /// New password.
        pub password: Option<String>,
        /// Must match `password`.
        pub password_confirmation: Option<String>,
        /// Replaces the user's SSH keys.
        pub ssh_keys: Option<Vec<String>>,
        /// Disable password login.
        pub disable_password: Option<bool>,
    }
}

resource! {
    /// Instance users (`tavu.instance_users()`): accounts that new instances are created with.
    /// Their IDs are integers.
    pub struct InstanceUsersHandler in "vpsclient.tavu";

    /// Lists instance users.
    fn list() -> Vec<InstanceUser> = GET "/compute/v1/instance-users" => json;
    /// Shows one instance user.
    fn get(instance_user_id: int) -> InstanceUser = GET "/compute/v1/instance-users/{}" => json;
    /// Creates an instance user.
    fn create(; CreateInstanceUser in "instance_user") -> InstanceUser = POST "/compute/v1/instance-users" => json;
    /// Updates an instance user.
    fn update(instance_user_id: int; UpdateInstanceUser in "instance_user") -> InstanceUser = PATCH "/compute/v1/instance-users/{}" => json;
    /// Deletes an instance user.
    fn delete(instance_user_id: int) -> () = DELETE "/compute/v1/instance-users/{}" => empty;
}
