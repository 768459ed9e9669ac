//! Performance tiers.

use crate::joviam::PerformanceTier;
use crate::operation::resource;

resource! {
    /// Performance tiers (`joviam.performance_tiers()`): the performance levels on offer for
    /// instances and for disks.
    pub struct PerformanceTiersHandler in "vpsclient.joviam";

    /// Lists the instance performance tiers.
    fn list_instance() -> Vec<PerformanceTier> = GET "/performance_tiers/instances" => json;
    /// Lists the disk performance tiers.
    fn list_disk() -> Vec<PerformanceTier> = GET "/performance_tiers/disks" => json;
}
