//! Firewall rules (`tavu.firewall_rules()`).

use super::support::{decode, done, find, invalid, not_found, ok, one_of, Answer, Cidr};
use super::TavuWorld;
use crate::sandbox::fresh;
use crate::sandbox::http::Reply;
use crate::sandbox::route::Body;
use crate::tavu::{FirewallRule, FirewallRuleFields};

impl TavuWorld {
    fn rules_of<'a>(&'a self, firewall_id: &'a str) -> impl Iterator<Item = &'a FirewallRule> {
        self.firewall_rules
            .iter()
            .filter(move |(f, _)| f == firewall_id)
            .map(|(_, rule)| rule)
    }

    fn firewall_rule_index(&self, firewall_id: &str, rule_id: &str) -> Result<usize, Reply> {
        find(&self.firewalls, firewall_id, "firewall")?;
        self.firewall_rules
            .iter()
            .position(|(f, rule)| f == firewall_id && rule.id == rule_id)
            .ok_or_else(|| not_found("firewall rule", rule_id))
    }

    /// A rule change makes the firewall's audit stale.
    fn unaudit(&mut self, firewall_id: &str) {
        if let Some(firewall) = self.firewalls.iter_mut().find(|f| f.id == firewall_id) {
            firewall.audited = Some(false);
        }
    }

    pub(super) fn list_firewall_rules(&self, firewall_id: &str) -> Answer {
        find(&self.firewalls, firewall_id, "firewall")?;
        ok(&self.rules_of(firewall_id).collect::<Vec<_>>())
    }

    pub(super) fn get_firewall_rule(&self, firewall_id: &str, rule_id: &str) -> Answer {
        let index = self.firewall_rule_index(firewall_id, rule_id)?;
        ok(&self.firewall_rules[index].1)
    }

    pub(super) fn create_firewall_rule(&mut self, firewall_id: &str, body: Body<'_>) -> Answer {
        find(&self.firewalls, firewall_id, "firewall")?;
        let req: FirewallRuleFields = decode(body)?;
        let position = self
            .rules_of(firewall_id)
            .filter_map(|r| r.position)
            .max()
            .unwrap_or(0)
            + 1;
        let blank = FirewallRule {
            id: fresh::uuid(),
            name: Some(String::new()),
            description: Some(String::new()),
            protocol: None,
            ip_version: Some(4),
            source_ip_address: None,
            destination_ip_address: None,
            source_port_range_min: None,
            source_port_range_max: None,
            destination_port_range_min: None,
            destination_port_range_max: None,
            action: Some("allow".into()),
            enabled: Some(true),
            position: Some(position),
            extra: Default::default(),
        };
        let rule = merge_firewall_rule(blank, req)?;
        self.firewall_rules
            .push((firewall_id.to_owned(), rule.clone()));
        self.unaudit(firewall_id);
        ok(&rule)
    }

    pub(super) fn update_firewall_rule(
        &mut self,
        firewall_id: &str,
        rule_id: &str,
        body: Body<'_>,
    ) -> Answer {
        let index = self.firewall_rule_index(firewall_id, rule_id)?;
        let req: FirewallRuleFields = decode(body)?;
        let rule = merge_firewall_rule(self.firewall_rules[index].1.clone(), req)?;
        self.firewall_rules[index].1 = rule.clone();
        self.unaudit(firewall_id);
        ok(&rule)
    }

    pub(super) fn delete_firewall_rule(&mut self, firewall_id: &str, rule_id: &str) -> Answer {
        let index = self.firewall_rule_index(firewall_id, rule_id)?;
        let (_, removed) = self.firewall_rules.remove(index);
        // Later rules move up one place.
        for (_, rule) in self
            .firewall_rules
            .iter_mut()
            .filter(|(f, _)| f == firewall_id)
        {
            if let (Some(p), Some(gone)) = (rule.position, removed.position) {
                if p > gone {
                    rule.position = Some(p - 1);
                }
            }
        }
        self.unaudit(firewall_id);
        done()
    }
}

/// Applies the fields given to a firewall rule and checks the result. A minimum port given
/// without its maximum sets both (the reference: the maximum is "not needed if rule affects
/// only one port", and its update example answers so).
fn merge_firewall_rule(
    mut rule: FirewallRule,
    req: FirewallRuleFields,
) -> Result<FirewallRule, Reply> {
    macro_rules! set {
        ($($field:ident),*) => {
            $(if let Some(value) = req.$field.clone() {
                rule.$field = Some(value);
            })*
        };
    }
    set!(
        name,
        description,
        protocol,
        ip_version,
        source_ip_address,
        destination_ip_address,
        source_port_range_min,
        source_port_range_max,
        destination_port_range_min,
        destination_port_range_max,
        action,
        enabled
    );
    if req.source_port_range_min.is_some() && req.source_port_range_max.is_none() {
        rule.source_port_range_max = rule.source_port_range_min;
    }
    if req.destination_port_range_min.is_some() && req.destination_port_range_max.is_none() {
        rule.destination_port_range_max = rule.destination_port_range_min;
    }
    if let Some(protocol) = &rule.protocol {
        one_of("protocol", protocol, &["icmp", "tcp", "udp"])?;
    }
    if let Some(action) = &rule.action {
        one_of("action", action, &["allow", "deny", "reject"])?;
    }
    let version = rule.ip_version.unwrap_or(4);
    if version != 4 && version != 6 {
        return Err(invalid("ip_version", "must be 4 or 6"));
    }
    for (field, address) in [
        ("source_ip_address", &rule.source_ip_address),
        ("destination_ip_address", &rule.destination_ip_address),
    ] {
        if let Some(address) = address {
            match Cidr::parse_loose(address) {
                None => {
                    return Err(invalid(
                        field,
                        format!("'{address}' is not an address or CIDR"),
                    ))
                }
                Some(cidr) if cidr.version() != version => {
                    return Err(invalid(
                        field,
                        format!("{address} is not an IPv{version} address"),
                    ))
                }
                Some(_) => {}
            }
        }
    }
    let takes_ports = matches!(rule.protocol.as_deref(), Some("tcp" | "udp"));
    for (field, min, max) in [
        (
            "source_port_range_min",
            rule.source_port_range_min,
            rule.source_port_range_max,
        ),
        (
            "destination_port_range_min",
            rule.destination_port_range_min,
            rule.destination_port_range_max,
        ),
    ] {
        if (min.is_some() || max.is_some()) && !takes_ports {
            return Err(invalid(field, "port ranges need protocol tcp or udp"));
        }
        if let (Some(min), Some(max)) = (min, max) {
            if min > max {
                return Err(invalid(field, format!("{min} is above the maximum {max}")));
            }
        }
    }
    Ok(rule)
}
