//! Console sessions.

use crate::joviam::ConsoleSession;
use crate::operation::resource;

resource! {
    /// Console sessions (`joviam.console_sessions()`): remote VNC or serial access to an
    /// instance, started with
    /// [`InstancesHandler::remote_access`](crate::joviam::InstancesHandler::remote_access).
    pub struct ConsoleSessionsHandler in "vpsclient.joviam";

    /// Shows a console session; poll it until
    /// its state is `ready` to read the connection details.
    fn get(console_session_id: str) -> ConsoleSession = GET "/console_sessions/{}" => json;
}
