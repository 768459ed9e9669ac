//! SSH keys (`tavu.ssh_keys()`).

use super::support::{self, decode, done, find, invalid, not_blank, ok, position, Answer};
use super::TavuWorld;
use crate::sandbox::fresh;
use crate::sandbox::route::Body;
use crate::tavu::{CreateSshKey, SshKey};

impl TavuWorld {
    pub(super) fn get_ssh_key(&self, name: &str) -> Answer {
        ok(find(&self.ssh_keys, name, "SSH key")?)
    }

    pub(super) fn create_ssh_key(&mut self, body: Body<'_>) -> Answer {
        let req: CreateSshKey = decode(body)?;
        not_blank("name", &req.name)?;
        if self.ssh_keys.iter().any(|k| k.name == req.name) {
            return Err(invalid(
                "name",
                format!(
                    "an SSH key named '{}' already exists; names must be unique",
                    req.name
                ),
            ));
        }
        let (public_key, private_key) =
            match req.public_key {
                Some(key) if support::looks_like_public_key(&key) => (key, None),
                Some(_) => return Err(invalid(
                    "public_key",
                    "is not an OpenSSH public key (expected e.g. 'ssh-ed25519 AAAA... comment')",
                )),
                None => {
                    let (public, private) = support::generated_key_pair();
                    (public, Some(private))
                }
            };
        let key = SshKey {
            name: req.name,
            fingerprint: Some(support::fingerprint(&public_key)),
            public_key: Some(public_key),
            created_at: Some(fresh::now().into()),
            private_key: None,
            extra: Default::default(),
        };
        self.ssh_keys.push(key.clone());
        // The reference's create example shows no `created_at` (its reads do).
        support::ok_without(&SshKey { private_key, ..key }, "created_at")
    }

    pub(super) fn delete_ssh_key(&mut self, name: &str) -> Answer {
        let index = position(&self.ssh_keys, name, "SSH key")?;
        self.ssh_keys.remove(index);
        done()
    }
}
