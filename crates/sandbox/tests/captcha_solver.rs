//! An attacker's captcha solver, built from the project's own glyph set (issue 25, finding 5):
//! the glyphs are public, so the threat is not OCR but template matching. It segments the
//! image (by exact colour, else by dark connected components), then matches each piece against
//! every glyph drawn at the captcha's rotations and skews. Its solve rate over 500 captchas is
//! what docs/security.md reports; the promise is ≤ 2 %.

use mobile_auth_sandbox::captcha::{glyph, random_text, render_png, ALPHABET};
use mobile_auth_sandbox::crypto::Jitter;
use std::collections::HashMap;
use tiny_skia::{Color, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, Transform};

const GRID: usize = 24;
type Bits = [u64; GRID * GRID / 64];

/// A piece of the picture: its pixels.
struct Piece {
    pixels: Vec<(u32, u32)>,
}

impl Piece {
    fn bbox(&self) -> (u32, u32, u32, u32) {
        let xs = self.pixels.iter().map(|p| p.0);
        let ys = self.pixels.iter().map(|p| p.1);
        (
            xs.clone().min().unwrap_or(0),
            ys.clone().min().unwrap_or(0),
            xs.max().unwrap_or(0),
            ys.max().unwrap_or(0),
        )
    }

    fn centre_x(&self) -> f64 {
        self.pixels.iter().map(|p| f64::from(p.0)).sum::<f64>() / self.pixels.len() as f64
    }

    fn glyph_sized(&self) -> bool {
        let (x0, y0, x1, y1) = self.bbox();
        self.pixels.len() >= 40 && x1 - x0 <= 50 && y1 - y0 <= 56 && y1 - y0 >= 12
    }

    /// The piece scaled into a GRID×GRID square (aspect kept, centred), one bit per cell.
    fn bits(&self) -> Bits {
        let (x0, y0, x1, y1) = self.bbox();
        let side = f64::from((x1 - x0).max(y1 - y0) + 1);
        let (ox, oy) = (
            (side - f64::from(x1 - x0 + 1)) / 2.0,
            (side - f64::from(y1 - y0 + 1)) / 2.0,
        );
        let mut b = [0u64; GRID * GRID / 64];
        for &(x, y) in &self.pixels {
            let gx = ((f64::from(x - x0) + ox) / side * GRID as f64) as usize;
            let gy = ((f64::from(y - y0) + oy) / side * GRID as f64) as usize;
            let i = gy.min(GRID - 1) * GRID + gx.min(GRID - 1);
            b[i / 64] |= 1 << (i % 64);
        }
        dilate(&b)
    }
}

fn dilate(b: &Bits) -> Bits {
    let get = |x: i64, y: i64| {
        (0..GRID as i64).contains(&x) && (0..GRID as i64).contains(&y) && {
            let i = y as usize * GRID + x as usize;
            b[i / 64] >> (i % 64) & 1 == 1
        }
    };
    let mut out = [0u64; GRID * GRID / 64];
    for y in 0..GRID as i64 {
        for x in 0..GRID as i64 {
            if (-1..=1).any(|dy| (-1..=1).any(|dx| get(x + dx, y + dy))) {
                let i = y as usize * GRID + x as usize;
                out[i / 64] |= 1 << (i % 64);
            }
        }
    }
    out
}

fn dice(a: &Bits, b: &Bits) -> f64 {
    let both: u32 = a.iter().zip(b).map(|(x, y)| (x & y).count_ones()).sum();
    let total: u32 = a.iter().chain(b).map(|x| x.count_ones()).sum();
    2.0 * f64::from(both) / f64::from(total.max(1))
}

