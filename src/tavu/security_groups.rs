//! Security groups.

use crate::operation::{request, resource};
use crate::tavu::SecurityGroup;

request! {
    /// Body of [`SecurityGroupsHandler::create`].
    pub struct CreateSecurityGroup {
        /// Name.
        pub name: String,
    }
    optional {
        /// Description.
        pub description: Option<String>,
    }
}

request! {
    /// Body of [`SecurityGroupsHandler::update`].
    pub struct UpdateSecurityGroup {}
    optional {
        /// New name.
        pub name: Option<String>,
        /// New description.
        pub description: Option<String>,
    }
}

resource! {
    /// Security groups (`tavu.security_groups()`).
    pub struct SecurityGroupsHandler in "vpsclient.tavu";

    /// Lists security groups.
    fn list() -> Vec<SecurityGroup> = GET "/networking/v1/security-groups" => json;
    /// Shows one security group.
    fn get(security_group_id: str) -> SecurityGroup = GET "/networking/v1/security-groups/{}" => json;
    /// Creates a security group.
    fn create(; CreateSecurityGroup in "security_group") -> SecurityGroup = POST "/networking/v1/security-groups" => json;
    /// Updates a security group.
    fn update(security_group_id: str; UpdateSecurityGroup in "security_group") -> SecurityGroup = PATCH "/networking/v1/security-groups/{}" => json;
    /// Deletes a security group.
    fn delete(security_group_id: str) -> () = DELETE "/networking/v1/security-groups/{}" => empty;
}
