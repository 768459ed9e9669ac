//! Operating systems.

use crate::operation::resource;
use crate::tavu::Image;

resource! {
    /// Operating systems (`tavu.operating_systems()`): the images instances can boot from.
    pub struct OperatingSystemsHandler in "vpsclient.tavu";

    /// Lists the available operating systems.
    fn list() -> Vec<Image> = GET "/image/v1/operating-systems" => json;
}
