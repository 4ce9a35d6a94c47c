//! Captcha images: a PNG whose characters are jittered strokes, warped and speckled in the pixels,
//! so the answer is in no source a script can parse, and drawn so that the public glyph set is
//! no template to match (see [`render_png`]). The audio (captcha_audio.rs) is the
//! accessible alternative.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use tiny_skia::{Color, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, Transform};

use crate::crypto::{random_bytes, Jitter};

/// No 0/O/Q, 1/I: characters people confuse.
pub const ALPHABET: &str = "ABCDEFGHJKLMNPRSTUVWXYZ23456789";

/// Stroke glyphs on a 4×6 grid: polylines of (x, y) points. Public, as they are in this
/// repository: the solver test (tests/captcha_solver.rs) builds its templates from them.
pub fn glyph(c: char) -> &'static [&'static [(f64, f64)]] {
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

/// 4–6 characters from [`ALPHABET`], each drawn uniformly (no modulo bias: a byte past the
/// largest multiple of the alphabet's size is drawn again).
pub fn random_text() -> String {
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    let len = 4 + uniform_below(3);
    (0..len)
        .map(|_| alphabet[uniform_below(alphabet.len())])
        .collect()
}

/// A uniform integer in `0..n` (n ≤ 256) from the operating system's generator.
fn uniform_below(n: usize) -> usize {
    let limit = 256 - 256 % n;
    loop {
        let b = usize::from(random_bytes::<1>()[0]);
        if b < limit {
            return b % n;
        }
    }
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
/// One width whatever the length (room for the longest text), so the picture's size does not
/// say how many characters to look for.
pub const WIDTH: u32 = 16 + 32 * 6;

/// The captcha as a PNG. What a template matcher built from [`glyph`] relies on is taken away
/// (tests/captcha_solver.rs measures it): every stroke, characters and noise alike, is painted
/// with one gradient across the picture and written as shades of one ink by its darkness, so
/// colour separates nothing; the noise curves are as wide as the characters and cross them, and
/// the characters touch, so dark regions do not fall apart into characters either; each
/// character gets its own proportions, stroke width and bent points; the warp samples between
/// pixels, so edges blend, and speckles of random shades break up every region.
///
/// Sized like a real captcha (a few kB): the picture is written with a palette of [`LEVELS`]
/// shades from the ground to the ink, 4 bits a pixel. Noise in every pixel (the earlier
/// design) made it an incompressible 37 kB, which the phone downloaded on the critical path of
/// step 2 (issue 27) while protecting nothing the shades do not.
pub fn render_png(text: &str, rng: &mut Jitter) -> Vec<u8> {
    let drawn = draw(text, rng);
    let warped = warp(&drawn, rng);
    let (palette, mut indices) = shades(&warped, rng);
    speckle(&mut indices, rng);
    encode_indexed(warped.width(), warped.height(), &palette, &indices).unwrap_or_default()
}

/// How many shades the picture has, ground and ink included: 4 bits a pixel.
pub const LEVELS: usize = 16;

const GROUND: [u8; 3] = [0xf4, 0xf1, 0xea];

/// Each pixel as one of [`LEVELS`] shades between the ground and one random ink, by how much
/// darker than the ground it is (the darkest pixel is the ink).
fn shades(pixmap: &Pixmap, rng: &mut Jitter) -> (Vec<u8>, Vec<u8>) {
    let luma = |[r, g, b]: [u8; 3]| 0.3 * f64::from(r) + 0.6 * f64::from(g) + 0.1 * f64::from(b);
    let ground = luma(GROUND);
    let depth: Vec<f64> = pixmap
        .pixels()
        .iter()
        .map(|p| (ground - luma([p.red(), p.green(), p.blue()])).max(0.0))
        .collect();
    let deepest = depth.iter().copied().fold(1.0, f64::max);
    let top = (LEVELS - 1) as f64;
    let indices = depth
        .iter()
        .map(|d| (d / deepest * top).round() as u8)
        .collect();
    let ink = ink(rng);
    let ink = [ink.red(), ink.green(), ink.blue()].map(|c| f64::from(c) * 255.0);
    let palette = (0..LEVELS)
        .flat_map(|i| {
            let t = i as f64 / top;
            (0..3).map(move |c| (f64::from(GROUND[c]) * (1.0 - t) + ink[c] * t).round() as u8)
        })
        .collect();
    (palette, indices)
}

/// Some pixels get a random shade: no region of one shade stays whole.
fn speckle(indices: &mut [u8], rng: &mut Jitter) {
    for _ in 0..indices.len() / SPECKLE_EVERY {
        let i = rng.below(indices.len());
        indices[i] = rng.below(LEVELS) as u8;
    }
}

/// One pixel in this many is a speckle.
const SPECKLE_EVERY: usize = 40;

/// A palette PNG of 4 bits a pixel.
fn encode_indexed(w: u32, h: u32, palette: &[u8], indices: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Four);
    encoder.set_palette(palette);
    encoder.set_compression(png::Compression::High);
    let rows: Vec<u8> = indices
        .chunks(w as usize)
        .flat_map(|row| {
            row.chunks(2)
                .map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0))
        })
        .collect();
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&rows).ok()?;
    writer.finish().ok()?;
    Some(out)
}

