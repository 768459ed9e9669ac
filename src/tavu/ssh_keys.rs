//! SSH keys. A key's name is its ID, so names are percent-encoded
//! as one path segment (they may hold spaces or slashes).

use crate::operation::{request, resource};
use crate::tavu::SshKey;

request! {
    /// Body of [`SshKeysHandler::create`].
    pub struct CreateSshKey {
        /// Unique name; it is also the key's ID.
        pub name: String,
    }
    optional {
        /// The public key to import. Without it the API generates a key pair and returns the
        /// private key, once, in [`SshKey::private_key`].
        pub public_key: Option<String>,
    }
}

resource! {
    /// SSH keys (`tavu.ssh_keys()`).
    pub struct SshKeysHandler in "vpsclient.tavu";

    /// Lists SSH keys.
    fn list() -> Vec<SshKey> = GET "/compute/v1/ssh-keys" => json;
    /// Shows one SSH key by name.
    fn get(ssh_key_name: str) -> SshKey = GET "/compute/v1/ssh-keys/{}" => json;
    /// Imports a public key, or generates a key pair.
    fn create(; CreateSshKey in "ssh_key") -> SshKey = POST "/compute/v1/ssh-keys" => json;
    /// Deletes an SSH key by name.
    fn delete(ssh_key_name: str) -> () = DELETE "/compute/v1/ssh-keys/{}" => empty;
}
