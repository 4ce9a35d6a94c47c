//! `GET /captchas/{captcha_id}/audio`: the captcha spoken, as a WAV file a browser can play.

mod common;

use common::*;
use mobile_auth_core::device::DeviceKind;
use reqwest::StatusCode;

/// Fetches the audio of `id`; answers the status, the Content-Type and the bytes.
async fn audio(c: &Client, id: &str, query: &str) -> (StatusCode, String, Vec<u8>) {
    let res = c
        .http
        .get(format!("{}/captchas/{id}/audio{query}", c.base))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let kind = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, kind, res.bytes().await.unwrap().to_vec())
}

/// Duration in seconds of a PCM WAV file, after checking its header is consistent.
fn seconds(wav: &[u8]) -> f64 {
    assert_eq!(&wav[0..4], b"RIFF");
    assert_eq!(&wav[8..12], b"WAVE");
    let u16_at = |i: usize| u16::from_le_bytes([wav[i], wav[i + 1]]);
    let u32_at = |i: usize| u32::from_le_bytes([wav[i], wav[i + 1], wav[i + 2], wav[i + 3]]);
    assert_eq!(u32_at(4) as usize, wav.len() - 8, "RIFF size");
    assert_eq!(&wav[12..16], b"fmt ");
    assert_eq!(u16_at(20), 1, "PCM");
    let (channels, rate, bits) = (u16_at(22), u32_at(24), u16_at(34));
    assert_eq!((channels, bits), (1, 16));
    assert!(rate == 8_000 || rate == 16_000, "{rate} Hz");
    assert_eq!(&wav[36..40], b"data");
    assert_eq!(u32_at(40) as usize, wav.len() - 44, "data size");
    (wav.len() - 44) as f64 / f64::from(rate) / 2.0
}

async fn duration_for(text: &str, lang: &str) -> f64 {
    let s = Server::start(|c| c.captcha_text = Some(text.into())).await;
    let c = s.client();
    let cap = c.captcha().await;
    let (status, kind, bytes) = audio(&c, &cap.captcha_id, &format!("?lang={lang}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind, "audio/wav");
    s.stop();
    seconds(&bytes)
}

#[tokio::test]
async fn audio_is_a_wav_whose_duration_grows_with_the_code() {
    for lang in ["zh-TW", "en"] {
        let four = duration_for("AB3D", lang).await;
        let six = duration_for("AB3DEF", lang).await;
        // Each character is a spoken clip (≥ 0.25 s) plus a pause (≥ 0.55 s).
        assert!(
            (3.0..12.0).contains(&four),
            "{lang}: 4 characters last {four:.2} s"
        );
        assert!(
            six > four + 1.4,
            "{lang}: 6 characters {six:.2} s vs 4 {four:.2} s"
        );
    }
}

#[tokio::test]
async fn audio_does_not_use_the_captcha_up_and_ends_with_it() {
    let s = Server::start(|_| {}).await;
    let c = s.client();
    let cap = c.captcha().await;
    // Without `lang` the voice follows Accept-Language; both voices answer, repeatedly.
    for q in ["", "?lang=zh-TW", "?lang=en", "?lang=en"] {
        let (status, kind, bytes) = audio(&c, &cap.captcha_id, q).await;
        assert_eq!(
            (status, kind.as_str()),
            (StatusCode::OK, "audio/wav"),
            "{q}"
        );
        assert!(seconds(&bytes) > 2.0);
    }
    let (status, _, _) = audio(&c, &cap.captcha_id, "?lang=fr").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // Listening left the captcha valid: it still enrolls, once.
    let p = Person::new(41, 12);
    let a = c
        .post(
            "/applications",
            p.application(DeviceKind::Desktop, &cap.captcha_id, CAPTCHA),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    // Used up: neither the image's answer nor its audio is available any more.
    let (status, _, _) = audio(&c, &cap.captcha_id, "?lang=en").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = audio(&c, "no-such-captcha", "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The request log never shows the captcha id.
    assert!(!s.log_text().contains(&cap.captcha_id));
}
