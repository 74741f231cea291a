//! `accord explain`: what a diagnostic code means, with its examples.

use std::io::Write;

use super::EXIT_CLEAN;
use crate::args::ExplainArgs;

pub(crate) fn explain(args: &ExplainArgs) -> Result<u8, String> {
    let mut out = String::new();
    match &args.code {
        None => {
            for code in accord::Code::ALL {
                let line = format!(
                    "{:<24} {:<8} {}\n",
                    code.as_str(),
                    code.severity().as_str(),
                    code.summary()
                );
                out.push_str(&line);
            }
        }
        Some(name) => {
            let Some(code) = accord::Code::from_name(name) else {
                let names = accord::Code::ALL.iter().map(|c| c.as_str());
                let hint = accord::suggest::closest(name, names)
                    .map(|best| format!(" (did you mean `{best}`?)"))
                    .unwrap_or_default();
                return Err(format!(
                    "no diagnostic code is called `{name}`{hint}; run `accord explain` to list them"
                ));
            };
            let explanation = code.explanation();
            out.push_str(&format!(
                "{} ({}): {}\n\n{}\n",
                code.as_str(),
                code.severity().as_str(),
                code.summary(),
                explanation.details
            ));
            let indent = |text: &str| -> String {
                text.lines().map(|line| format!("    {line}\n")).collect()
            };
            if let (Some(bad), Some(fixed)) = (explanation.bad, explanation.fixed) {
                out.push_str("\nFor example, this data file gives the finding:\n\n");
                out.push_str(&indent(bad));
                out.push_str("\nand this one, fixed, gives none:\n\n");
                out.push_str(&indent(fixed));
            }
        }
    }
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .map_err(|e| e.to_string())?;
    Ok(EXIT_CLEAN)
}
