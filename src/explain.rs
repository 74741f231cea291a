//! Long explanations of diagnostic codes, for `accord explain CODE`.
//!
//! Each explanation says what a finding means, why it matters for a dataset in which every fact
//! cites the exact words of its source, and how to fix it, with a bad and a fixed data file that
//! are checked, together with `tests/fixtures/base/`, by the integration tests.

use crate::diagnostic::Code;

/// A code's long explanation with a bad and a fixed example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explanation {
    /// What the finding means and why accord reports it: a few sentences of plain prose, wrapped
    /// at 100 columns.
    pub details: &'static str,
    /// A data file that triggers the code when checked together with `tests/fixtures/base/`, or
    /// `None` for codes no YAML text can show (file-system codes).
    pub bad: Option<&'static str>,
    /// The same file fixed: checked together with `tests/fixtures/base/`, it gives no finding.
    pub fixed: Option<&'static str>,
}

/// The explanation of `code`.
pub fn explanation(code: Code) -> Explanation {
    match code {
        Code::Io => Explanation {
            details: r#"accord could not read a file or a directory entry it was asked to check: the
operating system refused, because of a missing permission, a file removed or replaced during the
run, or a failing disk or network mount. The message carries the operating system's own error.
Nothing in the file was checked, so its records are missing from the run, and references to them
from other files may be reported as dangling. Fix the permission or the path and check again. (A
path named on the command line that does not exist is no finding: accord stops with exit code 2.)"#,
            bad: None,
            fixed: None,
        },
        Code::FileTooLarge => Explanation {
            details: r#"A data file is larger than the size limit, 256 MiB unless
`--max-file-size BYTES` says otherwise. accord reports the file without reading it, so a runaway
file cannot exhaust memory. The dataset is hand-edited text of a few kilobytes per article, so a
file this large is almost always a mistake, such as a binary or a generated dump saved under a
`.yaml` name. Remove it from `data/`, or split it: every file may hold any of the sections, and
ids and references work across files. Raise the limit only for a file that is really meant to be
that large. (A source's stored text over the limit is reported as `source-text-unreadable`.)"#,
            bad: None,
            fixed: None,
        },
        Code::NotUtf8 => Explanation {
            details: r#"The file's bytes are not valid UTF-8; the finding points at the first byte
that is not. Data files are UTF-8 text, because quotes are compared character by character with
the stored text of their source: in another encoding (Windows-1252, EUC-KR, UTF-16 with a byte
order mark) names, accents and quotation marks become different characters or none at all. Save
the file as UTF-8 in your editor, converting it from its real encoding rather than retyping the
text. (A source's stored text that is not UTF-8 is reported as `source-text-unreadable`.)"#,
            bad: None,
            fixed: None,
        },
        Code::EmptyFile => Explanation {
            details: r#"The file holds no YAML document: it is empty, or every line is a comment.
This is only a warning, since the rest of the dataset is unaffected, but it still makes
`accord check` fail: an empty file under `data/` is usually an article file whose records were
never written, were commented out, or were lost when the file was overwritten. Write the records
the file is for, or delete the file."#,
            bad: Some(
                r#"# Wrong: every line is a comment, so the file holds no YAML document.
# claims:
#   - id: ruiz-will-sign-trade-accord
#     kind: statement
#     holders: [ana-ruiz]
"#,
            ),
            fixed: Some(
                r#"# Fixed: the claim the file is for is written out.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
        according_to: [ana-ruiz]
"#,
            ),
        },
        Code::YamlSyntax => Explanation {
            details: r#"The file is not valid YAML, so accord cannot read any of it: none of its
records are checked, and references to them from other files may be reported as dangling, until
the error is fixed. The position given is where the parser noticed the problem, which can be a
little after the mistake itself. In hand-edited data the usual causes are inconsistent
indentation, an unclosed `[` or quotation mark, and plain text that YAML reads as syntax: a `: `
or ` #` inside a value, or a value that starts with `"`, `'`, `[`, `{`, `&`, `*`, `!`, `|`, `>`,
`%` or `@`. Passages copied from articles often contain colons and quotation marks: put such a
value in single quotes (writing a `'` inside as `''`), or use a folded block scalar (`quote: >-`
followed by the indented text), which accord compares with the source up to white space."#,
            bad: Some(
                r#"# Wrong: YAML reads the `: ` in the summary as the start of a mapping.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz on the trade accord: it will be signed.  # <- yaml-syntax
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
        according_to: [ana-ruiz]
"#,
            ),
            fixed: Some(
                r#"# Fixed: the summary is in single quotes, so its `: ` is text.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: 'Ana Ruiz on the trade accord: it will be signed.'
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
        according_to: [ana-ruiz]
"#,
            ),
        },
        Code::MultipleDocuments => Explanation {
            details: r#"A `---` line in the middle or at the end of the file starts a second YAML
document. accord reads one document per data file, the first, so every record after the separator
would be left out of the dataset, its ids unknown and its quotes unchecked. This usually happens
when two files are pasted together, or when `---` is used as a visual separator. Merge the
documents into one, with each section once (one `offices:` list, not two), or move the second
document into a file of its own. A single `---` before the data, after any comments, is allowed."#,
            bad: Some(
                r#"# Wrong: the `---` line starts a second document, which accord would not read.
offices:
  - id: examplia-foreign-minister
    title: Foreign Minister of Examplia
    jurisdiction: examplia
    citations:
      - source: example-source
        quote: The Foreign Minister of Examplia
---  # <- multiple-documents
offices:
  - id: nordland-foreign-minister
    title: Foreign Minister of Nordland
    jurisdiction: nordland
    citations:
      - source: example-source
        quote: her Nordland counterpart
"#,
            ),
            fixed: Some(
                r#"# Fixed: one document, with both offices in one `offices` list.
offices:
  - id: examplia-foreign-minister
    title: Foreign Minister of Examplia
    jurisdiction: examplia
    citations:
      - source: example-source
        quote: The Foreign Minister of Examplia
  - id: nordland-foreign-minister
    title: Foreign Minister of Nordland
    jurisdiction: nordland
    citations:
      - source: example-source
        quote: her Nordland counterpart
"#,
            ),
        },
        Code::DuplicateKey => Explanation {
            details: r#"A mapping has the same key twice, for example two `quote:` lines in one
citation. YAML forbids it, yet many YAML libraries accept it and silently keep one of the values,
most often the last, so what an editor wrote disappears without a trace, and tools disagree on
what the file says. accord keeps the first value, reports the second and points at both. Delete
one of the entries; if both values are meant, use the list the model has for them: two passages
of a source are two citations, and other names of an actor go in `aliases`."#,
            bad: Some(
                r#"# Wrong: the citation has two `quote` keys; one passage would be lost.
claims:
  - id: ruiz-will-meet-and-sign
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says she will meet her Nordland counterpart and sign the trade accord.
    citations:
      - source: example-source
        quote: she will meet her Nordland counterpart
        quote: adding, "We will sign the trade accord."  # <- duplicate-key
        modality: stated
"#,
            ),
            fixed: Some(
                r#"# Fixed: each passage is a citation of its own.
claims:
  - id: ruiz-will-meet-and-sign
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says she will meet her Nordland counterpart and sign the trade accord.
    citations:
      - source: example-source
        quote: she will meet her Nordland counterpart
        modality: stated
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
"#,
            ),
        },
        Code::UnsupportedYaml => Explanation {
            details: r#"The file uses a YAML feature that data files do not allow: a tag
(`!!timestamp`, `!!binary`, `!python/...`), a mapping or list used as a key, or a number JSON
cannot represent (`.inf`, `.nan`). A data file must mean the same thing to every tool that reads
it: accord, the JSON Schema in editors, Python's `jsonschema`, code generated from the schema.
These features have no JSON equivalent or are read differently by YAML 1.1 and YAML 1.2
libraries: `!!timestamp` turns a date into a date-time object in some of them, and language tags
such as `!python/...` run code in unsafe loaders. Write plain values instead: dates and times are
text such as `"2030-01-03"`, and a value meant as text can be quoted. The core tags `!!str`,
`!!int`, `!!float`, `!!bool` and `!!null` are accepted on values that fit them."#,
            bad: Some(
                r#"# Wrong: `!!timestamp` is a YAML 1.1 tag; data files allow no tags.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    date:
      date: !!timestamp 2030-01-01  # <- unsupported-yaml
      as_written: on the 1st
      inferred: [year, month]
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
"#,
            ),
            fixed: Some(
                r#"# Fixed: the date is plain text, in quotes.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    date:
      date: "2030-01-01"
      as_written: on the 1st
      inferred: [year, month]
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
"#,
            ),
        },
        Code::Yaml11Value => Explanation {
            details: r#"Plain, unquoted text that accord reads as text, because it follows YAML 1.2,
but that YAML 1.1 tools (PyYAML, Ruby's Psych and many older libraries) read as something else:
`yes`, `no`, `on`, `off`, `y` and `n` (lowercase, capitalized or in capitals) as booleans, times
and offsets such as `10:00` or `+01:00` as base-60 numbers (`11:00` becomes 660), and digits with
`_` as numbers. The data files are read by more than accord: editors, Python's `jsonschema`,
scripts and code generated from the schema. Norway's country code `NO` turning into `false` is
the classic case. The file is still valid, so this is a warning, but like every finding it fails
`accord check`, so that the data means the same to every reader. Put the value in quotes: `"NO"`,
`"10:00"`, `"+01:00"`."#,
            bad: Some(
                r#"# Wrong: unquoted, `+01:00` is a base-60 number to YAML 1.1 tools.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    date:
      date: "2030-01-01"
      time_zone: +01:00  # <- yaml-1-1-value
      as_written: on the 1st (local time)
      inferred: [year, month, time_zone]
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
"#,
            ),
            fixed: Some(
                r#"# Fixed: the time zone is quoted, so every YAML reader gets the same text.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    date:
      date: "2030-01-01"
      time_zone: "+01:00"
      as_written: on the 1st (local time)
      inferred: [year, month, time_zone]
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
"#,
            ),
        },
        Code::LimitExceeded => Explanation {
            details: r#"The file nests deeper than the depth limit, 64 levels of mappings and lists,
or its aliases (`*name`) expand to more than 10,000 nodes. Real data files nest about ten levels
deep, so a deeper file is a mistake or an attack: an "alias bomb" is a few lines of anchors and
aliases that expand to billions of nodes and exhaust the memory of any tool that reads them.
accord stops reading the file at the limit, so none of its records are checked. Flatten the
structure (a list of ids is one list, not lists inside lists) and expand aliases by hand. For a
file that is really meant to be that deep or that large, raise the limits with
`--max-depth LEVELS` or `--max-alias-nodes NODES`."#,
            bad: Some(
                r#"# Wrong: `about` wraps its id in 64 lists: deeper than the 64 levels allowed.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    about:
      [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[  # <- limit-exceeded
      examplia
      ]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
"#,
            ),
            fixed: Some(
                r#"# Fixed: `about` is one flat list of ids.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    about: [examplia]
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
"#,
            ),
        },
        Code::UnknownField => Explanation {
            details: r#"A mapping has a field the schema does not define: usually a misspelling
(`sumary`, or `according-to` for `according_to`), a field of another kind of record, or a YAML
1.1 merge key (`<<`), which YAML 1.2 does not have. accord rejects unknown fields instead of
ignoring them, because an ignored field is data silently lost: a misspelt `according_to` would
leave a statement without the actor who made it. The finding suggests the nearest field when
there is one, and otherwise lists the fields allowed in that place. Field names are snake_case;
the editor's completion, fed by the schema, lists them all."#,
            bad: Some(
                r#"# Wrong: `according-to` is not a field: the model spells it `according_to`.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
        according-to: [ana-ruiz]  # <- unknown-field
"#,
            ),
            fixed: Some(
                r#"# Fixed: the field is spelt `according_to`.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
        according_to: [ana-ruiz]
"#,
            ),
        },
        Code::MissingField => Explanation {
            details: r#"A record lacks a field the schema requires, such as a claim's `summary` or a
citation's `quote`. Required fields are what make a record usable and checkable: every record has
an `id` that others refer to, and every fact cites its source with the source's exact words,
because a citation without a quote cannot be checked against the stored text and a reader cannot
find the passage. Add the field; its description (hover in the editor, or `accord schema`) says
what it holds. A field the source gives no value for is a sign that the record does not belong in
the dataset yet: what a source does not say is left out, never guessed."#,
            bad: Some(
                r#"# Wrong: the citation has no `quote`: it names the source but not its words.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: example-source  # <- missing-field
        modality: stated
        according_to: [ana-ruiz]
"#,
            ),
            fixed: Some(
                r#"# Fixed: the citation quotes the passage, copied exactly from the source.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
        according_to: [ana-ruiz]
"#,
            ),
        },
        Code::InvalidType => Explanation {
            details: r#"A value has the wrong type: text where a list is expected
(`holders: ana-ruiz` instead of `holders: [ana-ruiz]`), a list or a mapping where one value is
expected, a number where text is expected, or an empty value. Lists stay lists even when they
hold one item, so that every tool reading the data finds the same shape. An optional field with
nothing after its colon is null, which the schema rejects: leave the whole line out instead.
accord reads YAML 1.2, so `NO`, `yes` and `on` stay text (with a `yaml-1-1-value` warning), but
an unquoted `2030`, `1.5` or `0755` is a number, and `0755` loses its leading zero: quote a
year-only date (`date: "2030"`) and any other text that looks like a number."#,
            bad: Some(
                r#"# Wrong: `holders` is a list of ids, but here it is one id as text.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: ana-ruiz  # <- invalid-type
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
        according_to: [ana-ruiz]
"#,
            ),
            fixed: Some(
                r#"# Fixed: `holders` is a list, even with one id in it.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
        according_to: [ana-ruiz]
"#,
            ),
        },
        Code::InvalidValue => Explanation {
            details: r#"A value is not one of the values its field allows, or a list is shorter than
required. Fields such as `kind`, `status`, `modality`, `topics` and `inferred` take one of a
fixed set of snake_case words, so that every article's data can be queried the same way; the
finding lists them and suggests the nearest. `modality` matters most: it says how the source
presents a passage, as `fact` in its own voice, `stated` on record by an actor named in
`according_to`, `reported` from others, `expected`, or the reporter's `analysis`. What an
official says is not a fact. `citations`, `names` and `status` need at least one item: a record
that cites nothing has no place in a dataset where every fact cites its source. Numbers out of
their range (`term_number` counts from 1, `share_percent` lies between 0 and 100) and text
longer than allowed (an id has at most 100 characters) are reported under this code too."#,
            bad: Some(
                r#"# Wrong: `statement` is a kind of claim, not a modality.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: statement  # <- invalid-value
        according_to: [ana-ruiz]
"#,
            ),
            fixed: Some(
                r#"# Fixed: Ana Ruiz said it on record, so the modality is `stated`.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
        according_to: [ana-ruiz]
"#,
            ),
        },
        Code::InvalidPattern => Explanation {
            details: r#"A string does not follow the pattern of its kind. Ids are lowercase letters
and digits in groups joined by single hyphens (`ana-ruiz`, not `Ana_Ruiz`), dates are ISO 8601 at
day, month or year precision (`2030-01-03`, `2030-01`, `2030`), times are `HH:MM` on the 24-hour
clock, country codes are two capitals (ISO 3166-1 alpha-2), language tags follow BCP 47, time
zones are IANA names, `UTC` or offsets, and a source's `text` is a relative path ending in
`.txt`. The schema and the Rust types share each pattern, so that ids are safe in file names and
links and dates sort and compare. The finding gives the pattern and an example. The source's own
wording of a date or time belongs in `as_written`, never in `date` or `time`."#,
            bad: Some(
                r#"# Wrong: ids use hyphens; underscores belong in field names, not in ids.
claims:
  - id: ruiz_will_sign_trade_accord  # <- invalid-pattern
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
        according_to: [ana-ruiz]
"#,
            ),
            fixed: Some(
                r#"# Fixed: the id is a lowercase slug joined by hyphens.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
        according_to: [ana-ruiz]
"#,
            ),
        },
        Code::SchemaViolation => Explanation {
            details: r#"The data breaks a rule of the schema that has no more specific code. Every
rule of today's schema has its own code (`unknown-field`, `missing-field`, `invalid-type`,
`invalid-value`, `invalid-pattern`), so this one is a safety net: it names the field and the
schema's keyword, and the field's description in the schema says what it holds. It is also
reported on a file that passes the schema but that the Rust types still reject; the schema is
generated from those types, so that is a bug in accord, and worth reporting."#,
            bad: None,
            fixed: None,
        },
        Code::ImpossibleDate => Explanation {
            details: r#"A date follows the date pattern but names a day its month does not have,
such as 2030-02-30 or 2030-04-31; leap years are taken into account. The pattern only checks that
a day is between 01 and 31, and accord checks the calendar. Articles often print only the day
("on the 1st"), so such a date is usually a typo or a wrong inference of the month or year. Check
the date against the source's wording in `as_written`, list the parts you inferred in `inferred`,
and say how you resolved them in `resolution`. If the source does not support a whole date, give
only the month (`2030-01`) or the year (`"2030"`)."#,
            bad: Some(
                r#"# Wrong: February 2030 has 28 days, so 2030-02-30 does not exist.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    date:
      date: "2030-02-30"  # <- impossible-date
      as_written: on the 1st
      inferred: [year, month]
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
"#,
            ),
            fixed: Some(
                r#"# Fixed: the date is the 1st, as printed, of the inferred month and year.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    date:
      date: "2030-01-01"
      as_written: on the 1st
      inferred: [year, month]
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
"#,
            ),
        },
        Code::DuplicateId => Explanation {
            details: r#"Two records share an id. Ids are unique across the whole dataset: in every
file, and across every kind of record, so a claim cannot reuse an event's id and a term's id
differs from every claim's. References name records by id alone, and some (such as `about`) may
point at any kind of record, so a shared id would make them ambiguous. The usual causes are a
record added again to an article file when it already exists in a shared file such as
`data/actors/people.yaml`, an id copied from a neighbouring record, and a generic id such as
`foreign-minister` that fits more than one record: an id says whose office or which meeting it
names. If both records describe the same thing, delete one and move its citations to the other;
otherwise rename one and update the references to it. The finding is on the later definition, in
path order, and points at the first."#,
            bad: Some(
                r#"# Wrong: both offices have the id `foreign-minister`: ids must say whose office.
offices:
  - id: foreign-minister
    title: Foreign Minister of Examplia
    jurisdiction: examplia
    citations:
      - source: example-source
        quote: The Foreign Minister of Examplia
  - id: foreign-minister  # <- duplicate-id
    title: Foreign Minister of Nordland
    jurisdiction: nordland
    citations:
      - source: example-source
        quote: her Nordland counterpart
"#,
            ),
            fixed: Some(
                r#"# Fixed: each office has an id of its own, naming its country.
offices:
  - id: examplia-foreign-minister
    title: Foreign Minister of Examplia
    jurisdiction: examplia
    citations:
      - source: example-source
        quote: The Foreign Minister of Examplia
  - id: nordland-foreign-minister
    title: Foreign Minister of Nordland
    jurisdiction: nordland
    citations:
      - source: example-source
        quote: her Nordland counterpart
"#,
            ),
        },
        Code::DanglingReference => Explanation {
            details: r#"A reference names an id that no record in the checked files has: a misspelt
id, a record not written yet, or a file left out of the check. Every source, actor, event,
agreement, fund and claim a record points at must exist, so that a reader can follow a claim to
the people who hold it, the event it is about and the source it cites. The finding suggests the
nearest existing id when there is one. Fix the spelling, add the missing record with its own
citations, or check the whole dataset (`accord check` checks `data/`) rather than one file:
references work across files, so a file checked alone may point at records it does not hold."#,
            bad: Some(
                r#"# Wrong: no record has the id `ana-ruis`; the person is `ana-ruiz`.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruis]  # <- dangling-reference
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
        according_to: [ana-ruiz]
"#,
            ),
            fixed: Some(
                r#"# Fixed: the holder is the person record `ana-ruiz`.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
        according_to: [ana-ruiz]
"#,
            ),
        },
        Code::WrongReferenceKind => Explanation {
            details: r#"A reference names a record that exists but is of the wrong kind for its
field: an event in `holders`, a person as a citation's `source`, an organization in `made_at`.
Each field says what it points at: `holders` and `according_to` take people or organizations, a
citation's `source` takes a source record, and `about` takes any record. The distinction carries
the dataset's provenance: a citation's source is the document whose exact words are quoted, and
the person who spoke is named in `according_to`, with the modality `stated`. Point the field at a
record of the right kind; the finding shows where the record it names is defined."#,
            bad: Some(
                r#"# Wrong: a citation's `source` is the article quoted, not the person who spoke.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: ana-ruiz  # <- wrong-reference-kind
        quote: adding, "We will sign the trade accord."
        modality: stated
"#,
            ),
            fixed: Some(
                r#"# Fixed: the citation's source is the article; the speaker is in `according_to`.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
        according_to: [ana-ruiz]
"#,
            ),
        },
        Code::QuoteNotFound => Explanation {
            details: r#"A quote does not appear in the stored text of the source it cites. Every
fact in the dataset cites its source's exact words, so that a reader can find the passage and see
what the source really says: a paraphrase, a translation, a corrected typo or a passage from
memory is not a quote. The same check covers `direct_quote`, a term's `wording`, agreement names,
`attribution` and the `as_written` of dates. Only white space may differ: a line break in the
text matches a space. Typographic quotation marks and apostrophes are not straight ones, and a
dash is not a hyphen. Copy the passage from the source's `.txt` file, not from the web page; when
the source has the start of the quote, the finding shows how far it matches."#,
            bad: Some(
                r#"# Wrong: the source says "trade accord", not "trade agreement".
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: example-source
        quote: adding, "We will sign the trade agreement."  # <- quote-not-found
        modality: stated
        according_to: [ana-ruiz]
"#,
            ),
            fixed: Some(
                r#"# Fixed: the quote is copied exactly from the source's text.
claims:
  - id: ruiz-will-sign-trade-accord
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says the trade accord will be signed.
    citations:
      - source: example-source
        quote: adding, "We will sign the trade accord."
        modality: stated
        according_to: [ana-ruiz]
"#,
            ),
        },
        Code::SourceTextUnreadable => Explanation {
            details: r#"The stored text of a source, the file its `text` field names, cannot be
read: it does not exist, cannot be opened, is larger than the size limit, or is not UTF-8. The
path is relative to the YAML file that declares the source. Without the text no quote citing the
source can be checked, so accord reports the problem once, at the `text` field, and skips those
quotes, which stay unverified until it is fixed. Save the article's full text exactly as
published, as UTF-8, next to the YAML file (`data/articles/<source-id>.txt`), or correct the
path."#,
            bad: None,
            fixed: None,
        },
        Code::SourceTextOutsideDataset => Explanation {
            details: r#"A source's `text` names a file that accord will not read: followed through
its symbolic links, the path leads outside the dataset (the directories given to the run, and
the directories of the files given), onto a special file system (`/proc`, `/sys`, `/dev`), or to
something other than a regular file (a directory, a pipe, a device). The `text` pattern already
forbids `..` and absolute paths; this rule closes the way round them through links, which git
carries in a pull request. A dataset checked in CI is untrusted input: without the rule, a link
`data/t.txt -> /proc/self/environ` would let a quote test the CI machine's secrets character by
character, and `accord report` would publish the whole file. The text is refused before it is
opened, so no quote citing the source is checked and nothing of the target is shown. Store the
article's text as a regular file inside the dataset; a link that stays inside it is fine."#,
            bad: None,
            fixed: None,
        },
        Code::LinkOutsideDataset => Explanation {
            details: r#"With `--follow-links`, a directory walk follows symbolic links only while
their targets stay inside the dataset: the directories given to the run and the directories of
the files given. This link leads elsewhere (or onto `/proc`, `/sys` or `/dev`), so it is not
followed and nothing under it is checked. Without `--follow-links` no link is followed, and none
is reported. Move the files into the dataset, or name the directory the link points to on the
command line as well (`accord check --follow-links data ../shared-data`), which makes it part of
the dataset."#,
            bad: None,
            fixed: None,
        },
    }
}
