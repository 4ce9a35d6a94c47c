//! The captcha spoken (WCAG 1.1.1: a non-visual alternative to the image). Each character is a
//! clip recorded offline by `audio/generate.sh` and embedded in the binary; the server joins the
//! clips of one captcha with uneven silences and a little noise, so the answer never travels as
//! text and two answers for the same code are never the same bytes.

use mobile_auth_core::Lang;

use crate::audio_clips::CLIPS;
use crate::crypto::Jitter;

/// The clips' format, checked by a test against every embedded file.
pub const SAMPLE_RATE: u32 = 16_000;

/// The PCM samples of a 16-bit mono WAV file: the `data` chunk, wherever it is.
fn samples(wav: &[u8]) -> impl Iterator<Item = i16> + '_ {
    let mut at = 12;
    let mut data: &[u8] = &[];
    while at + 8 <= wav.len() {
        let id = &wav[at..at + 4];
        let len = u32::from_le_bytes([wav[at + 4], wav[at + 5], wav[at + 6], wav[at + 7]]) as usize;
        let end = (at + 8 + len).min(wav.len());
        if id == b"data" {
            data = &wav[at + 8..end];
            break;
        }
        at = end + (len & 1);
    }
    data.chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
}

fn clip(c: char, lang: Lang) -> Option<&'static [u8]> {
    let c = c.to_ascii_uppercase();
    CLIPS
        .iter()
        .find(|(k, _, _)| *k == c)
        .map(|(_, zh, en)| match lang {
            Lang::ZhTw => *zh,
            Lang::En => *en,
        })
}

/// `text` spoken in `lang` as a complete WAV file (16 kHz, mono, 16-bit PCM).
pub fn wav(text: &str, lang: Lang) -> Vec<u8> {
    let mut rng = Jitter::new();
    let ms = |n: f64| (n * f64::from(SAMPLE_RATE) / 1000.0) as usize;
    let mut pcm: Vec<i16> = vec![0; ms(400.0)];
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        match clip(c, lang) {
            Some(wav) => {
                // A small random gain per character, so clips cannot be matched byte for byte.
                let gain = rng.range(0.8, 1.0);
                pcm.extend(samples(wav).map(|s| (f64::from(s) * gain) as i16));
            }
            // No clip (only possible with a fixed test text): a short tone keeps the count audible.
            None => pcm.extend((0..ms(250.0)).map(|i| {
                let t = i as f64 / f64::from(SAMPLE_RATE);
                ((t * 660.0 * std::f64::consts::TAU).sin() * 6000.0) as i16
            })),
        }
        // Long enough to tell characters apart, uneven so the gaps do not mark the boundaries.
        let gap = ms(rng.range(550.0, 800.0));
        pcm.extend(std::iter::repeat_n(0, gap));
    }
    // Quiet noise over everything, well under speech level (about −40 dBFS).
    for s in &mut pcm {
        *s = s.saturating_add(rng.range(-300.0, 300.0) as i16);
    }
    encode(&pcm)
}

fn encode(pcm: &[i16]) -> Vec<u8> {
    let data_len = (pcm.len() * 2) as u32;
    let mut out = Vec::with_capacity(44 + pcm.len() * 2);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&SAMPLE_RATE.to_le_bytes());
    out.extend_from_slice(&(SAMPLE_RATE * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for s in pcm {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::captcha::ALPHABET;

    fn fmt(wav: &[u8]) -> (u16, u16, u32, u16) {
        assert_eq!(&wav[0..4], b"RIFF");
        assert_eq!(&wav[8..16], b"WAVEfmt ");
        let u16_at = |i: usize| u16::from_le_bytes([wav[i], wav[i + 1]]);
        let u32_at = |i: usize| u32::from_le_bytes([wav[i], wav[i + 1], wav[i + 2], wav[i + 3]]);
        (u16_at(20), u16_at(22), u32_at(24), u16_at(34))
    }

    #[test]
    fn every_captcha_character_has_a_clip_in_both_languages() {
        for c in ALPHABET.chars() {
            for lang in [Lang::ZhTw, Lang::En] {
                let wav = clip(c, lang).unwrap_or_else(|| panic!("{c} {lang:?}"));
                assert_eq!(fmt(wav), (1, 1, SAMPLE_RATE, 16), "{c} {lang:?}");
                let n = samples(wav).count();
                // Between 0.1 s and 1.5 s of speech: trimmed, and not silence.
                assert!((1_600..24_000).contains(&n), "{c} {lang:?}: {n} samples");
                assert!(
                    samples(wav).any(|s| s.unsigned_abs() > 4000),
                    "{c} {lang:?} is silent"
                );
            }
        }
    }

    #[test]
    fn joined_audio_is_pcm_and_grows_with_the_code() {
        let short = wav("AB3D", Lang::ZhTw);
        let long = wav("AB3DEF", Lang::En);
        assert_eq!(fmt(&short), (1, 1, SAMPLE_RATE, 16));
        assert_eq!(
            u32::from_le_bytes([short[40], short[41], short[42], short[43]]) as usize,
            short.len() - 44
        );
        assert!(long.len() > short.len() + 2 * 2 * SAMPLE_RATE as usize / 2);
        // The same code never gives the same bytes (gain, gaps and noise differ).
        assert_ne!(wav("AB3D", Lang::ZhTw), short);
    }
}
