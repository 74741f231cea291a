//! Long explanations of diagnostic codes, for `accord explain CODE`.
//!
//! Each explanation says what a finding means, why it matters for a dataset in which every fact
//! cites the exact words of its source, and how to fix it, with a bad and a fixed data file that
//! are checked, together with `tests/fixtures/base/`, by the integration tests.
//!
//! A code's explanation is a Markdown file of its own, `src/codes/<code>.md`, which the `codes!`
//! table in [`crate::diagnostic`] compiles in; [`Code::explanation`](crate::Code::explanation)
//! reads it with [`parse`]. The file is the details, then, for a code whose finding a data file
//! can show, a `## Bad` and a `## Fixed` section, each holding exactly one `yaml` fence:
//!
//! ````text
//! What the finding means and why accord reports it: plain prose, wrapped at 100 columns, any
//! number of lines, none of them starting with `#` or a fence.
//!
//! ## Bad
//!
//! ```yaml
//! # Wrong: what the example gets wrong.
//! claims: ...
//! ```
//!
//! ## Fixed
//!
//! ```yaml
//! # Fixed: what changed.
//! claims: ...
//! ```
//! ````
//!
//! The details are the text before the first heading, without the white space around it; an
//! example is the text between its fence lines, down to the newline before the closing one.
//! Blank lines may separate the parts; anything else outside the fences is an error.

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

/// Why an explanation's Markdown does not follow the format [`parse`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct MalformedExplanation {
    /// The 1-based line the problem is on; one past the last line for something missing at the
    /// end.
    pub line: usize,
    /// What is wrong.
    pub problem: &'static str,
}

/// The headings of the example sections, in the order they come.
const SECTIONS: [&str; 2] = ["## Bad", "## Fixed"];

/// The line that opens an example.
const OPENING_FENCE: &str = "```yaml";

/// The line that closes an example.
const CLOSING_FENCE: &str = "```";

/// One line of the Markdown.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// The 1-based line number.
    number: usize,
    /// The byte offset of its first character.
    start: usize,
    /// The byte offset just past its newline (or the end of the text, on a last line without
    /// one).
    end: usize,
    /// Its text, without the newline and without white space at its end.
    text: &'static str,
}

impl Line {
    fn error(self, problem: &'static str) -> MalformedExplanation {
        MalformedExplanation {
            line: self.number,
            problem,
        }
    }

    fn is_heading(self) -> bool {
        self.text.starts_with('#')
    }

    fn is_fence(self) -> bool {
        self.text.starts_with("```")
    }
}

/// The lines of `text`, numbered, with their offsets.
fn numbered_lines(text: &'static str) -> impl Iterator<Item = Line> {
    let mut start = 0;
    text.split_inclusive('\n')
        .enumerate()
        .map(move |(index, raw)| {
            let line = Line {
                number: index + 1,
                start,
                end: start + raw.len(),
                text: raw.trim_end(),
            };
            start = line.end;
            line
        })
}

