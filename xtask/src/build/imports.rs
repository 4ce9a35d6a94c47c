//! Step 3's last part: the main module's imports from its JS glue under short names.
//!
//! wasm-bindgen names each function the Wasm imports from the glue after what it binds plus a
//! 16-digit hash (`__wbg_querySelectorAll_6c1bd81d448fb480`), and writes each name twice: in the
//! Wasm's import section and as a key of the glue's import object. ~256 random hashes do not
//! compress: measured on 2026-12-08 (issue 27), the main module 181,738 → 178,285 bytes brotli
//! and the glue 9,429 → 6,778 with every such name shortened to `$0`, `$1`, … in both.
//!
//! A name is shortened only where it is one key of the glue and named nowhere else in it; the
//! build fails when an import the glue defines is not found so, or the section holds what this
//! reader does not know, rather than write a module whose imports the glue does not satisfy.

use crate::Result;

/// Rewrites `wasm` (the main module) and `glue` (its JS) in place; returns how many names it
/// shortened.
/// `glue_module`: the module name the Wasm imports the glue's functions under (`./app_bg.js`).
pub fn shorten(wasm: &[u8], glue: &str, glue_module: &str) -> Result<(Vec<u8>, String, usize)> {
    let sections = sections(wasm)?;
    let mut glue = glue.to_string();
    let mut out = wasm[..8].to_vec();
    let mut renamed = 0;
    for (id, body) in sections {
        let body = if id == IMPORT_SECTION {
            rename_imports(body, glue_module.as_bytes(), &mut glue, &mut renamed)?
        } else {
            body.to_vec()
        };
        out.push(id);
        leb128(&mut out, body.len() as u64);
        out.extend_from_slice(&body);
    }
    Ok((out, glue, renamed))
}

const IMPORT_SECTION: u8 = 2;

fn sections(wasm: &[u8]) -> Result<Vec<(u8, &[u8])>> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a Wasm module".into());
    }
    let mut at = 8;
    let mut out = Vec::new();
    while at < wasm.len() {
        let id = wasm[at];
        let (len, next) = read_leb(wasm, at + 1)?;
        let end = next + len as usize;
        let body = wasm
            .get(next..end)
            .ok_or("a section runs past the module's end")?;
        out.push((id, body));
        at = end;
    }
    Ok(out)
}

fn rename_imports(
    body: &[u8],
    glue_module: &[u8],
    glue: &mut String,
    renamed: &mut usize,
) -> Result<Vec<u8>> {
    let (count, mut at) = read_leb(body, 0)?;
    let mut out = Vec::new();
    leb128(&mut out, count);
    for _ in 0..count {
        let (module, next) = read_name(body, at)?;
        let (field, next) = read_name(body, next)?;
        let desc_end = skip_desc(body, next)?;
        let mut field = field.to_vec();
        if module == glue_module {
            let name = std::str::from_utf8(&field).map_err(|_| "an import name is not UTF-8")?;
            let key = format!("{name}:");
            if glue.matches(name).count() != 1 || !glue.contains(&key) {
                return Err(format!(
                    "the glue does not define the import {name} as one key of its import object"
                )
                .into());
            }
            let short = format!("${renamed:x}");
            if glue.contains(&format!("{short}:")) {
                return Err(format!("the glue already has a key {short}").into());
            }
            *glue = glue.replacen(&key, &format!("{short}:"), 1);
            field = short.into_bytes();
            *renamed += 1;
        }
        leb128(&mut out, module.len() as u64);
        out.extend_from_slice(module);
        leb128(&mut out, field.len() as u64);
        out.extend_from_slice(&field);
        out.extend_from_slice(&body[next..desc_end]);
        at = desc_end;
    }
    if at != body.len() {
        return Err("the import section has bytes after its imports".into());
    }
    Ok(out)
}

fn read_name(b: &[u8], at: usize) -> Result<(&[u8], usize)> {
    let (len, at) = read_leb(b, at)?;
    let end = at + len as usize;
    Ok((b.get(at..end).ok_or("a name runs past its section")?, end))
}

/// Where an import's description ends: function, table, memory, global or tag.
fn skip_desc(b: &[u8], at: usize) -> Result<usize> {
    let byte = |i: usize| b.get(i).copied().ok_or("an import runs past its section");
    let limits = |i: usize| -> Result<usize> {
        let flags = byte(i)?;
        let (_, i) = read_leb(b, i + 1)?;
        Ok(if flags & 1 == 1 { read_leb(b, i)?.1 } else { i })
    };
    match byte(at)? {
        0x00 => Ok(read_leb(b, at + 1)?.1),
        0x01 => limits(at + 2),
        0x02 => limits(at + 1),
        0x03 => Ok(at + 3),
        0x04 => Ok(read_leb(b, at + 2)?.1),
        kind => Err(format!("an import of a kind this build does not know ({kind:#x})").into()),
    }
}

fn read_leb(b: &[u8], mut at: usize) -> Result<(u64, usize)> {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = *b.get(at).ok_or("a number runs past the module's end")?;
        at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok((value, at));
        }
        shift += 7;
        if shift > 63 {
            return Err("a number too long".into());
        }
    }
}

fn leb128(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE_MODULE_STR: &str = "./app_bg.js";

    /// A module importing two functions from the glue and a memory from elsewhere.
    fn module(names: &[&[u8]]) -> Vec<u8> {
        let mut imports = Vec::new();
        leb128(&mut imports, names.len() as u64 + 1);
        for name in names {
            leb128(&mut imports, GLUE_MODULE_STR.len() as u64);
            imports.extend_from_slice(GLUE_MODULE_STR.as_bytes());
            leb128(&mut imports, name.len() as u64);
            imports.extend_from_slice(name);
            imports.extend_from_slice(&[0x00, 0x00]);
        }
        imports.extend_from_slice(b"\x03env\x06memory\x02\x01\x01\x80\x02");
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(b"\x01\x04\x01\x60\x00\x00");
        wasm.push(IMPORT_SECTION);
        leb128(&mut wasm, imports.len() as u64);
        wasm.extend_from_slice(&imports);
        wasm
    }

    #[test]
    fn the_glue_s_keys_and_the_module_s_imports_get_the_same_short_names() {
        let wasm = module(&[b"__wbg_log_0123456789abcdef", b"__wbg_now_fedcba9876543210"]);
        let glue = "const i = { __wbg_log_0123456789abcdef: function(a) {}, __wbg_now_fedcba9876543210: function() {} };";
        let (out, glue, renamed) = shorten(&wasm, glue, GLUE_MODULE_STR).unwrap();
        assert_eq!(renamed, 2);
        assert_eq!(glue, "const i = { $0: function(a) {}, $1: function() {} };");
        assert_eq!(out, module(&[b"$0", b"$1"]));
    }

    #[test]
    fn an_import_the_glue_does_not_define_once_fails_the_build() {
        let wasm = module(&[b"__wbg_log_0123456789abcdef"]);
        assert!(shorten(&wasm, "const i = {};", GLUE_MODULE_STR).is_err());
        let twice = "const i = { __wbg_log_0123456789abcdef: f }; i.__wbg_log_0123456789abcdef();";
        assert!(shorten(&wasm, twice, GLUE_MODULE_STR).is_err());
    }
}
