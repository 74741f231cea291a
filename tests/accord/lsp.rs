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
        Session::start_with(folder, capabilities, None)
    }

    fn start_with(
        folder: &Path,
        capabilities: Value,
        explanations: Option<PathBuf>,
    ) -> (Session, Value) {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || {
            let mut log = std::io::sink();
            accord::lsp::serve_with(&server, &mut log, explanations.as_deref())
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

/// The position of the first `needle` in `text` after `after`, in UTF-16 units.
fn position_of(text: &str, after: &str, needle: &str) -> Value {
    let start = text.find(after).expect("anchor");
    let at = start + text[start..].find(needle).expect("needle");
    let line = text[..at].matches('\n').count();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": text[line_start..at].encode_utf16().count()})
}

#[test]
fn ids_lead_to_their_records_and_back_and_rename_across_files() {
    let dir = dataset();
    let (mut session, _) = Session::start(dir.path(), json!({}));
    let (claims, claims_uri) = claim_uri(dir.path());
    let claim = CLAIM.replace("ana-ruis", "ana-ruiz");
    std::fs::write(&claims, &claim).expect("write");
    let base = dir.path().join("data/base.yaml");
    let base_uri = convert::uri(&base).expect("uri").as_str().to_owned();
    let base_text = std::fs::read_to_string(&base).expect("base");
    open(&session, &claims_uri, &claim);
    let holder = position_of(&claim, "holders:", "ana-ruiz");
    let at =
        |uri: &str, position: &Value| json!({"textDocument": {"uri": uri}, "position": position});

    // Go to definition: the person's id in base.yaml.
    let definition = session
        .request("textDocument/definition", at(&claims_uri, &holder))
        .expect("definition");
    assert_eq!(definition["uri"], base_uri.as_str());
    assert_eq!(
        definition["range"]["start"],
        position_of(&base_text, "people:", "ana-ruiz")
    );

    // Find references, from the definition: every file that names the person.
    let mut params = at(&base_uri, &definition["range"]["start"]);
    params["context"] = json!({"includeDeclaration": true});
    let references = session
        .request("textDocument/references", params)
        .expect("references");
    let files: std::collections::BTreeSet<&str> = references
        .as_array()
        .expect("locations")
        .iter()
        .filter_map(|l| l["uri"].as_str())
        .collect();
    assert_eq!(
        files,
        [base_uri.as_str(), claims_uri.as_str()]
            .into_iter()
            .collect()
    );

    // Hover: the record.
    let hover = session
        .request("textDocument/hover", at(&claims_uri, &holder))
        .expect("hover");
    let text = hover["contents"]["value"].as_str().expect("markdown");
    assert!(
        text.starts_with("**person** `ana-ruiz`\n\nAna Ruiz"),
        "{text}"
    );

    // Rename: one edit for the definition and every reference, in every file.
    let prepared = session
        .request("textDocument/prepareRename", at(&claims_uri, &holder))
        .expect("prepare");
    assert_eq!(prepared["placeholder"], "ana-ruiz");
    let mut params = at(&claims_uri, &holder);
    params["newName"] = json!("ana-ruiz-lopez");
    let edit = session
        .request("textDocument/rename", params)
        .expect("rename");
    let changes = edit["changes"].as_object().expect("changes");
    assert_eq!(changes.len(), 2, "{edit:#}");
    let in_claims = changes[&claims_uri].as_array().expect("edits");
    // The holder and the `according_to` of the claim's citation.
    assert_eq!(in_claims.len(), 2, "{edit:#}");
    assert!(in_claims.iter().all(|e| e["newText"] == "ana-ruiz-lopez"));
    let mut params = at(&claims_uri, &holder);
    params["newName"] = json!("Ana Ruiz");
    assert_eq!(session.request("textDocument/rename", params), Err(-32602));
    let mut params = at(&claims_uri, &holder);
    params["newName"] = json!("example-source");
    assert_eq!(session.request("textDocument/rename", params), Err(-32602));

    // Symbols: the records of a file, and of the dataset by name.
    let symbols = session
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": base_uri}}),
        )
        .expect("symbols");
    let names: Vec<&str> = symbols
        .as_array()
        .expect("symbols")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(
        names.contains(&"ana-ruiz") && names.contains(&"example-source"),
        "{names:?}"
    );
    assert!(!names.contains(&"ruiz-claim"), "{names:?}");
    let found = session
        .request("workspace/symbol", json!({"query": "ruiz"}))
        .expect("symbols");
    let names: Vec<&str> = found
        .as_array()
        .expect("symbols")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(names, ["ana-ruiz", "ruiz-claim"]);
    session.stop();
}

#[test]
fn completion_offers_the_ids_of_the_kinds_the_field_takes() {
    let dir = dataset();
    let (mut session, _) = Session::start(dir.path(), json!({}));
    let (_, uri) = claim_uri(dir.path());
    let typed = CLAIM.replace("[ana-ruis]", "[ana-]");
    open(&session, &uri, &typed);
    let mut position = position_of(&typed, "holders:", "ana-");
    position["character"] = json!(position["character"].as_u64().expect("n") + 4);
    let items = session
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": position}),
        )
        .expect("completion");
    let items = items.as_array().expect("items");
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    assert!(labels.contains(&"ana-ruiz"), "{labels:?}");
    assert!(labels.contains(&"examplia"), "{labels:?}");
    // Holders are people or organizations: no source, event or claim.
    assert!(!labels.contains(&"example-source"), "{labels:?}");
    assert!(!labels.contains(&"examplia-nordland-meeting"), "{labels:?}");
    let ana = items
        .iter()
        .find(|i| i["label"] == "ana-ruiz")
        .expect("ana-ruiz");
    assert_eq!(ana["detail"], "person · Ana Ruiz");
    session.stop();
}

