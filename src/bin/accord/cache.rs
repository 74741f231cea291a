//! The cache `accord check` keeps between runs: where it lives, reading it and saving it. What
//! it holds and when it is trusted is the library's (`accord::check::FileCache`); a cache that
//! is missing, of another build or settings, cut short or damaged is set aside and the run
//! starts afresh, and a cache that cannot be written costs only the next run's time.

use std::path::{Path, PathBuf};

use accord::check::{CacheKey, FileCache};

use crate::args::CacheArgs;

/// The name of the cache directory under a dataset's root.
pub(crate) const DIR_NAME: &str = ".accord_cache";

/// The environment variable that names the cache directory, as `--cache-dir` does.
pub(crate) const DIR_VARIABLE: &str = "ACCORD_CACHE_DIR";

/// Where a run's cache is read from and saved to, and the key it must have.
pub(crate) struct DiskCache {
    dir: PathBuf,
    name: String,
    key: CacheKey,
    options: accord::CheckOptions,
}

impl DiskCache {
    /// The cache of a run with `options`: in `--cache-dir`, else in `ACCORD_CACHE_DIR`, else in
    /// `.accord_cache` beside the dataset's `accord.toml`. `None` with `--no-cache`, for a
    /// dataset without a root and no directory named, or when the program cannot name its own
    /// build.
    pub(crate) fn locate(
        args: &CacheArgs,
        root: Option<&accord::config::Root>,
        options: &accord::CheckOptions,
    ) -> Option<DiskCache> {
        if args.no_cache {
            return None;
        }
        let dir = args
            .cache_dir
            .clone()
            .or_else(|| {
                std::env::var_os(DIR_VARIABLE)
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            })
            .or_else(|| root.map(|root| root.dir().join(DIR_NAME)))?;
        // The entries are keyed by their paths as the run names them, which are relative to the
        // working directory: each working directory has a cache file of its own.
        let cwd = std::env::current_dir().ok()?;
        let name = format!(
            "check-{:016x}.bin",
            xxhash_rust::xxh3::xxh3_64(cwd.as_os_str().as_encoded_bytes())
        );
        Some(DiskCache {
            dir,
            name,
            key: CacheKey::new(options, &build_identity()?),
            options: *options,
        })
    }

    /// The cache as the last run saved it, or an empty one.
    /// Only its index is read now: the facts of the files, only if the run needs them.
    pub(crate) fn load(&self) -> FileCache {
        std::fs::File::open(self.path())
            .ok()
            .and_then(|file| {
                FileCache::read_from(std::io::BufReader::new(file), &self.key, &self.options).ok()
            })
            .unwrap_or_else(FileCache::without_texts)
    }

    /// Saves `cache` for the next run, unless that run left it as it found it. A cache that
    /// cannot be written (a read-only dataset) is not an error: the next run starts afresh.
    pub(crate) fn save(&self, cache: &mut FileCache) {
        if cache.unchanged_by_last_run() {
            return;
        }
        let _ = crate::output::write_cache_file(&self.dir, &self.name, &cache.to_parts(&self.key));
    }

    fn path(&self) -> PathBuf {
        self.dir.join(&self.name)
    }
}

/// What tells this build of accord from any other: its executable's size and modification time,
/// so that a rebuilt program never trusts a cache an older one wrote, even at the same version.
fn build_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let metadata = std::fs::metadata(Path::new(&exe)).ok()?;
    let modified = metadata
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!("{}:{}", metadata.len(), modified.as_nanos()))
}
