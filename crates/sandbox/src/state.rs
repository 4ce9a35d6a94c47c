//! Short-lived state in memory, every store bounded by a cap and by expiry so a flood of
//! requests cannot grow memory without end.

use std::collections::HashMap;
use std::hash::Hash;
use std::time::Instant;

/// A map whose entries expire and whose size is capped. When it is full of live entries a new
/// one is refused ([`Full`]): making room would end another user's captcha, application or
/// session, which is exactly what a flood would want.
pub struct Bounded<K, V> {
    map: HashMap<K, (Instant, V)>,
    cap: usize,
}

impl<K: Eq + Hash + Clone, V> Bounded<K, V> {
    pub fn new(cap: usize) -> Self {
        Bounded {
            map: HashMap::new(),
            cap,
        }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn purge(&mut self, now: Instant) {
        self.map.retain(|_, (exp, _)| *exp > now);
    }

    /// Adds or replaces an entry; refused when the map is full of live entries.
    pub fn insert(&mut self, key: K, value: V, expires: Instant) -> Result<(), Full> {
        if self.map.len() >= self.cap && !self.map.contains_key(&key) {
            self.purge(Instant::now());
            if self.map.len() >= self.cap {
                return Err(Full);
            }
        }
        self.map.insert(key, (expires, value));
        Ok(())
    }

    /// Keeps only the entries for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &V) -> bool) {
        self.map.retain(|k, (_, v)| keep(k, v));
    }

    /// The live entry, if any; an expired one is dropped.
    pub fn get_mut(&mut self, key: &K, now: Instant) -> Option<&mut V> {
        if self.map.get(key).is_some_and(|(exp, _)| *exp <= now) {
            self.map.remove(key);
        }
        self.map.get_mut(key).map(|(_, v)| v)
    }

    pub fn get(&mut self, key: &K, now: Instant) -> Option<&V> {
        self.get_mut(key, now).map(|v| &*v)
    }

    /// Removes and returns the live entry (single use).
    pub fn take(&mut self, key: &K, now: Instant) -> Option<V> {
        let (exp, v) = self.map.remove(key)?;
        (exp > now).then_some(v)
    }

    pub fn remove(&mut self, key: &K) {
        self.map.remove(key);
    }

    pub fn expires_at(&self, key: &K) -> Option<Instant> {
        self.map.get(key).map(|(exp, _)| *exp)
    }

    pub fn set_expiry(&mut self, key: &K, expires: Instant) {
        if let Some(e) = self.map.get_mut(key) {
            e.0 = expires;
        }
    }
}

/// A store is full of live entries; the caller answers 503 and the others carry on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full;

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn cap_and_expiry_hold_and_live_entries_are_never_evicted() {
        let now = Instant::now();
        let mut m = Bounded::new(3);
        for i in 0..3 {
            m.insert(i, i, now + Duration::from_secs(100 + i)).unwrap();
        }
        for i in 3..10 {
            assert_eq!(
                m.insert(i, i, now + Duration::from_secs(100 + i)),
                Err(Full)
            );
        }
        assert_eq!(m.len(), 3);
        assert!(m.get(&0, now).is_some());
        assert!(m.get(&9, now).is_none());
        // Replacing an entry needs no room.
        m.insert(2, 20, now + Duration::from_secs(1)).unwrap();
        assert_eq!(m.take(&2, now), Some(20));
        // An expired entry makes room.
        m.insert(20, 0, now + Duration::from_millis(1)).unwrap();
        assert!(m.get(&20, now + Duration::from_secs(1)).is_none());
        m.retain(|_, v| *v != 0);
        assert!(m.get(&0, now).is_none());
        assert_eq!(m.len(), 1);
    }
}
