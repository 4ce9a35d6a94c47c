//! Captcha images. Characters are drawn as jittered stroke paths, never as SVG `<text>`, so the
//! answer cannot be read out of the image's source.

use std::fmt::Write;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use crate::crypto::{random_bytes, Jitter};

/// No 0/O/Q, 1/I: characters people confuse.
pub const ALPHABET: &str = "ABCDEFGHJKLMNPRSTUVWXYZ23456789";

/// Stroke glyphs on a 4×6 grid: polylines of (x, y) points.
fn glyph(c: char) -> &'static [&'static [(f64, f64)]] {
    match c {
        'A' => &[&[(0., 6.), (2., 0.), (4., 6.)], &[(1., 4.), (3., 4.)]],
        'B' => &[
            &[
                (0., 0.),
                (0., 6.),
                (3., 6.),
                (4., 5.),
                (4., 4.),
                (3., 3.),
                (0., 3.),
            ],
            &[(0., 0.), (3., 0.), (4., 1.), (4., 2.), (3., 3.)],
        ],
        'C' => &[&[
            (4., 1.),
            (3., 0.),
            (1., 0.),
            (0., 1.),
            (0., 5.),
            (1., 6.),
            (3., 6.),
            (4., 5.),
        ]],
        'D' => &[&[
            (0., 0.),
            (0., 6.),
            (2., 6.),
            (4., 4.),
            (4., 2.),
            (2., 0.),
            (0., 0.),
        ]],
        'E' => &[
            &[(4., 0.), (0., 0.), (0., 6.), (4., 6.)],
            &[(0., 3.), (3., 3.)],
        ],
        'F' => &[&[(4., 0.), (0., 0.), (0., 6.)], &[(0., 3.), (3., 3.)]],
        'G' => &[&[
            (4., 1.),
            (3., 0.),
            (1., 0.),
            (0., 1.),
            (0., 5.),
            (1., 6.),
            (3., 6.),
            (4., 5.),
            (4., 3.),
            (2., 3.),
        ]],
        'H' => &[
            &[(0., 0.), (0., 6.)],
            &[(4., 0.), (4., 6.)],
            &[(0., 3.), (4., 3.)],
        ],
        'J' => &[&[(4., 0.), (4., 5.), (3., 6.), (1., 6.), (0., 5.)]],
        'K' => &[
            &[(0., 0.), (0., 6.)],
            &[(4., 0.), (0., 4.)],
            &[(1., 3.), (4., 6.)],
        ],
        'L' => &[&[(0., 0.), (0., 6.), (4., 6.)]],
        'M' => &[&[(0., 6.), (0., 0.), (2., 3.), (4., 0.), (4., 6.)]],
        'N' => &[&[(0., 6.), (0., 0.), (4., 6.), (4., 0.)]],
        'P' => &[&[
            (0., 6.),
            (0., 0.),
            (3., 0.),
            (4., 1.),
            (4., 2.),
            (3., 3.),
            (0., 3.),
        ]],
        'R' => &[
            &[
                (0., 6.),
                (0., 0.),
                (3., 0.),
                (4., 1.),
                (4., 2.),
                (3., 3.),
                (0., 3.),
            ],
            &[(2., 3.), (4., 6.)],
        ],
        'S' => &[&[
            (4., 1.),
            (3., 0.),
            (1., 0.),
            (0., 1.),
            (0., 2.),
            (1., 3.),
            (3., 3.),
            (4., 4.),
            (4., 5.),
            (3., 6.),
            (1., 6.),
            (0., 5.),
        ]],
        'T' => &[&[(0., 0.), (4., 0.)], &[(2., 0.), (2., 6.)]],
        'U' => &[&[(0., 0.), (0., 5.), (1., 6.), (3., 6.), (4., 5.), (4., 0.)]],
        'V' => &[&[(0., 0.), (2., 6.), (4., 0.)]],
        'W' => &[&[(0., 0.), (1., 6.), (2., 3.), (3., 6.), (4., 0.)]],
        'X' => &[&[(0., 0.), (4., 6.)], &[(4., 0.), (0., 6.)]],
        'Y' => &[&[(0., 0.), (2., 3.), (4., 0.)], &[(2., 3.), (2., 6.)]],
        'Z' => &[&[(0., 0.), (4., 0.), (0., 6.), (4., 6.)]],
        '2' => &[&[
            (0., 1.),
            (1., 0.),
            (3., 0.),
            (4., 1.),
            (4., 2.),
            (0., 6.),
            (4., 6.),
        ]],
        '3' => &[
            &[
                (0., 1.),
                (1., 0.),
                (3., 0.),
                (4., 1.),
                (4., 2.),
                (3., 3.),
                (1., 3.),
            ],
            &[(3., 3.), (4., 4.), (4., 5.), (3., 6.), (1., 6.), (0., 5.)],
        ],
        '4' => &[&[(3., 6.), (3., 0.), (0., 4.), (4., 4.)]],
        '5' => &[&[
            (4., 0.),
            (0., 0.),
            (0., 3.),
            (3., 3.),
            (4., 4.),
            (4., 5.),
            (3., 6.),
            (0., 6.),
        ]],
        '6' => &[&[
            (4., 1.),
            (3., 0.),
            (1., 0.),
            (0., 1.),
            (0., 5.),
            (1., 6.),
            (3., 6.),
            (4., 5.),
            (4., 4.),
            (3., 3.),
            (0., 3.),
        ]],
        '7' => &[&[(0., 0.), (4., 0.), (1., 6.)]],
        '8' => &[&[
            (1., 3.),
            (0., 2.),
            (0., 1.),
            (1., 0.),
            (3., 0.),
            (4., 1.),
            (4., 2.),
            (3., 3.),
            (1., 3.),
            (0., 4.),
            (0., 5.),
            (1., 6.),
            (3., 6.),
            (4., 5.),
            (4., 4.),
            (3., 3.),
        ]],
        '9' => &[&[
            (4., 3.),
            (1., 3.),
            (0., 2.),
            (0., 1.),
            (1., 0.),
            (3., 0.),
            (4., 1.),
            (4., 5.),
            (3., 6.),
            (1., 6.),
            (0., 5.),
        ]],
        // Fixed test texts may use other characters: a box still lets a human see a glyph.
        _ => &[&[(0., 0.), (4., 0.), (4., 6.), (0., 6.), (0., 0.)]],
    }
}

