//! Writes a realistic, schema-valid accord dataset of any size, with a fixed seed, for the
//! benchmarks: a registry of actors, and article files each with its source text, events,
//! an agreement and claims whose quotes come from that text. `--invalid-percent` spoils a share
//! of the records (unknown fields, bad enum values, dangling references) so the error path is
//! measured too.
//!
//! ```sh
//! cargo run --release --example corpus -- --out target/corpus/many --files 2000 --records 40
//! cargo run --release --example corpus -- --out target/corpus/big --files 1 --records 200000
//! ```

#![allow(clippy::print_stdout, clippy::print_stderr)] // A command-line helper: printing is its job.

use std::fmt::Write as _;
use std::path::PathBuf;

/// A small, fast, seedable generator (SplitMix64): the corpus is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PEOPLE: usize = 200;
const COUNTRIES: usize = 50;
const SUBJECTS: &[&str] = &[
    "The president",
    "The foreign minister",
    "The envoy",
    "The prime minister",
    "A senior official",
];
const VERBS: &[&str] = &["said", "stated", "told reporters", "announced", "insisted"];
const TOPICS: &[&str] = &[
    "that the talks would resume next week",
    "that the minerals agreement covers rare earths and ports",
    "that security guarantees remain the responsibility of the region",
    "that the fund will reinvest revenues in infrastructure",
    "that no deal would be signed without the parliament",
    "that the ceasefire must come before any territorial discussion",
];
const CLAIM_KINDS: &[&str] = &[
    "position",
    "statement",
    "announcement",
    "reaction",
    "expectation",
    "analysis",
];
// Modalities that name their speaker; `fact` and `analysis` name nobody, and these claims do.
const MODALITIES: &[&str] = &["stated", "reported", "expected"];
const EVENT_KINDS: &[&str] = &[
    "call",
    "talks",
    "meeting",
    "summit",
    "press_conference",
    "interview",
];

