//! `accord lsp` over an in-memory connection: the protocol as a client speaks it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use accord::lsp::convert;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

/// A server on one end of an in-memory connection, and the client's end.
struct Session {
    client: Connection,
    server: Option<std::thread::JoinHandle<Result<(), accord::lsp::LspError>>>,
    next_id: i32,
}

impl Session {
    fn start(folder: &Path, capabilities: Value) -> (Session, Value) {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || {
            let mut log = std::io::sink();
            accord::lsp::serve(&server, &mut log)
        });
        let mut session = Session {
            client,
            server: Some(handle),
            next_id: 0,
        };
        let uri = convert::uri(folder).expect("a URI");
        let result = session.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": capabilities,
                "workspaceFolders": [{"uri": uri.as_str(), "name": "dataset"}],
            }),
        );
        session.notify("initialized", json!({}));
        (session, result.expect("initialized"))
    }

    fn notify(&self, method: &str, params: Value) {
        self.client
            .sender
            .send(Message::Notification(Notification::new(
                method.to_owned(),
                params,
            )))
            .expect("sent");
    }

    /// Sends a request and waits for its response: the result, or the error's code.
    fn request(&mut self, method: &str, params: Value) -> Result<Value, i32> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.client
            .sender
            .send(Message::Request(Request::new(
                id.clone(),
                method.to_owned(),
                params,
            )))
            .expect("sent");
        loop {
            match self.receive() {
                Message::Response(response) if response.id == id => {
                    return response.response_result.map_err(|error| error.code);
                }
                _ => {}
            }
        }
    }

    fn receive(&self) -> Message {
        self.client
            .receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("a message within 30 s")
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics_of(&self, uri: &str) -> Vec<Value> {
        loop {
            if let Message::Notification(n) = self.receive()
                && n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == uri
            {
                return n.params["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
    }

    fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let outcome = self
            .server
            .take()
            .expect("running")
            .join()
            .expect("no panic");
        assert!(outcome.is_ok(), "{outcome:?}");
    }
}

/// A dataset of the base fixture under `data/`, with its `accord.toml`.
fn dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("create");
    for name in ["base.yaml", "example-source.txt", "fund-text.txt"] {
        std::fs::copy(Path::new("tests/fixtures/base").join(name), data.join(name)).expect("copy");
    }
    std::fs::write(dir.path().join("accord.toml"), "data = [\"data\"]\n").expect("write");
    dir
}

/// A claim on one line, with Korean and an emoji before a misspelt holder.
const CLAIM: &str = "claims:\n  - {id: ruiz-claim, kind: statement, summary: \"협정 😀 서명\", holders: [ana-ruis], citations: [{source: example-source, quote: Ana Ruiz, modality: stated, according_to: [ana-ruiz]}]}\n";

fn utf16_column(line: &str, needle: &str) -> u64 {
    let at = line.find(needle).expect("needle");
    line[..at].encode_utf16().count() as u64
}

fn open(session: &Session, uri: &str, text: &str) {
    session.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
}

fn claim_uri(dir: &Path) -> (PathBuf, String) {
    let path = dir.join("data/claims.yaml");
    let uri = convert::uri(&path).expect("uri").as_str().to_owned();
    (path, uri)
}

#[test]
fn an_unsaved_buffer_gets_dataset_findings_at_utf16_positions_and_its_quick_fix() {
    let dir = dataset();
    let (mut session, init) = Session::start(dir.path(), json!({}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    let (_, uri) = claim_uri(dir.path());
    open(&session, &uri, CLAIM);
    let diagnostics = session.diagnostics_of(&uri);
    let [finding] = diagnostics.as_slice() else {
        panic!("one finding: {diagnostics:#?}");
    };
    assert_eq!(finding["code"], "dangling-reference");
    assert_eq!(finding["source"], "accord");
    assert_eq!(finding["severity"], 1);
    let line = CLAIM.lines().nth(1).expect("the claim's line");
    let column = utf16_column(line, "ana-ruis");
    assert_eq!(
        finding["range"],
        json!({"start": {"line": 1, "character": column}, "end": {"line": 1, "character": column + 8}})
    );
    assert!(
        finding["message"]
            .as_str()
            .is_some_and(|m| m.contains("did you mean `ana-ruiz`?")),
        "{finding}"
    );
    // The fix of `--fix`, as a preferred quick fix.
    let actions = session
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": finding["range"],
                "context": {"diagnostics": [finding]},
            }),
        )
        .expect("actions");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(
        actions[0]["edit"]["changes"][&uri],
        json!([{"range": finding["range"], "newText": "ana-ruiz"}])
    );
    // The edit typed in: the finding is gone.
    session.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": finding["range"], "text": "ana-ruiz"}],
        }),
    );
    assert_eq!(session.diagnostics_of(&uri), Vec::<Value>::new());
    session.stop();
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = dataset();
    let (session, init) = Session::start(
        dir.path(),
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let (_, uri) = claim_uri(dir.path());
    open(&session, &uri, CLAIM);
    let diagnostics = session.diagnostics_of(&uri);
    let line = CLAIM.lines().nth(1).expect("line");
    let bytes = line.find("ana-ruis").expect("needle") as u64;
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 1, "character": bytes})
    );
    session.stop();
}

#[test]
fn renaming_an_id_gives_the_files_that_use_it_their_findings() {
    let dir = dataset();
    let (session, _) = Session::start(dir.path(), json!({}));
    let base = dir.path().join("data/base.yaml");
    let base_uri = convert::uri(&base).expect("uri").as_str().to_owned();
    let (claims, claims_uri) = claim_uri(dir.path());
    std::fs::write(&claims, CLAIM.replace("ana-ruis", "ana-ruiz")).expect("write");
    let text = std::fs::read_to_string(&base).expect("base");
    open(
        &session,
        &base_uri,
        &text.replacen("id: ana-ruiz", "id: ana-ruiz-2", 1),
    );
    // claims.yaml, not open, refers to the id that is gone.
    let diagnostics = session.diagnostics_of(&claims_uri);
    assert!(
        diagnostics
            .iter()
            .all(|d| d["code"] == "dangling-reference")
            && !diagnostics.is_empty(),
        "{diagnostics:#?}"
    );
    session.stop();
}

#[test]
fn bad_messages_get_errors_and_the_server_keeps_running() {
    let dir = dataset();
    let (mut session, _) = Session::start(dir.path(), json!({}));
    // An unknown method: MethodNotFound.
    assert_eq!(session.request("accord/unknown", json!({})), Err(-32601));
    // Params of the wrong shape: InvalidParams.
    assert_eq!(
        session.request("textDocument/codeAction", json!({"textDocument": 3})),
        Err(-32602)
    );
    // A notification of the wrong shape, and a file outside the dataset that is not YAML.
    session.notify("textDocument/didOpen", json!({"textDocument": "nothing"}));
    open(&session, "untitled:Untitled-1", "claims: [");
    // Still answering, with findings for a file outside the dataset.
    let outside = dir.path().join("elsewhere.yaml");
    let outside_uri = convert::uri(&outside).expect("uri").as_str().to_owned();
    open(&session, &outside_uri, "claims: [\n");
    let diagnostics = session.diagnostics_of(&outside_uri);
    assert_eq!(diagnostics[0]["code"], "yaml-syntax", "{diagnostics:#?}");
    session.stop();
}
