//! The device credential that binds 行動電話認證 to this browser: an ECDSA P-256 key pair made by
//! WebCrypto with a non-extractable private key, kept in IndexedDB (a CryptoKey survives a
//! structured clone there, its private bytes never reach script). The backend stores the public
//! half at enrollment; a later login signs the backend's challenge with the private half.
//!
//! Which key is bound is remembered in localStorage (just its random id, not a secret): the key
//! of the last enrollment that succeeded in this browser. The same id is also kept beside the keys
//! in IndexedDB, under `BOUND_MARK`, so a key whose localStorage id was cleared can still be
//! recognised as a lost binding (and removed) rather than mistaken for an abandoned application's.

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use mobile_auth_core::contract::DevicePublicKey;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, IdbDatabase, IdbRequest, IdbTransactionMode};

const DB_NAME: &str = "mobile-auth";
const STORE: &str = "device-keys";
const BOUND_KEY: &str = "mobile-auth.bound_key_id";
/// The IndexedDB entry naming the bound key (random key ids are 22 characters: no clash).
const BOUND_MARK: &str = "bound";

fn set(obj: &Object, k: &str, v: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(k), v);
}

fn get(obj: &JsValue, k: &str) -> Option<JsValue> {
    Reflect::get(obj, &JsValue::from_str(k))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn subtle() -> Result<web_sys::SubtleCrypto, JsValue> {
    Ok(web_sys::window().ok_or("no window")?.crypto()?.subtle())
}

/// base64url without padding (RFC 4648 §5).
pub fn b64url_encode(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Decodes base64url (padding and the standard alphabet tolerated).
pub fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes().filter(|&c| c != b'=') {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// 16 random bytes, base64url: the id the key is stored and registered under.
fn random_key_id() -> Result<String, JsValue> {
    let mut bytes = [0u8; 16];
    web_sys::window()
        .ok_or("no window")?
        .crypto()?
        .get_random_values_with_u8_array(&mut bytes)?;
    Ok(b64url_encode(&bytes))
}

/// Resolves when an IndexedDB request succeeds, with its result.
async fn done(req: &IdbRequest) -> Result<JsValue, JsValue> {
    let r = req.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let r2 = r.clone();
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &r2.result().unwrap_or(JsValue::UNDEFINED));
        });
        let err = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject.call1(
                &JsValue::NULL,
                &JsValue::from_str("indexeddb request failed"),
            );
        });
        r.set_onsuccess(Some(ok.unchecked_ref()));
        r.set_onerror(Some(err.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

async fn open_db() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()?
        .ok_or("no indexeddb")?;
    let req = factory.open_with_u32(DB_NAME, 1)?;
    let upgrade_req = req.clone();
    let upgrade = Closure::once_into_js(move |_: web_sys::Event| {
        if let Ok(db) = upgrade_req
            .result()
            .and_then(|r| r.dyn_into::<IdbDatabase>())
        {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    done(&req).await?.dyn_into::<IdbDatabase>()
}

async fn store_op(
    mode: IdbTransactionMode,
    op: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
) -> Result<JsValue, JsValue> {
    let db = open_db().await?;
    let tx = db.transaction_with_str_and_mode(STORE, mode)?;
    let store = tx.object_store(STORE)?;
    let result = done(&op(&store)?).await;
    db.close();
    result
}

/// Makes a new key pair, stores its private key, and returns the public half to register.
pub async fn generate() -> Result<DevicePublicKey, JsValue> {
    let subtle = subtle()?;
    let algo = Object::new();
    set(&algo, "name", &"ECDSA".into());
    set(&algo, "namedCurve", &"P-256".into());
    let usages = Array::of2(&"sign".into(), &"verify".into());
    let pair = JsFuture::from(subtle.generate_key_with_object(&algo, false, &usages)?).await?;
    let private: CryptoKey = get(&pair, "privateKey")
        .ok_or("no private key")?
        .dyn_into()?;
    let public: CryptoKey = get(&pair, "publicKey").ok_or("no public key")?.dyn_into()?;
    let jwk = JsFuture::from(subtle.export_key("jwk", &public)?).await?;
    let coord = |k| {
        get(&jwk, k)
            .and_then(|v| v.as_string())
            .ok_or(JsValue::from_str("bad jwk"))
    };
    let key_id = random_key_id()?;
    let key_js = JsValue::from_str(&key_id);
    store_op(IdbTransactionMode::Readwrite, |s| {
        s.put_with_key(&private, &key_js)
    })
    .await?;
    Ok(DevicePublicKey {
        key_id,
        kty: "EC".into(),
        crv: "P-256".into(),
        x: coord("x")?,
        y: coord("y")?,
    })
}

/// Whether this browser still holds the private key `key_id`; an error when IndexedDB cannot be
/// read at all (then nothing can be concluded about the key).
pub async fn key_exists(key_id: &str) -> Result<bool, JsValue> {
    let k = JsValue::from_str(key_id);
    Ok(store_op(IdbTransactionMode::Readonly, |s| s.get(&k))
        .await?
        .is_instance_of::<CryptoKey>())
}

/// Whether this browser still holds the private key `key_id`.
pub async fn has_key(key_id: &str) -> bool {
    key_exists(key_id).await.unwrap_or(false)
}

/// The key marked in IndexedDB as bound, if that key is still there.
pub async fn marked_key() -> Result<Option<String>, JsValue> {
    let mark = JsValue::from_str(BOUND_MARK);
    let id = store_op(IdbTransactionMode::Readonly, |s| s.get(&mark))
        .await?
        .as_string();
    match id {
        Some(id) if key_exists(&id).await? => Ok(Some(id)),
        _ => Ok(None),
    }
}

async fn mark(key_id: &str) {
    let (mark, id) = (JsValue::from_str(BOUND_MARK), JsValue::from_str(key_id));
    let _ = store_op(IdbTransactionMode::Readwrite, |s| {
        s.put_with_key(&id, &mark)
    })
    .await;
}

/// Removes a marked key whose localStorage id is gone: it can never be used again.
pub async fn remove_marked(key_id: &str) {
    delete(key_id).await;
    let mark = JsValue::from_str(BOUND_MARK);
    let _ = store_op(IdbTransactionMode::Readwrite, |s| s.delete(&mark)).await;
}

/// Signs the base64url challenge bytes; the answer is the P1363 r‖s signature, base64url.
pub async fn sign(key_id: &str, challenge_b64url: &str) -> Result<String, JsValue> {
    let k = JsValue::from_str(key_id);
    let key: CryptoKey = store_op(IdbTransactionMode::Readonly, |s| s.get(&k))
        .await?
        .dyn_into()?;
    let data = b64url_decode(challenge_b64url).ok_or("bad challenge")?;
    let algo = Object::new();
    set(&algo, "name", &"ECDSA".into());
    set(&algo, "hash", &"SHA-256".into());
    let sig = JsFuture::from(subtle()?.sign_with_object_and_u8_array(&algo, &key, &data)?).await?;
    Ok(b64url_encode(&Uint8Array::new(&sig).to_vec()))
}

/// Deletes a stored key (an abandoned or replaced enrollment).
pub async fn delete(key_id: &str) {
    let k = JsValue::from_str(key_id);
    let _ = store_op(IdbTransactionMode::Readwrite, |s| s.delete(&k)).await;
}

pub(crate) fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The key of the last enrollment that succeeded in this browser.
pub fn bound_key_id() -> Option<String> {
    local()?.get_item(BOUND_KEY).ok()?.filter(|s| !s.is_empty())
}

/// Marks `key_id` as this browser's binding (in localStorage and beside the key in IndexedDB);
/// the previous bound key is deleted.
pub async fn bind(key_id: &str) {
    let previous = bound_key_id();
    if let Some(s) = local() {
        let _ = s.set_item(BOUND_KEY, key_id);
    }
    mark(key_id).await;
    if let Some(old) = previous.filter(|old| old != key_id) {
        delete(&old).await;
    }
}

/// Makes sure a binding made before the IndexedDB mark existed carries it too.
pub async fn ensure_marked(key_id: &str) {
    let mark_key = JsValue::from_str(BOUND_MARK);
    let current = store_op(IdbTransactionMode::Readonly, |s| s.get(&mark_key))
        .await
        .ok()
        .and_then(|v| v.as_string());
    if current.as_deref() != Some(key_id) {
        mark(key_id).await;
    }
}

/// Forgets the localStorage id whose key is gone.
pub fn forget_key_id() {
    if let Some(s) = local() {
        let _ = s.remove_item(BOUND_KEY);
    }
}