/// 4–6 random characters from [`ALPHABET`].
pub fn random_text() -> String {
    let bytes = random_bytes::<7>();
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    let len = 4 + usize::from(bytes[0]) % 3;
    bytes[1..=len]
        .iter()
        .map(|b| alphabet[usize::from(*b) % alphabet.len()])
        .collect()
}

/// Answers are compared without case and surrounding spaces (full-width input is folded too).
pub fn matches(expected: &str, answer: &str) -> bool {
    let norm = |s: &str| {
        mobile_auth_core::normalize::to_half_width(s)
            .trim()
            .to_uppercase()
    };
    !answer.trim().is_empty() && norm(expected) == norm(answer)
}

/// The image as a `data:image/svg+xml;base64,` URL.
pub fn image_data_url(text: &str) -> String {
    let svg = render_svg(text, &mut Jitter::new());
    format!("data:image/svg+xml;base64,{}", STANDARD.encode(svg))
}

pub fn render_svg(text: &str, rng: &mut Jitter) -> String {
    const H: f64 = 60.0;
    const CELL: f64 = 32.0;
    let chars: Vec<char> = text.chars().collect();
    let w = 16.0 + CELL * chars.len() as f64;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{H}\" viewBox=\"0 0 {w} {H}\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#f4f1ea\"/>"
    );
    let colour = |rng: &mut Jitter| {
        format!(
            "rgb({},{},{})",
            20 + rng.below(90),
            20 + rng.below(90),
            40 + rng.below(110)
        )
    };
    // Noise under the characters, and more over them, so neither layer separates cleanly.
    let noise = |svg: &mut String, rng: &mut Jitter, n: usize| {
        for _ in 0..n {
            let c = colour(rng);
            let _ = write!(
                svg,
                "<path d=\"M{:.1} {:.1} Q{:.1} {:.1} {:.1} {:.1}\" stroke=\"{c}\" stroke-width=\"{:.1}\" fill=\"none\" opacity=\"0.6\"/>",
                rng.range(0.0, w * 0.3),
                rng.range(0.0, H),
                rng.range(0.0, w),
                rng.range(0.0, H),
                rng.range(w * 0.7, w),
                rng.range(0.0, H),
                rng.range(0.8, 2.0),
            );
        }
    };
    noise(&mut svg, rng, 4);
    for (i, &c) in chars.iter().enumerate() {
        let scale = rng.range(5.0, 6.5);
        let cx = 8.0 + CELL * i as f64 + CELL / 2.0 + rng.range(-3.0, 3.0);
        let cy = H / 2.0 + rng.range(-6.0, 6.0);
        let angle = rng.range(-28.0, 28.0);
        let skew = rng.range(-12.0, 12.0);
        let mut d = String::new();
        for stroke in glyph(c.to_ascii_uppercase()) {
            for (j, &(x, y)) in stroke.iter().enumerate() {
                let px = (x - 2.0) * scale + rng.range(-0.8, 0.8);
                let py = (y - 3.0) * scale + rng.range(-0.8, 0.8);
                let _ = write!(d, "{}{px:.1} {py:.1}", if j == 0 { "M" } else { "L" });
            }
        }
        let _ = write!(
            svg,
            "<path transform=\"translate({cx:.1} {cy:.1}) rotate({angle:.1}) skewX({skew:.1})\" d=\"{d}\" \
             stroke=\"{}\" stroke-width=\"{:.1}\" stroke-linecap=\"round\" stroke-linejoin=\"round\" fill=\"none\"/>",
            colour(rng),
            rng.range(2.2, 3.4),
        );
    }
    noise(&mut svg, rng, 3);
    for _ in 0..30 {
        let _ = write!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\" fill=\"{}\" opacity=\"0.5\"/>",
            rng.range(0.0, w),
            rng.range(0.0, H),
            rng.range(0.5, 1.6),
            colour(rng),
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_texts_avoid_ambiguous_characters() {
        for _ in 0..200 {
            let t = random_text();
            assert!((4..=6).contains(&t.len()));
            assert!(t.chars().all(|c| ALPHABET.contains(c)));
            assert!(!t.contains(['0', 'O', '1', 'I']));
        }
    }

    #[test]
    fn the_answer_is_not_in_the_image_source() {
        let svg = render_svg("WXYZ", &mut Jitter::new());
        assert!(!svg.contains("<text") && !svg.contains("WXYZ"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }

    #[test]
    fn comparison_ignores_case_and_width() {
        assert!(matches("AB3D", "ab3d"));
        assert!(matches("AB3D", " ＡＢ３Ｄ "));
        assert!(!matches("AB3D", "AB3E"));
        assert!(!matches("AB3D", ""));
    }
}
