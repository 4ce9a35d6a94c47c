//! Short-lived state in memory, every store bounded by a cap and by expiry so a flood of
//! requests cannot grow memory without end.

use std::collections::HashMap;
use std::hash::Hash;
use std::time::{Duration, Instant};

/// A map whose entries expire and whose size is capped; when full, the entry closest to expiry
/// makes room (it was the least useful anyway).
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

    pub fn insert(&mut self, key: K, value: V, expires: Instant) {
        if self.map.len() >= self.cap && !self.map.contains_key(&key) {
            self.purge(Instant::now());
            if self.map.len() >= self.cap {
                if let Some(k) = self
                    .map
                    .iter()
                    .min_by_key(|(_, (exp, _))| *exp)
                    .map(|(k, _)| k.clone())
                {
                    self.map.remove(&k);
                }
            }
        }
        self.map.insert(key, (expires, value));
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

/// Fixed one-minute windows per key.
pub struct RateLimiter<K> {
    windows: Bounded<K, u32>,
    per_minute: u32,
}

impl<K: Eq + Hash + Clone> RateLimiter<K> {
    pub fn new(per_minute: u32, cap: usize) -> Self {
        RateLimiter {
            windows: Bounded::new(cap),
            per_minute,
        }
    }

    /// Counts one request; `Err(seconds until the window ends)` once the limit is reached.
    pub fn check(&mut self, key: K, now: Instant) -> Result<(), u64> {
        if let Some(count) = self.windows.get_mut(&key, now) {
            *count += 1;
            if *count > self.per_minute {
                let end = self.windows.expires_at(&key).unwrap_or(now);
                return Err(end.saturating_duration_since(now).as_secs().max(1));
            }
            return Ok(());
        }
        if self.per_minute == 0 {
            return Err(60);
        }
        self.windows.insert(key, 1, now + Duration::from_secs(60));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cap_and_expiry_hold() {
        let now = Instant::now();
        let mut m = Bounded::new(3);
        for i in 0..10 {
            m.insert(i, i, now + Duration::from_secs(100 + i));
        }
        assert_eq!(m.len(), 3);
        assert!(m.get(&9, now).is_some());
        assert!(m.get(&0, now).is_none());
        m.insert(20, 0, now + Duration::from_millis(1));
        assert!(m.get(&20, now + Duration::from_secs(1)).is_none());
        assert_eq!(m.take(&9, now), Some(9));
        assert_eq!(m.take(&9, now), None);
    }

    #[test]
    fn rate_limit_counts_per_key() {
        let now = Instant::now();
        let mut r = RateLimiter::new(2, 10);
        assert!(r.check("a", now).is_ok());
        assert!(r.check("a", now).is_ok());
        assert!(r.check("a", now).is_err());
        assert!(r.check("b", now).is_ok());
        assert!(r.check("a", now + Duration::from_secs(61)).is_ok());
    }
}