/// Reads an explanation written in the format of the module documentation: details, then
/// optionally a `## Bad` and a `## Fixed` section of one `yaml` fence each. The returned
/// explanation borrows from `markdown`.
pub fn parse(markdown: &'static str) -> Result<Explanation, MalformedExplanation> {
    let mut lines = numbered_lines(markdown).peekable();
    let past_the_end = markdown.split_inclusive('\n').count() + 1;
    let at_end = |problem: &'static str| MalformedExplanation {
        line: past_the_end,
        problem,
    };

    let mut details_end = 0;
    while let Some(line) = lines.next_if(|line| !line.is_heading()) {
        if line.is_fence() {
            return Err(
                line.error("a fence outside a section: examples go under `## Bad` and `## Fixed`")
            );
        }
        details_end = line.end;
    }
    let details = markdown[..details_end].trim();
    if details.is_empty() {
        return Err(MalformedExplanation {
            line: 1,
            problem: "no details before the first heading",
        });
    }

    let mut examples: [Option<&'static str>; 2] = [None, None];
    while let Some(heading) = lines.next() {
        let Some(section) = SECTIONS.iter().position(|s| *s == heading.text) else {
            return Err(heading.error("unknown heading: the sections are `## Bad` and `## Fixed`"));
        };
        if examples[section].is_some() {
            return Err(heading.error("a section appears twice"));
        }
        if examples[section + 1..].iter().any(Option::is_some) {
            return Err(heading.error("`## Bad` comes before `## Fixed`"));
        }
        let mut example = None;
        while let Some(line) = lines.next_if(|line| !line.is_heading()) {
            if line.text.is_empty() {
                continue;
            }
            if line.text != OPENING_FENCE {
                return Err(line.error(if line.is_fence() {
                    "an example's fence opens with ```yaml"
                } else {
                    "text outside the fence of a section"
                }));
            }
            if example.is_some() {
                return Err(line.error("a section holds more than one fence"));
            }
            let Some(closing) = lines.find(|inner| inner.text == CLOSING_FENCE) else {
                return Err(line.error("the fence is never closed"));
            };
            let text = &markdown[line.end..closing.start];
            if text.trim().is_empty() {
                return Err(line.error("the example is empty"));
            }
            example = Some(text);
        }
        let Some(example) = example else {
            return Err(heading.error("a section without a ```yaml fence"));
        };
        examples[section] = Some(example);
    }

    match examples {
        [Some(_), None] => Err(at_end("`## Bad` without `## Fixed`")),
        [None, Some(_)] => Err(at_end("`## Fixed` without `## Bad`")),
        [bad, fixed] => Ok(Explanation {
            details,
            bad,
            fixed,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BAD_AND_FIXED: &str = "Line one\nline two.\n\n## Bad\n\n```yaml\n# Wrong.\na: 1\n```\n\n\
        ## Fixed\n\n```yaml\n# Fixed.\na: 2\n```\n";

    fn problem(markdown: &'static str) -> (usize, &'static str) {
        match parse(markdown) {
            Ok(explanation) => panic!("{markdown:?} parses: {explanation:?}"),
            Err(error) => (error.line, error.problem),
        }
    }

    #[test]
    fn details_and_both_examples() {
        assert_eq!(
            parse(BAD_AND_FIXED),
            Ok(Explanation {
                details: "Line one\nline two.",
                bad: Some("# Wrong.\na: 1\n"),
                fixed: Some("# Fixed.\na: 2\n"),
            })
        );
    }

    #[test]
    fn details_alone() {
        let expected = Ok(Explanation {
            details: "Only prose.\nTwo lines.",
            bad: None,
            fixed: None,
        });
        assert_eq!(parse("Only prose.\nTwo lines.\n"), expected);
        assert_eq!(parse("Only prose.\nTwo lines."), expected);
        assert_eq!(parse("\nOnly prose.\nTwo lines.\n\n\n"), expected);
    }

    #[test]
    fn details_keep_their_paragraphs_and_inline_code() {
        let explanation = parse("First `a: b`.\n\nSecond, with ``` inside.\n").map(|e| e.details);
        assert_eq!(explanation, Ok("First `a: b`.\n\nSecond, with ``` inside."));
    }

    #[test]
    fn yaml_comments_inside_a_fence_are_not_headings() {
        let explanation = parse(
            "Prose.\n\n## Bad\n\n```yaml\n# Wrong.\n## not a heading\n```\n\n## Fixed\n\n\
             ```yaml\n# Fixed.\n# ## Fixed\n```\n",
        );
        assert_eq!(
            explanation.map(|e| (e.bad, e.fixed)),
            Ok((
                Some("# Wrong.\n## not a heading\n"),
                Some("# Fixed.\n# ## Fixed\n")
            ))
        );
    }

    #[test]
    fn the_last_fence_may_end_the_file_without_a_newline() {
        let explanation = parse("Prose.\n## Bad\n```yaml\n# a\n```\n## Fixed\n```yaml\n# b\n```")
            .map(|e| e.fixed);
        assert_eq!(explanation, Ok(Some("# b\n")));
    }

    #[test]
    fn examples_keep_their_blank_lines_and_indentation() {
        let explanation = parse(
            "Prose.\n\n## Bad\n\n```yaml\n# a\n\n  - x\n\n```\n\n## Fixed\n\n```yaml\n# b\n```\n",
        );
        assert_eq!(explanation.map(|e| e.bad), Ok(Some("# a\n\n  - x\n\n")));
    }

    #[test]
    fn missing_details() {
        assert_eq!(problem(""), (1, "no details before the first heading"));
        assert_eq!(problem("\n\n"), (1, "no details before the first heading"));
        assert_eq!(
            problem("## Bad\n\n```yaml\n# a\n```\n## Fixed\n```yaml\n# b\n```\n"),
            (1, "no details before the first heading")
        );
    }

    #[test]
    fn a_fence_in_the_details() {
        assert_eq!(
            problem("Prose.\n\n```yaml\n# a\n```\n").0,
            3,
            "examples go under their headings"
        );
    }

    #[test]
    fn unknown_headings() {
        for markdown in [
            "Prose.\n\n# Bad\n\n```yaml\n# a\n```\n",
            "Prose.\n\n## Good\n\n```yaml\n# a\n```\n",
            "Prose.\n\n## bad\n\n```yaml\n# a\n```\n",
            "Prose.\n\n### Bad\n\n```yaml\n# a\n```\n",
        ] {
            assert_eq!(
                problem(markdown),
                (
                    3,
                    "unknown heading: the sections are `## Bad` and `## Fixed`"
                ),
                "{markdown:?}"
            );
        }
    }

    #[test]
    fn one_example_without_the_other() {
        assert_eq!(
            problem("Prose.\n\n## Bad\n\n```yaml\n# a\n```\n"),
            (8, "`## Bad` without `## Fixed`")
        );
        assert_eq!(
            problem("Prose.\n\n## Fixed\n\n```yaml\n# a\n```\n"),
            (8, "`## Fixed` without `## Bad`")
        );
    }

    #[test]
    fn sections_out_of_order_or_twice() {
        assert_eq!(
            problem("P.\n## Fixed\n```yaml\n# b\n```\n## Bad\n```yaml\n# a\n```\n"),
            (6, "`## Bad` comes before `## Fixed`")
        );
        assert_eq!(
            problem("P.\n## Bad\n```yaml\n# a\n```\n## Bad\n```yaml\n# a\n```\n"),
            (6, "a section appears twice")
        );
    }

    #[test]
    fn a_heading_without_a_fence() {
        assert_eq!(
            problem("P.\n\n## Bad\n\n## Fixed\n\n```yaml\n# b\n```\n"),
            (3, "a section without a ```yaml fence")
        );
        assert_eq!(
            problem("P.\n\n## Bad\n\n```yaml\n# a\n```\n\n## Fixed\n"),
            (9, "a section without a ```yaml fence")
        );
    }

    #[test]
    fn text_outside_a_fence() {
        assert_eq!(
            problem("P.\n## Bad\nA word first.\n```yaml\n# a\n```\n## Fixed\n```yaml\n# b\n```\n"),
            (3, "text outside the fence of a section")
        );
        assert_eq!(
            problem("P.\n## Bad\n```yaml\n# a\n```\nAfter.\n## Fixed\n```yaml\n# b\n```\n"),
            (6, "text outside the fence of a section")
        );
    }

    #[test]
    fn two_fences_in_a_section() {
        assert_eq!(
            problem(
                "P.\n## Bad\n```yaml\n# a\n```\n```yaml\n# c\n```\n## Fixed\n```yaml\n# b\n```\n"
            ),
            (6, "a section holds more than one fence")
        );
    }

    #[test]
    fn a_fence_of_another_language() {
        assert_eq!(
            problem("P.\n## Bad\n```json\n{}\n```\n## Fixed\n```yaml\n# b\n```\n"),
            (3, "an example's fence opens with ```yaml")
        );
        assert_eq!(
            problem("P.\n## Bad\n```\n# a\n```\n## Fixed\n```yaml\n# b\n```\n"),
            (3, "an example's fence opens with ```yaml")
        );
    }

    #[test]
    fn an_unclosed_or_empty_fence() {
        assert_eq!(
            problem("P.\n## Bad\n```yaml\n# a\n## Fixed\n```yaml\n# b\n"),
            (3, "the fence is never closed")
        );
        assert_eq!(
            problem("P.\n## Bad\n```yaml\n\n```\n## Fixed\n```yaml\n# b\n```\n"),
            (3, "the example is empty")
        );
    }

    #[test]
    fn errors_name_their_line() {
        let error = parse("P.\n## Nope\n").err().map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some("line 2: unknown heading: the sections are `## Bad` and `## Fixed`")
        );
    }
}
