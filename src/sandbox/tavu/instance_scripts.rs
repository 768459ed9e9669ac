//! Instance scripts (`tavu.instance_scripts()`).

use super::support::{self, decode, done, int_id, invalid, not_blank, not_found, ok, Answer};
use super::TavuWorld;
use crate::sandbox::fresh;
use crate::sandbox::http::Reply;
use crate::sandbox::route::Body;
use crate::tavu::{CreateInstanceScript, InstanceScript, UpdateInstanceScript};

impl TavuWorld {
    fn script_index(&self, raw_id: &str) -> Result<usize, Reply> {
        let id = int_id(raw_id, "instance script")?;
        self.instance_scripts
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| not_found("instance script", id))
    }

    pub(super) fn list_scripts(&self) -> Answer {
        ok(&self.instance_scripts)
    }

    pub(super) fn get_script(&self, id: &str) -> Answer {
        ok(&self.instance_scripts[self.script_index(id)?])
    }

    pub(super) fn create_script(&mut self, body: Body<'_>) -> Answer {
        let req: CreateInstanceScript = decode(body)?;
        check_script(&req.name, &req.script)?;
        self.last_script_id += 1;
        let script = InstanceScript {
            id: self.last_script_id,
            name: req.name,
            description: req.description,
            script: Some(req.script),
            created_at: Some(fresh::now().into()),
            extra: Default::default(),
        };
        self.instance_scripts.push(script.clone());
        ok(&script)
    }

    pub(super) fn update_script(&mut self, id: &str, body: Body<'_>) -> Answer {
        let index = self.script_index(id)?;
        let req: UpdateInstanceScript = decode(body)?;
        check_script(&req.name, &req.script)?;
        let script = &mut self.instance_scripts[index];
        script.name = req.name;
        script.script = Some(req.script);
        if let Some(description) = req.description {
            script.description = Some(description);
        }
        ok(script)
    }

    pub(super) fn delete_script(&mut self, id: &str) -> Answer {
        let index = self.script_index(id)?;
        self.instance_scripts.remove(index);
        done()
    }
}

fn check_script(name: &str, script: &str) -> Result<(), Reply> {
    not_blank("name", name)?;
    if !support::is_strict_base64(script) {
        return Err(invalid("script", "must be strict Base64 (no line breaks)"));
    }
    Ok(())
}