/// Dark enough on the light ground for people (the audio is the alternative for those who
/// cannot see it), and random so no colour is a signature.
fn ink(rng: &mut Jitter) -> Color {
    Color::from_rgba8(
        (15 + rng.below(95)) as u8,
        (15 + rng.below(95)) as u8,
        (30 + rng.below(110)) as u8,
        255,
    )
}

/// One paint for everything drawn: a gradient of three inks along a random direction.
fn paint(rng: &mut Jitter, w: f32) -> Paint<'static> {
    let (x0, y0) = (
        rng.range(0.0, 0.3) as f32 * w,
        rng.range(0.0, f64::from(H)) as f32,
    );
    let (x1, y1) = (
        rng.range(0.7, 1.0) as f32 * w,
        rng.range(0.0, f64::from(H)) as f32,
    );
    let stops = vec![
        tiny_skia::GradientStop::new(0.0, ink(rng)),
        tiny_skia::GradientStop::new(rng.range(0.3, 0.7) as f32, ink(rng)),
        tiny_skia::GradientStop::new(1.0, ink(rng)),
    ];
    let mut paint = Paint {
        anti_alias: true,
        ..Paint::default()
    };
    match tiny_skia::LinearGradient::new(
        tiny_skia::Point::from_xy(x0, y0),
        tiny_skia::Point::from_xy(x1, y1),
        stops,
        tiny_skia::SpreadMode::Pad,
        Transform::identity(),
    ) {
        Some(shader) => paint.shader = shader,
        None => paint.set_color(ink(rng)),
    }
    paint
}

fn stroke_path(
    pixmap: &mut Pixmap,
    path: &tiny_skia::Path,
    paint: &Paint,
    width: f32,
    t: Transform,
) {
    let stroke = Stroke {
        width,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        ..Stroke::default()
    };
    pixmap.stroke_path(path, paint, &stroke, t, None);
}

/// Curves through the text band, as wide as the characters' strokes and in the same paint.
fn noise_curves(pixmap: &mut Pixmap, paint: &Paint, rng: &mut Jitter, n: usize) {
    let (w, h) = (pixmap.width() as f64, f64::from(H));
    for _ in 0..n {
        let mut pb = PathBuilder::new();
        pb.move_to(
            rng.range(0.0, w * 0.3) as f32,
            rng.range(h * 0.2, h * 0.8) as f32,
        );
        pb.cubic_to(
            rng.range(0.0, w) as f32,
            rng.range(0.0, h) as f32,
            rng.range(0.0, w) as f32,
            rng.range(0.0, h) as f32,
            rng.range(w * 0.7, w) as f32,
            rng.range(h * 0.2, h * 0.8) as f32,
        );
        if let Some(path) = pb.finish() {
            let width = rng.range(1.6, 2.6) as f32;
            stroke_path(pixmap, &path, paint, width, Transform::identity());
        }
    }
}

fn draw(text: &str, rng: &mut Jitter) -> Pixmap {
    let chars: Vec<char> = text.chars().collect();
    let Some(mut pixmap) = Pixmap::new(WIDTH, H) else {
        return Pixmap::new(1, 1).expect("a 1×1 pixmap");
    };
    pixmap.fill(Color::from_rgba8(GROUND[0], GROUND[1], GROUND[2], 255));
    let paint = paint(rng, WIDTH as f32);
    noise_curves(&mut pixmap, &paint, rng, 2);
    // The characters touch: each advance is a little less than a character's width. The run
    // starts anywhere that keeps it inside the picture.
    let advances: Vec<f32> = chars.iter().map(|_| rng.range(25.0, 30.0) as f32).collect();
    let run: f32 = advances.iter().sum();
    let mut x = 10.0 + rng.range(0.0, f64::from((WIDTH as f32 - 20.0 - run).max(0.0))) as f32;
    for (&c, advance) in chars.iter().zip(advances) {
        let (sx, sy) = (rng.range(4.8, 6.4), rng.range(5.6, 7.0));
        let bend = rng.range(0.4, 1.2);
        let mut pb = PathBuilder::new();
        for stroke in glyph(c.to_ascii_uppercase()) {
            for (j, &(gx, gy)) in stroke.iter().enumerate() {
                let px = ((gx - 2.0) * sx + rng.range(-bend, bend)) as f32;
                let py = ((gy - 3.0) * sy + rng.range(-bend, bend)) as f32;
                if j == 0 {
                    pb.move_to(px, py);
                } else {
                    pb.line_to(px, py);
                }
            }
        }
        let cx = x + advance / 2.0;
        let cy = H as f32 / 2.0 + rng.range(-5.0, 5.0) as f32;
        let angle = rng.range(-28.0, 28.0) as f32;
        let skew = (rng.range(-14.0, 14.0) as f32).to_radians().tan();
        let t = Transform::from_translate(cx, cy)
            .pre_rotate(angle)
            .pre_concat(Transform::from_row(1.0, 0.0, skew, 1.0, 0.0, 0.0));
        if let Some(path) = pb.finish() {
            let width = rng.range(2.4, 3.4) as f32;
            stroke_path(&mut pixmap, &path, &paint, width, t);
        }
        x += advance;
    }
    noise_curves(&mut pixmap, &paint, rng, 1);
    pixmap
}

