//! Firewalls (`tavu.firewalls()`).

use std::time::Duration;

use super::support::{decode, done, find, find_mut, not_blank, ok, position, referred, Answer};
use super::{Change, TavuWorld};
use crate::sandbox::route::Body;
use crate::tavu::UpdateFirewall;

impl TavuWorld {
    pub(super) fn get_firewall(&self, id: &str) -> Answer {
        ok(find(&self.firewalls, id, "firewall")?)
    }

    pub(super) fn update_firewall(&mut self, delay: Duration, id: &str, body: Body<'_>) -> Answer {
        find(&self.firewalls, id, "firewall")?;
        let req: UpdateFirewall = decode(body)?;
        if let Some(name) = &req.name {
            not_blank("name", name)?;
        }
        for router in req.router_ids.iter().flatten() {
            referred(&self.routers, router, "router_ids", "router")?;
        }
        let firewall = find_mut(&mut self.firewalls, id, "firewall")?;
        if let Some(name) = req.name {
            firewall.name = name;
        }
        if let Some(description) = req.description {
            firewall.description = Some(description);
        }
        if let Some(up) = req.admin_state_up {
            firewall.admin_state_up = Some(up);
        }
        if let Some(routers) = req.router_ids {
            firewall.router_ids = routers;
        }
        firewall.status = Some("PENDING_UPDATE".into());
        let answer = ok(firewall);
        self.schedule(delay, Change::Firewall { id: id.to_owned() });
        answer
    }

    /// The firewall's settled status: `ACTIVE` when it is up and attached to routers,
    /// `INACTIVE` otherwise (as in the reference's examples).
    pub(super) fn settle_firewall(&mut self, id: &str) {
        if let Some(firewall) = self.firewalls.iter_mut().find(|f| f.id == id) {
            let active = firewall.admin_state_up == Some(true) && !firewall.router_ids.is_empty();
            firewall.status = Some(if active { "ACTIVE" } else { "INACTIVE" }.into());
        }
    }

    pub(super) fn delete_firewall(&mut self, id: &str) -> Answer {
        let index = position(&self.firewalls, id, "firewall")?;
        self.firewalls.remove(index);
        self.firewall_rules.retain(|(firewall, _)| firewall != id);
        done()
    }

    pub(super) fn audit_firewall(&mut self, id: &str) -> Answer {
        find_mut(&mut self.firewalls, id, "firewall")?.audited = Some(true);
        done()
    }
}
