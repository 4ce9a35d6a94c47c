//! Short-lived state in memory, every store bounded by a cap and by expiry so a flood of
//! requests cannot grow memory without end.

use std::collections::HashMap;
use std::hash::Hash;
use std::time::Instant;

use crate::client_ip::ClientKey;

/// A map whose entries expire and whose size is capped. When it is full of live entries a new
/// one is refused ([`Full`]): making room would end another user's captcha, application or
/// session, which is exactly what a flood would want. Entries a client asked for count against
/// that client's quota and its network's ([`Bounded::insert_for`]), so that no one client, nor
/// one subscriber's IPv6 /48 of 65 536 /64s, can fill the store for everyone else.
pub struct Bounded<K, V> {
    map: HashMap<K, Slot<V>>,
    cap: usize,
    held: HashMap<Holder, usize>,
}

struct Slot<V> {
    expires: Instant,
    owner: Option<ClientKey>,
    value: V,
}

/// Who an entry counts against: the client (an IPv4 address or an IPv6 /64) and its network
/// (the same IPv4 address, or the IPv6 /48 a subscriber is commonly given).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Holder {
    Client(ClientKey),
    Network(ClientKey),
}

impl Holder {
    fn of(owner: ClientKey) -> [Holder; 2] {
        [Holder::Client(owner), Holder::Network(owner.network())]
    }
}

/// Why an entry was refused: the store is full of live entries (come back shortly), or the
/// client holds its share of it (the client is told to slow down).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    Full,
    Quota,
}

impl From<Full> for Refused {
    fn from(_: Full) -> Refused {
        Refused::Full
    }
}

fn release(held: &mut HashMap<Holder, usize>, owner: Option<ClientKey>) {
    for h in owner.into_iter().flat_map(Holder::of) {
        if let Some(n) = held.get_mut(&h) {
            *n -= 1;
            if *n == 0 {
                held.remove(&h);
            }
        }
    }
}

impl<K: Eq + Hash + Clone, V> Bounded<K, V> {
    pub fn new(cap: usize) -> Self {
        Bounded {
            map: HashMap::new(),
            cap,
            held: HashMap::new(),
        }
    }

    /// Live entries one client may hold: 2 % of the store.
    pub fn client_quota(&self) -> usize {
        (self.cap / 50).max(1)
    }

    /// Live entries one network may hold: 5 % of the store, so filling it takes twenty.
    pub fn network_quota(&self) -> usize {
        (self.cap / 20).max(1)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn purge(&mut self, now: Instant) {
        self.retain_slots(|_, slot| slot.expires > now);
    }

    fn retain_slots(&mut self, mut keep: impl FnMut(&K, &Slot<V>) -> bool) {
        let Bounded { map, held, .. } = self;
        map.retain(|k, slot| {
            let kept = keep(k, slot);
            if !kept {
                release(held, slot.owner);
            }
            kept
        });
    }

    fn remove_slot(&mut self, key: &K) -> Option<Slot<V>> {
        let slot = self.map.remove(key)?;
        release(&mut self.held, slot.owner);
        Some(slot)
    }

    fn put(
        &mut self,
        key: K,
        value: V,
        expires: Instant,
        owner: Option<ClientKey>,
    ) -> Result<(), Full> {
        if self.map.len() >= self.cap && !self.map.contains_key(&key) {
            self.purge(Instant::now());
            if self.map.len() >= self.cap {
                return Err(Full);
            }
        }
        self.remove_slot(&key);
        for h in owner.into_iter().flat_map(Holder::of) {
            *self.held.entry(h).or_default() += 1;
        }
        self.map.insert(
            key,
            Slot {
                expires,
                owner,
                value,
            },
        );
        Ok(())
    }

    /// Adds or replaces an entry; refused when the map is full of live entries.
    pub fn insert(&mut self, key: K, value: V, expires: Instant) -> Result<(), Full> {
        self.put(key, value, expires, None)
    }

    /// Adds an entry `owner` asked for; refused when the map is full, or when `owner` or its
    /// network already holds its quota of live entries.
    pub fn insert_for(
        &mut self,
        owner: ClientKey,
        key: K,
        value: V,
        expires: Instant,
    ) -> Result<(), Refused> {
        let over = |b: &Self| {
            let [client, network] = Holder::of(owner);
            b.held.get(&client).copied().unwrap_or(0) >= b.client_quota()
                || b.held.get(&network).copied().unwrap_or(0) >= b.network_quota()
        };
        if over(self) {
            self.purge(Instant::now());
            if over(self) {
                return Err(Refused::Quota);
            }
        }
        Ok(self.put(key, value, expires, Some(owner))?)
    }

    /// Keeps only the entries for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &V) -> bool) {
        self.retain_slots(|k, slot| keep(k, &slot.value));
    }

    /// The live entry, if any; an expired one is dropped.
    pub fn get_mut(&mut self, key: &K, now: Instant) -> Option<&mut V> {
        if self.map.get(key).is_some_and(|slot| slot.expires <= now) {
            self.remove_slot(key);
        }
        self.map.get_mut(key).map(|slot| &mut slot.value)
    }

    pub fn get(&mut self, key: &K, now: Instant) -> Option<&V> {
        self.get_mut(key, now).map(|v| &*v)
    }

    /// Removes and returns the live entry (single use).
    pub fn take(&mut self, key: &K, now: Instant) -> Option<V> {
        let slot = self.remove_slot(key)?;
        (slot.expires > now).then_some(slot.value)
    }

    pub fn remove(&mut self, key: &K) {
        self.remove_slot(key);
    }

    pub fn expires_at(&self, key: &K) -> Option<Instant> {
        self.map.get(key).map(|slot| slot.expires)
    }

    pub fn set_expiry(&mut self, key: &K, expires: Instant) {
        if let Some(slot) = self.map.get_mut(key) {
            slot.expires = expires;
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

    #[test]
    fn one_client_or_network_holds_only_its_share_and_gets_it_back() {
        let now = Instant::now();
        let later = now + Duration::from_secs(100);
        let mut m = Bounded::new(100);
        let client = |s: &str| ClientKey::of(s.parse().unwrap());
        for i in 0..m.client_quota() {
            m.insert_for(client("192.0.2.1"), i, i, later).unwrap();
        }
        assert_eq!(
            m.insert_for(client("192.0.2.1"), 99, 0, later),
            Err(Refused::Quota)
        );
        m.insert_for(client("192.0.2.2"), 98, 0, later).unwrap();
        // Used up, expired or removed entries give the quota back.
        assert_eq!(m.take(&0, now), Some(0));
        m.insert_for(client("192.0.2.1"), 97, 0, now + Duration::from_millis(1))
            .unwrap();
        m.remove(&1);
        m.insert_for(client("192.0.2.1"), 96, 0, later).unwrap();
        std::thread::sleep(Duration::from_millis(2));
        m.insert_for(client("192.0.2.1"), 95, 0, later).unwrap();
        // An IPv6 network of many /64s shares the network quota.
        let mut m = Bounded::new(100);
        let mut taken = 0;
        for n in 0..100u32 {
            let ip = format!("2001:db8:7:{n:x}::1");
            if m.insert_for(client(&ip), n, n, later).is_ok() {
                taken += 1;
            }
        }
        assert_eq!(taken, m.network_quota());
        m.insert_for(client("2001:db8:8::1"), 1000, 0, later)
            .unwrap();
    }
}
