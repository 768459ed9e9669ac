//! Python's main thread (Ctrl-C during calls) and the bridge from Rust's `log` to `logging`.

use pyo3::prelude::*;

/// The thread Python delivers signals to, recorded when the module is imported there.
static MAIN_THREAD: std::sync::OnceLock<std::thread::ThreadId> = std::sync::OnceLock::new();

/// Records the current thread as Python's main thread if it is.
pub(super) fn note_main_thread(py: Python<'_>) -> PyResult<()> {
    let threading = py.import("threading")?;
    let current = threading.call_method0("current_thread")?;
    let main = threading.call_method0("main_thread")?;
    if current.is(&main) {
        let _ = MAIN_THREAD.set(std::thread::current().id());
    }
    Ok(())
}

/// The interrupt of Python clients. Calls on Python's main thread (the only one that receives
/// signals) run their exchange on a helper thread and run Python's signal handlers every
/// 50 ms; one that raised (KeyboardInterrupt on Ctrl-C) stops the call. Calls on other
/// threads run inline.
pub(crate) fn ctrl_c_interrupt() -> crate::transport::Interrupt {
    crate::transport::Interrupt {
        applies: std::sync::Arc::new(|| MAIN_THREAD.get() == Some(&std::thread::current().id())),
        check: std::sync::Arc::new(|| Python::attach(|py| py.check_signals().is_err())),
    }
}

/// The bridge from Rust's `log` records to Python's `logging`, once installed.
static LOG_RESET: std::sync::OnceLock<pyo3_log::ResetHandle> = std::sync::OnceLock::new();

/// Sends vpsclient's log records (targets `vpsclient::*`) to the Python loggers of the same
/// names (`vpsclient.http`, `vpsclient.retry`, `vpsclient.wait`). Records of the HTTP and TLS
/// crates underneath are never forwarded: ureq's TRACE output holds the wire unredacted.
/// Called by `vpsclient/__init__.py`; does nothing if another logger is installed.
#[pyfunction]
pub(super) fn _init_logging(py: Python<'_>) -> PyResult<()> {
    if LOG_RESET.get().is_some() {
        return Ok(());
    }
    let logger = pyo3_log::Logger::new(py, pyo3_log::Caching::LoggersAndLevels)?
        .filter(log::LevelFilter::Off)
        .filter_target("vpsclient".to_owned(), log::LevelFilter::Debug);
    let handle = logger.reset_handle();
    if log::set_boxed_logger(Box::new(OwnRecordsOnly(logger))).is_ok() {
        log::set_max_level(log::LevelFilter::Debug);
        let _ = LOG_RESET.set(handle);
    }
    Ok(())
}

/// The Python logging bridge behind a check of the record's target: ureq's own DEBUG lines
/// (several a request) are turned away before pyo3-log hashes their target and looks up its
/// filters, which cost about a microsecond a call.
struct OwnRecordsOnly(pyo3_log::Logger);

impl OwnRecordsOnly {
    fn ours(target: &str) -> bool {
        target == "vpsclient" || target.starts_with("vpsclient::")
    }
}

impl log::Log for OwnRecordsOnly {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        Self::ours(metadata.target()) && self.0.enabled(metadata)
    }

    fn log(&self, record: &log::Record<'_>) {
        if Self::ours(record.target()) {
            self.0.log(record);
        }
    }

    fn flush(&self) {
        self.0.flush();
    }
}

/// Forgets the cached Python logger levels, after `logging` was reconfigured.
#[pyfunction]
pub(super) fn _reset_logging() {
    if let Some(handle) = LOG_RESET.get() {
        handle.reset();
    }
}

/// The Joviam enums as declared, `[(name, doc, [value, ...]), ...]`: what `vpsclient.joviam`
/// builds its enum classes from at import (lighter than `_declarations()`).
#[pyfunction]
pub(super) fn _joviam_enums() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    crate::joviam::declarations()
        .enums
        .iter()
        .map(|e| (e.name, e.doc, e.values.iter().map(|(_, v)| *v).collect()))
        .collect()
}

/// Installs the logging bridge the first time a client is built, so `import vpsclient` does
/// not import `logging` (about a third of its import time).
///
/// Also records Python's main thread (for Ctrl-C during calls) if this is it: done here
/// rather than at import for the same reason (`threading`).
pub(crate) fn ensure_logging(py: Python<'_>) -> PyResult<()> {
    if MAIN_THREAD.get().is_none() {
        note_main_thread(py)?;
    }
    if LOG_RESET.get().is_some() {
        return Ok(());
    }
    py.import("vpsclient")?.call_method0("_setup_logging")?;
    Ok(())
}
