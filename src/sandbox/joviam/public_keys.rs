//! Public keys.

use crate::joviam::{CreatePublicKey, PublicKey, UpdatePublicKey};
use crate::sandbox::fresh;
use crate::sandbox::http::{Reply, Req};

use super::support::{body, find, invalid, not_blank, position, Answer};
use super::JoviamWorld;

impl JoviamWorld {
    pub(super) fn get_public_key(&self, id: &str) -> Answer {
        Ok(Reply::json(200, find(&self.public_keys, id)?))
    }

    pub(super) fn create_public_key(&mut self, req: &Req) -> Answer {
        let request: CreatePublicKey = body(req)?;
        not_blank("name", &request.name)?;
        if !looks_like_openssh(&request.key) {
            return Err(invalid(
                "key",
                "is not a public key in OpenSSH format (e.g. \"ssh-ed25519 AAAA... comment\")",
            ));
        }
        let stamp = Some(fresh::now());
        let key = PublicKey {
            id: fresh::uuid(),
            name: request.name,
            key: request.key.trim().to_owned(),
            created_at: stamp.clone().map(Into::into),
            updated_at: stamp.map(Into::into),
            extra: Default::default(),
        };
        self.public_keys.push(key.clone());
        Ok(Reply::json(201, &key))
    }

    pub(super) fn update_public_key(&mut self, id: &str, req: &Req) -> Answer {
        let request: UpdatePublicKey = body(req)?;
        let i = position(&self.public_keys, id)?;
        if let Some(name) = &request.name {
            not_blank("name", name)?;
        }
        let key = &mut self.public_keys[i];
        if let Some(name) = request.name {
            key.name = name;
        }
        key.updated_at = Some(fresh::now().into());
        Ok(Reply::json(200, &*key))
    }

    /// Answers `{}`, as the reference does; instances that listed the key lose it.
    pub(super) fn delete_public_key(&mut self, id: &str) -> Answer {
        let i = position(&self.public_keys, id)?;
        self.public_keys.remove(i);
        for record in &mut self.instances {
            record.public_keys.retain(|k| k != id);
        }
        Ok(Reply::json(200, &serde_json::json!({})))
    }
}

/// `<type> <base64> [comment]` with a type OpenSSH knows. The reference's own example key is
/// truncated (`AAAAB3NzaC......uL/jU95H`), so the key material itself is not decoded.
fn looks_like_openssh(key: &str) -> bool {
    let mut parts = key.split_whitespace();
    let known_type = parts.next().is_some_and(|kind| {
        kind.starts_with("ssh-") || kind.starts_with("ecdsa-sha2-") || kind.starts_with("sk-")
    });
    known_type && parts.next().is_some()
}

#[cfg(test)]
mod tests {
    use super::looks_like_openssh;

    #[test]
    fn openssh_keys() {
        assert!(looks_like_openssh(
            "ssh-rsa AAAAB3NzaC......uL/jU95H sharon@sharons-desktop.local (example is truncated)"
        ));
        assert!(looks_like_openssh("ssh-ed25519 AAAAC3Nz"));
        assert!(looks_like_openssh("ecdsa-sha2-nistp256 AAAA x@y"));
        assert!(!looks_like_openssh("ssh-rsa"));
        assert!(!looks_like_openssh("hello world"));
        assert!(!looks_like_openssh(""));
    }
}