#[test]
fn files_changed_on_disk_are_checked_again_when_the_client_watches_them() {
    let dir = dataset();
    let (claims, claims_uri) = claim_uri(dir.path());
    std::fs::write(&claims, CLAIM.replace("ana-ruis", "ana-ruiz")).expect("write");
    let (session, _) = Session::start(
        dir.path(),
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    // The server asks to watch the data files.
    let registration = loop {
        if let Message::Request(request) = session.receive() {
            break request;
        }
    };
    assert_eq!(registration.method, "client/registerCapability");
    assert_eq!(
        registration.params["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    // The claim, open and clean.
    open(
        &session,
        &claims_uri,
        &CLAIM.replace("ana-ruis", "ana-ruiz"),
    );
    assert_eq!(session.diagnostics_of(&claims_uri), Vec::<Value>::new());
    // Another program renames the person on disk.
    let base = dir.path().join("data/base.yaml");
    let text = std::fs::read_to_string(&base).expect("base");
    std::fs::write(&base, text.replacen("id: ana-ruiz", "id: ana-ruiz-2", 1)).expect("write");
    let base_uri = convert::uri(&base).expect("uri").as_str().to_owned();
    session.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": base_uri, "type": 2}]}),
    );
    let diagnostics = session.diagnostics_of(&claims_uri);
    assert!(
        !diagnostics.is_empty()
            && diagnostics
                .iter()
                .all(|d| d["code"] == "dangling-reference"),
        "{diagnostics:#?}"
    );
    session.stop();
}

#[test]
fn each_diagnostic_links_to_its_explanation() {
    let dir = dataset();
    let explanations = dir.path().join("explain");
    let (session, _) = Session::start_with(dir.path(), json!({}), Some(explanations.clone()));
    let (_, uri) = claim_uri(dir.path());
    open(&session, &uri, CLAIM);
    let diagnostics = session.diagnostics_of(&uri);
    let href = diagnostics[0]["codeDescription"]["href"]
        .as_str()
        .expect("a link");
    let expected = convert::uri(&explanations.join("dangling-reference.md")).expect("uri");
    assert_eq!(href, expected.as_str());
    session.stop();
}

#[test]
fn fields_hover_with_their_description_and_enum_values_complete() {
    let dir = dataset();
    let (mut session, _) = Session::start(dir.path(), json!({}));
    let (_, uri) = claim_uri(dir.path());
    let typed = "claims:\n  - id: ruiz-claim\n    kind: sta\n";
    open(&session, &uri, typed);
    let hover = session
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 5}}),
        )
        .expect("hover");
    let text = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(text.starts_with("What kind of claim this is."), "{hover:#}");
    assert!(text.contains("- `statement`:"), "{text}");
    let items = session
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 13}}),
        )
        .expect("completion");
    let statement = items
        .as_array()
        .and_then(|items| items.iter().find(|i| i["label"] == "statement"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        statement["documentation"], "Something an actor said or reported that is not a stance.",
        "{items:#}"
    );
    assert_eq!(
        statement["textEdit"]["range"],
        json!({"start": {"line": 2, "character": 10}, "end": {"line": 2, "character": 13}})
    );
    session.stop();
}

