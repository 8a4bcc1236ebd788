// The web checker's page: sends the text to this PC's kokoku, marks what it finds.
"use strict";

const token = new URLSearchParams(location.search).get("token") || "";
const $ = (id) => document.getElementById(id);
const text = $("text");
const backdrop = $("backdrop");
const SEVERITY = { error: "エラー", warning: "警告", note: "注意" };
const RANK = { note: 0, warning: 1, error: 2 };
const DEBOUNCE_MS = 400;

let rules = new Map();
let latest = null; // the last answer that matches the text as it is
let sequence = 0; // requests sent; an answer to an older one is dropped
let inFlight = null;
let timer = null;
let fileName = null;

async function api(path, body) {
  const init = { headers: { "X-Kokoku-Token": token } };
  if (body !== undefined) {
    init.method = "POST";
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  if (inFlight && body !== undefined) inFlight.abort();
  const controller = new AbortController();
  if (body !== undefined) inFlight = controller;
  init.signal = controller.signal;
  const response = await fetch(path, init);
  if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
  return response.json();
}

async function loadRules() {
  try {
    for (const rule of await api("/api/rules")) rules.set(rule.code, rule);
  } catch (e) {
    setStatus(`ルールを読み込めません（${e.message}）`);
  }
}

function filename() {
  return fileName || $("format").value;
}

async function check() {
  clearTimeout(timer);
  const sent = text.value;
  const mine = ++sequence;
  if (!sent.trim()) {
    show(null, sent);
    return;
  }
  setStatus("チェック中…");
  try {
    const answer = await api("/api/check", { text: sent, filename: filename(), domain: $("domain").value || null });
    // A newer request, or an edit since this one was sent, makes the answer stale.
    if (mine !== sequence || sent !== text.value) return;
    show(answer, sent);
  } catch (e) {
    if (e.name === "AbortError") return;
    setStatus(`チェックできませんでした（${e.message}）`);
  }
}

function schedule() {
  clearTimeout(timer);
  latest = null;
  $("download").disabled = true;
  if ($("auto").checked) timer = setTimeout(check, DEBOUNCE_MS);
}

function setStatus(message) {
  $("status").textContent = message;
}

// Text and its findings -> the marked copy behind the text area, the list, the summary.
function show(answer, sent) {
  latest = answer && { answer, text: sent };
  $("download").disabled = !answer;
  const findings = answer ? answer.findings : [];
  const phrases = findings.filter((f) => f.scope === "phrase");
  const pages = findings.filter((f) => f.scope === "document");
  renderMarks(sent, phrases);
  renderList(sent, phrases);
  renderMissing(sent, pages);
  renderSummary(answer, findings);
}

function renderSummary(answer, findings) {
  const counts = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.severity] += 1;
  const counter = $("counts");
  counter.replaceChildren();
  if (!answer) {
    setStatus("文章を貼り付けるか、ファイルをここにドロップしてください。");
    $("judged").textContent = "";
    return;
  }
  setStatus(findings.length ? `${findings.length} 件の指摘` : "指摘はありません");
  for (const severity of ["error", "warning", "note"]) {
    const span = document.createElement("span");
    span.className = `count ${severity}`;
    span.textContent = `${SEVERITY[severity]} ${counts[severity]}`;
    counter.append(span, " ");
  }
  $("judged").textContent = `判定: ${answer.judged}`;
}

