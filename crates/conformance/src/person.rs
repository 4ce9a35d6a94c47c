//! A made-up citizen for each flow: a random valid ID and mobile number, and a P-256 device key
//! that signs login challenges as the SPA's WebCrypto key does.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use mobile_auth_core::contract::Captcha;
use mobile_auth_core::national_id::check_digit;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use serde_json::{json, Value};

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).expect("operating system random generator");
    buf
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A random valid citizen ID, so runs never collide with earlier enrollments.
pub(crate) fn random_id() -> String {
    let b = random_bytes::<8>();
    let digits = u64::from_le_bytes(b) % 10_000_000;
    let first9 = format!(
        "{}{}{digits:07}",
        char::from(b'A' + b[0] % 26),
        1 + b[1] % 2
    );
    let check = check_digit(&first9).unwrap_or(0);
    format!("{first9}{check}")
}

pub(crate) struct Person {
    pub(crate) national_id: String,
    key: SigningKey,
    pub(crate) key_id: String,
}

impl Person {
    pub(crate) fn new() -> Person {
        let key = loop {
            if let Ok(k) = SigningKey::from_bytes(&random_bytes::<32>().into()) {
                break k;
            }
        };
        Person {
            national_id: random_id(),
            key,
            key_id: b64(&random_bytes::<20>()),
        }
    }

    /// The same citizen enrolling from another browser: the same ID, a device key of its own.
    pub(crate) fn in_another_browser(&self) -> Person {
        Person {
            national_id: self.national_id.clone(),
            ..Person::new()
        }
    }

    pub(crate) fn application(
        &self,
        mobile: &str,
        kind: &str,
        captcha: &Captcha,
        text: &str,
        carrier: &str,
    ) -> Value {
        let p = self.key.verifying_key().to_encoded_point(false);
        json!({
            "national_id": self.national_id, "carrier": carrier, "mobile": mobile, "nhi_card": "000012345678",
            "birth_date": "0800101", "name": "王小明", "confirm": true, "captcha_id": captcha.captcha_id,
            "captcha": text, "password": "abc123", "device": {"kind": kind},
            "device_key": {"key_id": self.key_id, "kty": "EC", "crv": "P-256",
                "x": b64(p.x().map(|x| x.as_slice()).unwrap_or_default()),
                "y": b64(p.y().map(|y| y.as_slice()).unwrap_or_default())},
        })
    }

    pub(crate) fn sign(&self, challenge: &str) -> String {
        let sig: Signature = self.key.sign(
            &URL_SAFE_NO_PAD
                .decode(challenge.trim_end_matches('='))
                .unwrap_or_default(),
        );
        b64(&sig.to_bytes())
    }
}

pub(crate) fn mobile(last_two: u32) -> String {
    let b = random_bytes::<4>();
    format!("091{:05}{last_two:02}", u32::from_le_bytes(b) % 100_000)
}
