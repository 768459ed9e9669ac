//! Firewalls.

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

    /// Lists firewalls.
    fn list() -> Vec<Firewall> = GET "/networking/v1/firewalls" => json;
    /// Shows one firewall.
    fn get(firewall_id: str) -> Firewall = GET "/networking/v1/firewalls/{}" => json;
    /// Updates a firewall.
    fn update(firewall_id: str; UpdateFirewall in "firewall") -> Firewall = PATCH "/networking/v1/firewalls/{}" => json;
    /// Deletes a firewall.
    fn delete(firewall_id: str) -> () = DELETE "/networking/v1/firewalls/{}" => empty;
    /// Marks a firewall's rules as audited (the API uses GET for this change).
    fn audit(firewall_id: str) -> () = GET "/networking/v1/firewalls/{}/audit" => empty;
}
