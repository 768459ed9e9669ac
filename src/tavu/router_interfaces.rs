//! Router port interfaces.

use crate::operation::{request, resource};
use crate::tavu::{Port, RouterInterface};

request! {
    /// Body of [`RouterInterfacesHandler::create`].
    pub struct CreateRouterInterface {
        /// The subnet to connect the router to.
        pub subnet_id: String,
    }
}

resource! {
    /// A router's interfaces (`tavu.router_interfaces()`).
    pub struct RouterInterfacesHandler in "vpsclient.tavu";

    /// Lists a router's interfaces.
    fn list(router_id: str) -> Vec<Port> = GET "/networking/v1/routers/{}/interfaces" => json;
    /// Shows one interface (`GET .../interfaces/{interface_id}`).
    fn get(router_id: str, interface_id: str) -> Port = GET "/networking/v1/routers/{}/interfaces/{}" => json;
    /// Connects the router to a subnet (`POST .../interfaces`).
    fn create(router_id: str; CreateRouterInterface) -> RouterInterface = POST "/networking/v1/routers/{}/interfaces" => json;
    /// Disconnects an interface (`DELETE .../interfaces/{interface_id}`); returns what was
    /// removed.
    fn delete(router_id: str, interface_id: str) -> RouterInterface = DELETE "/networking/v1/routers/{}/interfaces/{}" => json;
}
