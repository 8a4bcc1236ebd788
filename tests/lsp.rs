//! `kokoku server` as an editor meets it: in-process over an in-memory connection, and
//! once as the real binary over stdio.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use kokoku::source::{LineIndex, Units};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(30);

/// A Markdown page with an emoji (two UTF-16 units) and a kanji line before the claim.
const PAGE: &str = "# 🙂 当院のご案内\n漢字の説明です。\n\nこの治療で必ず治ります。\n";

/// An editor talking to a server running on a thread of the test.
struct Client {
    connection: Connection,
    server: Option<std::thread::JoinHandle<Result<(), String>>>,
    next_id: i32,
    /// Notifications that came while waiting for something else.
    pending: Vec<Notification>,
}

impl Client {
    /// A server on a thread of the test, initialized with `encodings` and `options`.
    fn start(encodings: &[&str], options: Value) -> Self {
        let (server, connection) = Connection::memory();
        let server = std::thread::spawn(move || kokoku::lsp::serve(server));
        Self::initialize(connection, Some(server), encodings, options)
    }

    /// The real binary, over its standard input and output.
    fn over_stdio(encodings: &[&str]) -> (Self, std::process::Child) {
        let mut child = spawn_server();
        let (to_server, for_server) = crossbeam_channel::unbounded::<Message>();
        let (to_client, from_server) = crossbeam_channel::unbounded::<Message>();
        let mut input = child.stdin.take().unwrap();
        std::thread::spawn(move || for_server.into_iter().try_for_each(|m| m.write(&mut input)));
        let mut output = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || {
            while let Ok(Some(message)) = Message::read(&mut output) {
                if to_client.send(message).is_err() {
                    break;
                }
            }
        });
        let connection = Connection {
            sender: to_server,
            receiver: from_server,
        };
        (Self::initialize(connection, None, encodings, Value::Null), child)
    }

    fn initialize(
        connection: Connection,
        server: Option<std::thread::JoinHandle<Result<(), String>>>,
        encodings: &[&str],
        options: Value,
    ) -> Self {
        let mut client = Self {
            connection,
            server,
            next_id: 0,
            pending: Vec::new(),
        };
        let params = json!({
            "capabilities": {
                "general": { "positionEncodings": encodings },
                "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } },
            },
            "initializationOptions": options,
        });
        let result = client.request("initialize", params);
        assert_eq!(result["serverInfo"]["name"], "kokoku", "{result}");
        let expected = match encodings.contains(&"utf-8") {
            true => "utf-8",
            false => "utf-16",
        };
        assert_eq!(result["capabilities"]["positionEncoding"], expected);
        client.notify("initialized", json!({}));
        // Then the server asks to hear of changes to kokoku.toml.
        match client.connection.receiver.recv_timeout(WAIT).unwrap() {
            Message::Request(request) => {
                assert_eq!(request.method, "client/registerCapability");
                assert!(
                    request.params.to_string().contains("**/kokoku.toml"),
                    "{:?}",
                    request.params
                );
                let ok = lsp_server::Response::new_ok(request.id, Value::Null);
                client.connection.sender.send(Message::Response(ok)).unwrap();
            }
            other => panic!("expected the watch registration, got {other:?}"),
        }
        client
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let request = Request::new(id.clone(), method.to_string(), params);
        self.connection.sender.send(Message::Request(request)).unwrap();
        loop {
            match self.connection.receiver.recv_timeout(WAIT).expect("an answer in time") {
                Message::Response(response) if response.id == id => {
                    return match response.error {
                        Some(error) => json!({ "error": error.code, "message": error.message }),
                        None => response.result.unwrap_or_default(),
                    };
                }
                Message::Notification(notification) => self.pending.push(notification),
                _ => {}
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        let notification = Notification::new(method.to_string(), params);
        self.connection
            .sender
            .send(Message::Notification(notification))
            .unwrap();
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        let mine = |n: &Notification| n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri;
        if let Some(at) = self.pending.iter().position(mine) {
            return self.pending.remove(at).params;
        }
        loop {
            if let Message::Notification(n) = self
                .connection
                .receiver
                .recv_timeout(WAIT)
                .expect("diagnostics in time")
            {
                if mine(&n) {
                    return n.params;
                }
                self.pending.push(n);
            }
        }
    }

    fn open(&mut self, uri: &str, text: &str, version: i32) -> Value {
        let document = json!({ "uri": uri, "languageId": "markdown", "version": version, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": document }));
        self.diagnostics(uri)
    }

    fn change(&mut self, uri: &str, text: &str, version: i32) -> Value {
        let params = json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "text": text }],
        });
        self.notify("textDocument/didChange", params);
        self.diagnostics(uri)
    }

    fn stop(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        if let Some(server) = self.server.take() {
            assert_eq!(server.join().unwrap(), Ok(()));
        }
    }
}

