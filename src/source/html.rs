//! HTML: the text people read (body text, `<title>`, `alt`/`title`/`aria-label`, the page
//! description), with every character mapped back to its bytes.

use std::ops::Range;

use html5gum::emitters::default::DefaultEmitter;
use html5gum::{Token, Tokenizer};

use super::document::{Document, DocumentBuilder};

/// Elements whose content nobody reads as copy.
const SKIPPED: &[&str] = &[
    "script", "style", "template", "code", "pre", "noscript", "svg", "math", "textarea",
];

/// Elements that start and end a block: a sentence never runs across them.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
    "button",
    "label",
];

/// Attributes whose text people read on the page or in the browser.
const READ_ATTRIBUTES: &[&str] = &["alt", "title", "aria-label", "placeholder"];

/// `<meta>` names and properties whose `content` is copy (search results, social cards).
const READ_META: &[&str] = &[
    "description",
    "og:description",
    "og:title",
    "twitter:title",
    "twitter:description",
];

/// Extracts the prose of an HTML page. Broken markup never fails: the tokenizer
/// recovers as browsers do.
pub fn extract(html: &str) -> Document {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // <script> and <style> contents are raw text, as in a browser.
    emitter.naively_switch_states(true);
    let mut builder = DocumentBuilder::default();
    let mut skipping: Vec<String> = Vec::new();
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if SKIPPED.contains(&name.as_str()) && !tag.self_closing {
                    skipping.push(name.clone());
                }
                if BLOCKS.contains(&name.as_str()) {
                    builder.end_block();
                }
                if skipping.is_empty() {
                    for range in read_attributes(html, &name, &tag.attributes) {
                        builder.end_block();
                        builder.push_html(html, range);
                        builder.end_block();
                    }
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if skipping.last() == Some(&name) {
                    skipping.pop();
                }
                if BLOCKS.contains(&name.as_str()) {
                    builder.end_block();
                }
            }
            Token::String(text) if skipping.is_empty() => builder.push_html(html, text.span.start..text.span.end),
            _ => {}
        }
    }
    builder.finish()
}

type Attributes = std::collections::BTreeMap<html5gum::HtmlString, html5gum::Spanned<html5gum::HtmlString, usize>>;

/// The source ranges of the attribute values of a tag that people read.
fn read_attributes(html: &str, tag: &str, attributes: &Attributes) -> Vec<Range<usize>> {
    let value = |name: &str| {
        attributes
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, v)| v)
    };
    let mut ranges = Vec::new();
    if tag == "meta" {
        let key = value("name")
            .or_else(|| value("property"))
            .map(|v| String::from_utf8_lossy(&v.value).to_ascii_lowercase());
        if key.is_some_and(|k| READ_META.contains(&k.as_str()))
            && let Some(content) = value("content")
        {
            ranges.extend(value_range(html, content.span.start..content.span.end));
        }
        return ranges;
    }
    for name in READ_ATTRIBUTES {
        if let Some(v) = value(name) {
            ranges.extend(value_range(html, v.span.start..v.span.end));
        }
    }
    ranges
}

/// The value inside an attribute's `name="value"` span.
fn value_range(html: &str, span: Range<usize>) -> Option<Range<usize>> {
    let raw = html.get(span.clone())?;
    let eq = raw.find('=')?;
    let after = raw[eq + 1..].trim_start();
    let start = span.start + (raw.len() - after.len());
    match after.chars().next()? {
        quote @ ('"' | '\'') => {
            let inner = &after[1..];
            let end = inner.find(quote).unwrap_or(inner.len());
            Some(start + 1..start + 1 + end)
        }
        _ => {
            let end = after
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(after.len());
            Some(start..start + end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_tags_do_not_split_a_claim_and_entities_keep_their_bytes() {
        let html = "<p>当院なら<strong>必ず</strong>治ります&#x3002;</p>";
        let doc = extract(html);
        assert_eq!(doc.text.trim(), "当院なら必ず治ります。");
        assert_eq!(doc.source_of(html, "必ず治ります"), "必ず</strong>治ります");
        assert_eq!(doc.source_of(html, "。"), "&#x3002;");
    }

    #[test]
    fn scripts_styles_code_and_comments_are_not_copy() {
        let html = "<title>院長コラム</title><style>p{}</style><script>if(a<b){必ず治る}</script>\
                    <!-- 必ず治る --><pre>必ず治る</pre><p>本文</p>";
        assert_eq!(extract(html).text, "院長コラム\n本文\n");
    }

    #[test]
    fn blocks_end_sentences_and_read_attributes_are_copy() {
        let html = "<div>見出し</div><div>本文<img alt='奇跡の&quot;美容液&quot;' src=a.png></div>\
                    <meta name=\"description\" content=\"若返る美容液\"><meta name=\"viewport\" content=\"w\">";
        let doc = extract(html);
        assert_eq!(doc.text, "見出し\n本文\n奇跡の\"美容液\"\n若返る美容液\n");
        assert_eq!(doc.source_of(html, "若返る"), "若返る");
        assert_eq!(doc.source_of(html, "\"美容液\""), "&quot;美容液&quot;");
    }

    #[test]
    fn broken_markup_is_read_as_browsers_do() {
        let doc = extract("<p>必ず<b>治る<p>次<!-- 閉じないコメント");
        assert!(doc.text.contains("必ず治る"), "{:?}", doc.text);
    }
}
