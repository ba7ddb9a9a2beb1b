//! Test support: capture what `tracing` prints on the current thread, to assert on what a
//! log line contains and, above all, on what it must never contain.

use std::sync::{Arc, Mutex};
use tracing::subscriber::DefaultGuard;

/// Everything logged (at DEBUG and above) while the guard lives. Tokio tests run on one
/// thread by default, so the local servers' logs are captured too.
#[derive(Clone, Default)]
pub(crate) struct CapturedLogs(Arc<Mutex<Vec<u8>>>);

impl CapturedLogs {
    pub(crate) fn start() -> (Self, DefaultGuard) {
        // tracing caches, per call site, whether any subscriber wants it. A call site first
        // reached on a test thread with no subscriber of its own could be cached as wanted by
        // nobody, and then a capturing thread would miss its spans now and then. A global
        // subscriber that wants everything (and keeps nothing) rules that out.
        static EVERYTHING_WANTED: std::sync::Once = std::sync::Once::new();
        EVERYTHING_WANTED.call_once(|| {
            let _ = tracing::subscriber::set_global_default(tracing_subscriber::registry());
        });
        let captured = Self::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_max_level(tracing::Level::DEBUG)
            .with_ansi(false)
            .finish();
        (captured, tracing::subscriber::set_default(subscriber))
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl std::io::Write for CapturedLogs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