/// One glyph drawn as the captcha draws it, without noise: its opaque pixels.
fn drawn(c: char, angle: f32, skew: f32, size: u32) -> Piece {
    let mut pixmap = Pixmap::new(size, size).expect("pixmap");
    let mut pb = PathBuilder::new();
    for stroke in glyph(c) {
        for (j, &(x, y)) in stroke.iter().enumerate() {
            let (px, py) = (((x - 2.0) * 5.75) as f32, ((y - 3.0) * 5.75) as f32);
            if j == 0 {
                pb.move_to(px, py);
            } else {
                pb.line_to(px, py);
            }
        }
    }
    let t = Transform::from_translate(size as f32 / 2.0, size as f32 / 2.0)
        .pre_rotate(angle)
        .pre_concat(Transform::from_row(
            1.0,
            0.0,
            skew.to_radians().tan(),
            1.0,
            0.0,
            0.0,
        ));
    let mut paint = Paint::default();
    paint.set_color(Color::BLACK);
    let stroke = Stroke {
        width: 2.8,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        ..Stroke::default()
    };
    if let Some(path) = pb.finish() {
        pixmap.stroke_path(&path, &paint, &stroke, t, None);
    }
    let pixels = (0..size * size)
        .filter(|i| pixmap.pixels()[*i as usize].alpha() > 127)
        .map(|i| (i % size, i / size))
        .collect();
    Piece { pixels }
}

struct Solver {
    templates: Vec<(char, Bits)>,
}

impl Solver {
    fn new() -> Solver {
        let mut templates = Vec::new();
        for c in ALPHABET.chars() {
            for angle in (-28..=28).step_by(4) {
                for skew in [-10.0, 0.0, 10.0] {
                    templates.push((c, drawn(c, angle as f32, skew, 72).bits()));
                }
            }
        }
        Solver { templates }
    }

    fn classify(&self, piece: &Piece) -> char {
        self.best(piece).0
    }

