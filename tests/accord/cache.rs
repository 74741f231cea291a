//! The cache a run keeps between checks of the same dataset (`check::FileCache`): after any
//! change, on disk or in an open buffer, a cached run reports exactly what a fresh run reports.

use std::path::{Path, PathBuf};

use accord::check::{CacheKey, CacheRejected, FileCache, Overlay, check_paths_cached};
use accord::{CheckOptions, check_paths_with};

use crate::{accord_in, copy_dir, output, rendered_from};

/// A fresh run and a cached run over `data`, rendered; they must be the same. With `disk`, the
/// cache is written to bytes and read back after the run, as `accord check` does between runs.
fn both(
    data: &Path,
    options: &CheckOptions,
    overlay: &Overlay,
    cache: &mut FileCache,
    disk: bool,
) -> (String, String) {
    let paths = vec![data.to_path_buf()];
    let fresh = check_paths_with(&paths, options, overlay).expect("the run starts");
    let cached = check_paths_cached(&paths, options, overlay, cache).expect("the run starts");
    assert_eq!(cached.files_checked, fresh.files_checked);
    assert_eq!(cached.records, fresh.records);
    if disk {
        let key = CacheKey::new(options, "this build");
        *cache = FileCache::from_bytes(&cache.to_bytes(&key), &key, options)
            .expect("a cache reads back");
    }
    (
        rendered_from(&fresh, accord::render::Format::Human, data),
        rendered_from(&cached, accord::render::Format::Human, data),
    )
}

#[test]
fn a_cached_run_reports_what_a_fresh_run_reports_after_every_change() {
    changes_reported_alike(FileCache::new(), false);
}

#[test]
fn a_cache_of_hashes_read_back_from_bytes_reports_what_a_fresh_run_reports() {
    changes_reported_alike(FileCache::without_texts(), true);
}

fn changes_reported_alike(mut cache: FileCache, disk: bool) {
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
    let mut overlay = Overlay::new();

    let (fresh, cached) = both(&data, &options, &overlay, &mut cache, disk);
    assert_eq!(cached, fresh);
    assert!(fresh.is_empty(), "{fresh}");
    assert_eq!(cache.len(), 7, "every data file is cached");
    // Nothing changed: every entry is used and the dataset's findings are given again. A cache
    // of hashes still counts itself changed, since the files were written less than two seconds
    // ago and their stamps are not trusted yet.
    let again = check_paths_cached(std::slice::from_ref(&data), &options, &overlay, &mut cache)
        .expect("the run starts");
    assert_eq!(cache.unchanged_by_last_run(), !disk);
    assert_eq!(again.files_checked, 7);
    assert!(again.diagnostics.is_empty());

    // An id renamed on disk: the files that refer to it get findings, from their cached facts.
    let renamed = original_people.replacen("id: donald-trump", "id: donald-trump-sr", 1);
    std::fs::write(&people, &renamed).expect("written");
    let (fresh, cached) = both(&data, &options, &overlay, &mut cache, disk);
    assert_eq!(cached, fresh);
    assert!(fresh.contains("dangling-reference"), "{fresh}");

    // The same rename in an unsaved buffer over the restored file.
    std::fs::write(&people, &original_people).expect("written");
    overlay.insert(people.clone(), renamed.clone());
    let (fresh, cached) = both(&data, &options, &overlay, &mut cache, disk);
    assert_eq!(cached, fresh);
    assert!(fresh.contains("dangling-reference"), "{fresh}");
    overlay.clear();

    // A syntax error, then the source text changed under a quote, then a file removed.
    std::fs::write(&events, original_events.replacen("  - id:", "  - id: [", 1)).expect("written");
    let (fresh, cached) = both(&data, &options, &overlay, &mut cache, disk);
    assert_eq!(cached, fresh);
    assert!(fresh.contains("yaml-syntax"), "{fresh}");
    std::fs::write(&events, &original_events).expect("written");
    std::fs::write(&article, original_article.replace("minerals", "metals")).expect("written");
    let (fresh, cached) = both(&data, &options, &overlay, &mut cache, disk);
    assert_eq!(cached, fresh);
    assert!(fresh.contains("quote-not-found"), "{fresh}");
    std::fs::write(&article, &original_article).expect("written");
    let (fresh, cached) = both(&data, &options, &overlay, &mut cache, disk);
    assert_eq!(cached, fresh);
    assert!(fresh.is_empty(), "{fresh}");
    // A quote changed in an open buffer, over a source text the last run searched.
    overlay.insert(
        events.clone(),
        original_events.replacen("on the 12th", "on the 13th", 1),
    );
    let (fresh, cached) = both(&data, &options, &overlay, &mut cache, disk);
    assert_eq!(cached, fresh);
    assert_eq!(
        fresh.matches("error[quote-not-found]").count(),
        1,
        "{fresh}"
    );
    overlay.clear();
    std::fs::remove_file(&events).expect("removed");
    let (fresh, cached) = both(&data, &options, &overlay, &mut cache, disk);
    assert_eq!(cached, fresh);
    assert_eq!(cache.len(), 6, "a removed file leaves the cache");

    // Other settings: nothing cached under the old ones is used.
    std::fs::write(&events, &original_events).expect("written");
    let strict = CheckOptions {
        max_file_size: 1_000,
        ..CheckOptions::default()
    };
    let (fresh, cached) = both(&data, &strict, &overlay, &mut cache, disk);
    assert_eq!(cached, fresh);
    assert!(fresh.contains("file-too-large"), "{fresh}");
    let (fresh, cached) = both(&data, &options, &overlay, &mut cache, disk);
    assert_eq!(cached, fresh);
    assert!(fresh.is_empty(), "{fresh}");
    let texts: Vec<PathBuf> = cache.texts().map(|(p, _)| p.to_path_buf()).collect();
    if disk {
        assert!(
            texts.is_empty(),
            "a cache of hashes keeps no text: {texts:?}"
        );
    } else {
        assert!(texts.contains(&events), "{texts:?}");
    }
}

