//! Captcha images: a PNG whose characters are jittered strokes, warped and speckled in the pixels,
//! so the answer is in no source a script can parse. The audio (captcha_audio.rs) is the
//! accessible alternative.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use tiny_skia::{Color, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, Transform};

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

/// The image as a `data:image/png;base64,` URL.
pub fn image_data_url(text: &str) -> String {
    let png = render_png(text, &mut Jitter::new());
    format!("data:image/png;base64,{}", STANDARD.encode(png))
}

const H: u32 = 60;
const CELL: f32 = 32.0;

/// The captcha as a PNG: strokes drawn, then the whole picture warped and speckled in its
/// pixels, so no glyph survives as a shape a script can look up (an SVG's paths, even
/// jittered, are each a known template under a transform).
pub fn render_png(text: &str, rng: &mut Jitter) -> Vec<u8> {
    let drawn = draw(text, rng);
    let warped = warp(&drawn, rng);
    warped.encode_png().unwrap_or_default()
}

fn colour(rng: &mut Jitter) -> Color {
    Color::from_rgba8(
        (20 + rng.below(90)) as u8,
        (20 + rng.below(90)) as u8,
        (40 + rng.below(110)) as u8,
        255,
    )
}

fn stroke_path(pixmap: &mut Pixmap, path: &tiny_skia::Path, c: Color, width: f32, t: Transform) {
    let mut paint = Paint::default();
    paint.set_color(c);
    paint.anti_alias = true;
    let stroke = Stroke {
        width,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        ..Stroke::default()
    };
    pixmap.stroke_path(path, &paint, &stroke, t, None);
}

/// Curves under the characters and more over them, so neither layer separates cleanly.
fn noise_curves(pixmap: &mut Pixmap, rng: &mut Jitter, n: usize) {
    let (w, h) = (pixmap.width() as f64, f64::from(H));
    for _ in 0..n {
        let mut pb = PathBuilder::new();
        pb.move_to(rng.range(0.0, w * 0.3) as f32, rng.range(0.0, h) as f32);
        pb.quad_to(
            rng.range(0.0, w) as f32,
            rng.range(0.0, h) as f32,
            rng.range(w * 0.7, w) as f32,
            rng.range(0.0, h) as f32,
        );
        if let Some(path) = pb.finish() {
            let c = colour(rng);
            let width = rng.range(0.8, 2.0) as f32;
            stroke_path(pixmap, &path, c, width, Transform::identity());
        }
    }
}

fn draw(text: &str, rng: &mut Jitter) -> Pixmap {
    let chars: Vec<char> = text.chars().collect();
    let w = 16 + (CELL as u32) * chars.len() as u32;
    let Some(mut pixmap) = Pixmap::new(w, H) else {
        return Pixmap::new(1, 1).expect("a 1×1 pixmap");
    };
    pixmap.fill(Color::from_rgba8(0xf4, 0xf1, 0xea, 255));
    noise_curves(&mut pixmap, rng, 4);
    for (i, &c) in chars.iter().enumerate() {
        let scale = rng.range(5.0, 6.5);
        let mut pb = PathBuilder::new();
        for stroke in glyph(c.to_ascii_uppercase()) {
            for (j, &(x, y)) in stroke.iter().enumerate() {
                let px = ((x - 2.0) * scale + rng.range(-0.8, 0.8)) as f32;
                let py = ((y - 3.0) * scale + rng.range(-0.8, 0.8)) as f32;
                if j == 0 {
                    pb.move_to(px, py);
                } else {
                    pb.line_to(px, py);
                }
            }
        }
        let cx = 8.0 + CELL * i as f32 + CELL / 2.0 + rng.range(-3.0, 3.0) as f32;
        let cy = H as f32 / 2.0 + rng.range(-6.0, 6.0) as f32;
        let angle = rng.range(-28.0, 28.0) as f32;
        let skew = (rng.range(-12.0, 12.0) as f32).to_radians().tan();
        let t = Transform::from_translate(cx, cy)
            .pre_rotate(angle)
            .pre_concat(Transform::from_row(1.0, 0.0, skew, 1.0, 0.0, 0.0));
        if let Some(path) = pb.finish() {
            let col = colour(rng);
            let width = rng.range(2.2, 3.4) as f32;
            stroke_path(&mut pixmap, &path, col, width, t);
        }
    }
    noise_curves(&mut pixmap, rng, 3);
    pixmap
}

/// Two crossed sine waves move every pixel (rows sideways, columns up and down), then
/// speckles: the distortion lives in the pixels, not in a transform a parser could undo.
fn warp(src: &Pixmap, rng: &mut Jitter) -> Pixmap {
    let (w, h) = (src.width(), src.height());
    let Some(mut out) = Pixmap::new(w, h) else {
        return src.clone();
    };
    let (ax, fx, px) = (
        rng.range(1.5, 3.0),
        rng.range(0.08, 0.16),
        rng.range(0.0, 6.3),
    );
    let (ay, fy, py) = (
        rng.range(1.5, 3.5),
        rng.range(0.03, 0.07),
        rng.range(0.0, 6.3),
    );
    let bg = src.pixel(0, 0);
    let from = src.pixels();
    let to = out.pixels_mut();
    for y in 0..h {
        for x in 0..w {
            let sx = f64::from(x) + ax * (f64::from(y) * fx + px).sin();
            let sy = f64::from(y) + ay * (f64::from(x) * fy + py).sin();
            let (sx, sy) = (sx.round() as i64, sy.round() as i64);
            let inside = sx >= 0 && sy >= 0 && sx < i64::from(w) && sy < i64::from(h);
            let pixel = if inside {
                Some(from[(sy as u32 * w + sx as u32) as usize])
            } else {
                bg
            };
            if let Some(p) = pixel {
                to[(y * w + x) as usize] = p;
            }
        }
    }
    for _ in 0..(w * h / 40) {
        let i = rng.below((w * h) as usize);
        let v = rng.below(256) as u8;
        to[i] = tiny_skia::ColorU8::from_rgba(v, v, v, 255).premultiply();
    }
    out
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
    fn the_image_is_a_warped_raster_that_differs_each_time() {
        let a = render_png("WXYZ", &mut Jitter::new());
        let b = render_png("WXYZ", &mut Jitter::new());
        assert_eq!(&a[..8], b"\x89PNG\r\n\x1a\n");
        assert_ne!(a, b, "the same text never gives the same picture");
        // Width and height from the IHDR chunk: a cell per character.
        let size = |png: &[u8]| {
            let n = |o: usize| u32::from_be_bytes([png[o], png[o + 1], png[o + 2], png[o + 3]]);
            (n(16), n(20))
        };
        assert_eq!(size(&a), (16 + 32 * 4, 60));
        // A PNG, not markup: the payload decodes to PNG's signature. (Searching the base64 text
        // for "svg" failed now and then: random base64 contains it.)
        let url = image_data_url("AB3D");
        let payload = url
            .strip_prefix("data:image/png;base64,")
            .expect("a PNG data URL");
        let bytes = STANDARD.decode(payload).expect("base64");
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    }

    #[test]
    fn comparison_ignores_case_and_width() {
        assert!(matches("AB3D", "ab3d"));
        assert!(matches("AB3D", " ＡＢ３Ｄ "));
        assert!(!matches("AB3D", "AB3E"));
        assert!(!matches("AB3D", ""));
    }
}