// Cut the text where findings start and end; each piece is marked with the most
// severe finding over it.
function renderMarks(sent, findings) {
  const cuts = new Set([0, sent.length]);
  for (const f of findings) {
    cuts.add(f.utf16.start);
    cuts.add(f.utf16.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const over = findings
      .map((f, index) => ({ f, index }))
      .filter(({ f }) => f.utf16.start <= start && end <= f.utf16.end);
    const piece = sent.slice(start, end);
    if (!over.length) {
      pieces.push(document.createTextNode(piece));
      continue;
    }
    const worst = over.reduce((a, b) => (RANK[b.f.severity] > RANK[a.f.severity] ? b : a));
    const mark = document.createElement("mark");
    mark.className = worst.f.severity;
    mark.dataset.findings = over.map(({ index }) => index).join(" ");
    mark.textContent = piece;
    pieces.push(mark);
  }
  // A trailing newline needs something after it to take up its line.
  pieces.push(document.createTextNode("\n"));
  backdrop.replaceChildren(...pieces);
  backdrop.scrollTop = text.scrollTop;
}

function renderList(sent, findings) {
  const list = $("findings");
  list.replaceChildren();
  $("finding-count").textContent = findings.length ? `（${findings.length}）` : "";
  if (!findings.length && latest) {
    const li = document.createElement("li");
    li.className = "empty";
    li.textContent = "文言の指摘はありません。";
    list.append(li);
  }
  findings.forEach((f, index) => list.append(card(sent, f, index)));
}

function card(sent, f, index) {
  const li = $("finding-template").content.firstElementChild.cloneNode(true);
  const rule = rules.get(f.code);
  li.classList.add(f.severity);
  li.dataset.index = index;
  li.querySelector(".severity").textContent = SEVERITY[f.severity];
  li.querySelector(".code").textContent = `${f.code} ${f.id}`;
  li.querySelector(".message").textContent = f.message;
  li.querySelector(".quote").textContent = sent.slice(f.utf16.start, f.utf16.end);
  li.querySelector(".basis").textContent = `根拠: ${f.basis.join("、")}`;
  const why = li.querySelector(".why");
  if (rule && rule.why) why.querySelector("p").textContent = rule.why;
  else why.remove();
  const actions = li.querySelector(".actions");
  if (f.fix) {
    actions.append(label("修正"), button(f.fix.title, () => applyEdits(f.fix.edits)));
  }
  if (f.suggestions.length) {
    actions.append(label("言い換え例（クリックで置き換え）"));
    for (const s of f.suggestions) {
      // Wordings with blanks (○○) and instructions are advice, not replacements.
      if (!s.replaceable) {
        const advice = label(s.text);
        advice.classList.add("advice");
        actions.append(advice);
        continue;
      }
      const replace = button(s.text, () => replaceWith(f, s.text));
      replace.classList.add("wording");
      actions.append(replace);
    }
  }
  li.addEventListener("click", (event) => {
    if (!event.target.closest("button, summary")) reveal(index, f);
  });
  return li;
}

function label(words) {
  const span = document.createElement("span");
  span.className = "label";
  span.textContent = words;
  return span;
}

function button(words, action) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = words;
  b.addEventListener("click", action);
  return b;
}

function renderMissing(sent, pages) {
  const box = $("missing");
  const list = $("missing-list");
  list.replaceChildren();
  box.hidden = !pages.length;
  for (const f of pages) {
    const li = document.createElement("li");
    li.className = f.severity;
    const what = document.createElement("strong");
    // Name the missing items unless the message already does.
    const unnamed = (f.missing_names || []).filter((name) => !f.message.includes(name));
    what.textContent = unnamed.length ? `${f.message}: ${unnamed.join("、")}` : f.message;
    const basis = document.createElement("div");
    basis.className = "basis";
    basis.textContent = `${f.code} — 根拠: ${f.basis.join("、")}`;
    li.append(what, basis);
    li.title = "広告している箇所を表示";
    li.addEventListener("click", () => select(f.utf16.start, f.utf16.end));
    list.append(li);
  }
}

// Show a finding: select its words in the text, scroll them into view, mark the card.
function reveal(index, f) {
  select(f.utf16.start, f.utf16.end);
  for (const el of document.querySelectorAll(".current")) el.classList.remove("current");
  const card = document.querySelector(`.finding[data-index="${index}"]`);
  if (card) card.classList.add("current");
  for (const mark of backdrop.querySelectorAll("mark")) {
    if (mark.dataset.findings.split(" ").includes(String(index))) mark.classList.add("current");
  }
}

