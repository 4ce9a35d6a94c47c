//! The deployment's configuration, from its three sources: `config.json` beside the app (read by
//! `api::load_app_config`), the portal's host element when mounted (`data-api-base`), and, for a
//! start while offline, the backend's public settings this tab last received. Types and rules
//! only: the fetching is the API client's.

use leptos::prelude::*;
use mobile_auth_core::contract::{BackendConfig, Localized};
use serde::{Deserialize, Serialize};

/// Links shown under the mobile tab; any may be absent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Links {
    pub manual: Option<String>,
    pub video: Option<String>,
    pub guide: Option<String>,
    pub faq: Option<String>,
    /// The agency's own login page, for the four other methods.
    pub other_methods: Option<String>,
}

/// The runtime `config.json`, next to `index.html`: deploy-time settings, not compiled in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppConfig {
    /// Base of the JSON API: relative to the page ("api/v1") or absolute for a remote backend.
    pub api_base: String,
    /// Public URL of this app for the QR link; overrides the backend's and the page's own.
    pub public_app_url: Option<String>,
    pub links: Links,
    /// Embedding in a portal (iframe messages); see docs/deploy.md.
    pub embed: EmbedConfig,
    /// Carrier ids to offer, in this order: a deployment may offer fewer than its backend
    /// verifies (ids the backend does not know are ignored; it validates again anyway).
    pub carriers: Option<Vec<String>>,
    /// 驗證單位 as this agency names itself on the phone-side summary.
    pub verification_unit: Option<Localized>,
    /// A same-origin stylesheet of CSS custom properties loaded after the app's own (a strict
    /// CSP allows no inline style, so a theme is a file).
    pub theme_css: Option<String>,
}

impl AppConfig {
    /// Applies this deployment's choices to what the backend offers.
    pub fn narrow(&self, backend: &mut BackendConfig) {
        if let Some(ids) = &self.carriers {
            let offered = std::mem::take(&mut backend.carriers);
            backend.carriers = ids
                .iter()
                .filter_map(|id| offered.iter().find(|c| &c.id == id).cloned())
                .collect();
        }
        if let Some(unit) = &self.verification_unit {
            backend.verification_unit = unit.clone();
        }
    }
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            api_base: "api/v1".into(),
            public_app_url: None,
            links: Links::default(),
            embed: Default::default(),
            carriers: None,
            verification_unit: None,
            theme_css: None,
        }
    }
}

/// Why `config.json` could not be used, in words for whoever deploys the app (no user data).
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigError {
    /// Not served: the HTTP status, or 0 when the request itself failed.
    Missing(u16),
    /// Served but unusable: serde's or the validator's explanation, with line and column.
    Broken(String),
}

impl ConfigError {
    /// The operator's diagnosis, shown under the citizen's message and logged to the console.
    pub fn detail(&self) -> String {
        match self {
            ConfigError::Missing(0) => {
                "config.json: request failed (network or CSP connect-src)".into()
            }
            ConfigError::Missing(status) => format!("config.json: HTTP {status}"),
            ConfigError::Broken(why) => format!("config.json: {why}"),
        }
    }
}

impl AppConfig {
    /// What JSON's shape cannot say: a usable API base and real origins in the allow-list.
    pub fn validate(&self) -> Result<(), String> {
        if self.api_base.trim().is_empty() {
            return Err(
                "\"api_base\" is empty: use \"api/v1\" or the backend's absolute URL".into(),
            );
        }
        self.embed.validate()
    }

    /// Mount mode: the host element's `data-api-base` overrides config.json's backend.
    pub fn apply_host_overrides(&mut self) {
        if let Some(api_base) = crate::host::host_data("api-base") {
            self.api_base = api_base;
        }
    }
}

/// `embed` in config.json.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmbedConfig {
    /// Portal origins (`https://portal.example.gov.tw`) that may receive the iframe's messages.
    pub allowed_origins: Vec<String>,
}

impl EmbedConfig {
    pub fn validate(&self) -> Result<(), String> {
        for o in &self.allowed_origins {
            let parsed = web_sys::Url::new(o).ok();
            let ok = parsed.as_ref().is_some_and(|u| {
                matches!(u.protocol().as_str(), "https:" | "http:")
                    && u.origin() == o.trim_end_matches('/')
            });
            if !ok {
                return Err(format!(
                    "\"embed.allowed_origins\" has {o:?}: each entry must be an origin such as \"https://portal.example.gov.tw\" (no path, no \"*\")"
                ));
            }
        }
        Ok(())
    }
}

/// The backend's public settings (carriers, terms; nothing about the user), kept for this tab
/// so a reload while offline can still show the form that was being filled in.
const BACKEND_KEY: &str = "mobile-auth.backend-config";

pub fn remember_backend(config: &BackendConfig) {
    if let (Some(s), Ok(json)) = (
        window().session_storage().ok().flatten(),
        crate::json::to_string(config),
    ) {
        let _ = s.set_item(BACKEND_KEY, &json);
    }
}

pub fn remembered_backend() -> Option<BackendConfig> {
    let json = window()
        .session_storage()
        .ok()
        .flatten()?
        .get_item(BACKEND_KEY)
        .ok()
        .flatten()?;
    crate::json::from_str(&json).ok()
}
