//! Firewall rules.

use crate::operation::{request, resource};
use crate::tavu::FirewallRule;

request! {
    /// Body of [`FirewallRulesHandler::create`] and [`FirewallRulesHandler::update`]: every
    /// field is optional, and an update sends only those set.
    pub struct FirewallRuleFields {}
    optional {
        /// Name.
        pub name: Option<String>,
        /// Description.
        pub description: Option<String>,
        /// `icmp`, `tcp` or `udp`.
        pub protocol: Option<String>,
        /// 4 or 6.
        pub ip_version: Option<u8>,
        /// Source address or CIDR.
        pub source_ip_address: Option<String>,
        /// Destination address or CIDR.
        pub destination_ip_address: Option<String>,
        /// Lowest source port.
        pub source_port_range_min: Option<u16>,
        /// Highest source port (not needed for one port).
        pub source_port_range_max: Option<u16>,
        /// Lowest destination port.
        pub destination_port_range_min: Option<u16>,
        /// Highest destination port (not needed for one port).
        pub destination_port_range_max: Option<u16>,
        /// `allow`, `deny` or `reject`.
        pub action: Option<String>,
        /// Whether the rule is in use.
        pub enabled: Option<bool>,
    }
}

resource! {
    /// A firewall's rules (`tavu.firewall_rules()`).
    pub struct FirewallRulesHandler in "vpsclient.tavu";

    /// Lists a firewall's rules.
    fn list(firewall_id: str) -> Vec<FirewallRule> = GET "/networking/v1/firewalls/{}/rules" => json;
    /// Shows one rule (`GET .../rules/{rule_id}`).
    fn get(firewall_id: str, rule_id: str) -> FirewallRule = GET "/networking/v1/firewalls/{}/rules/{}" => json;
    /// Adds a rule (`POST .../rules`).
    fn create(firewall_id: str; FirewallRuleFields in "rule") -> FirewallRule = POST "/networking/v1/firewalls/{}/rules" => json;
    /// Updates a rule (`PATCH .../rules/{rule_id}`).
    fn update(firewall_id: str, rule_id: str; FirewallRuleFields in "rule") -> FirewallRule = PATCH "/networking/v1/firewalls/{}/rules/{}" => json;
    /// Deletes a rule (`DELETE .../rules/{rule_id}`).
    fn delete(firewall_id: str, rule_id: str) -> () = DELETE "/networking/v1/firewalls/{}/rules/{}" => empty;
}
