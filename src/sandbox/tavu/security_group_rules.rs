//! Security group rules (`tavu.security_group_rules()`).

use super::support::{decode, done, find, invalid, not_found, ok, one_of, referred, Answer, Cidr};
use super::TavuWorld;
use crate::sandbox::fresh;
use crate::sandbox::http::Reply;
use crate::sandbox::route::Body;
use crate::tavu::{CreateSecurityGroupRule, SecurityGroupRule};

impl TavuWorld {
    fn security_group_rule_index(&self, group_id: &str, rule_id: &str) -> Result<usize, Reply> {
        find(&self.security_groups, group_id, "security group")?;
        self.security_group_rules
            .iter()
            .position(|r| r.id == rule_id && r.security_group_id.as_deref() == Some(group_id))
            .ok_or_else(|| not_found("security group rule", rule_id))
    }

    pub(super) fn list_security_group_rules(&self, group_id: &str) -> Answer {
        find(&self.security_groups, group_id, "security group")?;
        let rules: Vec<&SecurityGroupRule> = self
            .security_group_rules
            .iter()
            .filter(|r| r.security_group_id.as_deref() == Some(group_id))
            .collect();
        ok(&rules)
    }

    pub(super) fn get_security_group_rule(&self, group_id: &str, rule_id: &str) -> Answer {
        ok(&self.security_group_rules[self.security_group_rule_index(group_id, rule_id)?])
    }

    pub(super) fn create_security_group_rule(&mut self, group_id: &str, body: Body<'_>) -> Answer {
        find(&self.security_groups, group_id, "security group")?;
        let req: CreateSecurityGroupRule = decode(body)?;
        one_of("direction", &req.direction, &["ingress", "egress"])?;
        let ethertype = req.ethertype.unwrap_or_else(|| "IPv4".into());
        one_of("ethertype", &ethertype, &["IPv4", "IPv6"])?;
        if req.remote_group_id.is_some() && req.remote_ip_prefix.is_some() {
            return Err(invalid(
                "remote_group_id",
                "give remote_group_id or remote_ip_prefix, not both",
            ));
        }
        if let Some(remote) = &req.remote_group_id {
            referred(
                &self.security_groups,
                remote,
                "remote_group_id",
                "security group",
            )?;
        }
        if let Some(prefix) = &req.remote_ip_prefix {
            let cidr = Cidr::parse_loose(prefix).ok_or_else(|| {
                invalid(
                    "remote_ip_prefix",
                    format!("'{prefix}' is not an address or CIDR"),
                )
            })?;
            if (ethertype == "IPv6") != cidr.v6 {
                return Err(invalid(
                    "remote_ip_prefix",
                    format!("{prefix} does not match ethertype {ethertype}"),
                ));
            }
        }
        let (port_range_min, port_range_max) = check_rule_ports(
            req.protocol.as_deref(),
            req.port_range_min,
            req.port_range_max,
        )?;
        let rule = SecurityGroupRule {
            id: fresh::uuid(),
            security_group_id: Some(group_id.to_owned()),
            remote_group_id: req.remote_group_id,
            direction: req.direction,
            ethertype: Some(ethertype),
            protocol: req.protocol,
            port_range_min,
            port_range_max,
            remote_ip_prefix: req.remote_ip_prefix,
            extra: Default::default(),
        };
        self.security_group_rules.push(rule.clone());
        ok(&rule)
    }

    pub(super) fn delete_security_group_rule(&mut self, group_id: &str, rule_id: &str) -> Answer {
        let index = self.security_group_rule_index(group_id, rule_id)?;
        self.security_group_rules.remove(index);
        done()
    }
}

/// Checks a security group rule's port range against its protocol; for TCP and UDP a minimum
/// alone also sets the maximum ("not needed if rule affects only one port").
fn check_rule_ports(
    protocol: Option<&str>,
    min: Option<i64>,
    max: Option<i64>,
) -> Result<(Option<i64>, Option<i64>), Reply> {
    let kind = match protocol {
        None => None,
        Some(p @ ("icmp" | "icmpv6" | "tcp" | "udp")) => Some(p),
        Some(p) => match p.parse::<u16>() {
            Ok(1..=255) => Some("number"),
            _ => {
                return Err(invalid(
                    "protocol",
                    format!("'{p}' is not icmp, icmpv6, tcp, udp or a number from 1 to 255"),
                ))
            }
        },
    };
    if min.is_none() && max.is_none() {
        return Ok((None, None));
    }
    match kind {
        Some("tcp" | "udp") => {
            let min = min.ok_or_else(|| {
                invalid("port_range_min", "is required when port_range_max is given")
            })?;
            let max = max.unwrap_or(min);
            if !(0..=65535).contains(&min) || !(0..=65535).contains(&max) {
                return Err(invalid("port_range_min", "ports run from 0 to 65535"));
            }
            if min > max {
                return Err(invalid(
                    "port_range_min",
                    format!("{min} is above port_range_max {max}"),
                ));
            }
            Ok((Some(min), Some(max)))
        }
        Some("icmp" | "icmpv6") => {
            for (field, value) in [("port_range_min", min), ("port_range_max", max)] {
                if value.is_some_and(|v| !(0..=255).contains(&v)) {
                    return Err(invalid(field, "an ICMP type or code runs from 0 to 255"));
                }
            }
            Ok((min, max))
        }
        _ => Err(invalid(
            "port_range_min",
            "port ranges need protocol tcp, udp, icmp or icmpv6",
        )),
    }
}
