//! Public keys.

use crate::joviam::PublicKey;
use crate::operation::{request, resource};

request! {
    /// Body of [`PublicKeysHandler::create`].
    pub struct CreatePublicKey {
        /// Name of the key.
        pub name: String,
        /// The key, in OpenSSH format.
        pub key: String,
    }
}

request! {
    /// Body of [`PublicKeysHandler::update`].
    pub struct UpdatePublicKey {}
    optional {
        /// New name.
        pub name: Option<String>,
    }
}

resource! {
    /// Public keys (`joviam.public_keys()`): SSH keys that can log into instances.
    pub struct PublicKeysHandler in "vpsclient.joviam";

    /// Lists public keys.
    fn list() -> Vec<PublicKey> = GET "/public_keys" => json;
    /// Shows one public key.
    fn get(public_key_id: str) -> PublicKey = GET "/public_keys/{}" => json;
    /// Uploads a public key: `name` and `key` in OpenSSH format.
    fn create(; CreatePublicKey) -> PublicKey = POST "/public_keys" => json;
    /// Renames a public key.
    fn update(public_key_id: str; UpdatePublicKey) -> PublicKey = PUT "/public_keys/{}" => json;
    /// Deletes a public key; the API answers `{}`.
    fn delete(public_key_id: str) -> () = DELETE "/public_keys/{}" => empty;
}
