//! Routers.

use crate::operation::{request, resource};
use crate::tavu::{RouteSpec, Router};

request! {
    /// Body of [`RoutersHandler::update`].
    pub struct UpdateRouter {}
    optional {
        /// New name.
        pub name: Option<String>,
        /// New description.
        pub description: Option<String>,
        /// New administrative state.
        pub admin_state_up: Option<bool>,
        /// Whether the router gets a gateway address in the external network.
        pub attach_to_external: Option<bool>,
        /// Replaces the static routes.
        pub routes: Option<Vec<RouteSpec>>,
    }
}

resource! {
    /// Routers (`tavu.routers()`).
    pub struct RoutersHandler in "vpsclient.tavu";

    /// Lists routers.
    fn list() -> Vec<Router> = GET "/networking/v1/routers" => json;
    /// Shows one router.
    fn get(router_id: str) -> Router = GET "/networking/v1/routers/{}" => json;
    /// Updates a router.
    fn update(router_id: str; UpdateRouter in "router") -> Router = PATCH "/networking/v1/routers/{}" => json;
    /// Deletes a router.
    fn delete(router_id: str) -> () = DELETE "/networking/v1/routers/{}" => empty;
}
