//! Criterion benchmarks of the core stages, per file of the generated corpus (40 records):
//! reading YAML (fast reader, full reader with spans), the schema pass, collecting facts, the
//! dataset-wide rules, and rendering findings.
//!
//! ```sh
//! cargo run --release --example corpus -- --out target/corpus/small --files 100 --records 40
//! cargo bench --bench stages
//! ```

use std::hint::black_box;
use std::path::{Path, PathBuf};

use accord::render::{EmitContext, Format};
use accord::validate::{self, FileFacts, SchemaValidator};
use accord::yaml::{self, Limits};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const CORPUS: &str = "target/corpus/small/data";

fn corpus_files() -> Vec<(PathBuf, String)> {
    let (paths, _) = accord::files::discover(&[PathBuf::from(CORPUS)])
        .unwrap_or_else(|_| panic!("generate {CORPUS} first: see the header of benches/stages.rs"));
    paths
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .collect()
}

fn stages(c: &mut Criterion) {
    let files = corpus_files();
    let limits = Limits::default();
    let validator = SchemaValidator::new().expect("the schema compiles");
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let mut group = c.benchmark_group("stages (whole small corpus)");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("read: fast reader", |b| {
        b.iter(|| {
            files
                .iter()
                .filter_map(|(_, t)| yaml::fast::parse(black_box(t), &limits))
                .count()
        })
    });
    group.bench_function("read: full reader with spans", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(_, t)| usize::from(yaml::parse(black_box(t), &limits).0.value.is_some()))
                .sum::<usize>()
        })
    });
    let values: Vec<serde_json::Value> = files
        .iter()
        .filter_map(|(_, t)| yaml::fast::parse(t, &limits))
        .collect();
    group.bench_function("schema pass", |b| {
        b.iter(|| {
            values
                .iter()
                .map(|v| validator.validate(black_box(v), &|_| None).len())
                .sum::<usize>()
        })
    });
    group.bench_function("collect facts", |b| {
        b.iter(|| {
            values
                .iter()
                .map(|v| {
                    let (facts, dates) = FileFacts::of_value(v, &validator);
                    dates.len() + facts.references().count()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("check one file (read, schema, facts)", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(p, t)| {
                    validate::check_file(p, black_box(t), &validator, &limits)
                        .facts
                        .records()
                })
                .sum::<usize>()
        })
    });
    let facts: Vec<FileFacts> = files
        .iter()
        .map(|(p, t)| validate::check_file(p, t, &validator, &limits).facts)
        .collect();
    let roots = accord::files::DatasetRoots::of_paths(&[PathBuf::from(CORPUS)]);
    group.bench_function("dataset rules (ids, references, quotes)", |b| {
        b.iter(|| {
            validate::check_dataset(black_box(&facts), &|yaml: &Path, text| {
                accord::files::load_source_text(&roots, yaml, text, u64::MAX)
            })
            .len()
        })
    });
    group.finish();

    let invalid = accord::check_paths(
        &[
            PathBuf::from("tests/fixtures/base"),
            PathBuf::from("tests/fixtures/invalid"),
        ],
        &Default::default(),
    )
    .expect("the fixtures exist");
    let mut group = c.benchmark_group("render (every invalid fixture)");
    for format in Format::ALL {
        group.bench_function(format.as_str(), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                format
                    .emitter()
                    .emit(&mut out, black_box(&invalid), &EmitContext::default())
                    .ok();
                out.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
