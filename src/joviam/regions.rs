//! Regions.

use crate::joviam::Region;
use crate::operation::resource;

resource! {
    /// Regions (`joviam.regions()`): the data centers.
    pub struct RegionsHandler in "vpsclient.joviam";

    /// Lists regions.
    fn list() -> Vec<Region> = GET "/regions" => json;
    /// Shows one region.
    fn get(region_id: str) -> Region = GET "/regions/{}" => json;
}
