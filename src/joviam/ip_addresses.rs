//! IP addresses, with the public and private lists.

use crate::joviam::IpAddress;
use crate::operation::{request, resource};
use crate::Nullable;

request! {
    /// Body of [`IpAddressesHandler::allocate`]. Give a `network`, or for a public address a
    /// `region`.
    pub struct AllocateIpAddress {}
    optional {
        /// A specific address to allocate, in IPv4 notation.
        pub address: Option<String>,
        /// Name; `Nullable::Null` (Python `None`) sends `null`, allocating it unnamed.
        pub name: Nullable<String>,
        /// ID of the network to allocate from; optional for a public address when `region` is
        /// given.
        pub network: Option<String>,
        /// ID of the region to allocate in; optional when `network` is given.
        pub region: Option<String>,
        /// Whether it can be shared between instances.
        pub shareable: Option<bool>,
    }
}

request! {
    /// Body of [`IpAddressesHandler::update`].
    pub struct UpdateIpAddress {}
    optional {
        /// New name; `Nullable::Null` (Python `None`) clears the name, `Nullable::Absent`
        /// (Python: leave the argument out) keeps it.
        pub name: Nullable<String>,
        /// Whether it can be shared between instances.
        pub shareable: Option<bool>,
    }
}

resource! {
    /// IP addresses (`joviam.ip_addresses()`): allocate, name, share and release addresses.
    pub struct IpAddressesHandler in "vpsclient.joviam";

    /// Lists all IP addresses.
    fn list() -> Vec<IpAddress> = GET "/ip_addresses" => json;
    /// Lists public IP addresses.
    fn list_public() -> Vec<IpAddress> = GET "/ip_addresses/public" => json;
    /// Lists private IP addresses.
    fn list_private() -> Vec<IpAddress> = GET "/ip_addresses/private" => json;
    /// Shows one IP address.
    fn get(ip_address_id: str) -> IpAddress = GET "/ip_addresses/{}" => json;
    /// Allocates an IP address; all fields optional: `address`, `name`
    /// (None sends null), `network`, `region`, `shareable`.
    fn allocate(; AllocateIpAddress) -> IpAddress = POST "/ip_addresses" => json;
    /// Updates an IP address's `name` (None clears it) or `shareable`.
    fn update(ip_address_id: str; UpdateIpAddress) -> IpAddress = PUT "/ip_addresses/{}" => json;
    /// Deallocates an IP address; the API answers
    /// `{}`.
    fn deallocate(ip_address_id: str) -> () = DELETE "/ip_addresses/{}" => empty;
}