    /// The best match and its score.
    fn best(&self, piece: &Piece) -> (char, f64) {
        let bits = piece.bits();
        self.templates
            .iter()
            .map(|(c, t)| (*c, dice(&bits, t)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap_or(('?', 0.0))
    }

    /// Three ways to cut the picture into characters, the first that gives 4–6 pieces: exact
    /// colours, dark connected components, or (characters sit at a steady pitch) the dark run
    /// cut into 4, 5 or 6 equal slices, whichever count matches the templates best.
    fn solve(&self, png: &[u8]) -> String {
        let pixmap = Pixmap::decode_png(png).expect("a PNG");
        let mut pieces = by_colour(&pixmap);
        if !(4..=6).contains(&pieces.len()) {
            pieces = by_darkness(&pixmap);
        }
        if (4..=6).contains(&pieces.len()) {
            pieces.sort_by(|a, b| a.centre_x().total_cmp(&b.centre_x()));
            return pieces.iter().map(|p| self.classify(p)).collect();
        }
        (4..=6)
            .map(|n| {
                let read: Vec<(char, f64)> =
                    slices(&pixmap, n).iter().map(|p| self.best(p)).collect();
                let score = read.iter().map(|r| r.1).sum::<f64>() / n as f64;
                (read.into_iter().map(|r| r.0).collect::<String>(), score)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|r| r.0)
            .unwrap_or_default()
    }
}

fn rgb(p: tiny_skia::PremultipliedColorU8) -> [u8; 3] {
    let c = p.demultiply();
    [c.red(), c.green(), c.blue()]
}

/// Pixels grouped by exact colour: a glyph drawn in one colour is one group, unless the
/// picture's colours no longer survive as such.
fn by_colour(pixmap: &Pixmap) -> Vec<Piece> {
    let w = pixmap.width();
    let mut groups: HashMap<[u8; 3], Vec<(u32, u32)>> = HashMap::new();
    for (i, p) in pixmap.pixels().iter().enumerate() {
        let c = rgb(*p);
        if c[0] == c[1] && c[1] == c[2] {
            continue; // speckles are grey
        }
        groups
            .entry(c)
            .or_default()
            .push((i as u32 % w, i as u32 / w));
    }
    let background = groups.iter().max_by_key(|(_, v)| v.len()).map(|(k, _)| *k);
    groups
        .into_iter()
        .filter(|(k, _)| Some(*k) != background)
        .map(|(_, pixels)| Piece { pixels })
        .filter(Piece::glyph_sized)
        .collect()
}

fn dark_mask(pixmap: &Pixmap) -> Vec<bool> {
    pixmap
        .pixels()
        .iter()
        .map(|p| {
            let [r, g, b] = rgb(*p);
            (u32::from(r) * 3 + u32::from(g) * 6 + u32::from(b)) / 10 < 170
        })
        .collect()
}

/// The columns where characters are (more dark pixels than a few crossing curves make), cut
/// into `n` equal slices of their dark pixels.
fn slices(pixmap: &Pixmap, n: usize) -> Vec<Piece> {
    let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
    let dark = dark_mask(pixmap);
    let column = |x: usize| (0..h).filter(|y| dark[y * w + x]).count();
    let busy: Vec<usize> = (0..w).filter(|&x| column(x) >= 8).collect();
    let (Some(&first), Some(&last)) = (busy.first(), busy.last()) else {
        return Vec::new();
    };
    let pitch = (last + 1 - first) as f64 / n as f64;
    (0..n)
        .map(|i| {
            let (x0, x1) = (
                first + (pitch * i as f64) as usize,
                first + (pitch * (i + 1) as f64) as usize,
            );
            let pixels = (x0..x1.min(w))
                .flat_map(|x| (0..h).map(move |y| (x, y)))
                .filter(|&(x, y)| dark[y * w + x])
                .map(|(x, y)| (x as u32, y as u32))
                .collect();
            Piece { pixels }
        })
        .collect()
}

/// Dark pixels in 8-connected components.
fn by_darkness(pixmap: &Pixmap) -> Vec<Piece> {
    let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
    let dark = dark_mask(pixmap);
    let mut seen = vec![false; w * h];
    let mut pieces = Vec::new();
    for start in 0..w * h {
        if !dark[start] || seen[start] {
            continue;
        }
        let mut stack = vec![start];
        seen[start] = true;
        let mut pixels = Vec::new();
        while let Some(i) = stack.pop() {
            let (x, y) = ((i % w) as i64, (i / w) as i64);
            pixels.push((x as u32, y as u32));
            for dy in -1..=1 {
                for dx in -1..=1 {
                    let (nx, ny) = (x + dx, y + dy);
                    if nx >= 0 && ny >= 0 && nx < w as i64 && ny < h as i64 {
                        let j = ny as usize * w + nx as usize;
                        if dark[j] && !seen[j] {
                            seen[j] = true;
                            stack.push(j);
                        }
                    }
                }
            }
        }
        let piece = Piece { pixels };
        if piece.glyph_sized() {
            pieces.push(piece);
        }
    }
    pieces
}

/// The solver is competent: glyphs drawn at the captcha's angles, unobstructed, are read.
#[test]
fn the_solver_reads_unobstructed_glyphs() {
    let solver = Solver::new();
    let mut rng = Jitter::new();
    let (mut right, mut total) = (0, 0);
    for c in ALPHABET.chars() {
        for _ in 0..6 {
            let angle = rng.range(-28.0, 28.0) as f32;
            let skew = rng.range(-12.0, 12.0) as f32;
            right += usize::from(solver.classify(&drawn(c, angle, skew, 72)) == c);
            total += 1;
        }
    }
    assert!(
        right * 100 >= total * 85,
        "read {right} of {total} clean glyphs"
    );
}

/// 500 captchas as the sandbox renders them: the solver reads at most 2 % whole.
#[test]
fn a_template_solver_built_from_the_glyph_set_reads_at_most_two_percent() {
    let solver = Solver::new();
    let (mut solved, mut glyphs_right, mut glyphs) = (0, 0, 0);
    const N: usize = 500;
    for _ in 0..N {
        let text = random_text();
        let guess = solver.solve(&render_png(&text, &mut Jitter::new()));
        solved += usize::from(guess == text);
        glyphs += text.len();
        glyphs_right += text
            .chars()
            .zip(guess.chars())
            .filter(|(a, b)| a == b)
            .count();
    }
    println!(
        "captcha solver: {solved} of {N} captchas solved ({:.1} %), {glyphs_right} of {glyphs} characters in place",
        solved as f64 * 100.0 / N as f64
    );
    assert!(solved * 50 <= N, "{solved} of {N} solved: more than 2 %");
}