#[test]
fn field_names_complete_while_a_key_is_typed_even_before_its_colon() {
    let dir = dataset();
    let (mut session, _) = Session::start(dir.path(), json!({}));
    let (_, uri) = claim_uri(dir.path());
    // `sum` has no colon yet: the buffer is not valid YAML, and the keys still complete.
    let typed = "claims:\n  - id: ruiz-claim\n    kind: statement\n    sum\n";
    open(&session, &uri, typed);
    let items = session
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 7}}),
        )
        .expect("completion");
    let items = items.as_array().cloned().unwrap_or_default();
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    assert!(labels.contains(&"summary"), "{labels:?}");
    assert!(
        !labels.contains(&"kind") && !labels.contains(&"id"),
        "keys the record has are not offered again: {labels:?}"
    );
    let summary = items
        .iter()
        .find(|i| i["label"] == "summary")
        .cloned()
        .unwrap_or_default();
    assert_eq!(summary["kind"], 5, "a field: {summary:#}");
    assert!(
        summary["documentation"]
            .as_str()
            .is_some_and(|d| !d.is_empty()),
        "{summary:#}"
    );
    assert_eq!(
        summary["textEdit"],
        json!({"range": {"start": {"line": 3, "character": 4}, "end": {"line": 3, "character": 7}},
               "newText": "summary: "})
    );
    session.stop();
}

#[test]
fn a_200_mb_buffer_and_hostile_yaml_get_findings_and_the_server_keeps_running() {
    let dir = dataset();
    let (mut session, _) = Session::start(dir.path(), json!({}));
    let (_, uri) = claim_uri(dir.path());
    let codes = |diagnostics: &[Value]| -> Vec<String> {
        diagnostics
            .iter()
            .filter_map(|d| d["code"].as_str().map(str::to_owned))
            .collect()
    };
    // 200 MB on one line: a list at the top, which is not read item by item.
    let huge = format!("- {}\n", "a".repeat(200 * 1024 * 1024));
    open(&session, &uri, &huge);
    drop(huge);
    assert_eq!(codes(&session.diagnostics_of(&uri)), ["invalid-type"]);
    let change = |session: &Session, version: u64, text: &str| {
        session.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": text}]}),
        );
    };
    // An alias bomb, then nesting a thousand levels deep.
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..=9 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 10].join(", ")
        ));
    }
    change(&session, 2, &bomb);
    assert_eq!(codes(&session.diagnostics_of(&uri)), ["limit-exceeded"]);
    change(
        &session,
        3,
        &format!("claims: {}{}\n", "[".repeat(1000), "]".repeat(1000)),
    );
    assert_eq!(codes(&session.diagnostics_of(&uri)), ["limit-exceeded"]);
    // Requests on the hostile buffer are answered, and the dataset is still served.
    let hover = session.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}}),
    );
    assert_eq!(hover, Ok(Value::Null));
    change(&session, 4, CLAIM);
    assert!(
        codes(&session.diagnostics_of(&uri)).contains(&"dangling-reference".to_owned()),
        "the buffer is checked again once it is data"
    );
    session.stop();
}
