//! Step 7: index.html as served. The source is also `trunk serve`'s page (Trunk.toml), so its
//! assets are Trunk's `<link data-trunk …>` tags; the release build reads the four kinds it uses
//! and does what each means:
//! - `rel="rust"`: dropped (boot.js's tag names the split build's files instead);
//! - `rel="css"`: the first screen's sheets joined into one file (its only render-blocking
//!   request); a `data-later` sheet stays apart, `media="not all" disabled` until boot.js
//!   enables it after the first paint;
//! - `rel="copy-file"`, `rel="copy-dir"`: copied beside the page.
//!
//! Then the app's files go on boot.js's tag, step 1 into `<div id="boot-shell">` and the tab's
//! icon into the page as a `data:` URL; and the page must have no inline script, which no CSP
//! this project ships allows.

use std::fs;
use std::path::Path;

use base64::Engine;

use super::{hex16, integrity, AppFiles, FromTheApp};
use crate::Result;

/// One `<link data-trunk …>` tag: where it is in the page (with its line's indent and newline)
/// and its attributes.
struct TrunkLink {
    start: usize,
    end: usize,
    attrs: Vec<(String, Option<String>)>,
}

impl TrunkLink {
    fn get(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_deref().unwrap_or(""))
    }
}

/// The attributes of a tag's inside (`rel="css" href="x" disabled`).
fn attributes(tag: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut rest = tag.trim();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_string();
        rest = rest[name_end..].trim_start();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, tail) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = after[1..].find(q).map_or(after.len(), |i| i + 1);
                    (&after[1..close], after.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            out.push((name, Some(value.to_string())));
            rest = tail.trim_start();
        } else {
            out.push((name, None));
        }
    }
    out
}

fn trunk_links(html: &str) -> Vec<TrunkLink> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find("<link data-trunk") {
        let tag_start = from + i;
        let Some(len) = html[tag_start..].find('>') else {
            break;
        };
        let tag_end = tag_start + len + 1;
        let inside = html[tag_start + "<link".len()..tag_end - 1].trim_end_matches('/');
        // The whole line when the tag is alone on it, so no blank line is left behind.
        let line_start = html[..tag_start].rfind('\n').map_or(0, |n| n + 1);
        let alone =
            html[line_start..tag_start].trim().is_empty() && html[tag_end..].starts_with('\n');
        let (start, end) = if alone {
            (line_start, tag_end + 1)
        } else {
            (tag_start, tag_end)
        };
        out.push(TrunkLink {
            start,
            end,
            attrs: attributes(inside),
        });
        from = tag_end;
    }
    out
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Replaces `what` in `html`, which must hold it exactly once.
fn replace_once(html: &str, what: &str, with: &str) -> Result<String> {
    match html.matches(what).count() {
        1 => Ok(html.replacen(what, with, 1)),
        n => Err(format!("index.html has {n} of `{what}`, not one").into()),
    }
}

