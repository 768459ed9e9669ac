//! Configurations.

use crate::operation::resource;
use crate::tavu::Configuration;

resource! {
    /// Configurations (`tavu.configurations()`): the instance sizes on offer.
    pub struct ConfigurationsHandler in "vpsclient.tavu";

    /// Lists the available configurations.
    fn list() -> Vec<Configuration> = GET "/compute/v1/configurations" => json;
}
