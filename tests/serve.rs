//! The web checker's API over a real socket, as the page and a user's scripts use it:
//! what it answers, and what it refuses.

mod common;

use common::served::{Served, request};
use serde_json::json;

const CLINIC_COPY: &str = "𠮷田クリニックの再生医療で膝の痛みが必ず治ります。\n副作用はありません。";

fn check(served: &Served, body: serde_json::Value) -> serde_json::Value {
    let answer = served.call("POST", "/api/check", body.to_string().as_bytes());
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.json()
}

/// The words a finding covers, cut out of the text as a browser's string counts it.
fn utf16_words(text: &str, at: &serde_json::Value) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let (start, end) = (
        at["start"].as_u64().unwrap() as usize,
        at["end"].as_u64().unwrap() as usize,
    );
    String::from_utf16(&units[start..end]).unwrap()
}

#[test]
fn a_check_marks_the_claims_at_their_utf16_offsets() {
    let served = Served::start();
    let answer = check(
        &served,
        json!({ "text": CLINIC_COPY, "filename": "knee.txt", "domain": "medical" }),
    );
    let findings = answer["findings"].as_array().unwrap();
    let words: Vec<String> = (findings.iter())
        .filter(|f| f["scope"] == "phrase")
        .map(|f| utf16_words(CLINIC_COPY, &f["utf16"]))
        .collect();
    // 𠮷 takes two UTF-16 units: offsets counted in characters or bytes would miss.
    assert!(words.contains(&"必ず治ります".to_string()), "{words:?}");
    assert!(words.iter().any(|w| w.starts_with("副作用はありません")), "{words:?}");
    for f in findings {
        assert!(f["basis"].as_array().is_some_and(|b| !b.is_empty()), "{f}");
        assert!(f["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    assert_eq!(answer["path"], "knee.txt");
    assert_eq!(answer["kind"], json!(["medical"]));
    assert!(
        answer["judged"].as_str().unwrap().contains("クリニック"),
        "{}",
        answer["judged"]
    );
}

#[test]
fn fixes_carry_utf16_offsets_and_wordings_say_whether_they_replace_the_words() {
    let served = Served::start();
    let text = "🙂当院のボトックス注射で小じわに効く。";
    let answer = check(&served, json!({ "text": text, "domain": "medical" }));
    let edits: Vec<(String, String)> = (answer["findings"].as_array().unwrap().iter())
        .filter_map(|f| f["fix"]["edits"].as_array())
        .flatten()
        .map(|e| (utf16_words(text, &e["utf16"]), e["text"].as_str().unwrap().to_string()))
        .collect();
    assert!(edits.iter().any(|(words, _)| words == "ボトックス"), "{edits:?}");
    let suggestions: Vec<&serde_json::Value> = (answer["findings"].as_array().unwrap().iter())
        .flat_map(|f| f["suggestions"].as_array().unwrap())
        .collect();
    assert!(
        suggestions.iter().all(|s| s["replaceable"].is_boolean()),
        "{suggestions:?}"
    );
}

#[test]
fn the_kind_of_page_is_detected_unless_chosen_and_html_is_read_as_html() {
    let served = Served::start();
    let page = "<html><body><!-- 必ず治る --><h1>美白クリーム</h1><p>シミが必ず消えます。</p></body></html>";
    let answer = check(&served, json!({ "text": page, "filename": "lp.html" }));
    let words: Vec<String> = (answer["findings"].as_array().unwrap().iter())
        .filter(|f| f["scope"] == "phrase")
        .map(|f| utf16_words(page, &f["utf16"]))
        .collect();
    assert!(words.iter().any(|w| w.contains("必ず消えます")), "{words:?}");
    // A comment is not copy the reader sees.
    assert!(!words.iter().any(|w| w.contains("必ず治る")), "{words:?}");
    let chosen = check(
        &served,
        json!({ "text": page, "filename": "lp.html", "domain": "cosmetic" }),
    );
    assert_eq!(chosen["kind"], json!(["cosmetic"]));
}

#[test]
fn rules_are_listed_with_their_explanations() {
    let served = Served::start();
    let answer = served.call("GET", "/api/rules", b"");
    assert_eq!(answer.status, 200);
    let rules = answer.json();
    let pmd01 = (rules.as_array().unwrap().iter())
        .find(|r| r["code"] == "PMD-01")
        .expect("PMD-01 listed");
    assert!(pmd01["why"].as_str().is_some_and(|w| w.chars().count() > 20), "{pmd01}");
    assert!(!pmd01["basis"].as_array().unwrap().is_empty());
}

#[test]
fn requests_without_the_token_are_forbidden() {
    let served = Served::start();
    let host = format!("Host: {}", served.host());
    let body = json!({ "text": CLINIC_COPY }).to_string();
    for (path, method) in [("/", "GET"), ("/api/rules", "GET"), ("/api/check", "POST")] {
        let bare = request(served.port, method, path, &[&host], body.as_bytes());
        assert_eq!(bare.status, 403, "{method} {path}");
        let wrong = request(
            served.port,
            method,
            path,
            &[&host, "X-Kokoku-Token: 0123"],
            body.as_bytes(),
        );
        assert_eq!(wrong.status, 403, "{method} {path} with a wrong token");
    }
    let page = request(served.port, "GET", &format!("/?token={}", served.token), &[&host], b"");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("広告表現チェッカー"));
}

#[test]
fn a_foreign_host_is_misdirected_whatever_the_token() {
    let served = Served::start();
    let token = format!("X-Kokoku-Token: {}", served.token);
    for host in [
        "Host: attacker.example",
        &format!("Host: attacker.example:{}", served.port),
    ] {
        let answer = request(served.port, "GET", "/api/rules", &[host, &token], b"");
        assert_eq!(answer.status, 421, "{host}");
    }
    let localhost = format!("Host: localhost:{}", served.port);
    assert_eq!(
        request(served.port, "GET", "/api/rules", &[&localhost, &token], b"").status,
        200
    );
}

#[test]
fn bad_requests_get_a_status_and_a_reason_and_the_server_goes_on() {
    let mut served = Served::start();
    let malformed = served.call("POST", "/api/check", b"{\"text\": ");
    assert_eq!(malformed.status, 400);
    assert!(malformed.body.contains("malformed request"), "{}", malformed.body);
    let no_text = served.call("POST", "/api/check", b"{\"filename\": \"a.md\"}");
    assert_eq!(no_text.status, 400, "{}", no_text.body);
    let domain = served.call(
        "POST",
        "/api/check",
        json!({"text": "a", "domain": "x"}).to_string().as_bytes(),
    );
    assert_eq!((domain.status, domain.body.contains("unknown domain")), (400, true));
    let binary = served.call("POST", "/api/check", json!({"text": "a\u{0}b"}).to_string().as_bytes());
    assert_eq!(binary.status, 400, "{}", binary.body);
    let huge = vec![b'a'; 20 * 1024 * 1024];
    assert_eq!(served.call("POST", "/api/check", &huge).status, 413);
    assert_eq!(served.call("GET", "/api/check", b"").status, 405);
    assert_eq!(served.call("GET", "/etc/passwd", b"").status, 404);
    assert!(served.is_running());
    assert_eq!(check(&served, json!({ "text": "必ず治ります" }))["path"], "page.txt");
}

#[test]
fn the_page_loads_nothing_from_elsewhere() {
    let served = Served::start();
    let host = format!("Host: {}", served.host());
    let page = request(served.port, "GET", &format!("/?token={}", served.token), &[&host], b"");
    let policy = page.header("content-security-policy").expect("a CSP");
    assert!(
        policy.contains("default-src 'none'") && policy.contains("connect-src 'self'"),
        "{policy}"
    );
    for asset in ["/app.js", "/app.css"] {
        let answer = request(served.port, "GET", asset, &[&host], b"");
        assert_eq!(answer.status, 200, "{asset}");
        assert!(
            !answer.body.contains("http://") && !answer.body.contains("https://"),
            "{asset} names another origin"
        );
    }
    assert!(!page.body.contains("http://") && !page.body.contains("https://"));
}

#[test]
fn every_kind_of_page_the_page_offers_is_one_the_api_takes() {
    let served = Served::start();
    let host = format!("Host: {}", served.host());
    let page = request(served.port, "GET", &format!("/?token={}", served.token), &[&host], b"").body;
    let select = &page[page.find("<select id=\"domain\">").unwrap()..];
    let select = &select[..select.find("</select>").unwrap()];
    let values: Vec<&str> = (select.split("<option value=\"").skip(1))
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert!(values.len() > 5, "{values:?}");
    for value in values.into_iter().filter(|v| !v.is_empty()) {
        let answer = check(&served, json!({ "text": "シミが必ず消えます。", "domain": value }));
        assert_eq!(answer["kind"], json!([value]), "{value}");
    }
}
