//! Rendering alone, apart from the check: generates one file of `N` person records with two
//! findings each (an unknown field, a reference to a source no record defines), checks it once,
//! then times each output format rendering every finding into memory, best of `RUNS`.
//!
//! ```sh
//! cargo run --release --example render_findings -- 32000 5
//! ```

#![allow(clippy::print_stdout)] // A command-line helper: printing is its job.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use accord::render::{EmitContext, Format};

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let people: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(32_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let dir = std::env::temp_dir().join(format!("accord-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = dir.join("bulk.yaml");
    let mut text = String::from("people:\n");
    for n in 0..people {
        let _ = write!(
            text,
            "  - id: person-{n}\n    name: Person {n}\n    nickname: p{n}\n    citations:\n      \
             - source: missing-source\n        quote: words\n"
        );
    }
    std::fs::write(&path, &text).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let run = accord::check_paths(&[path], &accord::CheckOptions::default())
        .map_err(|e| e.to_string())?;
    let check = started.elapsed();
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "{} findings; check {:.3} s; rendering, best of {runs}:",
        run.diagnostics.len(),
        check.as_secs_f64()
    );
    for format in Format::ALL {
        let mut best = Duration::MAX;
        let mut bytes = 0;
        for _ in 0..runs {
            let mut out = Vec::new();
            let started = Instant::now();
            format
                .emitter()
                .emit(&mut out, &run, &EmitContext::default())
                .map_err(|e| e.to_string())?;
            best = best.min(started.elapsed());
            bytes = out.len();
        }
        println!(
            "  {:<8} {:.3} s  ({:.1} MB)",
            format.as_str(),
            best.as_secs_f64(),
            bytes as f64 / 1e6
        );
    }
    Ok(())
}
