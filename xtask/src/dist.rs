//! Post-processing of Trunk's `dist/` so it runs under a strict Content-Security-Policy
//! (`script-src 'self' 'wasm-unsafe-eval'`, no `unsafe-inline`).

use std::path::Path;

use crate::Result;

/// Trunk injects its Wasm loader as an inline `<script type="module">`; a strict CSP blocks
/// it. Move it to a content-hashed file beside index.html and reference it instead. Relative
/// imports inside it keep working because a module resolves them against its own URL.
pub fn externalize_inline_loader(dist: &Path) -> Result<()> {
    let index_path = dist.join("index.html");
    let html = std::fs::read_to_string(&index_path)?;
    let Some(out) = externalize(&html, |body| {
        let name = format!("loader-{:016x}.js", fnv1a(body.as_bytes()));
        std::fs::write(dist.join(&name), body)?;
        Ok(name)
    })?
    else {
        return Ok(());
    };
    std::fs::write(&index_path, out)?;
    Ok(())
}

/// Replaces every inline `<script …>body</script>` with `<script … src="./NAME"></script>`,
/// where `save(body)` stores the body and returns NAME. `None` when there is nothing inline.
fn externalize(html: &str, mut save: impl FnMut(&str) -> Result<String>) -> Result<Option<String>> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut changed = false;
    while let Some(start) = rest.find("<script") {
        let Some(tag_end) = rest[start..].find('>').map(|i| start + i) else { break };
        let tag = &rest[start..tag_end];
        let Some(close) = rest[tag_end..].find("</script>").map(|i| tag_end + i) else { break };
        let body = &rest[tag_end + 1..close];
        out.push_str(&rest[..start]);
        if tag.contains(" src=") || body.trim().is_empty() {
            out.push_str(&rest[start..close + "</script>".len()]);
        } else {
            let name = save(body.trim())?;
            out.push_str(&format!("{tag} src=\"./{name}\"></script>"));
            changed = true;
        }
        rest = &rest[close + "</script>".len()..];
    }
    out.push_str(rest);
    Ok(changed.then_some(out))
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_module_moves_to_a_file_and_external_scripts_stay() {
        let html = r#"<head><script src="./x.js"></script><script type="module">
import init from './app.js'; await init();
</script></head>"#;
        let mut saved = Vec::new();
        let out = externalize(html, |b| {
            saved.push(b.to_string());
            Ok("loader-1.js".into())
        })
        .unwrap()
        .unwrap();
        assert_eq!(saved, vec!["import init from './app.js'; await init();"]);
        assert_eq!(
            out,
            r#"<head><script src="./x.js"></script><script type="module" src="./loader-1.js"></script></head>"#
        );
        assert!(externalize(&out, |_| Ok("never".into())).unwrap().is_none());
    }
}
