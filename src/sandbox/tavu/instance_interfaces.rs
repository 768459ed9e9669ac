//! Instance interfaces (`tavu.instance_interfaces()`).

use super::instances::COMPUTE_OWNER;
use super::support::{decode, done, find, not_found, ok, Answer};
use super::TavuWorld;
use crate::sandbox::route::Body;
use crate::tavu::CreateInstanceInterface;

impl TavuWorld {
    pub(super) fn instance_ports(&self, instance_id: &str) -> Vec<crate::tavu::Port> {
        self.ports
            .iter()
            .filter(|p| {
                p.device_id.as_deref() == Some(instance_id)
                    && p.device_owner.as_deref() == Some(COMPUTE_OWNER)
            })
            .map(|p| self.render_port(p))
            .collect()
    }

    pub(super) fn list_interfaces(&self, instance_id: &str) -> Answer {
        find(&self.instances, instance_id, "instance")?;
        ok(&self.instance_ports(instance_id))
    }

    pub(super) fn get_interface(&self, instance_id: &str, port_id: &str) -> Answer {
        find(&self.instances, instance_id, "instance")?;
        match self
            .instance_ports(instance_id)
            .into_iter()
            .find(|p| p.id == port_id)
        {
            Some(port) => ok(&port),
            None => Err(not_found("interface", port_id)),
        }
    }

    pub(super) fn create_interface(&mut self, instance_id: &str, body: Body<'_>) -> Answer {
        find(&self.instances, instance_id, "instance")?;
        let req: CreateInstanceInterface = decode(body)?;
        self.check_attachable_network(&req.network_id, "network_id")?;
        let port = self.add_port(&req.network_id, instance_id, COMPUTE_OWNER, "network_id")?;
        ok(&self.render_port(&port))
    }

    pub(super) fn delete_interface(&mut self, instance_id: &str, port_id: &str) -> Answer {
        find(&self.instances, instance_id, "instance")?;
        if !self
            .instance_ports(instance_id)
            .iter()
            .any(|p| p.id == port_id)
        {
            return Err(not_found("interface", port_id));
        }
        self.remove_port(port_id);
        done()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::super::catalogue::{PUBLIC_NETWORK_ID, PUBLIC_SUBNET_ID};
    use super::*;
    use crate::sandbox::http::Req;
    use crate::sandbox::Settings;

    /// Calls the declared operation `handler.name` with these path parameters and body.
    fn call(
        world: &mut TavuWorld,
        handler: &str,
        name: &str,
        params: &[&str],
        body: &str,
    ) -> (u16, serde_json::Value) {
        let settings = Settings {
            build_delay: Duration::ZERO,
        };
        let op = crate::tavu::TavuClient::operations()
            .into_iter()
            .find(|op| op.handler == handler && op.name == name)
            .expect("a declared operation");
        let mut params = params.iter();
        let req = Req {
            method: op.method.into(),
            segments: op
                .path
                .split('/')
                .filter(|s| !s.is_empty())
                .map(|s| match s {
                    "{}" => params.next().expect("a path parameter").to_string(),
                    literal => literal.to_owned(),
                })
                .collect(),
            body: body.as_bytes().to_vec(),
        };
        let reply = world.route(&settings, &req);
        let body = reply.body.map_or(serde_json::Value::Null, |b| {
            serde_json::from_slice(&b).unwrap()
        });
        (reply.status, body)
    }

    /// The public network's ID, as its ports show it, attaches an instance like `"public"`.
    #[test]
    fn the_public_network_is_attachable_by_its_id() {
        let mut world = TavuWorld::seeded();
        let instance = format!(
            r#"{{"instance": {{"name": "a", "image_id": "00ed37ab-7a47-45b3-9419-543a40b3c3f2",
                "configuration_id": "9c345ee8-9f33-49e0-80d6-73a1f766a268",
                "networks": ["{PUBLIC_NETWORK_ID}"]}}}}"#
        );
        let (status, created) = call(&mut world, "InstancesHandler", "create", &[], &instance);
        assert_eq!(status, 200, "{created}");
        assert_eq!(created["ports"][0]["network_id"], PUBLIC_NETWORK_ID);
        let id = created["id"].as_str().unwrap();
        let (status, port) = call(
            &mut world,
            "InstanceInterfacesHandler",
            "create",
            &[id],
            &format!(r#"{{"network_id": "{PUBLIC_NETWORK_ID}"}}"#),
        );
        assert_eq!(status, 200, "{port}");
        assert_eq!(port["network_id"], PUBLIC_NETWORK_ID);
        assert_eq!(port["ip_allocations"][0]["subnet_id"], PUBLIC_SUBNET_ID);
    }
}
