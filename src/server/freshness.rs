//! (ssr) What a copy kept in memory (a page, a poll's numbers) was read at, and whether it is
//! still good: the data version, which every change that shows on a page moves (the live hub
//! hears of each one, from every instance), and the second of the app clock, since what a
//! page says about time is worked out to the second and a change made outside the app (a
//! `pollstr admin` command) must show within one.

use super::clock::Clock;
use std::{
    borrow::Borrow,
    collections::HashMap,
    hash::Hash,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex, MutexGuard,
    },
};

#[derive(Clone)]
pub struct Freshness(Arc<Inner>);

struct Inner {
    version: AtomicU64,
    clock: Clock,
}

/// When something was read: it is good while both are still current.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Moment {
    version: u64,
    second: i64,
}

impl Freshness {
    pub fn new(clock: Clock) -> Self {
        Self(Arc::new(Inner {
            version: AtomicU64::new(0),
            clock,
        }))
    }

    /// Something a page may show changed (committed): every kept copy is out of date.
    pub fn invalidate(&self) {
        self.0.version.fetch_add(1, Ordering::AcqRel);
    }

    /// Taken before a read starts: a change committed during the read makes what it read
    /// out of date as soon as it is kept.
    pub fn now(&self) -> Moment {
        Moment {
            version: self.0.version.load(Ordering::Acquire),
            second: self.0.clock.now(),
        }
    }

    pub fn is_current(&self, read_at: Moment) -> bool {
        read_at == self.now()
    }
}

/// Copies read at some moment, each served while that moment is current; at most
/// `capacity` of them (forged hosts or endless ids can only push other copies out).
pub struct KeptCopies<K, V> {
    capacity: usize,
    freshness: Freshness,
    copies: Mutex<HashMap<K, (Moment, Arc<V>)>>,
}

impl<K: Eq + Hash + Clone, V> KeptCopies<K, V> {
    pub fn new(capacity: usize, freshness: Freshness) -> Self {
        Self {
            capacity,
            freshness,
            copies: Mutex::default(),
        }
    }

    pub fn freshness(&self) -> &Freshness {
        &self.freshness
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// The copy of `key`, if it is still good.
    pub fn get<Q>(&self, key: &Q) -> Option<Arc<V>>
    where
        K: Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        let copies = self.copies();
        let (read_at, copy) = copies.get(key)?;
        self.freshness
            .is_current(*read_at)
            .then(|| Arc::clone(copy))
    }

    /// Keeps `copy` of `key`, read at `read_at` (taken before the read began); the copy.
    pub fn keep(&self, key: K, read_at: Moment, copy: V) -> Arc<V> {
        let copy = Arc::new(copy);
        // Out of date already (a change landed during the read): it would never be served,
        // and must not take the place of a copy that is good.
        if self.capacity == 0 || !self.freshness.is_current(read_at) {
            return copy;
        }
        let mut copies = self.copies();
        make_room(&mut copies, self.capacity, &key, |(kept_at, _)| {
            self.freshness.is_current(*kept_at)
        });
        copies.insert(key, (read_at, Arc::clone(&copy)));
        copy
    }

    fn copies(&self) -> MutexGuard<'_, HashMap<K, (Moment, Arc<V>)>> {
        // Each change is one insert or removal: nothing half-done to see after a panic.
        self.copies.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Makes room for `key` in a map that holds at most `capacity` copies: the copies no longer
/// `good` go first; if all are good, one of them makes room and the others stay.
pub(super) fn make_room<K: Eq + Hash + Clone, T>(
    copies: &mut HashMap<K, T>,
    capacity: usize,
    key: &K,
    good: impl Fn(&T) -> bool,
) {
    if copies.len() < capacity || copies.contains_key(key) {
        return;
    }
    copies.retain(|_, copy| good(copy));
    if copies.len() >= capacity {
        if let Some(out) = copies.keys().next().cloned() {
            copies.remove(&out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_change_or_the_next_second_makes_a_moment_old() {
        let clock = Clock::default();
        let freshness = Freshness::new(clock.clone());
        let read_at = freshness.now();
        if !freshness.is_current(read_at) {
            return; // The second turned between the two looks; nothing to tell.
        }
        freshness.invalidate();
        assert!(!freshness.is_current(read_at));
        let read_at = freshness.now();
        clock.advance(Duration::from_secs(1));
        assert!(!freshness.is_current(read_at));
    }

    #[test]
    fn a_copy_is_served_while_its_moment_is_current_and_the_copies_stay_bounded() {
        let freshness = Freshness::new(Clock::default());
        let kept = KeptCopies::new(2, freshness.clone());
        let read_at = freshness.now();
        kept.keep(1, read_at, "one");
        kept.keep(2, read_at, "two");
        kept.keep(3, read_at, "three");
        if freshness.is_current(read_at) {
            assert_eq!(kept.copies().len(), 2, "one made room, one stayed");
            assert_eq!(kept.get(&3).as_deref(), Some(&"three"));
        }
        freshness.invalidate();
        assert_eq!(kept.get(&3), None);
        let off = KeptCopies::new(0, freshness.clone());
        off.keep(1, freshness.now(), "one");
        assert_eq!(off.get(&1), None);
    }
}
