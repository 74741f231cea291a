//! The whole path on structured mutations of a base text: the input's first eight bytes are a
//! seed, the rest a base text, and the text checked is the variant
//! `accord::invariants::mutate::variant` draws from them (one to four character or line edits
//! biased toward YAML's indicators). Seed it with `cargo run --example fuzz_seeds`, which writes
//! the suite's inputs, the fixtures, the explanations' examples and the data as
//! `fuzz/corpus/mutations/`; see `fuzz/README.md`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = accord::invariants::mutate::from_fuzz_input(data) {
        accord::invariants::check_bytes(text.as_bytes());
    }
});