/// Writes the page; answers the style sheets it links, in order (mount mode scopes the same).
pub fn write(root: &Path, stage: &Path, files: &AppFiles, app: &FromTheApp) -> Result<Vec<String>> {
    let source = fs::read_to_string(root.join("index.html"))?;
    let links = trunk_links(&source);
    let mut first_sheets = Vec::new();
    let mut later = Vec::new();
    let mut later_names = Vec::new();
    for link in &links {
        let href = link.get("href").unwrap_or_default();
        match link.get("rel") {
            Some("css") if link.get("data-later").is_some() => {
                let text = fs::read(root.join(href))?;
                let stem = Path::new(href)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let name = format!("{stem}-{}.css", hex16(&text));
                fs::write(stage.join(&name), &text)?;
                later_names.push(name.clone());
                let media = link.get("media").unwrap_or("not all");
                later.push(format!(
                    "<link rel=\"stylesheet\" href=\"./{name}\" media=\"{media}\" data-later disabled integrity=\"{}\">",
                    integrity(&text)
                ));
            }
            Some("css") => first_sheets.push(fs::read_to_string(root.join(href))?),
            Some("copy-file") => {
                let name = Path::new(href)
                    .file_name()
                    .ok_or("copy-file without a file")?;
                fs::copy(root.join(href), stage.join(name))
                    .map_err(|e| format!("copying {href}: {e}"))?;
            }
            Some("copy-dir") => {
                let name = Path::new(href)
                    .file_name()
                    .ok_or("copy-dir without a name")?;
                copy_dir(&root.join(href), &stage.join(name))?;
            }
            Some("rust") => {}
            other => {
                return Err(format!(
                "index.html: a data-trunk link of rel {other:?}, which this build does not know"
            )
                .into())
            }
        }
    }
    if first_sheets.is_empty() {
        return Err("index.html has no render-blocking style sheet".into());
    }
    let first_sheets = first_sheets.join("\n");
    let sheet = format!("app-{}.css", hex16(first_sheets.as_bytes()));
    fs::write(stage.join(&sheet), &first_sheets)?;

    // The Trunk links out, the sheets in where the first style link was.
    let first_css = links
        .iter()
        .position(|l| l.get("rel") == Some("css"))
        .unwrap_or_default();
    let mut html = String::with_capacity(source.len());
    let mut at = 0;
    for (i, link) in links.iter().enumerate() {
        html.push_str(&source[at..link.start]);
        if i == first_css {
            html.push_str(&format!(
                "  <link rel=\"stylesheet\" href=\"./{sheet}\" integrity=\"{}\">\n",
                integrity(first_sheets.as_bytes())
            ));
            for l in &later {
                html.push_str(&format!("  {l}\n"));
            }
        }
        at = link.end;
    }
    html.push_str(&source[at..]);

    let html = replace_once(
        &html,
        "data-js=\"\" data-wasm=\"\"",
        &format!("data-js=\"./{}\" data-wasm=\"./{}\"", files.js, files.wasm),
    )?;
    let shell_id = app.app["shell"]["id"].as_str().ok_or("no shell.id")?;
    let place = format!("<div id=\"{shell_id}\"></div>");
    let html = replace_once(
        &html,
        &place,
        &format!("<div id=\"{shell_id}\">{}</div>", app.shell),
    )?;
    // The page's own words, from the app's catalogue (plain text: escaped for HTML here).
    let text = |key: &str| -> Result<String> {
        let t = app.page[key]
            .as_str()
            .ok_or(format!("the manifest has no page.{key}"))?;
        Ok(t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;"))
    };
    let html = replace_once(
        &html,
        "<title></title>",
        &format!("<title>{}</title>", text("title")?),
    )?;
    let html = replace_once(
        &html,
        "<meta name=\"description\" content=\"\">",
        &format!(
            "<meta name=\"description\" content=\"{}\">",
            text("description")?
        ),
    )?;
    let html = replace_once(
        &html,
        "<noscript></noscript>",
        &format!("<noscript>{}</noscript>", text("noScript")?),
    )?;
    // The browser fetches a linked icon on its own, beside the first paint; written in as a
    // data: URL (0.3 kB) it costs no request (CSP img-src data:).
    let icon = "<link rel=\"icon\" href=\"icons/favicon-32.png\"";
    let png = fs::read(stage.join("icons/favicon-32.png"))?;
    let html = replace_once(
        &html,
        icon,
        &format!(
            "<link rel=\"icon\" href=\"data:image/png;base64,{}\"",
            base64::engine::general_purpose::STANDARD.encode(png)
        ),
    )?;
    if let Some(tag) = inline_script(&html) {
        return Err(format!(
            "index.html has an inline script ({tag}); the CSP allows only script files"
        )
        .into());
    }
    fs::write(stage.join("index.html"), html)?;
    Ok(std::iter::once(sheet).chain(later_names).collect())
}

/// The first `<script>` tag without a `src`, if any.
fn inline_script(html: &str) -> Option<String> {
    let mut rest = html;
    while let Some(i) = rest.find("<script") {
        let tag_end = rest[i..].find('>')? + i + 1;
        let tag = &rest[i..tag_end];
        if !attributes(tag[7..tag.len() - 1].trim_end_matches('/'))
            .iter()
            .any(|(n, _)| n == "src")
        {
            return Some(tag.to_string());
        }
        rest = &rest[tag_end..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_with_and_without_values() {
        assert_eq!(
            attributes(r#"data-trunk rel="css" href='a b.css' media=print disabled"#),
            [
                ("data-trunk".into(), None),
                ("rel".into(), Some("css".into())),
                ("href".into(), Some("a b.css".into())),
                ("media".into(), Some("print".into())),
                ("disabled".into(), None),
            ]
        );
    }

    #[test]
    fn an_inline_script_is_found_and_an_external_one_is_not() {
        assert_eq!(
            inline_script(r#"<script type="module" src="./boot.js" data-js=""></script>"#),
            None
        );
        assert_eq!(
            inline_script(r#"<script src="a.js"></script><script type="module">x()</script>"#),
            Some(r#"<script type="module">"#.into())
        );
        // "src" inside another attribute's value is not a src.
        assert!(inline_script(r#"<script data-x="src=y">x()</script>"#).is_some());
    }

    #[test]
    fn trunk_links_take_their_line_with_them() {
        let html =
            "<head>\n  <link data-trunk rel=\"css\" href=\"a.css\">\n  <title>x</title>\n</head>";
        let links = trunk_links(html);
        assert_eq!(links.len(), 1);
        assert_eq!(
            format!("{}{}", &html[..links[0].start], &html[links[0].end..]),
            "<head>\n  <title>x</title>\n</head>"
        );
    }
}
