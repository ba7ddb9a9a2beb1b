//! (ssr) Rows read on every request (a session, its user) kept in memory for the rest of the
//! second they were read in, unless they change first. Unlike `freshness::KeptCopies`, whose
//! copies all go out of date at any change, a row here is forgotten on its own: a write to
//! it, here or (heard by `pg_notify`) on another instance, forgets that row only.
//!
//! Three rules keep a copy from ever being served stale past the writes the app knows of:
//! - a write forgets its row after it commits, and a read that was under way while any row
//!   was forgotten keeps nothing (it may have read the row before the write);
//! - where other instances write the same rows (PostgreSQL), copies are kept only while the
//!   listener that hears their writes is connected; losing it or connecting again forgets all;
//! - whatever the app does not hear of (a `pollstr admin` command on SQLite) shows within a
//!   second: no copy outlives the second of the app clock it was read in.

use super::{clock::Clock, freshness::make_room};
use std::{
    collections::HashMap,
    hash::Hash,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex, MutexGuard,
    },
};

pub struct KeptRows<K, V> {
    capacity: usize,
    clock: Clock,
    /// False while writes elsewhere could go unheard: nothing is kept or served.
    hearing: AtomicBool,
    kept: Mutex<Kept<K, V>>,
}

struct Kept<K, V> {
    /// Moves on each forget: a read that saw another value started before a write.
    forgets: u64,
    rows: HashMap<K, (i64, Arc<V>)>,
}

/// Taken before a read starts (`KeptRows::before_read`).
#[derive(Clone, Copy, Debug)]
pub struct ReadStart {
    forgets: u64,
    second: i64,
}

impl<K: Eq + Hash + Clone, V> KeptRows<K, V> {
    /// `hears_every_write`: this process makes (or is told of, at once) every write to these
    /// rows; false until `hearing` says so.
    pub fn new(capacity: usize, clock: Clock, hears_every_write: bool) -> Self {
        Self {
            capacity,
            clock,
            hearing: AtomicBool::new(hears_every_write),
            kept: Mutex::new(Kept {
                forgets: 0,
                rows: HashMap::new(),
            }),
        }
    }

    /// The copy of `key`, if one was read this second and has not changed since.
    pub fn get(&self, key: &K) -> Option<Arc<V>> {
        if !self.hearing.load(Ordering::Acquire) {
            return None;
        }
        let second = self.clock.now();
        let kept = self.kept();
        let (read_in, row) = kept.rows.get(key)?;
        (*read_in == second).then(|| Arc::clone(row))
    }

    pub fn before_read(&self) -> ReadStart {
        ReadStart {
            forgets: self.kept().forgets,
            second: self.clock.now(),
        }
    }

    /// Keeps `row` of `key`, read since `start`, unless something was forgotten meanwhile or
    /// the second has turned; the row.
    pub fn keep(&self, key: K, start: ReadStart, row: V) -> Arc<V> {
        let row = Arc::new(row);
        if self.capacity == 0 || !self.hearing.load(Ordering::Acquire) {
            return row;
        }
        let second = self.clock.now();
        let mut kept = self.kept();
        if kept.forgets != start.forgets || second != start.second {
            return row;
        }
        make_room(&mut kept.rows, self.capacity, &key, |(read_in, _)| {
            *read_in == second
        });
        kept.rows.insert(key, (second, Arc::clone(&row)));
        row
    }

    /// Forgets `key` when dropped. Taken before a write and held across it, so the row is
    /// forgotten however the write ends: done, failed (its commit may still have landed), or
    /// cancelled with its request (a time limit, a client gone) after the commit.
    pub fn forget_when_dropped(&self, key: K) -> ForgetWhenDropped<'_, K, V> {
        ForgetWhenDropped { rows: self, key }
    }

    /// `key` was written (committed): the next read goes to the database.
    pub fn forget(&self, key: &K) {
        let mut kept = self.kept();
        kept.forgets += 1;
        kept.rows.remove(key);
    }

    /// Writes may have gone unheard.
    pub fn forget_all(&self) {
        let mut kept = self.kept();
        kept.forgets += 1;
        kept.rows.clear();
    }

    /// Whether every write to these rows is heard from now on (the PostgreSQL listener is
    /// connected). Either way what is kept is forgotten: writes before now went unheard.
    pub fn hearing(&self, hearing: bool) {
        self.hearing.store(hearing, Ordering::Release);
        self.forget_all();
    }

    fn kept(&self) -> MutexGuard<'_, Kept<K, V>> {
        // Each change is one insert or removal: nothing half-done to see after a panic.
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// See `KeptRows::forget_when_dropped`.
pub struct ForgetWhenDropped<'a, K: Eq + Hash + Clone, V> {
    rows: &'a KeptRows<K, V>,
    key: K,
}

