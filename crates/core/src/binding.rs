//! The binding that makes a browser the citizen's credential, and what the browser can know when
//! it is gone. After enrollment the browser holds a non-extractable key in IndexedDB and the key's
//! id in localStorage; browsers delete both on their own (cleared site data, Safari's 7-day rule,
//! eviction under storage pressure), sometimes one without the other.
//!
//! What is knowable: only what survives in this browser. A browser whose data was wiped entirely
//! looks exactly like one that never enrolled, so it is treated as new. A trace that survives (the
//! id without its key, a key marked as bound without its id, or the remembered fact that an
//! enrollment once succeeded here) is evidence that a binding existed, and the loss is named.
//! The backend says only whether the key sent is bound to the ID typed; it never says whether the
//! ID is enrolled elsewhere, so "not recognised" covers both a binding replaced by a newer
//! enrollment (another browser or phone) and a key that belongs to another person's ID.
//!
//! The SPA reads [`LocalFacts`] from storage; the decisions are here, tested without a browser.

/// What this browser's storage says about a binding (read by the SPA).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LocalFacts {
    /// localStorage names a bound key id.
    pub key_id: bool,
    /// IndexedDB holds the private key under that id (false when there is no id).
    pub key_for_id: bool,
    /// IndexedDB holds a key marked at enrollment as the bound one, while localStorage names none.
    pub marked_key: bool,
    /// localStorage remembers that an enrollment succeeded in this browser.
    pub enrolled_before: bool,
}

/// The binding as this browser holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Local {
    /// The id and its key: the backend decides whether it is still bound.
    Complete,
    /// The id remains, its key is gone (IndexedDB cleared or evicted alone).
    IdWithoutKey,
    /// The key marked as bound remains, its id is gone (localStorage cleared alone).
    KeyWithoutId,
    /// Nothing but the remembered fact that an enrollment once succeeded here.
    Trace,
    /// Nothing at all: a first visit, or everything was wiped (the two cannot be told apart).
    Nothing,
}

/// The half of a broken binding to remove: it can never be used again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    /// The id in localStorage whose key is gone.
    KeyId,
    /// The marked key in IndexedDB whose id is gone.
    Key,
}

impl Local {
    pub fn of(f: LocalFacts) -> Local {
        match (f.key_id, f.key_for_id) {
            (true, true) => Local::Complete,
            (true, false) => Local::IdWithoutKey,
            (false, _) if f.marked_key => Local::KeyWithoutId,
            (false, _) if f.enrolled_before => Local::Trace,
            (false, _) => Local::Nothing,
        }
    }

    /// Whether the browser sends its key id with the ID check.
    pub fn has_usable_key(self) -> bool {
        self == Local::Complete
    }

    /// What to delete so the broken binding is not found again (the remembered fact stays: it
    /// is what lets the next visit still say what happened).
    pub fn half_to_remove(self) -> Option<Half> {
        match self {
            Local::IdWithoutKey => Some(Half::KeyId),
            Local::KeyWithoutId => Some(Half::Key),
            Local::Complete | Local::Trace | Local::Nothing => None,
        }
    }
}

/// How a binding this browser once held was lost, as told to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    /// The id remained without its key.
    KeyDeleted,
    /// The key remained without its id.
    IdDeleted,
    /// Both are gone; only the remembered enrollment is left.
    Cleared,
    /// The browser holds a whole binding, and the backend does not bind it to this ID.
    NotRecognised,
}

/// Where the ID check leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The four-field login (步驟7).
    Login,
    /// The enrollment form, as for anyone new: nothing says this browser held a binding.
    Enroll,
    /// Say what happened, then offer 重新申請行動電話認證 (the enrollment form).
    Lost(Loss),
}

/// The decision after the backend's ID check (`bound` is its answer for the key id sent, or for
/// no key id when the browser had none to send).
pub fn after_id_check(local: Local, bound: bool) -> Outcome {
    match local {
        Local::Complete if bound => Outcome::Login,
        Local::Complete => Outcome::Lost(Loss::NotRecognised),
        Local::IdWithoutKey => Outcome::Lost(Loss::KeyDeleted),
        Local::KeyWithoutId => Outcome::Lost(Loss::IdDeleted),
        Local::Trace => Outcome::Lost(Loss::Cleared),
        Local::Nothing => Outcome::Enroll,
    }
}

/// The answer to `navigator.storage.persist()` after enrollment, as remembered in localStorage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    /// The browser keeps this site's data until the user clears it.
    Granted,
    /// The browser may clear it on its own (storage pressure, its own rules).
    Denied,
    /// The browser has no persistence request (or it failed).
    Unsupported,
}

impl Persistence {
    pub fn as_str(self) -> &'static str {
        match self {
            Persistence::Granted => "granted",
            Persistence::Denied => "denied",
            Persistence::Unsupported => "unsupported",
        }
    }

    pub fn parse(s: &str) -> Option<Persistence> {
        match s {
            "granted" => Some(Persistence::Granted),
            "denied" => Some(Persistence::Denied),
            "unsupported" => Some(Persistence::Unsupported),
            _ => None,
        }
    }
}

/// How long the binding can be expected to last in this browser, as the home page says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outlook {
    /// Kept until the user clears the browser's data.
    Kept,
    /// The browser may clear it on its own.
    MayBeCleared,
    /// A Safari tab (iOS, iPadOS or macOS): deleted after 7 days of Safari use without a visit,
    /// whatever the persistence answer, unless the service runs as a home-screen (or Dock) app.
    SafariSevenDays,
}

