//! Subnets.

use crate::operation::{request, resource};
use crate::tavu::Subnet;
use crate::Nullable;

request! {
    /// An address pool for [`CreateSubnet`] and [`UpdateSubnet`]; in Python a dict
    /// `{"start": ..., "end": ...}`.
    pub struct AllocationPoolSpec {
        /// First address.
        pub start: String,
        /// Last address.
        pub end: String,
    }
}

request! {
    /// A static route for a subnet's host routes or a router's routes; in Python a dict
    /// `{"destination": ..., "nexthop": ...}`.
    pub struct RouteSpec {
        /// Destination CIDR.
        pub destination: String,
        /// Next-hop address.
        pub nexthop: String,
    }
}

request! {
    /// Body of [`SubnetsHandler::create`].
    pub struct CreateSubnet {
        /// Name.
        pub name: String,
        /// The network the subnet belongs to.
        pub network_id: String,
        /// Address range, e.g. `192.168.2.0/24`.
        pub cidr: String,
        /// 4 or 6; must match the CIDR.
        pub ip_version: u8,
    }
    optional {
        /// Description.
        pub description: Option<String>,
        /// Gateway address; `Nullable::Null` creates the subnet without a gateway.
        pub gateway_ip: Nullable<String>,
        /// Whether DHCP is on.
        pub enable_dhcp: Option<bool>,
        /// IPv6 RA mode: `dhcpv6-stateless`, `dhcpv6-stateful` or `slaac`.
        pub ipv6_ra_mode: Option<String>,
        /// IPv6 address mode: `dhcpv6-stateless`, `dhcpv6-stateful` or `slaac`.
        pub ipv6_address_mode: Option<String>,
        /// DNS servers to hand out.
        pub dns_nameservers: Option<Vec<String>>,
        /// Address pools.
        pub allocation_pools: Option<Vec<AllocationPoolSpec>>,
        /// Host routes to hand out.
        pub host_routes: Option<Vec<RouteSpec>>,
    }
}

request! {
    /// Body of [`SubnetsHandler::update`].
    pub struct UpdateSubnet {}
    optional {
        /// New name.
        pub name: Option<String>,
        /// New description.
        pub description: Option<String>,
        /// New gateway address; `Nullable::Null` (Python `None`) removes the gateway.
        pub gateway_ip: Nullable<String>,
        /// Whether DHCP is on.
        pub enable_dhcp: Option<bool>,
        /// Replaces the DNS servers.
        pub dns_nameservers: Option<Vec<String>>,
        /// Replaces the address pools.
        pub allocation_pools: Option<Vec<AllocationPoolSpec>>,
        /// Replaces the host routes (an empty list removes them all).
        pub host_routes: Option<Vec<RouteSpec>>,
    }
}

resource! {
    /// Subnets (`tavu.subnets()`).
    pub struct SubnetsHandler in "vpsclient.tavu";

    /// Lists subnets.
    fn list() -> Vec<Subnet> = GET "/networking/v1/subnets" => json;
    /// Shows one subnet.
    fn get(subnet_id: str) -> Subnet = GET "/networking/v1/subnets/{}" => json;
    /// Creates a subnet.
    fn create(; CreateSubnet in "subnet") -> Subnet = POST "/networking/v1/subnets" => json;
    /// Updates a subnet.
    fn update(subnet_id: str; UpdateSubnet in "subnet") -> Subnet = PATCH "/networking/v1/subnets/{}" => json;
    /// Deletes a subnet.
    fn delete(subnet_id: str) -> () = DELETE "/networking/v1/subnets/{}" => empty;
}