impl<K: Eq + Hash + Clone, V> Drop for ForgetWhenDropped<'_, K, V> {
    fn drop(&mut self) {
        self.rows.forget(&self.key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// Rows on a stopped clock: only `advance` turns the second.
    fn kept(capacity: usize) -> (KeptRows<i64, &'static str>, Clock) {
        let clock = Clock::default();
        clock.freeze();
        (KeptRows::new(capacity, clock.clone(), true), clock)
    }

    #[test]
    fn a_row_is_served_until_it_is_forgotten_or_the_second_turns() {
        let (rows, clock) = kept(8);
        rows.keep(1, rows.before_read(), "one");
        assert_eq!(rows.get(&1).as_deref(), Some(&"one"));
        rows.forget(&1);
        assert_eq!(rows.get(&1), None);
        rows.keep(1, rows.before_read(), "one again");
        assert_eq!(rows.get(&1).as_deref(), Some(&"one again"));
        clock.advance(Duration::from_secs(1));
        assert_eq!(rows.get(&1), None, "a copy lasts the second it was read in");
    }

    #[test]
    fn a_write_cancelled_after_it_started_still_forgets_its_row() {
        use futures::FutureExt;
        let (rows, _clock) = kept(8);
        rows.keep(1, rows.before_read(), "one");
        let write = async {
            let _forget = rows.forget_when_dropped(1);
            std::future::pending::<()>().await
        };
        assert_eq!(write.now_or_never(), None, "polled once, then dropped");
        assert_eq!(rows.get(&1), None);
    }

    #[test]
    fn a_read_under_way_during_a_write_or_a_turn_of_the_second_keeps_nothing() {
        let (rows, clock) = kept(8);
        let start = rows.before_read();
        rows.forget(&2); // A write to any row, committed while the read ran.
        rows.keep(1, start, "read before the write");
        assert_eq!(rows.get(&1), None);
        let start = rows.before_read();
        clock.advance(Duration::from_secs(1));
        rows.keep(1, start, "read in the second before");
        assert_eq!(rows.get(&1), None);
    }

    #[test]
    fn nothing_is_kept_or_served_while_writes_could_go_unheard() {
        let (rows, _clock) = kept(8);
        rows.keep(1, rows.before_read(), "one");
        rows.hearing(false);
        assert_eq!(rows.get(&1), None);
        rows.keep(1, rows.before_read(), "one");
        rows.hearing(true);
        assert_eq!(rows.get(&1), None, "nothing was kept while not hearing");
        rows.keep(1, rows.before_read(), "one");
        assert!(rows.get(&1).is_some());
        rows.hearing(true); // Connected again: writes meanwhile went unheard.
        assert_eq!(rows.get(&1), None, "what was kept before is forgotten");
    }

    #[test]
    fn the_rows_stay_bounded() {
        let (rows, clock) = kept(2);
        for key in 1..=5 {
            rows.keep(key, rows.before_read(), "a row");
        }
        assert_eq!(rows.kept().rows.len(), 2);
        assert!(rows.get(&5).is_some(), "the newest is kept");
        clock.advance(Duration::from_secs(1));
        rows.keep(6, rows.before_read(), "a row");
        assert_eq!(
            rows.kept().rows.len(),
            1,
            "the rows of past seconds go first"
        );
        let (off, _) = kept(0);
        off.keep(1, off.before_read(), "one");
        assert_eq!(off.get(&1), None);
    }
}
