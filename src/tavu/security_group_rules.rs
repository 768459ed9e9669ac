//! Security group rules.

use crate::operation::{request, resource};
use crate::tavu::SecurityGroupRule;

request! {
    /// Body of [`SecurityGroupRulesHandler::create`].
    pub struct CreateSecurityGroupRule {
        /// `ingress` or `egress`.
        pub direction: String,
    }
    optional {
        /// Remote security group to admit (give this or `remote_ip_prefix`).
        pub remote_group_id: Option<String>,
        /// Remote CIDR to admit (give this or `remote_group_id`).
        pub remote_ip_prefix: Option<String>,
        /// `icmp`, `icmpv6`, `tcp`, `udp`, or a protocol number 1-255 as a string.
        pub protocol: Option<String>,
        /// `IPv4` or `IPv6`.
        pub ethertype: Option<String>,
        /// Lowest port, or the ICMP type.
        pub port_range_min: Option<i64>,
        /// Highest port, or the ICMP code.
        pub port_range_max: Option<i64>,
    }
}

resource! {
    /// A security group's rules (`tavu.security_group_rules()`).
    pub struct SecurityGroupRulesHandler in "vpsclient.tavu";

    /// Lists a group's rules.
    fn list(security_group_id: str) -> Vec<SecurityGroupRule> = GET "/networking/v1/security-groups/{}/rules" => json;
    /// Shows one rule (`GET .../rules/{rule_id}`).
    fn get(security_group_id: str, rule_id: str) -> SecurityGroupRule = GET "/networking/v1/security-groups/{}/rules/{}" => json;
    /// Adds a rule (`POST .../rules`).
    fn create(security_group_id: str; CreateSecurityGroupRule in "rule") -> SecurityGroupRule = POST "/networking/v1/security-groups/{}/rules" => json;
    /// Deletes a rule (`DELETE .../rules/{rule_id}`).
    fn delete(security_group_id: str, rule_id: str) -> () = DELETE "/networking/v1/security-groups/{}/rules/{}" => empty;
}
