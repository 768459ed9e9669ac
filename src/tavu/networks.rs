//! Networks.

use crate::operation::{request, resource};
use crate::tavu::Network;

request! {
    /// Body of [`NetworksHandler::create`].
    pub struct CreateNetwork {
        /// Name.
        pub name: String,
    }
    optional {
        /// Description.
        pub description: Option<String>,
        /// Administrative state: up (true) or down (false).
        pub admin_state_up: Option<bool>,
    }
}

request! {
    /// Body of [`NetworksHandler::update`].
    pub struct UpdateNetwork {}
    optional {
        /// New name.
        pub name: Option<String>,
        /// New description.
        pub description: Option<String>,
        /// New administrative state.
        pub admin_state_up: Option<bool>,
    }
}

resource! {
    /// Private networks (`tavu.networks()`).
    pub struct NetworksHandler in "vpsclient.tavu";

    /// Lists networks.
    fn list() -> Vec<Network> = GET "/networking/v1/networks" => json;
    /// Shows one network.
    fn get(network_id: str) -> Network = GET "/networking/v1/networks/{}" => json;
    /// Creates a network.
    fn create(; CreateNetwork in "network") -> Network = POST "/networking/v1/networks" => json;
    /// Updates a network.
    fn update(network_id: str; UpdateNetwork in "network") -> Network = PATCH "/networking/v1/networks/{}" => json;
    /// Deletes a network.
    fn delete(network_id: str) -> () = DELETE "/networking/v1/networks/{}" => empty;
}
