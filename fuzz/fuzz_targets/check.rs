//! The whole path from bytes to rendered findings; see `accord::invariants` for what is checked.
//! Any panic is a bug: add the input to `fuzz/regressions/check/`, which `cargo test` replays.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| accord::invariants::check_bytes(data));
