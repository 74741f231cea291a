//! Lists every position in the dataset by who holds it, with the source's words for each.
//!
//! ```sh
//! cargo run --example positions_by_holder            # the bundled data/
//! cargo run --example positions_by_holder -- PATH... # another dataset
//! ```
//!
//! This is how a Rust program uses accord as a library: `Dataset::load` checks the files (and
//! refuses a dataset with errors, as `accord check` would report them), then merges them into
//! typed records.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use accord::Dataset;
use accord::model::ClaimKind;

fn main() -> ExitCode {
    let mut paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        paths.push("data".into());
    }
    let loaded = match Dataset::load(&paths, &Default::default()) {
        Ok(loaded) => loaded,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let dataset = &loaded.dataset;
    // Holder id -> the positions they hold, in dataset order.
    let mut by_holder: BTreeMap<&str, Vec<&accord::model::Claim>> = BTreeMap::new();
    for claim in dataset
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Position)
    {
        for holder in &claim.holders {
            by_holder.entry(holder.as_str()).or_default().push(claim);
        }
    }
    let mut out = String::new();
    for (holder, claims) in &by_holder {
        let name = dataset.actor_name(holder).unwrap_or(holder);
        out.push_str(&format!("{name} ({holder})\n"));
        for claim in claims {
            out.push_str(&format!("  - {}\n", claim.summary));
            let citation = claim.citations.first();
            let quote = claim.direct_quote.as_deref().unwrap_or(&citation.quote);
            out.push_str(&format!(
                "    \"{quote}\" ({}, {})\n",
                citation.source,
                citation.modality.as_str()
            ));
        }
    }
    if std::io::stdout().write_all(out.as_bytes()).is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
