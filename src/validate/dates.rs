//! Dates the pattern accepts but the calendar does not: the 30th of February.

use serde_json::Value;

use crate::diagnostic::{Code, Diagnostic};
use crate::yaml::SpanTree;

/// Finds every `date` whose day does not exist in its month.
pub(super) fn check(value: &Value, spans: &SpanTree) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    // Dates sit at many depths; walking the JSON finds every `date` field of a date value
    // without listing each place the model allows one.
    let mut pending = vec![(value, String::new())];
    while let Some((node, pointer)) = pending.pop() {
        match node {
            Value::Object(map) => {
                if let (Some(Value::String(date)), Some(Value::String(_))) =
                    (map.get("date"), map.get("as_written"))
                    && let Some(message) = impossible(date)
                {
                    let at = format!("{pointer}/date");
                    diagnostics.push(
                        Diagnostic::new(Code::ImpossibleDate, message)
                            .with_span(spans.locate(value, &at).value)
                            .with_pointer(at)
                            .with_help("check the day and month against the source"),
                    );
                }
                for (key, child) in map {
                    pending.push((
                        child,
                        format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")),
                    ));
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    pending.push((child, format!("{pointer}/{i}")));
                }
            }
            _ => {}
        }
    }
    diagnostics.sort_by_key(|d| d.span);
    diagnostics
}

/// Why `date` (already known to match the date pattern) names no real day, if it does not.
fn impossible(date: &str) -> Option<String> {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (day > days).then(|| format!("{date} does not exist: month {month} of {year} has {days} days"))
}

#[cfg(test)]
mod tests {
    use super::impossible;

    #[test]
    fn only_real_days_pass() {
        assert!(impossible("2025-02-28").is_none());
        assert!(impossible("2024-02-29").is_none());
        assert!(impossible("2025-02").is_none());
        assert!(impossible("2025-02-29").is_some());
        assert!(impossible("2025-04-31").is_some());
    }
}