/// `text` with LSP text edits applied (positions in `units`).
fn apply(text: &str, edits: &[Value], units: Units) -> String {
    let lines = LineIndex::new(text);
    let offset = |p: &Value| {
        lines.offset_of(
            p["line"].as_u64().unwrap() as usize,
            p["character"].as_u64().unwrap() as usize,
            units,
        )
    };
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    edits.sort_by_key(|&(start, _, _)| std::cmp::Reverse(start));
    let mut out = text.to_string();
    for (start, end, new) in edits {
        out.replace_range(start..end, new);
    }
    out
}

fn codes(published: &Value) -> Vec<String> {
    let diagnostics = published["diagnostics"].as_array().unwrap();
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn site() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.md");
    std::fs::write(&page, PAGE).unwrap();
    let uri = lsp_types::Url::from_file_path(&page).unwrap().to_string();
    (dir, uri)
}

/// What an editor does with a claim: sees it at its UTF-16 range, applies the rule's fix
/// from the code actions and sees the finding go; then a kokoku.toml that turns the rule
/// off clears it. Returns the URI of that config.
fn fix_a_claim_then_turn_its_rule_off(client: &mut Client, dir: &std::path::Path, uri: &str) -> String {
    let published = client.open(uri, PAGE, 1);
    assert_eq!(published["version"], 1);
    let diagnostics = published["diagnostics"].as_array().unwrap();
    let claim = diagnostics
        .iter()
        .find(|d| d["code"] == "PMD-01")
        .expect("PMD-01")
        .clone();
    // 「必ず治ります」 starts after この治療で (five characters) on line 3.
    assert_eq!(
        claim["range"],
        json!({ "start": { "line": 3, "character": 5 }, "end": { "line": 3, "character": 11 } })
    );
    assert_eq!(claim["severity"], 1);
    assert!(claim["message"].as_str().unwrap().contains("根拠: 薬機法"), "{claim}");

    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": claim["range"], "context": { "diagnostics": [claim] } }),
    );
    let actions = actions.as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["title"] == "「必ず」を削除")
        .expect("the rule's fix");
    assert_eq!(fix["kind"], "quickfix");
    assert!(
        fix.get("isPreferred").is_none(),
        "it changes the meaning, so is not preferred"
    );
    let fixed = apply(PAGE, fix["edit"]["changes"][uri].as_array().unwrap(), Units::Utf16);
    assert!(fixed.contains("この治療で治ります。"), "{fixed}");
    let published = client.change(uri, &fixed, 2);
    assert_eq!(published["version"], 2);
    assert!(!codes(&published).contains(&"PMD-01".to_string()), "{published}");

    let waiver = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("無視する"))
        .unwrap();
    let waived = apply(PAGE, waiver["edit"]["changes"][uri].as_array().unwrap(), Units::Utf16);
    assert!(
        waived
            .contains("<!-- kokoku-disable-next-line PMD-01 -- （理由を書いてください） -->\nこの治療で必ず治ります。"),
        "{waived}"
    );

    // A config that turns the rule off clears it once the editor says the file changed.
    let published = client.change(uri, PAGE, 3);
    assert!(codes(&published).contains(&"PMD-01".to_string()));
    std::fs::write(dir.join("kokoku.toml"), "[rules]\n\"PMD-01\" = \"off\"\n").unwrap();
    let config = lsp_types::Url::from_file_path(dir.join("kokoku.toml"))
        .unwrap()
        .to_string();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config, "type": 1 }] }),
    );
    assert!(!codes(&client.diagnostics(uri)).contains(&"PMD-01".to_string()));
    config
}

