//! Markdown: prose, headings, list items, table cells, link text and image alt text, and
//! the front matter's `title` and `description`; code is skipped.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::document::{Document, DocumentBuilder};

/// Front-matter keys whose values are copy.
const FRONT_MATTER_KEYS: &[&str] = &["title", "description", "summary"];

pub fn extract(markdown: &str) -> Document {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_FOOTNOTES;
    let mut builder = DocumentBuilder::default();
    let mut in_code = false;
    let mut in_front_matter = false;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::MetadataBlock(_)) => in_front_matter = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_front_matter = false,
            Event::Text(_) if in_front_matter => front_matter(markdown, range, &mut builder),
            Event::Text(text) if !in_code => builder.push_mapped(&text, markdown, range),
            Event::SoftBreak => builder.push_mapped("\n", markdown, range),
            Event::HardBreak | Event::Rule => builder.end_block(),
            Event::Start(tag) if is_block(&tag) => builder.end_block(),
            Event::End(tag) if ends_block(&tag) => builder.end_block(),
            _ => {}
        }
    }
    builder.finish()
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::Item
            | Tag::TableCell
            | Tag::FootnoteDefinition(_)
    )
}

fn ends_block(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::Image
    )
}

/// `title: …` and `description: …` lines of the YAML front matter in `markdown[range]`.
fn front_matter(markdown: &str, range: std::ops::Range<usize>, builder: &mut DocumentBuilder) {
    let mut offset = range.start;
    for line in markdown[range].split_inclusive('\n') {
        if let Some((key, value)) = line.split_once(':')
            && FRONT_MATTER_KEYS.contains(&key.trim())
        {
            let value_start = offset + key.len() + 1;
            let trimmed = value.trim().trim_matches(['"', '\'']);
            if let Some(at) = value.find(trimmed).filter(|_| !trimmed.is_empty()) {
                builder.end_block();
                builder.push_mapped(trimmed, markdown, value_start + at..value_start + at + trimmed.len());
                builder.end_block();
            }
        }
        offset += line.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_headings_alt_text_and_front_matter_are_copy_code_is_not() {
        let md = "---\ntitle: \"奇跡の美容液\"\nlayout: post\n---\n\n# 当院の**特徴**\n\n当院なら**必ず**治ります。\n\n\
                  ```\n必ず治る\n```\n\n`必ず` は副詞です。\n\n![若返る肌](a.png)\n\n| 施術 | 料金 |\n|---|---|\n| HIFU | 1回 3万円 |\n";
        let doc = extract(md);
        assert_eq!(doc.text.matches("必ず治る").count(), 0, "{:?}", doc.text);
        assert!(doc.text.contains("当院なら必ず治ります。"), "{:?}", doc.text);
        assert!(doc.text.contains("奇跡の美容液\n"));
        assert!(doc.text.contains("若返る肌"));
        assert!(doc.text.contains("HIFU\n1回 3万円"));
        assert!(!doc.text.contains("layout"));
        assert_eq!(doc.source_of(md, "必ず治ります"), "必ず**治ります");
        assert_eq!(doc.source_of(md, "奇跡の美容液"), "奇跡の美容液");
    }

    #[test]
    fn escapes_map_to_their_source() {
        let md = "効果\\*には個人差があります";
        let doc = extract(md);
        assert_eq!(doc.text.trim(), "効果*には個人差があります");
        assert_eq!(doc.source_of(md, "個人差"), "個人差");
    }
}