/// A cache as the disk keeps it, of the bundled data, with the key it was made under.
fn saved_cache() -> (Vec<u8>, CacheKey, CheckOptions) {
    let options = CheckOptions::default();
    let key = CacheKey::new(&options, "this build");
    let mut cache = FileCache::without_texts();
    check_paths_cached(
        &[PathBuf::from("data")],
        &options,
        &Overlay::new(),
        &mut cache,
    )
    .expect("the run starts");
    (cache.to_bytes(&key), key, options)
}

/// The length of a cache's header: the magic, the key, and each section's length and hash.
const HEADER: usize = 72;

#[test]
fn a_cache_cut_short_is_refused() {
    let (bytes, key, options) = saved_cache();
    assert!(FileCache::from_bytes(&bytes, &key, &options).is_ok());
    for cut in (0..bytes.len()).step_by(97).chain([bytes.len() - 1]) {
        let refused = FileCache::from_bytes(&bytes[..cut], &key, &options).err();
        let expected = if cut < HEADER {
            CacheRejected::NotACache
        } else {
            CacheRejected::Truncated
        };
        assert_eq!(refused, Some(expected), "cut at {cut} of {}", bytes.len());
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(
        FileCache::from_bytes(&longer, &key, &options).err(),
        Some(CacheRejected::Truncated)
    );
    assert_eq!(
        FileCache::from_bytes(b"not a cache", &key, &options).err(),
        Some(CacheRejected::NotACache)
    );
}

#[test]
fn a_cache_damaged_anywhere_never_changes_a_verdict() {
    let (bytes, key, options) = saved_cache();
    let data = PathBuf::from("data");
    let events = data.join("events.yaml");
    // A change to one file, so that the dataset rules run on the facts the cache holds.
    let mut overlay = Overlay::new();
    overlay.insert(
        events.clone(),
        std::fs::read_to_string(&events).expect("events.yaml") + "# changed\n",
    );
    let paths = vec![data.clone()];
    let fresh = rendered_from(
        &check_paths_with(&paths, &options, &overlay).expect("the run starts"),
        accord::render::Format::Concise,
        &data,
    );
    let (mut refused, mut read) = (0, 0);
    for at in (0..bytes.len()).step_by(379).chain(HEADER..HEADER + 64) {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x10;
        match FileCache::from_bytes(&damaged, &key, &options) {
            Err(_) => refused += 1,
            // Damaged facts are found when they are first needed.
            Ok(mut cache) => {
                read += 1;
                let cached = check_paths_cached(&paths, &options, &overlay, &mut cache)
                    .expect("the run starts");
                assert_eq!(
                    rendered_from(&cached, accord::render::Format::Concise, &data),
                    fresh,
                    "a bit flipped at {at}"
                );
            }
        }
    }
    assert!(refused > 0 && read > 0, "{refused} refused, {read} read");
}

#[test]
fn a_cache_is_never_read_by_another_build_or_under_other_settings() {
    let (bytes, key, options) = saved_cache();
    let other_build = CacheKey::new(&options, "another build");
    assert_eq!(
        FileCache::from_bytes(&bytes, &other_build, &options).err(),
        Some(CacheRejected::OtherKey)
    );
    let stricter = CheckOptions {
        max_file_size: 1_000,
        ..options
    };
    assert_ne!(CacheKey::new(&stricter, "this build"), key);
    assert_eq!(
        FileCache::from_bytes(&bytes, &CacheKey::new(&stricter, "this build"), &stricter).err(),
        Some(CacheRejected::OtherKey)
    );
}

/// A copy of the bundled data under a root of its own, in a temporary directory.
fn dataset_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path().join("news");
    copy_dir(Path::new("data"), &root);
    (dir, root)
}

