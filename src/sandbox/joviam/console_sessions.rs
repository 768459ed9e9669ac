//! Console sessions: opened by `instances.remote_access`, read by
//! `joviam.console_sessions()`.

use crate::joviam::{
    ConsoleSession, ConsoleSessionState, ConsoleSessionType, InstanceState, StartRemoteAccess,
};
use crate::sandbox::fresh;
use crate::sandbox::http::{Reply, Req};
use crate::sandbox::schedule::Clock;

use super::support::{body, find, one_of, wrong_state, Answer};
use super::{Event, JoviamWorld};

impl JoviamWorld {
    /// `instances.remote_access`: a console session (202) for a running instance,
    /// VNC unless `type` says serial, `initiating` and then `ready`.
    pub(super) fn remote_access(&mut self, clock: &Clock, id: &str, req: &Req) -> Answer {
        let request: StartRemoteAccess = body(req)?;
        let kind = request.r#type.unwrap_or(ConsoleSessionType::Vnc);
        one_of("type", kind.as_str(), ConsoleSessionType::VALUES)?;
        let record = find(&self.instances, id)?;
        if record.instance.state != InstanceState::Running {
            return Err(wrong_state(format!(
                "instance {id} is {}; remote access needs it running",
                record.instance.state
            )));
        }
        let stamp = Some(fresh::now());
        // The connection details appear when the session is ready.
        let session = ConsoleSession {
            id: fresh::uuid(),
            state: ConsoleSessionState::Initiating,
            host: None,
            port: None,
            token: None,
            r#type: kind,
            url: None,
            instance_id: id.to_owned(),
            created_at: stamp.clone().map(Into::into),
            updated_at: stamp.map(Into::into),
            extra: Default::default(),
        };
        self.schedule(clock.after(1), &session.id, Event::ConsoleReady);
        self.console_sessions.push(session.clone());
        Ok(Reply::json(202, &session))
    }

    pub(super) fn get_console_session(&self, id: &str) -> Answer {
        Ok(Reply::json(200, find(&self.console_sessions, id)?))
    }
}
