//! Instance users (`tavu.instance_users()`).

use super::support::{decode, done, int_id, invalid, not_blank, not_found, ok, referred, Answer};
use super::{TavuWorld, UserRecord};
use crate::sandbox::fresh;
use crate::sandbox::http::Reply;
use crate::sandbox::route::Body;
use crate::tavu::{CreateInstanceUser, InstanceUser, UpdateInstanceUser};

impl TavuWorld {
    fn render_user(&self, user: &UserRecord) -> InstanceUser {
        InstanceUser {
            id: user.id,
            username: user.username.clone(),
            ssh_keys: user
                .ssh_keys
                .iter()
                .filter_map(|name| self.ssh_keys.iter().find(|k| &k.name == name).cloned())
                .collect(),
            disable_password: Some(user.disable_password),
            created_at: Some(user.created_at.clone().into()),
            extra: Default::default(),
        }
    }

    fn user_index(&self, raw_id: &str) -> Result<usize, Reply> {
        let id = int_id(raw_id, "instance user")?;
        self.instance_users
            .iter()
            .position(|u| u.id == id)
            .ok_or_else(|| not_found("instance user", id))
    }

    pub(super) fn list_users(&self) -> Answer {
        let all: Vec<InstanceUser> = self
            .instance_users
            .iter()
            .map(|u| self.render_user(u))
            .collect();
        ok(&all)
    }

    pub(super) fn get_user(&self, id: &str) -> Answer {
        ok(&self.render_user(&self.instance_users[self.user_index(id)?]))
    }

    pub(super) fn create_user(&mut self, body: Body<'_>) -> Answer {
        let req: CreateInstanceUser = decode(body)?;
        not_blank("username", &req.username)?;
        let mut user = UserRecord {
            id: self.last_user_id + 1,
            username: req.username,
            ssh_keys: Vec::new(),
            password: None,
            // The reference: "Defaults to true."
            disable_password: true,
            created_at: fresh::now(),
        };
        self.change_user(
            &mut user,
            req.ssh_keys,
            req.password,
            req.password_confirmation,
            req.disable_password,
        )?;
        self.last_user_id = user.id;
        let answer = self.render_user(&user);
        self.instance_users.push(user);
        ok(&answer)
    }

    pub(super) fn update_user(&mut self, id: &str, body: Body<'_>) -> Answer {
        let index = self.user_index(id)?;
        let req: UpdateInstanceUser = decode(body)?;
        not_blank("username", &req.username)?;
        // Worked on a copy, so a rejected update changes nothing.
        let current = &self.instance_users[index];
        let mut user = UserRecord {
            id: current.id,
            username: req.username,
            ssh_keys: current.ssh_keys.clone(),
            password: current.password.clone(),
            disable_password: current.disable_password,
            created_at: current.created_at.clone(),
        };
        self.change_user(
            &mut user,
            req.ssh_keys,
            req.password,
            req.password_confirmation,
            req.disable_password,
        )?;
        let answer = self.render_user(&user);
        self.instance_users[index] = user;
        ok(&answer)
    }

    /// Applies the optional fields of a create or update, then checks the user can log in:
    /// SSH keys when passwords are disabled, a password when they are not.
    fn change_user(
        &self,
        user: &mut UserRecord,
        ssh_keys: Option<Vec<String>>,
        password: Option<String>,
        confirmation: Option<String>,
        disable_password: Option<bool>,
    ) -> Result<(), Reply> {
        if let Some(keys) = ssh_keys {
            for name in &keys {
                referred(&self.ssh_keys, name, "ssh_keys", "SSH key")?;
            }
            user.ssh_keys = keys;
        }
        if let Some(password) = password {
            match confirmation {
                None => {
                    return Err(invalid(
                        "password_confirmation",
                        "is required when a password is given",
                    ))
                }
                Some(c) if c != password => {
                    return Err(invalid("password_confirmation", "doesn't match password"))
                }
                Some(_) => user.password = Some(password),
            }
        }
        if let Some(disable) = disable_password {
            user.disable_password = disable;
        }
        if user.disable_password && user.ssh_keys.is_empty() {
            return Err(invalid(
                "ssh_keys",
                "are required when disable_password is true (its default)",
            ));
        }
        if !user.disable_password && user.password.is_none() {
            return Err(invalid(
                "password",
                "is required when disable_password is false",
            ));
        }
        Ok(())
    }

    pub(super) fn delete_user(&mut self, id: &str) -> Answer {
        let index = self.user_index(id)?;
        self.instance_users.remove(index);
        done()
    }
}