/// The one cache file in `dir`.
fn cache_file(dir: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the cache directory exists")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "bin"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn accord_check_keeps_its_cache_beside_the_root_out_of_git_and_agrees_with_a_fresh_run() {
    let (_dir, root) = dataset_copy();
    let (code, _, stderr) = output(accord_in(&root).arg("check"));
    assert_eq!(code, 0, "{stderr}");
    let cache_dir = root.join(".accord_cache");
    assert_eq!(
        std::fs::read_to_string(cache_dir.join(".gitignore")).expect("a .gitignore"),
        "# Made by accord: its cache, rebuilt when missing.\n*\n"
    );
    assert!(
        std::fs::read_to_string(cache_dir.join("CACHEDIR.TAG"))
            .expect("a CACHEDIR.TAG")
            .starts_with("Signature: 8a477f597d28d172789f06886806bc55")
    );
    let saved = cache_file(&cache_dir);
    let (code, _, _) = output(accord_in(&root).arg("check"));
    assert_eq!(code, 0);

    // A change after a cached run: the same findings as a run without the cache.
    let people = root.join("actors/people.yaml");
    let text = std::fs::read_to_string(&people).expect("people.yaml");
    std::fs::write(
        &people,
        text.replacen("id: donald-trump", "id: donald-trump-sr", 1),
    )
    .expect("written");
    let cached = verdict(&root, &[]);
    let fresh = verdict(&root, &["--no-cache"]);
    assert_eq!(cached.0, 1);
    assert!(cached.1.contains("dangling-reference"), "{}", cached.1);
    assert_eq!(cached, fresh);

    // A cache cut short is set aside, the verdict is the same, and a whole cache replaces it.
    let bytes = std::fs::read(&saved).expect("the cache");
    std::fs::write(&saved, &bytes[..bytes.len() / 2]).expect("cut");
    assert_eq!(verdict(&root, &[]), fresh);
    assert_eq!(std::fs::read(&saved).expect("the cache").len(), bytes.len());
    // So is a cache with a byte changed, or one made of other bytes altogether.
    let mut damaged = bytes.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 1;
    std::fs::write(&saved, &damaged).expect("damaged");
    assert_eq!(verdict(&root, &[]), fresh);
    std::fs::write(&saved, "garbage").expect("replaced");
    assert_eq!(verdict(&root, &[]), fresh);

    // Back to the original text: clean again.
    std::fs::write(&people, &text).expect("written");
    assert_eq!(verdict(&root, &[]), (0, String::new()));
}

/// The exit code and findings of `accord check --format concise` in `root`, with `flags`.
fn verdict(root: &Path, flags: &[&str]) -> (i32, String) {
    let (code, stdout, _) = output(
        accord_in(root)
            .args(["check", "--format", "concise"])
            .args(flags),
    );
    (code, stdout)
}