/// The outlook from the persistence answer recorded at enrollment (none: enrolled before it was
/// recorded, or elsewhere) and whether the service runs in a Safari tab.
pub fn outlook(persistence: Option<Persistence>, safari_tab: bool) -> Option<Outlook> {
    if safari_tab {
        return Some(Outlook::SafariSevenDays);
    }
    Some(match persistence? {
        Persistence::Granted => Outlook::Kept,
        Persistence::Denied | Persistence::Unsupported => Outlook::MayBeCleared,
    })
}

/// Whether to offer adding the service to the home screen: Safari on iOS/iPadOS in a tab (not
/// already a home-screen app), and the user has not dismissed the offer.
pub fn offer_home_screen(ios_safari: bool, standalone: bool, dismissed: bool) -> bool {
    ios_safari && !standalone && !dismissed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(key_id: bool, key_for_id: bool, marked_key: bool, before: bool) -> LocalFacts {
        LocalFacts {
            key_id,
            key_for_id,
            marked_key,
            enrolled_before: before,
        }
    }

    #[test]
    fn a_browser_without_any_trace_is_treated_as_new() {
        let local = Local::of(LocalFacts::default());
        assert_eq!(local, Local::Nothing);
        assert_eq!(after_id_check(local, false), Outcome::Enroll);
        assert_eq!(local.half_to_remove(), None);
        assert!(!local.has_usable_key());
    }

    #[test]
    fn a_whole_binding_logs_in_when_the_backend_binds_it() {
        let local = Local::of(facts(true, true, false, true));
        assert_eq!(local, Local::Complete);
        assert!(local.has_usable_key());
        assert_eq!(after_id_check(local, true), Outcome::Login);
    }

    #[test]
    fn a_whole_binding_the_backend_does_not_bind_is_named_and_kept() {
        // It may be another person's binding on a shared computer: nothing is deleted.
        let local = Local::of(facts(true, true, true, true));
        assert_eq!(
            after_id_check(local, false),
            Outcome::Lost(Loss::NotRecognised)
        );
        assert_eq!(local.half_to_remove(), None);
    }

    #[test]
    fn each_half_is_named_and_removed() {
        let id_only = Local::of(facts(true, false, false, true));
        assert_eq!(id_only, Local::IdWithoutKey);
        assert_eq!(
            after_id_check(id_only, false),
            Outcome::Lost(Loss::KeyDeleted)
        );
        assert_eq!(id_only.half_to_remove(), Some(Half::KeyId));

        let key_only = Local::of(facts(false, false, true, true));
        assert_eq!(key_only, Local::KeyWithoutId);
        assert_eq!(
            after_id_check(key_only, false),
            Outcome::Lost(Loss::IdDeleted)
        );
        assert_eq!(key_only.half_to_remove(), Some(Half::Key));
    }

    #[test]
    fn a_half_is_evidence_even_without_the_remembered_enrollment() {
        // Enrolled before this record existed: the half alone says a binding was here.
        assert_eq!(
            Local::of(facts(true, false, false, false)),
            Local::IdWithoutKey
        );
        assert_eq!(
            Local::of(facts(false, false, true, false)),
            Local::KeyWithoutId
        );
    }

    #[test]
    fn the_remembered_enrollment_alone_says_the_binding_was_cleared() {
        let local = Local::of(facts(false, false, false, true));
        assert_eq!(local, Local::Trace);
        assert_eq!(after_id_check(local, false), Outcome::Lost(Loss::Cleared));
        assert_eq!(local.half_to_remove(), None);
    }

    #[test]
    fn a_broken_binding_never_logs_in_even_if_the_backend_says_bound() {
        for local in [
            Local::IdWithoutKey,
            Local::KeyWithoutId,
            Local::Trace,
            Local::Nothing,
        ] {
            assert_ne!(after_id_check(local, true), Outcome::Login, "{local:?}");
        }
    }

    #[test]
    fn persistence_answers_round_trip() {
        for p in [
            Persistence::Granted,
            Persistence::Denied,
            Persistence::Unsupported,
        ] {
            assert_eq!(Persistence::parse(p.as_str()), Some(p));
        }
        assert_eq!(Persistence::parse(""), None);
        assert_eq!(Persistence::parse("true"), None);
    }

    #[test]
    fn outlook_follows_the_answer_except_in_a_safari_tab() {
        use Persistence::*;
        assert_eq!(outlook(Some(Granted), false), Some(Outlook::Kept));
        assert_eq!(outlook(Some(Denied), false), Some(Outlook::MayBeCleared));
        assert_eq!(
            outlook(Some(Unsupported), false),
            Some(Outlook::MayBeCleared)
        );
        assert_eq!(outlook(None, false), None);
        for p in [None, Some(Granted), Some(Denied)] {
            assert_eq!(outlook(p, true), Some(Outlook::SafariSevenDays));
        }
    }

    #[test]
    fn home_screen_offer_only_in_an_ios_safari_tab_until_dismissed() {
        assert!(offer_home_screen(true, false, false));
        assert!(!offer_home_screen(true, true, false));
        assert!(!offer_home_screen(true, false, true));
        assert!(!offer_home_screen(false, false, false));
    }
}
