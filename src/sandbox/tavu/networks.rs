//! Private networks (`tavu.networks()`).

use super::support::{decode, done, find, find_mut, not_blank, ok, position, refused, Answer};
use super::TavuWorld;
use crate::sandbox::fresh;
use crate::sandbox::route::Body;
use crate::tavu::{CreateNetwork, Network, UpdateNetwork};

impl TavuWorld {
    pub(super) fn get_network(&self, id: &str) -> Answer {
        ok(find(&self.networks, id, "network")?)
    }

    pub(super) fn create_network(&mut self, body: Body<'_>) -> Answer {
        let req: CreateNetwork = decode(body)?;
        not_blank("name", &req.name)?;
        let network = Network {
            id: fresh::uuid(),
            name: req.name,
            description: Some(req.description.unwrap_or_default()),
            status: Some("ACTIVE".into()),
            admin_state_up: Some(req.admin_state_up.unwrap_or(true)),
            extra: Default::default(),
        };
        self.networks.push(network.clone());
        ok(&network)
    }

    pub(super) fn update_network(&mut self, id: &str, body: Body<'_>) -> Answer {
        find(&self.networks, id, "network")?;
        let req: UpdateNetwork = decode(body)?;
        if let Some(name) = &req.name {
            not_blank("name", name)?;
        }
        let network = find_mut(&mut self.networks, id, "network")?;
        if let Some(name) = req.name {
            network.name = name;
        }
        if let Some(description) = req.description {
            network.description = Some(description);
        }
        if let Some(up) = req.admin_state_up {
            network.admin_state_up = Some(up);
        }
        ok(network)
    }

    pub(super) fn delete_network(&mut self, id: &str) -> Answer {
        let index = position(&self.networks, id, "network")?;
        let subnets = self.subnets.iter().filter(|s| s.network_id == id).count();
        if subnets > 0 {
            return Err(refused(format!(
                "Cannot delete network {id}: it still has {subnets} subnet(s); delete them first"
            )));
        }
        let ports = self.ports.iter().filter(|p| p.network_id == id).count();
        if ports > 0 {
            return Err(refused(format!(
                "Cannot delete network {id}: {ports} port(s) still use it (instance or router \
                 interfaces); remove them first"
            )));
        }
        self.networks.remove(index);
        done()
    }
}