#[test]
fn a_claim_is_found_at_its_utf16_range_and_fixed_by_its_code_action() {
    let (dir, uri) = site();
    let mut client = Client::start(&["utf-16"], Value::Null);
    let published = client.open(&uri, PAGE, 1);
    let redacted = serde_json::to_string_pretty(&published["diagnostics"])
        .unwrap()
        .replace(&uri, "file:///[DIR]/page.md");
    insta::assert_snapshot!("lsp_diagnostics", redacted);
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    assert_eq!(client.diagnostics(&uri)["diagnostics"], json!([]));
    let config = fix_a_claim_then_turn_its_rule_off(&mut client, dir.path(), &uri);

    // A broken config keeps the last good one and says what is wrong, on the config.
    std::fs::write(dir.path().join("kokoku.toml"), "[rules]\n\"PMD-01\" = \"sometimes\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config, "type": 2 }] }),
    );
    let on_config = client.diagnostics(&config);
    assert_eq!(on_config["diagnostics"][0]["range"]["start"]["line"], 1, "{on_config}");
    assert!(
        !codes(&client.diagnostics(&uri)).contains(&"PMD-01".to_string()),
        "still the last good config"
    );

    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    assert_eq!(client.diagnostics(&uri)["diagnostics"], json!([]));
    client.stop();
}

#[test]
fn utf8_is_used_when_offered_and_fix_all_applies_every_safe_fix() {
    let (_dir, uri) = site();
    let mut client = Client::start(&["utf-8", "utf-16"], Value::Null);
    let page = "当院のクリニックではボトックス注射を行っています。\n";
    let published = client.open(&uri, page, 1);
    let brand = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "MED-09")
        .cloned()
        .expect("MED-09");
    assert_eq!(brand["range"]["start"]["character"], "当院のクリニックでは".len());
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.kokoku");
    let fixed = apply(
        page,
        actions[0]["edit"]["changes"][&uri].as_array().unwrap(),
        Units::Utf8,
    );
    assert!(fixed.contains("ボツリヌストキシン製剤注射"), "{fixed}");
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": brand["range"]["start"] }),
    );
    assert!(
        hover["contents"]["value"].as_str().unwrap().contains("MED-09"),
        "{hover}"
    );
    client.stop();
}

#[test]
fn settings_choose_rules_and_an_unknown_request_gets_an_error() {
    let (_dir, uri) = site();
    let mut client = Client::start(&["utf-16"], json!({ "ignore": ["pmd"] }));
    assert!(!codes(&client.open(&uri, PAGE, 1)).contains(&"PMD-01".to_string()));
    let answer = client.request("textDocument/definition", json!({}));
    assert_eq!(answer["error"], -32601, "{answer}");
    let answer = client.request("textDocument/codeAction", json!({ "nonsense": true }));
    assert_eq!(answer["error"], -32602, "{answer}");
    client.stop();
}

/// The real binary over stdio, as an editor starts it: the same claim fixed and its rule
/// turned off.
#[test]
fn the_binary_serves_over_stdio() {
    let (dir, uri) = site();
    let (mut client, mut child) = Client::over_stdio(&["utf-16"]);
    fix_a_claim_then_turn_its_rule_off(&mut client, dir.path(), &uri);
    client.stop();
    assert!(child.wait().unwrap().success());
}

/// A message the binary cannot read is answered with a JSON-RPC parse error, and the
/// server goes on to the next.
#[test]
fn a_malformed_message_gets_a_parse_error_and_the_server_goes_on() {
    let mut server = spawn_server();
    let mut input = server.stdin.take().unwrap();
    let mut output = BufReader::new(server.stdout.take().unwrap());
    let mut send = |body: &str| write!(input, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    send(&json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }).to_string());
    assert_eq!(
        read_frame(&mut output)["result"]["capabilities"]["positionEncoding"],
        "utf-16"
    );
    send("{this is not json");
    let error = read_frame(&mut output);
    assert_eq!(error["error"]["code"], -32700, "{error}");
    send(&json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }).to_string());
    send(&json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }).to_string());
    assert_eq!(read_frame(&mut output)["id"], 2);
    send(&json!({ "jsonrpc": "2.0", "method": "exit" }).to_string());
    assert!(server.wait().unwrap().success());
}

/// One framed message as JSON, read by hand: a parse error's `id` is null, which
/// lsp-server's own reader does not take.
fn read_frame(output: &mut impl BufRead) -> Value {
    let mut length = 0;
    loop {
        let mut line = String::new();
        output.read_line(&mut line).unwrap();
        if line == "\r\n" {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    output.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}

/// `kokoku server`, as an editor starts it, with its stdin and stdout piped.
fn spawn_server() -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_kokoku"))
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}
