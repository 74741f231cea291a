//! `accord lsp`: the language server over stdio; its logs go to stderr.

use super::EXIT_CLEAN;
use crate::args::LspArgs;

pub(crate) fn lsp(_args: &LspArgs) -> Result<u8, String> {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let mut log = std::io::stderr();
    let served = accord::lsp::serve(&connection, &mut log);
    // The writer thread ends once the connection, and with it the sender, is dropped.
    drop(connection);
    let joined = io_threads.join();
    match (served, joined) {
        (Ok(()), Ok(())) => Ok(EXIT_CLEAN),
        (Err(error), _) => Err(error.to_string()),
        (Ok(()), Err(error)) => Err(format!("the connection failed: {error}")),
    }
}
