//! A [`FileCache`] as bytes, for a cache kept between runs: what is written, and the checks that
//! a cache read back is whole, of this very program and of the same settings. The library opens
//! no file: the caller gives a reader (a file, or bytes in memory) and writes the bytes.
//!
//! The layout is a fixed header, an index and the facts:
//!
//! | bytes | what |
//! |---|---|
//! | 8 | the magic `accord\x03\x00`: a cache file, and the layout's version |
//! | 16 | the [`CacheKey`] the cache was made under |
//! | 8 + 16 | the index's length and its XXH3-128 hash, little-endian |
//! | 8 + 16 | the facts' length and their hash |
//! | n | the index, in `postcard`: each file's path, text hash, stamp, record count, findings and where its facts are; the dataset-wide findings |
//! | m | the facts of every file, each in `postcard`, one after the other |
//!
//! A run that finds nothing changed reads only the header and the index: the facts are read,
//! checked against their hash and decoded only when the dataset rules must run again.
//!
//! Anything that does not match, bytes cut short or a single bit changed, is refused: a damaged
//! index sets the whole cache aside, damaged facts make every file whose facts are needed be
//! checked afresh. A damaged cache can cost time, never change a verdict.

use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{CachedFacts, CachedFile, CheckOptions, DatasetFindings, FileCache};
use crate::diagnostic::Diagnostic;
use crate::files::Stamp;

const MAGIC: &[u8; 8] = b"accord\x03\x00";
/// The magic, the key, and the length and hash of each section.
const HEADER_LEN: usize = 8 + 16 + 2 * (8 + 16);

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
    /// The bytes end before a section does, or go on after the last.
    #[error("cut short or with bytes after its end")]
    Truncated,
    /// A section is not the one the header's hash was made of.
    #[error("its contents do not match their hash")]
    Corrupted,
    /// A section could not be decoded.
    #[error("its contents cannot be read: {0}")]
    Undecodable(String),
}

/// Reads `len` bytes at `offset` of the cache, for the facts section; `None` when it cannot.
type SectionReader = Box<dyn FnOnce(u64, usize) -> Option<Vec<u8>> + Send>;

/// The facts section of a cache read from disk: not read yet, read and checked, or found
/// damaged.
pub(super) enum FactsSection {
    Unread {
        read: SectionReader,
        offset: u64,
        len: usize,
        hash: u128,
    },
    Read(Arc<[u8]>),
    Damaged,
}

impl std::fmt::Debug for FactsSection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FactsSection::Unread { len, .. } => write!(f, "FactsSection::Unread({len} bytes)"),
            FactsSection::Read(bytes) => write!(f, "FactsSection::Read({} bytes)", bytes.len()),
            FactsSection::Damaged => write!(f, "FactsSection::Damaged"),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Index {
    files: Vec<IndexEntry>,
    dataset: Option<DatasetFindings>,
}

#[derive(Serialize, Deserialize)]
struct IndexEntry {
    path: PathBuf,
    hash: u128,
    stamp: Option<Stamp>,
    records: usize,
    /// Where the file's facts are in the facts section.
    facts: (usize, usize),
    diagnostics: Vec<Diagnostic>,
}

impl FileCache {
    /// The cache's facts section, read and checked the first time a run needs it; `None` when
    /// there is none or it is damaged.
    pub(super) fn facts_section(&mut self) -> Option<Arc<[u8]>> {
        let section = self.section.take()?;
        let read = match section {
            FactsSection::Unread {
                read,
                offset,
                len,
                hash,
            } => read(offset, len)
                .filter(|bytes| bytes.len() == len && xxhash_rust::xxh3::xxh3_128(bytes) == hash)
                .map(Arc::from),
            FactsSection::Read(bytes) => Some(bytes),
            FactsSection::Damaged => None,
        };
        self.section = Some(
            read.clone()
                .map_or(FactsSection::Damaged, FactsSection::Read),
        );
        read
    }

    /// The cache as bytes, made under `key` (which must be the key of the settings the cache was
    /// filled with). The texts a cache may keep are not written, only their hashes. Facts the
    /// cache still holds as read from disk are copied as they are, not decoded; should they be
    /// damaged, their files are left out, to be checked afresh next time.
    pub fn to_bytes(&mut self, key: &CacheKey) -> Vec<u8> {
        self.to_parts(key).concat()
    }

