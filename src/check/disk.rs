//! A [`FileCache`] as bytes, for a cache kept between runs: what is written, and the checks that
//! a cache read back is whole, of this very program and of the same settings. No I/O: the
//! binary reads and writes the bytes.
//!
//! The layout is a fixed header and a payload:
//!
//! | bytes | what |
//! |---|---|
//! | 8 | the magic `accord\x01\x00`: a cache file, and the layout's version |
//! | 16 | the [`CacheKey`] the cache was made under |
//! | 8 | the payload's length, little-endian |
//! | 16 | the XXH3-128 hash of the payload, little-endian |
//! | n | the payload: every file's entry and the dataset-wide findings, in `postcard` |
//!
//! Anything that does not match, a payload cut short or changed by a single bit among them, is
//! refused as a whole: the caller then checks afresh, and a damaged cache can cost time but never
//! change a verdict.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{CachedFile, CheckOptions, DatasetFindings, FileCache};
use crate::diagnostic::Diagnostic;
use crate::validate::FileFacts;

const MAGIC: &[u8; 8] = b"accord\x01\x00";
const HEADER_LEN: usize = 8 + 16 + 8 + 16;

/// What a cache is valid for: this program (its version and the build the caller names) and the
/// settings of the run. A cache made under another key is never read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheKey(u128);

impl CacheKey {
    /// The key of runs with `options` by the program that `build` names: anything that changes
    /// when the program is rebuilt, such as its executable's size and modification time. The
    /// crate's version and the data-file schema are part of the key whatever `build` says.
    pub fn new(options: &CheckOptions, build: &str) -> CacheKey {
        let key = format!(
            "{}\0{}\0{options:?}\0{}",
            env!("CARGO_PKG_VERSION"),
            build,
            include_str!("../../schemas/accord.schema.json"),
        );
        CacheKey(xxhash_rust::xxh3::xxh3_128(key.as_bytes()))
    }
}

/// Why bytes were not read back as a cache. The caller starts afresh whatever the reason; the
/// reason is for logs and tests.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CacheRejected {
    /// The bytes are not an accord cache of this layout.
    #[error("not an accord cache of this layout")]
    NotACache,
    /// The cache was made by another program or with other settings.
    #[error("made by another version of accord or with other settings")]
    OtherKey,
    /// The bytes end before the payload does, or go on after it.
    #[error("cut short or with bytes after its end")]
    Truncated,
    /// The payload is not the one the header's hash was made of.
    #[error("its contents do not match their hash")]
    Corrupted,
    /// The payload could not be decoded.
    #[error("its contents cannot be read: {0}")]
    Undecodable(String),
}

#[derive(Serialize)]
struct PayloadRef<'a> {
    files: Vec<FileRef<'a>>,
    dataset: Option<&'a DatasetFindings>,
}

#[derive(Serialize)]
struct FileRef<'a> {
    path: &'a PathBuf,
    hash: u128,
    facts: &'a FileFacts,
    diagnostics: &'a [Diagnostic],
}

#[derive(Deserialize)]
struct Payload {
    files: Vec<FileEntry>,
    dataset: Option<DatasetFindings>,
}

#[derive(Deserialize)]
struct FileEntry {
    path: PathBuf,
    hash: u128,
    facts: FileFacts,
    diagnostics: Vec<Diagnostic>,
}

impl FileCache {
    /// The cache as bytes, made under `key` (which must be the key of the settings the cache was
    /// filled with). The texts a cache may keep are not written, only their hashes.
    pub fn to_bytes(&self, key: &CacheKey) -> Vec<u8> {
        let mut files: Vec<FileRef<'_>> = self
            .files
            .iter()
            .map(|(path, file)| FileRef {
                path,
                hash: file.hash,
                facts: &file.facts,
                diagnostics: &file.diagnostics,
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(b.path));
        let payload = PayloadRef {
            files,
            dataset: self.dataset.as_ref(),
        };
        // Serializing plain structs into a vector cannot fail; an empty payload would only make
        // the next run start afresh.
        let payload = postcard::to_stdvec(&payload).unwrap_or_default();
        let mut bytes = Vec::with_capacity(HEADER_LEN + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&key.0.to_le_bytes());
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_128(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        bytes
    }

    /// A cache read back from [`FileCache::to_bytes`], for runs with `options` under `key`; it
    /// keeps hashes of texts, not texts. Bytes of another layout, key or settings, cut short or
    /// damaged are refused.
    pub fn from_bytes(
        bytes: &[u8],
        key: &CacheKey,
        options: &CheckOptions,
    ) -> Result<FileCache, CacheRejected> {
        let header = bytes.get(..HEADER_LEN).ok_or(CacheRejected::NotACache)?;
        if &header[..8] != MAGIC {
            return Err(CacheRejected::NotACache);
        }
        let field = |range: std::ops::Range<usize>| -> [u8; 16] {
            let mut out = [0; 16];
            out[..range.len()].copy_from_slice(&header[range]);
            out
        };
        if u128::from_le_bytes(field(8..24)) != key.0 {
            return Err(CacheRejected::OtherKey);
        }
        let length = u64::from_le_bytes(field(24..32)[..8].try_into().unwrap_or_default());
        let hash = u128::from_le_bytes(field(32..48));
        let payload = &bytes[HEADER_LEN..];
        if payload.len() as u64 != length {
            return Err(CacheRejected::Truncated);
        }
        if xxhash_rust::xxh3::xxh3_128(payload) != hash {
            return Err(CacheRejected::Corrupted);
        }
        let payload: Payload = postcard::from_bytes(payload)
            .map_err(|error| CacheRejected::Undecodable(error.to_string()))?;
        let files: HashMap<PathBuf, CachedFile> = payload
            .files
            .into_iter()
            .map(|entry| {
                (
                    entry.path,
                    CachedFile {
                        hash: entry.hash,
                        text: None,
                        facts: entry.facts,
                        diagnostics: entry.diagnostics,
                    },
                )
            })
            .collect();
        Ok(FileCache {
            options: Some(*options),
            files,
            quotes: Default::default(),
            keep_texts: false,
            dataset: payload.dataset,
            unchanged: false,
        })
    }
}
