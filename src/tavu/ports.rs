//! Ports.

use crate::operation::{request, resource};
use crate::tavu::Port;

request! {
    /// Body of [`PortsHandler::update`].
    pub struct UpdatePort {}
    optional {
        /// New name.
        pub name: Option<String>,
        /// New description.
        pub description: Option<String>,
        /// New administrative state: up (true) or down (false).
        pub admin_state_up: Option<bool>,
    }
}

resource! {
    /// Ports (`tavu.ports()`).
    pub struct PortsHandler in "vpsclient.tavu";

    /// Lists ports.
    fn list() -> Vec<Port> = GET "/networking/v1/ports" => json;
    /// Shows one port.
    fn get(port_id: str) -> Port = GET "/networking/v1/ports/{}" => json;
    /// Updates a port.
    fn update(port_id: str; UpdatePort in "port") -> Port = PATCH "/networking/v1/ports/{}" => json;
}
