//! `accord lsp`: the language server over stdio; its logs go to stderr.

use super::EXIT_CLEAN;
use crate::args::LspArgs;

pub(crate) fn lsp(_args: &LspArgs) -> Result<u8, String> {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let mut log = std::io::stderr();
    let explanations = write_explanations();
    let served = accord::lsp::serve_with(&connection, &mut log, explanations.as_deref());
    // The writer thread ends once the connection, and with it the sender, is dropped.
    drop(connection);
    let joined = io_threads.join();
    match (served, joined) {
        (Ok(()), Ok(())) => Ok(EXIT_CLEAN),
        (Err(error), _) => Err(error.to_string()),
        (Ok(()), Err(error)) => Err(format!("the connection failed: {error}")),
    }
}

/// Writes each code's explanation, as `accord explain CODE` gives it, to
/// `$XDG_CACHE_HOME/accord/<version>/explain/<code>.md` (or under `~/.cache`), for diagnostics to
/// link to; `None` when there is no cache directory or it cannot be written.
fn write_explanations() -> Option<std::path::PathBuf> {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|dir| !dir.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".cache"))
        })?;
    let dir = cache
        .join("accord")
        .join(env!("CARGO_PKG_VERSION"))
        .join("explain");
    std::fs::create_dir_all(&dir).ok()?;
    for code in accord::Code::ALL {
        let path = dir.join(format!("{}.md", code.as_str()));
        let text = format!(
            "# {}: {}\n\n{}",
            code.as_str(),
            code.summary(),
            code.markdown()
        );
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).ok()?;
        }
    }
    std::path::absolute(&dir).ok()
}
