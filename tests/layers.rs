//! The library's structure, as README "Architecture" draws it: every module imports
//! only the layers below its own, no two files import each other, and no source file
//! grows past 600 lines.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The top-level modules of the library by layer, lowest first; modules of one layer
/// do not import each other either.
const LAYERS: &[&[&str]] = &[
    &["error", "parallel", "span"],
    &["text", "source"],
    &["diagnostic"],
    &["rules"],
    &["compile", "judge"],
    &["engine"],
    &["documents"],
    &["lint"],
    &["config", "selfcheck"],
    &["render"],
    &["lsp", "serve"],
];

const MAX_LINES: usize = 600;

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The library's files (the command line is a front end, not a layer), each with its
/// module path (`lint/page`) and its code before its unit tests.
fn library() -> Vec<(String, String)> {
    let mut paths = Vec::new();
    sources(Path::new("src"), &mut paths);
    paths.sort();
    paths
        .iter()
        .filter_map(|path| {
            let module = path.strip_prefix("src").unwrap().with_extension("");
            let module = module.to_string_lossy().replace('\\', "/");
            let module = module.strip_suffix("/mod").unwrap_or(&module).to_string();
            let top = module.split('/').next().unwrap();
            if matches!(top, "cli" | "main" | "lib") {
                return None;
            }
            let text = std::fs::read_to_string(path).unwrap();
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap().to_string();
            Some((module, code))
        })
        .collect()
}

/// The names a file's code reaches through `prefix` (`crate::`, `super::`), including
/// those of a grouped import (`use crate::{rules::Rule, text::Token}`).
fn named_after<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut names = Vec::new();
    for (at, _) in code.match_indices(prefix) {
        let rest = &code[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find(';').unwrap_or(group.len())];
            let starts = std::iter::once(0).chain(group.match_indices(',').map(|(i, _)| i + 1));
            names.extend(starts.map(|i| first_word(group[i..].trim_start())));
        } else {
            names.push(first_word(rest));
        }
    }
    names.retain(|n| !n.is_empty() && *n != "self");
    names
}

fn first_word(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

#[test]
fn no_module_imports_its_own_layer_or_one_above() {
    let mut wrong = Vec::new();
    for (module, code) in library() {
        let top = module.split('/').next().unwrap();
        let own = layer_of(top).unwrap_or_else(|| panic!("{module}: add its module to LAYERS"));
        for name in named_after(&code, "crate::") {
            if layer_of(name).is_some_and(|layer| name != top && layer >= own) {
                wrong.push(format!("{module} imports {name}"));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn no_two_files_of_a_folder_import_each_other() {
    let mut imports: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (module, code) in library() {
        let parent = match module.rsplit_once('/') {
            Some((parent, _)) => parent.to_string(),
            None => String::new(),
        };
        for name in named_after(&code, "super::") {
            let sibling = match parent.as_str() {
                "" => name.to_string(),
                parent => format!("{parent}/{name}"),
            };
            imports.entry(module.clone()).or_default().push(sibling);
        }
    }
    let mut circles = Vec::new();
    for (module, siblings) in &imports {
        for sibling in siblings {
            if imports.get(sibling).is_some_and(|back| back.contains(module)) && module < sibling {
                circles.push(format!("{module} <-> {sibling}"));
            }
        }
    }
    assert!(circles.is_empty(), "{circles:#?}");
}

#[test]
fn no_source_file_is_longer_than_the_limit() {
    let mut paths = Vec::new();
    sources(Path::new("src"), &mut paths);
    let long: Vec<String> = paths
        .iter()
        .map(|path| (path, std::fs::read_to_string(path).unwrap().lines().count()))
        .filter(|&(_, lines)| lines > MAX_LINES)
        .map(|(path, lines)| format!("{}: {lines} lines", path.display()))
        .collect();
    assert!(long.is_empty(), "{long:#?}");
}

#[test]
fn the_checks_see_imports_of_every_shape() {
    let code =
        "use crate::rules::Rule;\nuse crate::{engine::Words, text::Token};\nlet x = crate::span::Span::new(0..1);";
    assert_eq!(named_after(code, "crate::"), ["rules", "engine", "text", "span"]);
    assert_eq!(named_after("use super::{self, page::Page};", "super::"), ["page"]);
}
