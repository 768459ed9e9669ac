//! Security groups (`tavu.security_groups()`).

use super::catalogue::DEFAULT_SECURITY_GROUP_ID;
use super::support::{
    decode, done, find, find_mut, not_blank, ok_without, position, refused, Answer,
};
use super::TavuWorld;
use crate::sandbox::fresh;
use crate::sandbox::route::Body;
use crate::tavu::{CreateSecurityGroup, SecurityGroup, UpdateSecurityGroup};

impl TavuWorld {
    /// The group with its rules embedded, as instances show it.
    pub(super) fn security_group_with_rules(&self, id: &str) -> Option<SecurityGroup> {
        let group = self.security_groups.iter().find(|g| g.id == id)?;
        Some(SecurityGroup {
            rules: self
                .security_group_rules
                .iter()
                .filter(|r| r.security_group_id.as_deref() == Some(id))
                .cloned()
                .collect(),
            ..group.clone()
        })
    }

    pub(super) fn get_security_group(&self, id: &str) -> Answer {
        ok_without(find(&self.security_groups, id, "security group")?, "rules")
    }

    pub(super) fn create_security_group(&mut self, body: Body<'_>) -> Answer {
        let req: CreateSecurityGroup = decode(body)?;
        not_blank("name", &req.name)?;
        let group = SecurityGroup {
            id: fresh::uuid(),
            name: req.name,
            description: Some(req.description.unwrap_or_default()),
            rules: Vec::new(),
            extra: Default::default(),
        };
        self.security_groups.push(group.clone());
        ok_without(&group, "rules")
    }

    pub(super) fn update_security_group(&mut self, id: &str, body: Body<'_>) -> Answer {
        find(&self.security_groups, id, "security group")?;
        let req: UpdateSecurityGroup = decode(body)?;
        if let Some(name) = &req.name {
            not_blank("name", name)?;
        }
        let group = find_mut(&mut self.security_groups, id, "security group")?;
        if let Some(name) = req.name {
            group.name = name;
        }
        if let Some(description) = req.description {
            group.description = Some(description);
        }
        ok_without(group, "rules")
    }

    pub(super) fn delete_security_group(&mut self, id: &str) -> Answer {
        let index = position(&self.security_groups, id, "security group")?;
        if id == DEFAULT_SECURITY_GROUP_ID {
            return Err(refused("the default security group cannot be deleted"));
        }
        if let Some(instance) = self
            .instances
            .iter()
            .find(|i| i.security_group_ids.iter().any(|g| g == id))
        {
            return Err(refused(format!(
                "Cannot delete security group {id}: instance {} uses it",
                instance.id
            )));
        }
        self.security_groups.remove(index);
        // Its rules go with it, and so do other groups' rules that admit it.
        self.security_group_rules.retain(|r| {
            r.security_group_id.as_deref() != Some(id) && r.remote_group_id.as_deref() != Some(id)
        });
        done()
    }
}
