//! A real sandbox on a random loopback port, and a client that walks the flows.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use mobile_auth_core::contract::*;
use mobile_auth_core::device::DeviceKind;
use mobile_auth_core::national_id::check_digit;
use mobile_auth_sandbox::{crypto, serve, Config, LogSink};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use reqwest::StatusCode;
use serde_json::{json, Value};

pub const CAPTCHA: &str = "AB3D";
pub const PASSWORD: &str = "abc123";
pub const NAME: &str = "王小明";
pub const BIRTH: &str = "0800101";

pub struct Server {
    pub addr: SocketAddr,
    pub base: String,
    pub db: PathBuf,
    pub logs: Arc<Mutex<Vec<String>>>,
    handle: tokio::task::JoinHandle<()>,
}

impl Server {
    pub async fn start(adjust: impl FnOnce(&mut Config)) -> Server {
        let db = std::env::temp_dir().join(format!("sandbox-test-{}/db.sqlite", crypto::token()));
        Server::start_with_db(db, adjust).await
    }

    pub async fn start_with_db(db: PathBuf, adjust: impl FnOnce(&mut Config)) -> Server {
        let logs = Arc::new(Mutex::new(Vec::new()));
        let mut config = Config {
            port: 0,
            db: db.clone(),
            captcha_text: Some(CAPTCHA.into()),
            rate_limit_per_minute: 10_000,
            insecure_http_cookies: true,
            log: LogSink::Memory(logs.clone()),
            ..Config::default()
        };
        adjust(&mut config);
        let (addr, handle) = serve(config).await.expect("server starts");
        Server {
            addr,
            base: format!("http://{addr}/api/v1"),
            db,
            logs,
            handle,
        }
    }

    /// As deployed behind a proxy on this machine: the proxy trusted, and so (the server is
    /// exposed) no fixed captcha and Secure cookies.
    pub fn behind_proxy(c: &mut Config) {
        c.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
        c.captcha_text = None;
        c.insecure_http_cookies = false;
    }

    pub fn stop(self) {
        self.handle.abort();
    }

    /// A new browser that enrolled `Person::new(n, last_two)` on the direct path: logged in.
    pub async fn enrolled(&self, n: u32, last_two: u32) -> (Client, Person) {
        let (c, p) = (self.client(), Person::new(n, last_two));
        c.enroll(&p).await;
        (c, p)
    }

    pub fn client(&self) -> Client {
        Client {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .unwrap(),
            base: self.base.clone(),
        }
    }

    pub fn log_text(&self) -> String {
        self.logs.lock().unwrap().join("\n")
    }
}

/// A browser: its own cookie jar and its own device key.
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Answer {
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.body.clone()).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

impl Client {
    pub async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Answer {
        let mut req = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .header("accept-language", "en");
        match body {
            Some(b) => req = req.json(&b),
            // As the SPA does: a write without data still sends JSON.
            None if method == reqwest::Method::POST => req = req.json(&json!({})),
            None => {}
        }
        let res = req.send().await.expect("request");
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Answer {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(reqwest::Method::GET, path, None).await
    }
    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }
    pub async fn post_empty(&self, path: &str) -> Answer {
        self.send(reqwest::Method::POST, path, None).await
    }
    pub async fn delete(&self, path: &str) -> Answer {
        self.send(reqwest::Method::DELETE, path, None).await
    }

    pub async fn captcha(&self) -> Captcha {
        let a = self.post_empty("/captchas").await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        a.parse()
    }

    pub async fn apply(&self, p: &Person, device: DeviceKind) -> Answer {
        let captcha = self.captcha().await;
        self.post(
            "/applications",
            p.application(device, &captcha.captcha_id, CAPTCHA),
        )
        .await
    }

    pub async fn apply_ok(&self, p: &Person, device: DeviceKind) -> ApplicationResponse {
        let a = self.apply(p, device).await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        a.parse()
    }

    pub async fn start(&self, token: &str) -> Answer {
        self.post(
            &format!("/verifications/{token}/start"),
            json!({"agree_terms": true, "connection": "cellular"}),
        )
        .await
    }

    /// Enrolls `p` on the direct path (a phone); the client ends up logged in.
    pub async fn enroll(&self, p: &Person) {
        let app = self.apply_ok(p, DeviceKind::Phone).await;
        let a = self.start(&app.token).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    }

    /// A login challenge for `p`'s key.
    pub async fn challenge(&self, p: &Person) -> Challenge {
        let a = self
            .post("/login/challenge", json!({"key_id": p.key_id}))
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        a.parse()
    }

    pub async fn login(&self, p: &Person, password: &str) -> Answer {
        let ch = self.challenge(p).await;
        self.post("/login", p.login_body(&ch, NAME, password)).await
    }
}

/// A person with a valid ID, a mobile number and a browser key pair.
pub struct Person {
    pub national_id: String,
    pub mobile: String,
    pub key: SigningKey,
    pub key_id: String,
}

/// The `n`-th valid citizen ID.
pub fn national_id(n: u32) -> String {
    let first9 = format!("A1{:07}", n % 10_000_000);
    format!("{first9}{}", check_digit(&first9).unwrap())
}

fn new_key() -> SigningKey {
    loop {
        if let Ok(k) = SigningKey::from_bytes(&crypto::random_bytes::<32>().into()) {
            return k;
        }
    }
}

impl Person {
    pub fn new(n: u32, last_two: u32) -> Person {
        Person {
            national_id: national_id(n),
            mobile: format!("091{:05}{last_two:02}", n % 100_000),
            key: new_key(),
            key_id: crypto::token(),
        }
    }

    /// The same citizen in another browser: the same ID and number, a device key of its own.
    pub fn in_another_browser(&self) -> Person {
        Person {
            national_id: self.national_id.clone(),
            mobile: self.mobile.clone(),
            key: new_key(),
            key_id: crypto::token(),
        }
    }

    pub fn jwk(&self) -> Value {
        let point = self.key.verifying_key().to_encoded_point(false);
        json!({
            "key_id": self.key_id, "kty": "EC", "crv": "P-256",
            "x": crypto::b64(point.x().unwrap()), "y": crypto::b64(point.y().unwrap()),
        })
    }

    /// Signs base64url challenge bytes as WebCrypto does: P1363 r‖s.
    pub fn sign(&self, challenge_b64: &str) -> String {
        let bytes = crypto::b64_decode(challenge_b64).unwrap();
        let sig: Signature = self.key.sign(&bytes);
        crypto::b64(&sig.to_bytes())
    }

    /// The four-field login answering `ch`, signed by this person's key.
    pub fn login_body(&self, ch: &Challenge, name: &str, password: &str) -> Value {
        json!({
            "national_id": self.national_id, "birth_date": BIRTH, "name": name, "password": password,
            "key_id": self.key_id, "challenge_id": ch.challenge_id, "signature": self.sign(&ch.challenge),
        })
    }

    pub fn application(&self, device: DeviceKind, captcha_id: &str, captcha: &str) -> Value {
        let has_sim = matches!(device, DeviceKind::Tablet).then_some(false);
        json!({
            "national_id": self.national_id, "carrier": "cht", "mobile": self.mobile,
            "nhi_card": "000012345678", "birth_date": BIRTH, "name": NAME, "confirm": true,
            "captcha_id": captcha_id, "captcha": captcha, "password": PASSWORD,
            "device": {"kind": device, "has_sim": has_sim},
            "device_key": self.jwk(),
        })
    }
}
