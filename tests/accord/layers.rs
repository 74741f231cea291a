//! The library's layers, as `ARCHITECTURE.md` lists them: every module imports only modules of
//! lower layers.

use std::collections::BTreeMap;
use std::path::Path;

/// The layer of each top-level module, from the table under `## Layers` in `ARCHITECTURE.md`.
fn layers_from_architecture() -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string("ARCHITECTURE.md").expect("ARCHITECTURE.md is readable");
    let section = text
        .split("\n## Layers\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("ARCHITECTURE.md has a `## Layers` section");
    let mut layers = BTreeMap::new();
    for row in section.lines().filter(|line| line.starts_with('|')) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let Some(layer) = cells.get(1).and_then(|cell| cell.parse::<usize>().ok()) else {
            continue;
        };
        for module in cells.get(2).copied().unwrap_or_default().split(',') {
            let module = module.trim().trim_matches('`');
            assert!(
                layers.insert(module.to_owned(), layer).is_none(),
                "{module} is listed twice"
            );
        }
    }
    assert!(!layers.is_empty(), "the layers table has no rows");
    layers
}

/// The top-level modules of the library: `src/NAME.rs` and `src/NAME/mod.rs`, without the binary.
fn library_modules() -> Vec<String> {
    let mut modules: Vec<String> = std::fs::read_dir("src")
        .expect("src is readable")
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let path = entry.path();
            let name = path.file_stem()?.to_str()?.to_owned();
            // A folder is a module when it has a `mod.rs` (`src/codes/` holds Markdown only).
            let is_module =
                path.join("mod.rs").is_file() || path.extension().is_some_and(|e| e == "rs");
            (is_module && name != "lib" && name != "bin").then_some(name)
        })
        .collect();
    modules.sort();
    modules.dedup();
    modules
}

/// Every `.rs` file of a module: its own file and everything under its folder.
fn files_of(module: &str) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let file = Path::new("src").join(format!("{module}.rs"));
    if file.is_file() {
        files.push(file);
    }
    let dir = Path::new("src").join(module);
    if dir.is_dir() {
        let mut stack = vec![dir];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("a module folder is readable") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
    }
    files
}

/// The modules a line of code names through `crate::` (comments are skipped: doc links are not
/// imports). A name that is not a module (`crate::Span`, a re-export of `lib.rs`) is returned as
/// it is, so that the caller reports it.
fn crate_paths(line: &str) -> Vec<String> {
    let code = line.split("//").next().unwrap_or_default();
    code.match_indices("crate::")
        // `$crate::` in a macro names the crate root of wherever the macro is used.
        .filter(|(at, _)| !code[..*at].ends_with('$'))
        .map(|(at, token)| {
            code[at + token.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '{')
                .collect()
        })
        .collect()
}

#[test]
fn modules_import_only_lower_layers() {
    let layers = layers_from_architecture();
    let modules = library_modules();
    let unlisted: Vec<&String> = modules
        .iter()
        .filter(|m| !layers.contains_key(*m))
        .collect();
    assert!(
        unlisted.is_empty(),
        "modules missing from ARCHITECTURE.md's layers table: {unlisted:?}"
    );
    let gone: Vec<&String> = layers.keys().filter(|m| !modules.contains(m)).collect();
    assert!(
        gone.is_empty(),
        "the layers table lists modules that do not exist: {gone:?}"
    );

    let mut broken = Vec::new();
    for module in &modules {
        let own = layers[module];
        for file in files_of(module) {
            let text = std::fs::read_to_string(&file).expect("a source file is readable");
            // Unit tests, at the end of a file, may use anything.
            let code = text
                .lines()
                .take_while(|line| line.trim() != "#[cfg(test)]");
            for (number, line) in code.enumerate() {
                for target in crate_paths(line) {
                    let place = format!("{}:{}", file.display(), number + 1);
                    match layers.get(&target) {
                        Some(_) if target == *module => {}
                        Some(&layer) if layer < own => {}
                        Some(&layer) => broken.push(format!(
                            "{place}: {module} (layer {own}) imports {target} (layer {layer})"
                        )),
                        None => broken.push(format!(
                            "{place}: `crate::{target}` is not a module path; name the module \
                             (`crate::diagnostic::Span`, not `crate::Span`)"
                        )),
                    }
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "imports that break the layers:\n{}",
        broken.join("\n")
    );
}

#[test]
fn crate_paths_are_read_from_code_not_comments() {
    assert_eq!(crate_paths("use crate::model::{A, B};"), ["model"]);
    assert_eq!(
        crate_paths("let x = crate::check::run(); // crate::dataset"),
        ["check"]
    );
    assert_eq!(
        crate_paths("/// See [`crate::dataset`]."),
        Vec::<String>::new()
    );
    // A grouped import is not a module path, so it is reported.
    assert_eq!(crate_paths("use crate::{model, yaml};"), ["{model"]);
}
