//! Firewalls: `/networking/v1/firewalls`.

use crate::operation::{request, resource};
use crate::tavu::Firewall;

request! {
    /// Body of [`FirewallsHandler::update`].
    pub struct UpdateFirewall {}
    optional {
        /// New name.
        pub name: Option<String>,
        /// New description.
        pub description: Option<String>,
        /// New administrative state.
        pub admin_state_up: Option<bool>,
        /// Routers the firewall is attached to (replaces the list).
        pub router_ids: Option<Vec<String>>,
    }
}

resource! {
    /// Firewalls (`tavu.firewalls()`).
    pub struct FirewallsHandler in "vpsclient.tavu";

    /// Lists firewalls (`GET /networking/v1/firewalls`).
    fn list() -> Vec<Firewall> = GET "/networking/v1/firewalls" => json;
    /// Shows one firewall (`GET /networking/v1/firewalls/{firewall_id}`).
    fn get(firewall_id: str) -> Firewall = GET "/networking/v1/firewalls/{}" => json;
    /// Updates a firewall (`PATCH /networking/v1/firewalls/{firewall_id}`).
    fn update(firewall_id: str; UpdateFirewall in "firewall") -> Firewall = PATCH "/networking/v1/firewalls/{}" => json;
    /// Deletes a firewall (`DELETE /networking/v1/firewalls/{firewall_id}`).
    fn delete(firewall_id: str) -> () = DELETE "/networking/v1/firewalls/{}" => empty;
    /// Marks a firewall's rules as audited (`GET /networking/v1/firewalls/{firewall_id}/audit`;
    /// the API uses GET for this change).
    fn audit(firewall_id: str) -> () = GET "/networking/v1/firewalls/{}/audit" => empty;
}
