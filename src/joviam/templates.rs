//! Templates.

use crate::joviam::Template;
use crate::operation::{request, resource};

request! {
    /// Body of [`TemplatesHandler::supersede`].
    pub struct SupersedeTemplate {
        /// ID of the disk that becomes the new version's source.
        pub disk: String,
        /// ID of the template to supersede (make a new version of).
        pub supersedes: String,
    }
}

resource! {
    /// Templates (`joviam.templates()`): what boot disks are provisioned from.
    pub struct TemplatesHandler in "vpsclient.joviam";

    /// Lists templates.
    fn list() -> Vec<Template> = GET "/templates" => json;
    /// Shows one template.
    fn get(template_id: str) -> Template = GET "/templates/{}" => json;
    /// Creates a new version of the template `supersedes` from the disk `disk`
    /// and returns it.
    fn supersede(; SupersedeTemplate) -> Template = POST "/templates" => json;
}
