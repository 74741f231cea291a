//! Reads an `accord export` document into the types cargo-typify generated from the export
//! schema (`export.rs`, which run.sh puts beside this file) and writes it back with serde_json:
//! `roundtrip IN OUT`. The generated types deny unknown fields, so none is dropped silently.

mod export;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output] = args.as_slice() else {
        eprintln!("usage: roundtrip IN OUT");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(input) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{input}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let dataset: export::AccordDatasetExport = match serde_json::from_str(&text) {
        Ok(dataset) => dataset,
        Err(error) => {
            eprintln!("deserialize {input}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let json = serde_json::to_string_pretty(&dataset).expect("the generated types serialize");
    if let Err(error) = std::fs::write(output, json + "\n") {
        eprintln!("{output}: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