function select(start, end) {
  text.focus();
  text.setSelectionRange(start, end);
  const mark = [...backdrop.querySelectorAll("mark")].find((m) => m.classList.contains("current")) || markAt(start);
  if (mark) text.scrollTop = Math.max(0, mark.offsetTop - text.clientHeight / 3);
  backdrop.scrollTop = text.scrollTop;
}

function markAt(offset) {
  let at = 0;
  for (const node of backdrop.childNodes) {
    const length = node.textContent.length;
    if (node.nodeName === "MARK" && at <= offset && offset < at + length) return node;
    at += length;
  }
  return null;
}

// Replace a span as an edit of the text area (so that Ctrl+Z undoes it), then check.
function replaceRange(start, end, words) {
  text.focus();
  text.setSelectionRange(start, end);
  if (!document.execCommand("insertText", false, words)) text.setRangeText(words, start, end, "end");
}

function replaceWith(f, words) {
  replaceRange(f.utf16.start, f.utf16.end, words);
  check();
}

function applyEdits(edits) {
  // Later edits first, so that the earlier offsets still hold.
  for (const e of [...edits].sort((a, b) => b.utf16.start - a.utf16.start)) {
    replaceRange(e.utf16.start, e.utf16.end, e.text);
  }
  check();
}

// The text the user clicks on: show the finding under the caret.
text.addEventListener("click", () => {
  const at = text.selectionStart;
  if (!latest) return;
  const phrases = latest.answer.findings.filter((f) => f.scope === "phrase");
  const index = phrases.findIndex((f) => f.utf16.start <= at && at < f.utf16.end);
  if (index < 0) return;
  for (const el of document.querySelectorAll(".current")) el.classList.remove("current");
  const card = document.querySelector(`.finding[data-index="${index}"]`);
  if (card) {
    card.classList.add("current");
    card.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }
});

text.addEventListener("input", schedule);
text.addEventListener("scroll", () => {
  backdrop.scrollTop = text.scrollTop;
});
$("check").addEventListener("click", check);
$("domain").addEventListener("change", check);
$("format").addEventListener("change", () => {
  fileName = null;
  check();
});

// Files are read here, in the browser, and sent as text: the server reads no path.
async function open(file) {
  const bytes = await file.arrayBuffer();
  let content;
  try {
    content = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    content = new TextDecoder("shift_jis").decode(bytes);
  }
  fileName = file.name;
  const ext = file.name.toLowerCase().split(".").pop();
  $("format").value = ext === "md" || ext === "markdown" ? "page.md" : ext === "html" || ext === "htm" ? "page.html" : "page.txt";
  text.value = content;
  check();
}

$("file").addEventListener("change", () => {
  if ($("file").files.length) open($("file").files[0]);
});
const editor = $("editor");
editor.addEventListener("dragover", (event) => {
  event.preventDefault();
  editor.classList.add("dragging");
});
editor.addEventListener("dragleave", () => editor.classList.remove("dragging"));
editor.addEventListener("drop", (event) => {
  event.preventDefault();
  editor.classList.remove("dragging");
  if (event.dataTransfer.files.length) open(event.dataTransfer.files[0]);
});

$("print").addEventListener("click", () => window.print());
window.addEventListener("beforeprint", () => {
  for (const d of document.querySelectorAll("details")) d.open = true;
  const header = $("print-header");
  const name = fileName || "貼り付けた文章";
  header.textContent = `kokoku チェック結果 — ${name} — ${new Date().toLocaleString("ja-JP")}`;
});

$("download").addEventListener("click", () => {
  if (!latest) return;
  const report = { checked_at: new Date().toISOString(), text: latest.text, ...latest.answer };
  const blob = new Blob([JSON.stringify(report, null, 2)], { type: "application/json" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = "kokoku-report.json";
  link.click();
  URL.revokeObjectURL(link.href);
});

loadRules();
