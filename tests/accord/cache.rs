//! The cache a run keeps between checks of the same dataset (`check::FileCache`): after any
//! change, on disk or in an open buffer, a cached run reports exactly what a fresh run reports.

use std::path::{Path, PathBuf};

use accord::check::{FileCache, Overlay, check_paths_cached};
use accord::{CheckOptions, check_paths_with};

use crate::{copy_dir, rendered_from};

/// A fresh run and a cached run over `data`, rendered; they must be the same.
fn both(
    data: &Path,
    options: &CheckOptions,
    overlay: &Overlay,
    cache: &mut FileCache,
) -> (String, String) {
    let paths = vec![data.to_path_buf()];
    let fresh = check_paths_with(&paths, options, overlay).expect("the run starts");
    let cached = check_paths_cached(&paths, options, overlay, cache).expect("the run starts");
    assert_eq!(cached.files_checked, fresh.files_checked);
    assert_eq!(cached.records, fresh.records);
    (
        rendered_from(&fresh, accord::render::Format::Human, data),
        rendered_from(&cached, accord::render::Format::Human, data),
    )
}

#[test]
fn a_cached_run_reports_what_a_fresh_run_reports_after_every_change() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let data = dir.path().join("data");
    copy_dir(Path::new("data"), &data);
    let people = data.join("actors/people.yaml");
    let events = data.join("events.yaml");
    let article = data.join("articles/hankyung-trump-zelensky-summit-minerals-agreement.txt");
    let original_people = std::fs::read_to_string(&people).expect("people.yaml");
    let original_events = std::fs::read_to_string(&events).expect("events.yaml");
    let original_article = std::fs::read_to_string(&article).expect("the source text");
    let options = CheckOptions::default();
    let mut cache = FileCache::new();
    let mut overlay = Overlay::new();

    let (fresh, cached) = both(&data, &options, &overlay, &mut cache);
    assert_eq!(cached, fresh);
    assert!(fresh.is_empty(), "{fresh}");
    assert_eq!(cache.len(), 7, "every data file is cached");

    // An id renamed on disk: the files that refer to it get findings, from their cached facts.
    let renamed = original_people.replacen("id: donald-trump", "id: donald-trump-sr", 1);
    std::fs::write(&people, &renamed).expect("written");
    let (fresh, cached) = both(&data, &options, &overlay, &mut cache);
    assert_eq!(cached, fresh);
    assert!(fresh.contains("dangling-reference"), "{fresh}");

    // The same rename in an unsaved buffer over the restored file.
    std::fs::write(&people, &original_people).expect("written");
    overlay.insert(people.clone(), renamed.clone());
    let (fresh, cached) = both(&data, &options, &overlay, &mut cache);
    assert_eq!(cached, fresh);
    assert!(fresh.contains("dangling-reference"), "{fresh}");
    overlay.clear();

    // A syntax error, then the source text changed under a quote, then a file removed.
    std::fs::write(&events, original_events.replacen("  - id:", "  - id: [", 1)).expect("written");
    let (fresh, cached) = both(&data, &options, &overlay, &mut cache);
    assert_eq!(cached, fresh);
    assert!(fresh.contains("yaml-syntax"), "{fresh}");
    std::fs::write(&events, &original_events).expect("written");
    std::fs::write(&article, original_article.replace("minerals", "metals")).expect("written");
    let (fresh, cached) = both(&data, &options, &overlay, &mut cache);
    assert_eq!(cached, fresh);
    assert!(fresh.contains("quote-not-found"), "{fresh}");
    std::fs::write(&article, &original_article).expect("written");
    let (fresh, cached) = both(&data, &options, &overlay, &mut cache);
    assert_eq!(cached, fresh);
    assert!(fresh.is_empty(), "{fresh}");
    // A quote changed in an open buffer, over a source text the last run searched.
    overlay.insert(
        events.clone(),
        original_events.replacen("on the 12th", "on the 13th", 1),
    );
    let (fresh, cached) = both(&data, &options, &overlay, &mut cache);
    assert_eq!(cached, fresh);
    assert_eq!(
        fresh.matches("error[quote-not-found]").count(),
        1,
        "{fresh}"
    );
    overlay.clear();
    std::fs::remove_file(&events).expect("removed");
    let (fresh, cached) = both(&data, &options, &overlay, &mut cache);
    assert_eq!(cached, fresh);
    assert_eq!(cache.len(), 6, "a removed file leaves the cache");

    // Other settings: nothing cached under the old ones is used.
    std::fs::write(&events, &original_events).expect("written");
    let strict = CheckOptions {
        max_file_size: 1_000,
        ..CheckOptions::default()
    };
    let (fresh, cached) = both(&data, &strict, &overlay, &mut cache);
    assert_eq!(cached, fresh);
    assert!(fresh.contains("file-too-large"), "{fresh}");
    let (fresh, cached) = both(&data, &options, &overlay, &mut cache);
    assert_eq!(cached, fresh);
    assert!(fresh.is_empty(), "{fresh}");
    let texts: Vec<PathBuf> = cache.texts().map(|(p, _)| p.to_path_buf()).collect();
    assert!(texts.contains(&events), "{texts:?}");
}