/// Two crossed sine waves move every pixel (rows sideways, columns up and down), sampled
/// between pixels so edges blend.
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
    let from = src.pixels();
    let at = |x: i64, y: i64| {
        let (x, y) = (x.clamp(0, i64::from(w) - 1), y.clamp(0, i64::from(h) - 1));
        let p = from[(y as u32 * w + x as u32) as usize];
        [p.red(), p.green(), p.blue()].map(f64::from)
    };
    let to = out.pixels_mut();
    for y in 0..h {
        for x in 0..w {
            let sx = f64::from(x) + ax * (f64::from(y) * fx + px).sin();
            let sy = f64::from(y) + ay * (f64::from(x) * fy + py).sin();
            let (x0, y0) = (sx.floor(), sy.floor());
            let (tx, ty) = (sx - x0, sy - y0);
            let (x0, y0) = (x0 as i64, y0 as i64);
            let (a, b, c, d) = (
                at(x0, y0),
                at(x0 + 1, y0),
                at(x0, y0 + 1),
                at(x0 + 1, y0 + 1),
            );
            let rgb: [u8; 3] = std::array::from_fn(|i| {
                let top = a[i] * (1.0 - tx) + b[i] * tx;
                let bottom = c[i] * (1.0 - tx) + d[i] * tx;
                (top * (1.0 - ty) + bottom * ty).round().clamp(0.0, 255.0) as u8
            });
            to[(y * w + x) as usize] =
                tiny_skia::ColorU8::from_rgba(rgb[0], rgb[1], rgb[2], 255).premultiply();
        }
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

    /// Each character of the alphabet as often as the others: a byte taken modulo 31 made the
    /// first eight about 9 % more likely, a head start for a guesser.
    #[test]
    fn characters_are_drawn_uniformly() {
        let mut counts = std::collections::HashMap::new();
        let mut total = 0usize;
        while total < 100_000 {
            for c in random_text().chars() {
                *counts.entry(c).or_insert(0usize) += 1;
                total += 1;
            }
        }
        let expected = total as f64 / ALPHABET.len() as f64;
        for c in ALPHABET.chars() {
            let n = counts.get(&c).copied().unwrap_or(0) as f64;
            assert!(
                (n / expected - 1.0).abs() < 0.08,
                "{c}: {n} where {expected:.0} expected"
            );
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
        // One width for every length: the size does not say how many characters there are.
        assert_eq!(size(&a), (WIDTH, 60));
        assert_eq!(size(&render_png("AB3DEF", &mut Jitter::new())), (WIDTH, 60));
        // A PNG, not markup: the payload decodes to PNG's signature. (Searching the base64 text
        // for "svg" failed now and then: random base64 contains it.)
        let url = image_data_url("AB3D");
        let payload = url
            .strip_prefix("data:image/png;base64,")
            .expect("a PNG data URL");
        let bytes = STANDARD.decode(payload).expect("base64");
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    }

    /// Sized like a real captcha: a few kB as the JSON answer carries it (it was 49.5 kB of
    /// incompressible noise, downloaded with step 2 on a citizen's phone).
    #[test]
    fn the_picture_is_a_few_kilobytes() {
        let sizes: Vec<usize> = (0..100)
            .map(|_| image_data_url(&random_text()).len())
            .collect();
        let largest = sizes.iter().copied().max().unwrap_or(0);
        let mean = sizes.iter().sum::<usize>() / sizes.len();
        println!("captcha data URL: mean {mean} bytes, largest {largest}");
        assert!(largest <= 8_000, "a captcha of {largest} bytes");
    }

    #[test]
    fn comparison_ignores_case_and_width() {
        assert!(matches("AB3D", "ab3d"));
        assert!(matches("AB3D", " ＡＢ３Ｄ "));
        assert!(!matches("AB3D", "AB3E"));
        assert!(!matches("AB3D", ""));
    }
}
