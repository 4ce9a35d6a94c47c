//! The QR code of step 4, drawn in Wasm as SVG markup (crisp at any zoom; no inline styles, so
//! it passes a strict CSP), with a text alternative.

use leptos::prelude::*;
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The SVG markup of a QR code for `data`, without the XML declaration (it goes inline in HTML).
pub fn qr_svg(data: &str) -> String {
    let Ok(code) = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M) else {
        return String::new();
    };
    let markup = code
        .render::<svg::Color<'_>>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    match markup.find("<svg") {
        Some(i) => {
            markup[i..].replacen("<svg ", "<svg focusable=\"false\" aria-hidden=\"true\" ", 1)
        }
        None => markup,
    }
}

/// The QR image; `alt` is its accessible name.
#[component]
pub fn QrImage(
    #[prop(into)] url: Signal<String>,
    #[prop(into)] alt: Signal<String>,
) -> impl IntoView {
    view! {
        <div
            class="qr"
            role="img"
            aria-label=move || alt.get()
            inner_html=move || qr_svg(&url.get())
        ></div>
    }
}
