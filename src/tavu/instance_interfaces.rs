//! Instance port interfaces.

use crate::operation::{request, resource};
use crate::tavu::Port;

request! {
    /// Body of [`InstanceInterfacesHandler::create`].
    pub struct CreateInstanceInterface {
        /// The network to attach the instance to, or `"public"`.
        pub network_id: String,
    }
}

resource! {
    /// An instance's network interfaces (`tavu.instance_interfaces()`).
    pub struct InstanceInterfacesHandler in "vpsclient.tavu";

    /// Lists an instance's interfaces.
    fn list(instance_id: str) -> Vec<Port> = GET "/compute/v1/instances/{}/interfaces" => json;
    /// Shows one interface (`GET .../interfaces/{interface_id}`).
    fn get(instance_id: str, interface_id: str) -> Port = GET "/compute/v1/instances/{}/interfaces/{}" => json;
    /// Adds an interface in a network and returns its port (`POST .../interfaces`).
    fn create(instance_id: str; CreateInstanceInterface) -> Port = POST "/compute/v1/instances/{}/interfaces" => json;
    /// Removes an interface (`DELETE .../interfaces/{interface_id}`).
    fn delete(instance_id: str, interface_id: str) -> () = DELETE "/compute/v1/instances/{}/interfaces/{}" => empty;
}