struct Options {
    out: PathBuf,
    files: usize,
    records: usize,
    invalid_percent: usize,
    seed: u64,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        out: PathBuf::from("target/corpus"),
        files: 100,
        records: 40,
        invalid_percent: 0,
        seed: 1,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--out" => options.out = PathBuf::from(value()?),
            "--files" => options.files = value()?.parse().map_err(|e| format!("--files: {e}"))?,
            "--records" => {
                options.records = value()?.parse().map_err(|e| format!("--records: {e}"))?
            }
            "--invalid-percent" => {
                options.invalid_percent = value()?
                    .parse()
                    .map_err(|e| format!("--invalid-percent: {e}"))?
            }
            "--seed" => options.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

const MODELINE: &str = "# yaml-language-server: $schema=../../../schemas/accord.schema.json\n";

fn registry() -> String {
    let mut out = String::from(MODELINE);
    out.push_str("sources:\n  - id: registry-source\n    kind: official_document\n    title: Registry of actors\n    language: en\n    text: registry.txt\n");
    out.push_str("organizations:\n");
    for c in 0..COUNTRIES {
        let code = format!(
            "{}{}",
            (b'A' + (c / 26) as u8) as char,
            (b'A' + (c % 26) as u8) as char
        );
        let _ = write!(
            out,
            "  - id: country-{c}\n    kind: country\n    name: Country {c}\n    country_code: \"{code}\"\n    citations:\n      - source: registry-source\n        quote: Country {c}\n"
        );
    }
    out.push_str("people:\n");
    for p in 0..PEOPLE {
        let _ = write!(
            out,
            "  - id: person-{p}\n    name: Person {p}\n    citations:\n      - source: registry-source\n        quote: Person {p}\n"
        );
    }
    out.push_str("resources:\n");
    for (id, name) in [
        ("rare-earths", "rare earths"),
        ("infrastructure-assets", "ports"),
    ] {
        let _ = write!(
            out,
            "  - id: {id}\n    name: {name}\n    citations:\n      - source: registry-source\n        quote: {name}\n"
        );
    }
    out
}

fn registry_text() -> String {
    let mut text = String::new();
    for c in 0..COUNTRIES {
        let _ = writeln!(text, "Country {c}.");
    }
    for p in 0..PEOPLE {
        let _ = writeln!(text, "Person {p}.");
    }
    text.push_str("Resources: rare earths, ports.\n");
    text
}

/// One article: its text and its YAML file.
fn article(
    rng: &mut Rng,
    index: usize,
    records: usize,
    invalid_percent: usize,
) -> (String, String) {
    let source = format!("article-{index}");
    let mut text = format!("Article {index}\n");
    let mut yaml = String::from(MODELINE);
    let _ = write!(
        yaml,
        "sources:\n  - id: {source}\n    kind: news_article\n    title: Article {index}\n    language: en\n    text: {source}.txt\n"
    );
    let mut events = String::from("events:\n");
    let mut claims = String::from("claims:\n");
    let mut agreements = String::from("agreements:\n");
    let mut event_ids = Vec::new();
    // Records are events, one agreement with terms, and claims; the source counts as one.
    for r in 1..records {
        let spoil = rng.below(100) < invalid_percent;
        let sentence = format!(
            "{} {} {}, on the {}th.",
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(TOPICS),
            1 + r % 28
        );
        text.push_str(&sentence);
        text.push(if r % 5 == 0 { '\n' } else { ' ' });
        let person = format!("person-{}", rng.below(PEOPLE));
        let country = format!("country-{}", rng.below(COUNTRIES));
        // The other party of an agreement: country-0, unless that is the first.
        let partner = if country == "country-0" {
            "country-1"
        } else {
            "country-0"
        };
        if r % 8 == 1 {
            let id = format!("{source}-event-{r}");
            let kind = if spoil {
                "sumit"
            } else {
                rng.pick(EVENT_KINDS)
            };
            let _ = write!(
                events,
                "  - id: {id}\n    kind: {kind}\n    title: Event {r} of article {index}\n    participants: [{person}, {country}]\n    date:\n      date: \"2025-02-{:02}\"\n      as_written: on the {}th\n      inferred: [year, month]\n    status:\n      - status: occurred\n        citations:\n          - source: {source}\n            quote: \"{sentence}\"\n    citations:\n      - source: {source}\n        quote: \"{sentence}\"\n",
                1 + r % 28,
                1 + r % 28
            );
            event_ids.push(id);
        } else if r % 8 == 2 && agreements.len() < 20 {
            let _ = write!(
                agreements,
                "  - id: {source}-agreement\n    kind: economic\n    names:\n      - name: minerals agreement\n        citations:\n          - source: {source}\n            quote: \"{sentence}\"\n    parties: [{country}, {partner}]\n    status:\n      - status: to_be_signed\n        citations:\n          - source: {source}\n            quote: \"{sentence}\"\n            modality: expected\n    terms:\n      - id: {source}-agreement-scope\n        kind: resource_scope\n        summary: The agreement covers rare earths and ports.\n        resources: [rare-earths, infrastructure-assets]\n        citations:\n          - source: {source}\n            quote: \"{sentence}\"\n            modality: reported\n            according_to: [{person}]\n    citations:\n      - source: {source}\n        quote: \"{sentence}\"\n"
            );
            // The agreement name must appear in the text.
            text.push_str("The minerals agreement was discussed. ");
        } else {
            let holder = if spoil && rng.below(2) == 0 {
                format!("{person}-nobody")
            } else {
                person.clone()
            };
            let extra = if spoil && holder == person {
                "    sumary: a misspelt field\n"
            } else {
                ""
            };
            let about = event_ids.last().cloned().unwrap_or_else(|| country.clone());
            let _ = write!(
                claims,
                "  - id: {source}-claim-{r}\n    kind: {}\n    holders: [{holder}]\n    summary: Claim {r} of article {index}.\n{extra}    about: [{about}]\n    citations:\n      - source: {source}\n        quote: \"{sentence}\"\n        modality: {}\n        according_to: [{person}]\n",
                rng.pick(CLAIM_KINDS),
                rng.pick(MODALITIES),
            );
        }
    }
    for section in [events, agreements, claims] {
        if section.lines().count() > 1 {
            yaml.push_str(&section);
        }
    }
    (text, yaml)
}

fn main() -> Result<(), String> {
    let options = parse_args()?;
    let mut rng = Rng(options.seed);
    let articles = options.out.join("data/articles");
    std::fs::create_dir_all(&articles).map_err(|e| e.to_string())?;
    let write = |path: PathBuf, text: &str| {
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let registry_dir = options.out.join("data/registry");
    std::fs::create_dir_all(&registry_dir).map_err(|e| e.to_string())?;
    write(registry_dir.join("actors.yaml"), &registry())?;
    write(registry_dir.join("registry.txt"), &registry_text())?;
    let mut bytes = 0;
    for index in 0..options.files {
        let (text, yaml) = article(&mut rng, index, options.records, options.invalid_percent);
        bytes += yaml.len();
        write(articles.join(format!("article-{index}.txt")), &text)?;
        write(articles.join(format!("article-{index}.yaml")), &yaml)?;
    }
    println!(
        "wrote {} article files of {} records ({:.1} MB of YAML) and a registry to {}",
        options.files,
        options.records,
        bytes as f64 / 1e6,
        options.out.join("data").display()
    );
    Ok(())
}
