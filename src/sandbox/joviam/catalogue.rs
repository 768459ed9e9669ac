//! The catalogue a new organization sees (regions, performance tiers, templates, one public
//! network per region) and its routes: regions, performance tiers, templates.

use crate::joviam::{
    DiskState, Network, NetworkState, PerformanceTier, Region, SupersedeTemplate, Template,
    Virtualization,
};
use crate::sandbox::fresh;
use crate::sandbox::http::{Reply, Req};

use super::support::{body, find, invalid, referenced, Answer};
use super::JoviamWorld;

/// The reference's only region.
const AU_EAST: (&str, &str, &str) = ("0f442f96-09e5-d4cc-9452-34896246cce7", "AU East", "SY3");
/// The reference's performance tier, listed for both instances and disks.
const STANDARD_TIER: (&str, &str) = ("9023fa53-fe2a-81b7-6904-7d28ae3e3d51", "Standard");
/// The reference's template.
const UBUNTU_TEMPLATE: &str = "74f53564-53a6-9e43-8e0f-58ef93103cc0";

impl JoviamWorld {
    /// The world as a new organization sees it: the catalogue of the reference (its region,
    /// its performance tier for instances and disks, its templates) plus one public network
    /// per region, and nothing else.
    pub(crate) fn seeded() -> Self {
        let region = Region {
            id: AU_EAST.0.into(),
            name: AU_EAST.1.into(),
            code: AU_EAST.2.into(),
            extra: Default::default(),
        };
        let tier = PerformanceTier {
            id: STANDARD_TIER.0.into(),
            name: STANDARD_TIER.1.into(),
            region: region.clone(),
            extra: Default::default(),
        };
        let templates = vec![
            // The reference's example, except that its `disk_id` is null (the attribute table
            // says so for system templates, and the example's disk does not exist in a new
            // organization) and so is `superseded_by_id` (the example names the template
            // itself, a copy-paste slip: it would make it supersede itself).
            Template {
                id: UBUNTU_TEMPLATE.into(),
                name: Some("Ubuntu 16.04".into()),
                region: region.clone(),
                minimum_disk_size: Some(50),
                allows_public_key_auth: true,
                slug: Some("ubuntu-16-04".into()),
                version: 1,
                disk_id: None,
                published: true,
                superseded_by_id: None,
                recommended_virtualization: Virtualization::Hvm,
                extra: Default::default(),
            },
            // The reference's create examples ask for the template `example` (with a 30 GB
            // boot disk), so a template with that slug exists for them to run as written.
            Template {
                id: fresh::uuid(),
                name: Some("Example Linux".into()),
                region: region.clone(),
                minimum_disk_size: Some(10),
                allows_public_key_auth: true,
                slug: Some("example".into()),
                version: 1,
                disk_id: None,
                published: true,
                superseded_by_id: None,
                recommended_virtualization: Virtualization::Hvm,
                extra: Default::default(),
            },
        ];
        let stamp = Some(fresh::now());
        // A documentation range (RFC 5737): the sandbox's public addresses route nowhere.
        let public = Network {
            id: fresh::uuid(),
            name: Some(format!("{} Public", region.name)),
            is_public: true,
            specification: "203.0.113.0/24".into(),
            netmask: "255.255.255.0".into(),
            gateway: Some("203.0.113.1".into()),
            primary_nameserver: Some("203.0.113.2".into()),
            secondary_nameserver: Some("203.0.113.3".into()),
            state: NetworkState::Ready,
            network_address: "203.0.113.0".into(),
            region: region.clone(),
            created_at: stamp.clone().map(Into::into),
            updated_at: stamp.map(Into::into),
            extra: Default::default(),
        };
        JoviamWorld {
            regions: vec![region],
            instance_tiers: vec![tier.clone()],
            disk_tiers: vec![tier],
            templates,
            networks: vec![public],
            ..JoviamWorld::default()
        }
    }

    pub(super) fn get_region(&self, id: &str) -> Answer {
        Ok(Reply::json(200, find(&self.regions, id)?))
    }

    pub(super) fn get_template(&self, id: &str) -> Answer {
        Ok(Reply::json(200, find(&self.templates, id)?))
    }

    /// A performance tier named in `field`, which must be one of `tiers` (instance or disk
    /// tiers) and available in `region`.
    pub(super) fn tier_in(
        tiers: &[PerformanceTier],
        field: &str,
        id: &str,
        region: &Region,
    ) -> Result<PerformanceTier, Reply> {
        let tier = referenced(tiers, field, id)?;
        if tier.region.id != region.id {
            return Err(invalid(
                field,
                &format!(
                    "performance tier {id} is not available in region {}",
                    region.id
                ),
            ));
        }
        Ok(tier.clone())
    }

    /// The template a body names in `field` by ID or slug (a slug finds the latest version),
    /// which must be available in `region`.
    pub(super) fn template_for(
        &self,
        field: &str,
        reference: &str,
        region: &Region,
    ) -> Result<Template, Reply> {
        let template = self
            .templates
            .iter()
            .find(|t| t.id == reference)
            .or_else(|| {
                self.templates
                    .iter()
                    .filter(|t| t.slug.as_deref() == Some(reference))
                    .filter(|t| t.superseded_by_id.is_none())
                    .max_by_key(|t| t.version)
            })
            .ok_or_else(|| invalid(field, &format!("no template with ID or slug {reference:?}")))?;
        if template.region.id != region.id {
            return Err(invalid(
                field,
                &format!(
                    "template {reference} is not available in region {}",
                    region.id
                ),
            ));
        }
        Ok(template.clone())
    }

    /// `templates.supersede`: a new version of `supersedes`, sourced from `disk`. It keeps the
    /// name, slug (which then finds it) and settings of the old version, with the version one
    /// higher and the disk's size as its minimum; the old version's `superseded_by_id` names
    /// it. Only the latest version can be superseded.
    pub(super) fn supersede_template(&mut self, req: &Req) -> Answer {
        let request: SupersedeTemplate = body(req)?;
        let old = referenced(&self.templates, "supersedes", &request.supersedes)?.clone();
        if let Some(newer) = &old.superseded_by_id {
            return Err(invalid(
                "supersedes",
                &format!("template {} has already been superseded by {newer}", old.id),
            ));
        }
        let disk = referenced(&self.disks, "disk", &request.disk)?;
        if disk.region.id != old.region.id {
            return Err(invalid(
                "disk",
                &format!(
                    "disk {} is in region {}, the template in {}",
                    disk.id, disk.region.id, old.region.id
                ),
            ));
        }
        if !matches!(disk.state, DiskState::Attached | DiskState::Unattached) {
            return Err(invalid(
                "disk",
                &format!(
                    "disk {} is {}; it cannot be a template source now",
                    disk.id, disk.state
                ),
            ));
        }
        let new = Template {
            id: fresh::uuid(),
            version: old.version + 1,
            disk_id: Some(disk.id.clone()),
            minimum_disk_size: Some(disk.size),
            superseded_by_id: None,
            ..old.clone()
        };
        if let Some(slot) = self.templates.iter_mut().find(|t| t.id == old.id) {
            slot.superseded_by_id = Some(new.id.clone());
        }
        self.templates.push(new.clone());
        Ok(Reply::json(201, &new))
    }
}
