//! Networks, with the public and private lists.

use crate::joviam::Network;
use crate::operation::{request, resource};
use crate::Nullable;

request! {
    /// Body of [`NetworksHandler::create`]: a private network.
    pub struct CreateNetwork {
        /// Name. The reference marks it required but nullable: `None` is sent as `null`.
        pub name: Option<String>,
        /// ID of the region to create it in.
        pub region: String,
        /// Its range in CIDR notation, e.g. `192.168.2.0/24`.
        pub specification: String,
    }
    optional {
        /// Gateway address; `Nullable::Null` (Python `None`) sends `null`: no gateway.
        pub gateway: Nullable<String>,
        /// Primary name server; `Nullable::Null` (Python `None`) sends `null`.
        pub primary_nameserver: Nullable<String>,
        /// Secondary name server; `Nullable::Null` (Python `None`) sends `null`.
        pub secondary_nameserver: Nullable<String>,
    }
}

request! {
    /// Body of [`NetworksHandler::update`]. Each field can be left out (kept), set, or sent
    /// as `null` (cleared): `Nullable::Absent`, a value, or `Nullable::Null`; in Python, leave
    /// the argument out, pass a value, or pass `None`.
    pub struct UpdateNetwork {}
    optional {
        /// New gateway address, or `Null` to remove it.
        pub gateway: Nullable<String>,
        /// New name, or `Null` to clear it.
        pub name: Nullable<String>,
        /// New primary name server, or `Null` to clear it.
        pub primary_nameserver: Nullable<String>,
        /// New secondary name server, or `Null` to clear it.
        pub secondary_nameserver: Nullable<String>,
    }
}

resource! {
    /// Networks (`joviam.networks()`): public networks, and the private ones you create.
    pub struct NetworksHandler in "vpsclient.joviam";

    /// Lists all networks.
    fn list() -> Vec<Network> = GET "/networks" => json;
    /// Lists public networks.
    fn list_public() -> Vec<Network> = GET "/networks/public" => json;
    /// Lists private networks.
    fn list_private() -> Vec<Network> = GET "/networks/private" => json;
    /// Shows one network.
    fn get(network_id: str) -> Network = GET "/networks/{}" => json;
    /// Creates a private network from `name` (None sends null), `region`
    /// and `specification` (CIDR), and optionally `gateway`, `primary_nameserver` and
    /// `secondary_nameserver` (None sends null).
    fn create(; CreateNetwork) -> Network = POST "/networks" => json;
    /// Updates a private network: `gateway`, `name`,
    /// `primary_nameserver`, `secondary_nameserver`; None clears a field, leaving it out keeps
    /// it.
    fn update(network_id: str; UpdateNetwork) -> Network = PUT "/networks/{}" => json;
    /// Deletes a private network and returns it in its new
    /// state.
    fn delete(network_id: str) -> Network = DELETE "/networks/{}" => json;
}
