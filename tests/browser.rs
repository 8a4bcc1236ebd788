//! The web checker in a real browser, as a marketer uses it: paste copy, check, see the
//! claims marked on the right characters, apply a safer wording, and see that finding
//! go. Headless Chromium driven over WebDriver (chromedriver); a screenshot of the page
//! is kept in the target directory.
//!
//! Needs Debian's `chromium`, `chromium-driver` and `fonts-ipafont-gothic` (.ci/run
//! installs them and sets `KOKOKU_BROWSER_TEST=1`, which makes their absence a failure;
//! elsewhere the test says it did not run).

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use common::served::{Served, request};
use serde_json::{Value, json};

const COPY: &str = "【膝の再生医療】幹細胞治療\n当院の幹細胞治療は自由診療です。\n膝の痛みが必ず治ります。\n\
                    副作用の心配はありません。\n今だけ初回50%OFF！\n施術当日からシャワーが可能です。";
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// chromedriver with one browser session, both ended when dropped.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start(driver: &Path, chromium: &Path) -> Self {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = tempfile::tempdir().unwrap();
        let mut browser = Self {
            driver,
            port,
            session: String::new(),
            _profile: profile,
        };
        wait_for("chromedriver to listen", || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok().then_some(())
        });
        // The flags keep Chromium off the network this machine does not have.
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            "--window-size=1400,1000",
            &format!("--user-data-dir={}", browser._profile.path().display()),
        ];
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": chromium, "args": args },
        }}});
        let created = browser.post("/session", capabilities);
        browser.session = created["sessionId"].as_str().expect("a session").to_string();
        browser
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let host = format!("Host: 127.0.0.1:{}", self.port);
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let answer = request(
            self.port,
            method,
            path,
            &[&host, "Content-Type: application/json"],
            body.as_bytes(),
        );
        let value = answer.json()["value"].take();
        assert_eq!(answer.status, 200, "{method} {path}: {value}");
        value
    }

    fn post(&self, path: &str, body: Value) -> Value {
        self.call("POST", path, Some(body))
    }

    fn session(&self, path: &str) -> String {
        format!("/session/{}{path}", self.session)
    }

    fn run(&self, script: &str, args: Value) -> Value {
        self.post(
            &self.session("/execute/sync"),
            json!({ "script": script, "args": args }),
        )
    }

    fn element(&self, css: &str) -> String {
        let found = self.post(
            &self.session("/element"),
            json!({ "using": "css selector", "value": css }),
        );
        found[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no {css}: {found}"))
            .to_string()
    }

    fn click(&self, element: &str) {
        self.post(&self.session(&format!("/element/{element}/click")), json!({}));
    }

    fn screenshot(&self, to: &Path) {
        let png = self.call("GET", &self.session("/screenshot"), None);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap())
            .unwrap();
        std::fs::write(to, bytes).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let host = format!("Host: 127.0.0.1:{}", self.port);
            let _ = request(
                self.port,
                "DELETE",
                &format!("/session/{}", self.session),
                &[&host],
                b"",
            );
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Polls until `ready` gives a value, for up to 20 seconds.
fn wait_for<T>(what: &str, mut ready: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(value) = ready() {
            return value;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// chromedriver and Chromium, from the environment or where Debian puts them.
fn programs() -> Option<(PathBuf, PathBuf)> {
    let find = |variable: &str, default: &str| {
        let path = std::env::var_os(variable).map_or_else(|| PathBuf::from(default), PathBuf::from);
        path.exists().then_some(path)
    };
    find("KOKOKU_CHROMEDRIVER", "/usr/bin/chromedriver").zip(find("KOKOKU_CHROMIUM", "/usr/bin/chromium"))
}

/// The marked pieces of the text: (words, severity class).
fn marks(browser: &Browser) -> Vec<(String, String)> {
    let found = browser.run(
        "return [...document.querySelectorAll('#backdrop mark')].map(m => [m.textContent, m.className]);",
        json!([]),
    );
    (found.as_array().unwrap().iter())
        .map(|m| (m[0].as_str().unwrap().to_string(), m[1].as_str().unwrap().to_string()))
        .collect()
}

/// The words each finding card quotes.
fn quoted(browser: &Browser) -> Vec<String> {
    let found = browser.run(
        "return [...document.querySelectorAll('#findings .finding .quote')].map(q => q.textContent);",
        json!([]),
    );
    (found.as_array().unwrap().iter())
        .map(|q| q.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_marketer_pastes_copy_sees_the_claims_and_applies_a_safer_wording() {
    let Some((driver, chromium)) = programs() else {
        assert!(
            std::env::var_os("KOKOKU_BROWSER_TEST").is_none(),
            "KOKOKU_BROWSER_TEST is set but chromium or chromedriver is missing \
             (apt-get install chromium chromium-driver fonts-ipafont-gothic)"
        );
        eprintln!("browser test not run: install chromium and chromium-driver to run it");
        return;
    };
    let served = Served::start();
    let browser = Browser::start(&driver, &chromium);
    browser.post(&browser.session("/url"), json!({ "url": served.url }));
    let text = browser.element("#text");
    browser.post(
        &browser.session(&format!("/element/{text}/value")),
        json!({ "text": COPY }),
    );
    browser.click(&browser.element("#check"));

    let claim = "必ず治ります";
    wait_for("the claim to be marked", || {
        quoted(&browser).contains(&claim.to_string()).then_some(())
    });
    let marked = marks(&browser);
    assert!(
        marked
            .iter()
            .any(|(words, class)| words == claim && class.contains("error")),
        "{marked:?}"
    );
    // Procedure words are not claims: nothing else on their line is marked.
    assert!(
        !marked.iter().any(|(words, _)| words.contains("シャワー")),
        "{marked:?}"
    );
    let summary = browser.run("return document.getElementById('summary').innerText;", json!([]));
    assert!(summary.as_str().unwrap().contains("エラー"), "{summary}");
    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("kokoku-serve.png");
    browser.screenshot(&shot);
    eprintln!("screenshot: {}", shot.display());

    let wording = browser.run(
        "const card = [...document.querySelectorAll('#findings .finding')]
           .find(c => c.querySelector('.quote').textContent === arguments[0]);
         const button = card.querySelector('button.wording');
         return [button, button.textContent];",
        json!([claim]),
    );
    let words = wording[1].as_str().unwrap().to_string();
    browser.click(wording[0][ELEMENT].as_str().unwrap());
    wait_for("the finding to go", || {
        (!quoted(&browser).contains(&claim.to_string())).then_some(())
    });
    let after = browser.run("return document.getElementById('text').value;", json!([]));
    let after = after.as_str().unwrap();
    assert!(after.contains(&words) && !after.contains(claim), "{after}");
    assert!(
        after.starts_with("【膝の再生医療】幹細胞治療\n当院の幹細胞治療は自由診療です。\n膝の痛みが"),
        "{after}"
    );
    browser.screenshot(&shot.with_file_name("kokoku-serve-applied.png"));

    // A whole clinic page pasted in: the marked characters are those the command line
    // reports, its byte offsets turned into the browser's UTF-16 ones here.
    let page = std::fs::read_to_string("fixtures/exosome-treatment-bad.txt").unwrap();
    browser.run(
        "const text = document.getElementById('text');
         text.value = arguments[0];
         text.dispatchEvent(new Event('input'));
         document.getElementById('check').click();",
        json!([page]),
    );
    let expected = covered_by_the_command_line(&page);
    let marked = wait_for("the page to be marked", || {
        let marked = marked_ranges(&browser);
        (marked == expected).then_some(marked)
    });
    assert!(marked.len() > 5, "{marked:?}");
}

/// The UTF-16 ranges of the page that `kokoku check --format json` flags, merged.
fn covered_by_the_command_line(page: &str) -> Vec<(usize, usize)> {
    let (_, out, _) = common::run(
        common::kokoku()
            .args([
                "--isolated",
                "check",
                "-",
                "--format",
                "json",
                "--stdin-filename",
                "page.txt",
            ])
            .write_stdin(page),
    );
    let findings: Value = serde_json::from_str(&out).unwrap();
    let utf16 = |byte: &Value| page[..byte.as_u64().unwrap() as usize].encode_utf16().count();
    let ranges = (findings.as_array().unwrap().iter())
        .filter(|f| f["scope"] == "phrase")
        .map(|f| (utf16(&f["byte_start"]), utf16(&f["byte_end"])));
    merged(ranges.collect())
}

/// The UTF-16 ranges of the marks behind the text area, merged.
fn marked_ranges(browser: &Browser) -> Vec<(usize, usize)> {
    let found = browser.run(
        "let at = 0; const ranges = [];
         for (const node of document.getElementById('backdrop').childNodes) {
           const length = node.textContent.length;
           if (node.nodeName === 'MARK') ranges.push([at, at + length]);
           at += length;
         }
         return ranges;",
        json!([]),
    );
    let ranges =
        (found.as_array().unwrap().iter()).map(|r| (r[0].as_u64().unwrap() as usize, r[1].as_u64().unwrap() as usize));
    merged(ranges.collect())
}

fn merged(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}
