//! Floating IPs.

use crate::operation::{request, resource};
use crate::tavu::FloatingIp;
use crate::Nullable;

request! {
    /// Body of [`FloatingIpsHandler::update`].
    pub struct UpdateFloatingIp {}
    optional {
        /// The instance interface (port) to associate the address with;
        /// `Nullable::Null` (Python `None`) disassociates it.
        pub port_id: Nullable<String>,
        /// Description.
        pub description: Option<String>,
    }
}

resource! {
    /// Floating IPs (`tavu.floating_ips()`).
    pub struct FloatingIpsHandler in "vpsclient.tavu";

    /// Lists floating IPs.
    fn list() -> Vec<FloatingIp> = GET "/networking/v1/floating-ips" => json;
    /// Shows one floating IP.
    fn get(floating_ip_id: str) -> FloatingIp = GET "/networking/v1/floating-ips/{}" => json;
    /// Associates, disassociates or describes a floating IP.
    fn update(floating_ip_id: str; UpdateFloatingIp in "floating_ip") -> FloatingIp = PATCH "/networking/v1/floating-ips/{}" => json;
    /// Releases a floating IP.
    fn delete(floating_ip_id: str) -> () = DELETE "/networking/v1/floating-ips/{}" => empty;
}