#[test]
fn no_cache_writes_nothing_and_cache_dir_puts_it_elsewhere() {
    let (dir, root) = dataset_copy();
    let (code, _, stderr) = output(accord_in(&root).args(["check", "--no-cache"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(!root.join(".accord_cache").exists());

    let elsewhere = dir.path().join("cache");
    let (code, _, _) = output(
        accord_in(&root)
            .args(["check", "--cache-dir"])
            .arg(&elsewhere),
    );
    assert_eq!(code, 0);
    assert!(!root.join(".accord_cache").exists());
    cache_file(&elsewhere);

    let from_environment = dir.path().join("env-cache");
    let (code, _, _) = output(
        accord_in(&root)
            .arg("check")
            .env("ACCORD_CACHE_DIR", &from_environment),
    );
    assert_eq!(code, 0);
    cache_file(&from_environment);
    assert!(!root.join(".accord_cache").exists());
}

#[test]
fn a_cache_that_cannot_be_written_changes_nothing_but_time() {
    let (dir, root) = dataset_copy();
    // A file where the cache directory would be: nothing can be written under it.
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, "not a directory").expect("written");
    let (code, stdout, stderr) = output(
        accord_in(&root)
            .args(["check", "--format", "concise", "--cache-dir"])
            .arg(&blocked),
    );
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&blocked).expect("still a file"),
        "not a directory"
    );
}

#[test]
fn a_cache_written_by_another_build_is_not_trusted() {
    let (dir, root) = dataset_copy();
    let (code, _, _) = output(accord_in(&root).arg("check"));
    assert_eq!(code, 0);
    let saved = cache_file(&root.join(".accord_cache"));
    let before = std::fs::read(&saved).expect("the cache");
    // Another build of accord: the same program at another path, written later.
    let other = dir.path().join("accord-other-build");
    std::fs::copy(assert_cmd::cargo::cargo_bin("accord"), &other).expect("copied");
    let mut command = assert_cmd::Command::new(&other);
    command.env("NO_COLOR", "1").current_dir(&root).arg("check");
    let (code, _, stderr) = output(&mut command);
    assert_eq!(code, 0, "{stderr}");
    let after = std::fs::read(&saved).expect("the cache");
    assert_ne!(
        before[8..24],
        after[8..24],
        "the other build set the cache aside and wrote its own"
    );
}

#[test]
fn a_file_rewritten_to_its_old_size_and_modification_time_is_still_read_again() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let data = dir.path().join("data");
    copy_dir(Path::new("data"), &data);
    // Stamps are trusted only for files left alone for two seconds.
    std::thread::sleep(std::time::Duration::from_millis(2_100));
    let options = CheckOptions::default();
    let key = CacheKey::new(&options, "this build");
    let paths = vec![data.clone()];
    let overlay = Overlay::new();
    let mut cache = FileCache::without_texts();
    let run = |cache: &mut FileCache| {
        let cached = check_paths_cached(&paths, &options, &overlay, cache).expect("the run starts");
        let saved = cache.to_bytes(&key);
        *cache = FileCache::from_bytes(&saved, &key, &options).expect("a cache reads back");
        rendered_from(&cached, accord::render::Format::Concise, &data)
    };
    assert_eq!(run(&mut cache), "");
    assert_eq!(run(&mut cache), "");

    // The same number of bytes, and the modification time set back: only the change time and
    // the contents tell.
    let rewrite = |path: &Path, from: &str, to: &str| {
        assert_eq!(from.len(), to.len());
        let modified = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .expect("mtime");
        let text = std::fs::read_to_string(path).expect("readable");
        assert!(text.contains(from), "{from}");
        std::fs::write(path, text.replacen(from, to, 1)).expect("written");
        std::fs::File::options()
            .write(true)
            .open(path)
            .and_then(|file| file.set_modified(modified))
            .expect("mtime set back");
    };
    let fresh_run = || {
        rendered_from(
            &check_paths_with(&paths, &options, &overlay).expect("the run starts"),
            accord::render::Format::Concise,
            &data,
        )
    };
    let people = data.join("actors/people.yaml");
    rewrite(&people, "id: donald-trump\n", "id: donald-trumq\n");
    let fresh = fresh_run();
    assert!(fresh.contains("dangling-reference"), "{fresh}");
    assert_eq!(run(&mut cache), fresh);
    rewrite(&people, "id: donald-trumq\n", "id: donald-trump\n");
    assert_eq!(run(&mut cache), "");

    // A source text changed under its quotes, the same way: the dataset's findings of the last
    // run are not given again.
    let article = data.join("articles/hankyung-trump-zelensky-summit-minerals-agreement.txt");
    rewrite(&article, "minerals", "metalsss");
    let fresh = fresh_run();
    assert!(fresh.contains("quote-not-found"), "{fresh}");
    assert_eq!(run(&mut cache), fresh);
}
