//! (ssr) How many live streams are open, on the instance and per client network: a stream
//! holds a connection for as long as the page is open, so both are bounded.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The instance holds `LIVE_STREAMS_MAX` streams.
    InstanceFull,
    /// This client network holds `LIVE_STREAMS_PER_CLIENT`.
    ClientFull,
}

pub struct StreamLimits {
    max_streams: usize,
    max_per_client: usize,
    open: Mutex<Open>,
}

#[derive(Default)]
struct Open {
    total: usize,
    by_client: HashMap<String, usize>,
}

impl StreamLimits {
    pub fn new(max_streams: usize, max_per_client: usize) -> Arc<Self> {
        Arc::new(Self {
            max_streams,
            max_per_client,
            open: Mutex::default(),
        })
    }

    /// A place for one more stream from `client`, given back when the permit drops.
    pub fn admit(self: &Arc<Self>, client: String) -> Result<StreamPermit, Refusal> {
        let mut open = self.lock();
        if open.total >= self.max_streams {
            return Err(Refusal::InstanceFull);
        }
        let mine = open.by_client.entry(client.clone()).or_default();
        if *mine >= self.max_per_client {
            return Err(Refusal::ClientFull);
        }
        *mine += 1;
        open.total += 1;
        Ok(StreamPermit {
            limits: Arc::clone(self),
            client,
        })
    }

    pub fn open_streams(&self) -> usize {
        self.lock().total
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Open> {
        // A count cannot be left half-changed by a panic: every change is two plain writes.
        self.open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

pub struct StreamPermit {
    limits: Arc<StreamLimits>,
    client: String,
}

impl Drop for StreamPermit {
    fn drop(&mut self) {
        let mut open = self.limits.lock();
        open.total = open.total.saturating_sub(1);
        if let Some(count) = open.by_client.get_mut(&self.client) {
            *count -= 1;
            if *count == 0 {
                open.by_client.remove(&self.client);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_bounded_per_client_and_per_instance_and_given_back() {
        let limits = StreamLimits::new(3, 2);
        let a1 = limits.admit("a".into()).unwrap();
        let _a2 = limits.admit("a".into()).unwrap();
        assert_eq!(limits.admit("a".into()).err(), Some(Refusal::ClientFull));
        let _b1 = limits.admit("b".into()).unwrap();
        assert_eq!(limits.admit("c".into()).err(), Some(Refusal::InstanceFull));
        drop(a1);
        assert_eq!(limits.open_streams(), 2);
        assert!(limits.admit("a".into()).is_ok(), "a place given back");
    }
}
