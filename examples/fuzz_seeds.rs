//! Writes the seed corpora of the fuzz targets from the YAML test suite's inputs, the fixtures,
//! the explanations' examples and the bundled data (`accord::invariants::mutate::base_texts`):
//! `fuzz/corpus/check/` gets every base text and `--variants` structured mutations of each
//! (`accord::invariants::mutate`), `fuzz/corpus/mutations/` gets every base text behind
//! `--seeds` seeds, the input format of the `mutations` target. Files are named by a hash of
//! their content, so a second run adds nothing twice. See `fuzz/README.md`.
//!
//! With `--expand FILE` it writes instead, to standard output, the text that an input of the
//! `mutations` target stands for (a crash artifact, say), as the `check` target and
//! `fuzz/regressions/check/` take it.
//!
//! ```sh
//! cargo run --example fuzz_seeds -- --variants 20 --seeds 4 --seed 1
//! cargo run --example fuzz_seeds -- --expand fuzz/artifacts/mutations/crash-… > crash.yaml
//! ```

#![allow(clippy::print_stdout, clippy::print_stderr)] // A command-line helper: printing is its job.

use std::path::Path;

use accord::invariants::mutate::{self, Rng};

fn usage() -> ! {
    eprintln!("usage: fuzz_seeds [--variants N] [--seeds N] [--seed S] | --expand FILE");
    std::process::exit(2)
}

fn write(dir: &Path, data: &[u8]) -> std::io::Result<bool> {
    let path = dir.join(format!("{:016x}", mutate::fnv1a(data)));
    if path.exists() {
        return Ok(false);
    }
    std::fs::write(path, data)?;
    Ok(true)
}

fn main() -> std::io::Result<()> {
    let (mut variants, mut seeds, mut seed) = (20usize, 4u64, 1u64);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().unwrap_or_else(|| usage());
        if arg == "--expand" {
            let data = std::fs::read(&value)?;
            let Some(text) = mutate::from_fuzz_input(&data) else {
                eprintln!("{value}: shorter than a seed");
                std::process::exit(1)
            };
            std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes())?;
            return Ok(());
        }
        let Ok(number) = value.parse::<u64>() else {
            usage()
        };
        match arg.as_str() {
            "--variants" => variants = number as usize,
            "--seeds" => seeds = number,
            "--seed" => seed = number,
            _ => usage(),
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let check = root.join("fuzz/corpus/check");
    let mutations = root.join("fuzz/corpus/mutations");
    std::fs::create_dir_all(&check)?;
    std::fs::create_dir_all(&mutations)?;
    let bases = mutate::base_texts(root);
    let (mut to_check, mut to_mutations) = (0, 0);
    for (path, base) in &bases {
        let mut rng = Rng::new(seed ^ mutate::fnv1a(path.to_string_lossy().as_bytes()));
        to_check += usize::from(write(&check, base.as_bytes())?);
        for _ in 0..variants {
            let (text, _) = mutate::variant(base, &mut rng);
            to_check += usize::from(write(&check, text.as_bytes())?);
        }
        for _ in 0..seeds {
            let input = mutate::fuzz_input(rng.next_u64(), base);
            to_mutations += usize::from(write(&mutations, &input)?);
        }
    }
    println!(
        "{} base texts: {to_check} new inputs in {}, {to_mutations} in {}",
        bases.len(),
        check.display(),
        mutations.display()
    );
    Ok(())
}
