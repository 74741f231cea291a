//! How long `accord lsp` takes from a change in an editor to its findings: the server runs on an
//! in-memory connection (no process, no pipes), a file of the dataset is opened, and each round
//! sends one `didChange` (alternately spoiling and restoring an id) and waits for that file's
//! `publishDiagnostics`. The time includes the server's debounce (`accord::lsp::DEBOUNCE`).
//! Prints the median, the 95th percentile and the slowest round, and the process's peak memory.
//!
//! cargo run --release --example lsp_latency -- DATASET_DIR FILE [ROUNDS]
//!
//! DATASET_DIR is the workspace folder (with an `accord.toml`, or a `data` directory); FILE a data
//! file in it whose first `id: ` line is the one edited.

#![allow(clippy::print_stdout, clippy::print_stderr)] // A command-line helper: printing is its job.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use accord::lsp::convert;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::json;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(folder), Some(file)) = (args.next(), args.next()) else {
        eprintln!("usage: lsp_latency DATASET_DIR FILE [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let folder = std::fs::canonicalize(folder).expect("the dataset directory");
    let file = std::fs::canonicalize(PathBuf::from(file)).expect("the file");
    let text = std::fs::read_to_string(&file).expect("the file's text");
    let uri = convert::uri(&file).expect("a URI").as_str().to_owned();

    let (server, client) = Connection::memory();
    let handle = std::thread::spawn(move || accord::lsp::serve(&server, &mut std::io::sink()));
    let send = |message: Message| client.sender.send(message).expect("sent");
    let wait_for_diagnostics = || loop {
        let message = client
            .receiver
            .recv_timeout(Duration::from_secs(120))
            .expect("a message");
        if let Message::Notification(n) = message
            && n.method == "textDocument/publishDiagnostics"
            && n.params["uri"] == uri.as_str()
        {
            return n.params["diagnostics"].as_array().map_or(0, Vec::len);
        }
    };
    let folder_uri = convert::uri(&folder).expect("a URI").as_str().to_owned();
    send(Message::Request(Request::new(
        RequestId::from(1),
        "initialize".to_owned(),
        json!({"processId": null, "rootUri": null, "capabilities": {},
               "workspaceFolders": [{"uri": folder_uri, "name": "dataset"}]}),
    )));
    send(Message::Notification(Notification::new(
        "initialized".to_owned(),
        json!({}),
    )));
    let started = Instant::now();
    send(Message::Notification(Notification::new(
        "textDocument/didOpen".to_owned(),
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    )));
    let first = wait_for_diagnostics();
    let opened = started.elapsed();

    // The first `id: x` of the file becomes `id: x-renamed` and back: every reference to it in
    // the other files dangles, and then resolves again.
    let at = text.find("id: ").expect("an `id: ` line") + 4;
    let end = at + text[at..].find('\n').expect("a line end");
    let line = text[..at].matches('\n').count() as u32;
    let column = text[..at].rfind('\n').map_or(at, |i| at - i - 1) as u32;
    let id_len = text[at..end].encode_utf16().count() as u32;
    let mut times = Vec::with_capacity(rounds);
    let mut findings = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let (from_len, to) = if round % 2 == 0 {
            (id_len, format!("{}-renamed", &text[at..end]))
        } else {
            (id_len + 8, text[at..end].to_owned())
        };
        let started = Instant::now();
        send(Message::Notification(Notification::new(
            "textDocument/didChange".to_owned(),
            json!({
                "textDocument": {"uri": uri, "version": round + 2},
                "contentChanges": [{
                    "range": {"start": {"line": line, "character": column},
                              "end": {"line": line, "character": column + from_len}},
                    "text": to,
                }],
            }),
        )));
        findings.push(wait_for_diagnostics());
        times.push(started.elapsed());
    }
    send(Message::Request(Request::new(
        RequestId::from(2),
        "shutdown".to_owned(),
        json!(null),
    )));
    send(Message::Notification(Notification::new(
        "exit".to_owned(),
        json!(null),
    )));
    let _ = handle.join();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "opened with {first} findings in {:.1} ms; {rounds} changes: median {:.1} ms, p95 {:.1} ms, max {:.1} ms (findings of this file per round: {:?})",
        ms(opened),
        ms(times[rounds / 2]),
        ms(times[(rounds * 95 / 100).min(rounds - 1)]),
        ms(times[rounds - 1]),
        &findings[..findings.len().min(4)],
    );
}
