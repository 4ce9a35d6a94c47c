//! The SPA's module graph must follow the layer order of docs/architecture.md: a module is read
//! for the `crate::…` (and `super::…`) paths it names, and each module it names must be of its
//! own rank or an earlier one in the document's table of ranks. A module the table does not rank
//! fails too, so a new module is placed in a layer when it is written. Cycles are reported
//! first, by name (Tarjan), since two modules of one rank may still import each other.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::Result;

pub fn check(src: &Path) -> Result<()> {
    let graph = graph(src)?;
    let doc = src.parent().unwrap_or(src).join("docs/architecture.md");
    let ranks = ranks(&std::fs::read_to_string(&doc)?);
    let mut problems: Vec<String> = cycles(&graph)
        .into_iter()
        .map(|cycle| {
            let names: Vec<_> = cycle.into_iter().collect();
            format!("cycle {}", names.join(" ↔ "))
        })
        .collect();
    problems.extend(against_order(&graph, &ranks));
    if problems.is_empty() {
        eprintln!(
            "xtask: module graph of src/: {} modules, no cycle, every import in the layer order of docs/architecture.md",
            graph.len()
        );
        Ok(())
    } else {
        Err(format!("module graph of src/:\n  {}", problems.join("\n  ")).into())
    }
}

/// The rank table of docs/architecture.md: rows `| 3 | layer | `mod`, `mod::sub` |`.
fn ranks(doc: &str) -> BTreeMap<String, u32> {
    let mut ranks = BTreeMap::new();
    for line in doc.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(rank) = cells.get(1).and_then(|c| c.parse::<u32>().ok()) else {
            continue;
        };
        let Some(modules) = cells.get(3) else {
            continue;
        };
        for name in modules.split('`').skip(1).step_by(2) {
            ranks.insert(name.to_string(), rank);
        }
    }
    ranks
}

/// The rank of `module`: that of the longest path the table names (`ui::qr` is ranked
/// by `ui` unless listed itself).
fn rank_of(module: &str, ranks: &BTreeMap<String, u32>) -> Option<u32> {
    ancestors(module).find_map(|m| ranks.get(m).copied())
}

fn against_order(
    graph: &BTreeMap<String, BTreeSet<String>>,
    ranks: &BTreeMap<String, u32>,
) -> Vec<String> {
    let mut problems = Vec::new();
    for (from, targets) in graph {
        let Some(rf) = rank_of(from, ranks) else {
            problems.push(format!(
                "{from} has no rank in docs/architecture.md's table of ranks"
            ));
            continue;
        };
        for to in targets {
            match rank_of(to, ranks) {
                Some(rt) if rt > rf => problems.push(format!(
                    "{from} (rank {rf}) imports {to} (rank {rt}): against the layer order"
                )),
                _ => {}
            }
        }
    }
    problems
}

/// Module name (`screens::enroll`) → the modules it names.
fn graph(src: &Path) -> Result<BTreeMap<String, BTreeSet<String>>> {
    let mut files = Vec::new();
    collect(src, &mut files)?;
    let mut sources = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(src)?.with_extension("");
        let mut name = rel.to_string_lossy().replace('/', "::");
        if let Some(parent) = name.strip_suffix("::mod") {
            name = parent.to_string();
        }
        if name != "lib" && name != "main" {
            sources.insert(name, std::fs::read_to_string(&f)?);
        }
    }
    let names: BTreeSet<String> = sources.keys().cloned().collect();
    let mut graph = BTreeMap::new();
    for (name, text) in &sources {
        let parent = name.rsplit_once("::").map(|(p, _)| p);
        let mut edges = BTreeSet::new();
        for (prefix, base) in [("crate::", None), ("super::", parent)] {
            for path in paths_after(text, prefix) {
                let full = match base {
                    Some(b) => format!("{b}::{path}"),
                    None => path,
                };
                // The longest module the path names: `screens::qr::screen` is `screens::qr`.
                let target = ancestors(&full).find(|m| names.contains(*m));
                if let Some(t) = target.filter(|t| *t != name) {
                    edges.insert(t.to_string());
                }
            }
        }
        graph.insert(name.clone(), edges);
    }
    Ok(graph)
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            // src/bin/ holds binaries: other crates, which import the library by name.
            if path.file_name().is_some_and(|n| n == "bin") {
                continue;
            }
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// `a::b::c`, `a::b`, `a`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(path);
    std::iter::from_fn(move || {
        let cur = next?;
        next = cur.rsplit_once("::").map(|(p, _)| p);
        Some(cur)
    })
}

/// The lower-case `a::b::c` paths following each occurrence of `prefix`.
fn paths_after(text: &str, prefix: &str) -> Vec<String> {
    text.match_indices(prefix)
        .filter(|(i, _)| {
            !text[..*i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
        .map(|(i, _)| {
            let rest = &text[i + prefix.len()..];
            let end = rest
                .find(|c: char| {
                    !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == ':')
                })
                .unwrap_or(rest.len());
            rest[..end].trim_end_matches(':').to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// The strongly connected parts of more than one module (Tarjan).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<BTreeSet<String>> {
    struct Walk<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        found: Vec<BTreeSet<String>>,
    }
    fn visit<'g>(w: &mut Walk<'g>, v: &'g str) {
        let i = w.index.len();
        w.index.insert(v, i);
        w.low.insert(v, i);
        w.stack.push(v);
        for t in w.graph.get(v).into_iter().flatten() {
            let t = t.as_str();
            if !w.index.contains_key(t) {
                visit(w, t);
                let lt = w.low[t];
                w.low.entry(v).and_modify(|l| *l = (*l).min(lt));
            } else if w.stack.contains(&t) {
                let it = w.index[t];
                w.low.entry(v).and_modify(|l| *l = (*l).min(it));
            }
        }
        if w.low[v] == w.index[v] {
            let mut part = BTreeSet::new();
            while let Some(m) = w.stack.pop() {
                part.insert(m.to_string());
                if m == v {
                    break;
                }
            }
            if part.len() > 1 {
                w.found.push(part);
            }
        }
    }
    let mut w = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !w.index.contains_key(v.as_str()) {
            visit(&mut w, v);
        }
    }
    w.found
}
