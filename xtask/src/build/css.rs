//! Mount mode's CSS: the app's sheets scoped to the portal's host element
//! `<div data-mobile-auth>`, so the portal and the app keep their own looks. The page-level
//! selectors (`:root`, `html`, `body`) become the host; every other rule goes under it; `@media`,
//! `@supports`, `@layer` and `@container` blocks are scoped inside; other at-rules stay as they
//! are. The app's own sheets are the only input (no hand-written CSS parser is needed for more
//! than their top-level structure: blocks, strings and comments).

/// Twice, so the host's rules win over a portal's single-attribute rules.
const HOST: &str = "[data-mobile-auth][data-mobile-auth]";

enum Block<'a> {
    /// `@import …;` and the like.
    Statement(&'a str),
    Rule {
        prelude: &'a str,
        body: &'a str,
    },
}

/// The top-level blocks of `css`.
fn blocks(css: &str) -> Vec<Block<'_>> {
    let bytes = css.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let (mut j, mut depth, mut open) = (i, 0usize, None);
        while j < bytes.len() {
            match bytes[j] {
                b'/' if bytes.get(j + 1) == Some(&b'*') => {
                    j = css[j + 2..]
                        .find("*/")
                        .map_or(bytes.len(), |e| j + 2 + e + 1);
                }
                q @ (b'"' | b'\'') => {
                    j = css[j + 1..]
                        .find(q as char)
                        .map_or(bytes.len(), |e| j + 1 + e);
                }
                b';' if depth == 0 => {
                    out.push(Block::Statement(&css[i..=j]));
                    break;
                }
                b'{' => {
                    if depth == 0 {
                        open = Some(j);
                    }
                    depth += 1;
                }
                b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        let start = open.unwrap_or(i);
                        out.push(Block::Rule {
                            prelude: &css[i..start],
                            body: &css[start + 1..j],
                        });
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        i = j + 1;
    }
    out
}

fn without_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = rest[i + 2..]
            .find("*/")
            .map_or("", |e| &rest[i + 2 + e + 2..]);
    }
    out.push_str(rest);
    out
}

/// A selector list split at its top-level commas.
fn selectors(prelude: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut last) = (0i32, 0);
    for (i, c) in prelude.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&prelude[last..i]);
                last = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&prelude[last..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn scope_selector(sel: &str) -> String {
    for page in [":root", "html", "body"] {
        if let Some(rest) = sel.strip_prefix(page) {
            let word_goes_on = rest
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
            if !word_goes_on {
                return format!("{HOST}{rest}");
            }
        }
    }
    format!("{HOST} {sel}")
}

fn scope(css: &str) -> String {
    blocks(css)
        .into_iter()
        .map(|b| match b {
            Block::Statement(text) if without_comments(text).trim().is_empty() => String::new(),
            Block::Statement(text) => text.to_string(),
            Block::Rule { prelude, body } => {
                let prelude = without_comments(prelude);
                let prelude = prelude.trim();
                if ["@media", "@supports", "@layer", "@container"]
                    .iter()
                    .any(|a| prelude.starts_with(a))
                {
                    format!("{prelude}{{{}}}", scope(body))
                } else if prelude.starts_with('@') {
                    format!("{prelude}{{{body}}}")
                } else {
                    let list: Vec<String> =
                        selectors(prelude).into_iter().map(scope_selector).collect();
                    format!("{}{{{body}}}", list.join(","))
                }
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sheets scoped to the host, after a reset: the portal's own rules for plain elements
/// (button, p, h1…) must not reach the app, whose elements start from the browser's defaults.
/// SVG keeps its presentation attributes.
pub fn scoped(css: &str) -> String {
    format!(
        "{HOST} :where(:not(svg, svg *)){{all:revert}}\n{}",
        scope(css)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_go_under_the_host_and_the_page_becomes_it() {
        let css = "/* c */ :root{--a:1} html, body.x{m:0} a:is(b, c) > d{e:f}\n\
                   @media (min-width: 40em){.g{h:i}} @font-face{font-family:x} @import 'y.css';";
        let out = scope(css);
        assert_eq!(
            out,
            [
                "[data-mobile-auth][data-mobile-auth]{--a:1}",
                "[data-mobile-auth][data-mobile-auth],[data-mobile-auth][data-mobile-auth].x{m:0}",
                "[data-mobile-auth][data-mobile-auth] a:is(b, c) > d{e:f}",
                "@media (min-width: 40em){[data-mobile-auth][data-mobile-auth] .g{h:i}}",
                "@font-face{font-family:x}",
                " @import 'y.css';",
            ]
            .join("\n")
        );
    }

    #[test]
    fn strings_and_comments_hide_their_braces() {
        let out = scope(".a::before{content:\"}\"} /* { */ .b{c:d}");
        assert_eq!(
            out,
            "[data-mobile-auth][data-mobile-auth] .a::before{content:\"}\"}\n\
             [data-mobile-auth][data-mobile-auth] .b{c:d}"
        );
    }

    #[test]
    fn a_word_that_starts_like_a_page_selector_is_not_one() {
        assert_eq!(
            scope_selector("html-thing"),
            "[data-mobile-auth][data-mobile-auth] html-thing"
        );
        assert_eq!(
            scope_selector("body > main"),
            "[data-mobile-auth][data-mobile-auth] > main"
        );
    }
}