    /// [`FileCache::to_bytes`] in its three parts, header, index and facts, to be written one
    /// after the other without copying them into one buffer first.
    pub fn to_parts(&mut self, key: &CacheKey) -> [Vec<u8>; 3] {
        let old = if self.files.values().any(|f| f.facts.is_encoded()) {
            self.facts_section()
        } else {
            None
        };
        let mut paths: Vec<&PathBuf> = self.files.keys().collect();
        paths.sort();
        // Sized for what the cache held before, so that the buffer does not grow by doubling.
        let mut facts: Vec<u8> = Vec::with_capacity(old.as_deref().map_or(0, <[u8]>::len));
        let mut entries = Vec::with_capacity(paths.len());
        for path in paths {
            let file = &self.files[path];
            let start = facts.len();
            match &file.facts {
                CachedFacts::Decoded(decoded) => {
                    // Serializing plain structs into a vector cannot fail; should it, the file is
                    // left out and checked afresh next time.
                    let Ok(bytes) = postcard::to_stdvec(decoded) else {
                        continue;
                    };
                    facts.extend_from_slice(&bytes);
                }
                CachedFacts::Encoded { range, .. } => {
                    let Some(bytes) = old.as_deref().and_then(|old| old.get(range.clone())) else {
                        continue;
                    };
                    facts.extend_from_slice(bytes);
                }
            }
            entries.push(IndexEntry {
                path: path.clone(),
                hash: file.hash,
                stamp: file.stamp,
                records: file.facts.records(),
                facts: (start, facts.len() - start),
                diagnostics: file.diagnostics.clone(),
            });
        }
        let index = Index {
            files: entries,
            dataset: self.dataset.clone(),
        };
        let index = postcard::to_stdvec(&index).unwrap_or_default();
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&key.0.to_le_bytes());
        for section in [&index, &facts] {
            header.extend_from_slice(&(section.len() as u64).to_le_bytes());
            header.extend_from_slice(&xxhash_rust::xxh3::xxh3_128(section).to_le_bytes());
        }
        [header, index, facts]
    }

    /// A cache read back from [`FileCache::to_bytes`] held in memory, for runs with `options`
    /// under `key`.
    pub fn from_bytes(
        bytes: &[u8],
        key: &CacheKey,
        options: &CheckOptions,
    ) -> Result<FileCache, CacheRejected> {
        FileCache::read_from(std::io::Cursor::new(bytes.to_vec()), key, options)
    }

    /// A cache read back from what [`FileCache::to_bytes`] wrote, for runs with `options` under
    /// `key`: the header and the index now, the facts only when a run needs them (so `source`
    /// is kept until then). It keeps hashes of texts, not texts. Bytes of another layout, key or
    /// settings, cut short or damaged are refused.
    pub fn read_from<R: Read + Seek + Send + 'static>(
        mut source: R,
        key: &CacheKey,
        options: &CheckOptions,
    ) -> Result<FileCache, CacheRejected> {
        let mut header = [0; HEADER_LEN];
        source
            .read_exact(&mut header)
            .map_err(|_| CacheRejected::NotACache)?;
        if &header[..8] != MAGIC {
            return Err(CacheRejected::NotACache);
        }
        let u128_at = |at: usize| {
            let mut out = [0; 16];
            out.copy_from_slice(&header[at..at + 16]);
            u128::from_le_bytes(out)
        };
        let u64_at = |at: usize| {
            let mut out = [0; 8];
            out.copy_from_slice(&header[at..at + 8]);
            u64::from_le_bytes(out)
        };
        if u128_at(8) != key.0 {
            return Err(CacheRejected::OtherKey);
        }
        let (index_len, index_hash) = (u64_at(24), u128_at(32));
        let (facts_len, facts_hash) = (u64_at(48), u128_at(56));
        let total = source
            .seek(SeekFrom::End(0))
            .map_err(|_| CacheRejected::Truncated)?;
        if Some(total) != (HEADER_LEN as u64 + index_len).checked_add(facts_len) {
            return Err(CacheRejected::Truncated);
        }
        let index_len = usize::try_from(index_len).map_err(|_| CacheRejected::Truncated)?;
        let facts_len = usize::try_from(facts_len).map_err(|_| CacheRejected::Truncated)?;
        let mut index = vec![0; index_len];
        source
            .seek(SeekFrom::Start(HEADER_LEN as u64))
            .and_then(|_| source.read_exact(&mut index))
            .map_err(|_| CacheRejected::Truncated)?;
        if xxhash_rust::xxh3::xxh3_128(&index) != index_hash {
            return Err(CacheRejected::Corrupted);
        }
        let index: Index = postcard::from_bytes(&index)
            .map_err(|error| CacheRejected::Undecodable(error.to_string()))?;
        let files: HashMap<PathBuf, CachedFile> = index
            .files
            .into_iter()
            .map(|entry| {
                let (start, len) = entry.facts;
                (
                    entry.path,
                    CachedFile {
                        hash: entry.hash,
                        stamp: entry.stamp,
                        text: None,
                        facts: CachedFacts::Encoded {
                            records: entry.records,
                            range: start..start.saturating_add(len),
                        },
                        diagnostics: entry.diagnostics,
                    },
                )
            })
            .collect();
        let read: SectionReader = Box::new(move |offset, len| {
            let mut bytes = vec![0; len];
            source.seek(SeekFrom::Start(offset)).ok()?;
            source.read_exact(&mut bytes).ok()?;
            Some(bytes)
        });
        Ok(FileCache {
            options: Some(*options),
            files,
            quotes: Default::default(),
            keep_texts: false,
            dataset: index.dataset,
            unchanged: false,
            section: Some(FactsSection::Unread {
                read,
                offset: (HEADER_LEN + index_len) as u64,
                len: facts_len,
                hash: facts_hash,
            }),
        })
    }
}
