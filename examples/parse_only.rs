//! The floor accord cannot beat: reading every data file and running the same YAML parser
//! (granit-parser) over it, events only, with nothing built, on the same threads.
//!
//! With `--fast`, it runs accord's fast reader instead, which builds the JSON value too.
//!
//! ```sh
//! cargo run --release --example parse_only -- target/corpus/many/data
//! cargo run --release --example parse_only -- --fast target/corpus/many/data
//! ```

#![allow(clippy::print_stdout, clippy::print_stderr)] // A command-line helper: printing is its job.

use rayon::prelude::*;

/// The same allocator as `accord`, so the comparison is fair.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), String> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let fast = args.first().is_some_and(|a| a == "--fast");
    if fast {
        args.remove(0);
    }
    let roots: Vec<std::path::PathBuf> = args.into_iter().map(Into::into).collect();
    let started = std::time::Instant::now();
    let (files, _) = accord::files::discover(&roots).map_err(|e| e.to_string())?;
    let (events, bytes) = files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let mut events = 0usize;
            if fast {
                let value = accord::yaml::fast::parse(&text, &Default::default());
                events += usize::from(value.is_some());
            } else {
                let mut parser = granit_parser::Parser::new_from_str(&text);
                while let Some(Ok(_)) = parser.next_event() {
                    events += 1;
                }
            }
            (events, text.len())
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    eprintln!(
        "parsed {} files ({:.1} MB, {events} {}) in {:.2?}",
        files.len(),
        bytes as f64 / 1e6,
        if fast {
            "read by the fast reader"
        } else {
            "events"
        },
        started.elapsed()
    );
    Ok(())
}
