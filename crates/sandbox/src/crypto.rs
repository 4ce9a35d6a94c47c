//! Randomness, password hashing and device-signature checks.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::EncodedPoint;
use sha2::{Digest, Sha256};

pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    // The OS generator failing means the machine cannot do anything safely; stop loudly.
    getrandom::fill(&mut buf).expect("operating system random generator");
    buf
}

/// An unguessable identifier: 160 random bits, base64url.
pub fn token() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<20>())
}

pub fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn b64_decode(s: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(s.trim_end_matches('=')).ok()
}

pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane (~50 ms on one core).
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("static argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_password(password: &str) -> String {
    let salt = SaltString::encode_b64(&random_bytes::<16>()).expect("16-byte salt");
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hash")
        .to_string()
}

pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| argon2().verify_password(password.as_bytes(), &h).is_ok())
}

/// A P-256 public key from JWK coordinates (base64url, 32 bytes each), if it is on the curve.
pub fn verifying_key(x: &str, y: &str) -> Option<VerifyingKey> {
    let (x, y) = (b64_decode(x)?, b64_decode(y)?);
    if x.len() != 32 || y.len() != 32 {
        return None;
    }
    let point =
        EncodedPoint::from_affine_coordinates(x.as_slice().into(), y.as_slice().into(), false);
    VerifyingKey::from_encoded_point(&point).ok()
}

/// Checks a WebCrypto ECDSA P-256/SHA-256 signature: IEEE P1363 r‖s, 64 bytes, base64url.
pub fn verify_signature(key: &VerifyingKey, message: &[u8], signature_b64: &str) -> bool {
    let Some(sig) = b64_decode(signature_b64) else {
        return false;
    };
    let Ok(sig) = Signature::from_slice(&sig) else {
        return false;
    };
    key.verify(message, &sig).is_ok()
}

/// A small, fast generator for captcha jitter, seeded from the OS (not for secrets).
pub struct Jitter(u64);

impl Jitter {
    pub fn new() -> Jitter {
        Jitter(u64::from_le_bytes(random_bytes::<8>()) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `[lo, hi)`.
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * (hi - lo)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

impl Default for Jitter {
    fn default() -> Jitter {
        Jitter::new()
    }
}
