//! (ssr) Where password hashes run. argon2id is slow and memory-hard on purpose (19 MiB and
//! tens of milliseconds per hash), so an anonymous crowd of sign-ups or logins must not get
//! one hash each at once: at most `concurrency` run (one per core by default), at most
//! `max_queued` more wait, none waits longer than `max_wait`, and the rest are told "busy,
//! try again" (503) at once. Memory stays at about `concurrency` hashes whatever the crowd.

use std::sync::{
    atomic::{AtomicUsize, Ordering},
    mpsc, Arc, Mutex,
};
use std::time::Duration;
use tokio::sync::{oneshot, OwnedSemaphorePermit, Semaphore};

type Job = Box<dyn FnOnce() + Send>;

/// Runs password hashes on `concurrency` threads of its own. Not on tokio's blocking pool: it
/// grows to hundreds of threads, and the allocator keeps a freed 19 MiB hash buffer in each
/// thread's arena, so memory would grow with the crowd even when few hashes run at once.
#[derive(Clone)]
pub struct PasswordWork {
    permits: Arc<Semaphore>,
    queued: Arc<AtomicUsize>,
    max_queued: usize,
    max_wait: Duration,
    jobs: mpsc::Sender<Job>,
}

/// No room to hash now: the caller answers "busy, try again".
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many password checks at once")]
pub struct Busy;

/// Counts a waiter out of the queue however its wait ends (done, timed out, cancelled).
struct InQueue<'a>(&'a AtomicUsize);

impl Drop for InQueue<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl PasswordWork {
    /// Starts the worker threads; they end when the last clone of this is dropped.
    pub fn new(concurrency: usize, max_queued: usize, max_wait: Duration) -> Self {
        let concurrency = concurrency.max(1);
        let (jobs, incoming) = mpsc::channel::<Job>();
        let incoming = Arc::new(Mutex::new(incoming));
        for n in 0..concurrency {
            let incoming = incoming.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("password-hash-{n}"))
                .spawn(move || loop {
                    // The lock is held only to take the next job, never while it runs.
                    let next = incoming
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .recv();
                    match next {
                        // A panicking hash must not take its thread down with it; its
                        // caller sees the dropped answer as "busy".
                        Ok(job) => {
                            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                        }
                        Err(_) => return,
                    }
                });
            if let Err(error) = spawned {
                tracing::error!(%error, "could not start a password hashing thread");
            }
        }
        Self {
            permits: Arc::new(Semaphore::new(concurrency)),
            queued: Arc::new(AtomicUsize::new(0)),
            max_queued,
            max_wait,
            jobs,
        }
    }

    /// Runs `work` on a hashing thread once a slot is free, or answers `Busy`.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Busy> {
        let permit = self.wait_for_a_slot().await?;
        let (done, result) = oneshot::channel();
        let job: Job = Box::new(move || {
            let _permit: OwnedSemaphorePermit = permit;
            let _ = done.send(work());
        });
        self.jobs.send(job).map_err(|_| Busy)?;
        result.await.map_err(|_| Busy)
    }

    async fn wait_for_a_slot(&self) -> Result<OwnedSemaphorePermit, Busy> {
        let ahead = self.queued.fetch_add(1, Ordering::AcqRel);
        let _in_queue = InQueue(&self.queued);
        if ahead >= self.max_queued {
            return Err(Busy);
        }
        tokio::time::timeout(self.max_wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| Busy)?
            .map_err(|_| Busy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Condvar;

    /// Blocks hashing "work" until the test opens it, so nothing here depends on timing.
    #[derive(Clone, Default)]
    struct Gate(Arc<(Mutex<bool>, Condvar)>);

    impl Gate {
        fn wait(&self) {
            let (open, changed) = &*self.0;
            let mut open = open.lock().unwrap();
            while !*open {
                open = changed.wait(open).unwrap();
            }
        }

        fn open(&self) {
            *self.0 .0.lock().unwrap() = true;
            self.0 .1.notify_all();
        }
    }

    async fn until(what: &str, condition: impl Fn() -> bool) {
        for _ in 0..1000 {
            if condition() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("never: {what}");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_than_the_concurrency_run_at_once_and_the_queue_overflow_is_busy() {
        let work = PasswordWork::new(2, 4, Duration::from_secs(60));
        let gate = Gate::default();
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let jobs: Vec<_> = (0..20)
            .map(|_| {
                let (work, gate) = (work.clone(), gate.clone());
                let (running, most) = (running.clone(), most.clone());
                tokio::spawn(async move {
                    work.run(move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        gate.wait();
                        running.fetch_sub(1, Ordering::SeqCst);
                    })
                    .await
                })
            })
            .collect();
        // Two run and four wait; the other fourteen are answered while the gate is shut.
        until("fourteen answered", || {
            jobs.iter().filter(|job| job.is_finished()).count() == 14
        })
        .await;
        gate.open();
        let outcomes: Vec<_> = futures::future::join_all(jobs).await;
        let done = outcomes.iter().filter(|o| matches!(o, Ok(Ok(())))).count();
        let busy = outcomes
            .iter()
            .filter(|o| matches!(o, Ok(Err(Busy))))
            .count();
        assert_eq!((done, busy), (6, 14));
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_wait_past_the_deadline_is_busy() {
        let work = PasswordWork::new(1, 10, Duration::from_millis(50));
        let gate = Gate::default();
        let started = Arc::new(AtomicUsize::new(0));
        let slow = {
            let (work, gate, started) = (work.clone(), gate.clone(), started.clone());
            tokio::spawn(async move {
                work.run(move || {
                    started.store(1, Ordering::SeqCst);
                    gate.wait();
                })
                .await
            })
        };
        until("the slow hash runs", || started.load(Ordering::SeqCst) == 1).await;
        assert_eq!(work.run(|| ()).await, Err(Busy));
        gate.open();
        assert_eq!(slow.await.unwrap(), Ok(()));
    }
}
