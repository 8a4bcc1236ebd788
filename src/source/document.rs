//! The prose of one input and the map from it back to source bytes.

use std::ops::Range;

use crate::span::{ProseSpan, SourceSpan, Span};

/// The text kokoku analyses, with a map to the bytes of the original file.
///
/// For plain text the two are the same; for markup (HTML entities, Markdown syntax)
/// the text is extracted prose and the map says where each piece came from.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: String,
    pub map: SourceMap,
}

impl Document {
    /// A plain-text input: the whole file is prose.
    pub fn plain(text: &str) -> Self {
        let mut map = SourceMap::default();
        map.push(0..text.len(), 0..text.len());
        Self {
            text: text.to_string(),
            map,
        }
    }
}

#[cfg(test)]
impl Document {
    /// The source bytes behind the first occurrence of `needle` in the text.
    pub(crate) fn source_of<'a>(&self, source: &'a str, needle: &str) -> &'a str {
        let start = self
            .text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} not in {:?}", self.text));
        &source[self.map.to_source(Span::new(start..start + needle.len())).range()]
    }
}

/// Builds a [`Document`] from pieces of a source file: prose copied as it is, markup
/// decoded (an entity or an escape becomes one atomic piece), and block boundaries.
#[derive(Debug, Default)]
pub struct DocumentBuilder {
    text: String,
    map: SourceMap,
}

impl DocumentBuilder {
    /// Appends `text`, which stands for `source` bytes `range`: verbatim when they are
    /// equal, otherwise as one atomic piece (a decoded escape, a Markdown text run).
    pub fn push_mapped(&mut self, text: &str, source: &str, range: Range<usize>) {
        if text.is_empty() {
            return;
        }
        if source.get(range.clone()) == Some(text) {
            self.push_piece(text, range);
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.map.push(start..self.text.len(), range);
    }

    /// Appends raw HTML character data from `source[range]`, decoding entities: each
    /// entity maps to its own bytes, everything else byte for byte.
    pub fn push_html(&mut self, source: &str, range: Range<usize>) {
        let raw = &source[range.clone()];
        let mut copied = 0;
        let mut at = 0;
        while let Some(found) = raw[at..].find('&') {
            let amp = at + found;
            let end = entity_end(raw, amp);
            let entity = &raw[amp..end];
            let decoded = html_escape::decode_html_entities(entity);
            if end > amp + 1 && decoded != entity {
                self.push_piece(&raw[copied..amp], range.start + copied..range.start + amp);
                self.push_mapped(&decoded, source, range.start + amp..range.start + end);
                copied = end;
            }
            at = end.max(amp + 1);
        }
        self.push_piece(&raw[copied..], range.start + copied..range.end);
    }

    /// Ends the current block: a sentence never runs across it.
    pub fn end_block(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    pub fn finish(self) -> Document {
        Document {
            text: self.text,
            map: self.map,
        }
    }

    fn push_piece(&mut self, text: &str, range: Range<usize>) {
        if !text.is_empty() {
            let start = self.text.len();
            self.text.push_str(text);
            self.map.push(start..self.text.len(), range);
        }
    }
}

/// The end of the entity that may start at `raw[amp]` (`&amp;`, `&#x5fc5;`, `&copy`).
fn entity_end(raw: &str, amp: usize) -> usize {
    let body = &raw[amp + 1..];
    let name_len = body
        .char_indices()
        .take_while(|&(i, c)| c.is_ascii_alphanumeric() || (i == 0 && c == '#'))
        .take(32)
        .map(|(_, c)| c.len_utf8())
        .sum::<usize>();
    let end = amp + 1 + name_len;
    if raw[end..].starts_with(';') { end + 1 } else { end }
}

/// Maps byte ranges of a [`Document`]'s text to byte ranges of the source file.
///
/// The map is a sorted list of pieces. A piece whose two ranges have the same length
/// is a verbatim copy and maps byte for byte; otherwise it is atomic (an HTML entity
/// decoded to one character) and any part of it maps to the whole source range.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    pieces: Vec<(Range<usize>, Range<usize>)>,
}

impl SourceMap {
    /// Appends a piece; pieces must be pushed in text order.
    pub fn push(&mut self, text: Range<usize>, source: Range<usize>) {
        debug_assert!(self.pieces.last().is_none_or(|(t, _)| t.end <= text.start));
        self.pieces.push((text, source));
    }

    /// The source range of a non-empty text range.
    pub fn to_source(&self, span: ProseSpan) -> SourceSpan {
        let start = self.locate(span.start, false);
        let end = self.locate(span.end, true);
        Span::new(start..end.max(start))
    }

    /// Source offset of a text offset; `end` chooses the end of an atomic piece.
    fn locate(&self, offset: usize, end: bool) -> usize {
        // The piece that holds `offset` (for an end offset, the byte before it).
        let probe = if end { offset.saturating_sub(1) } else { offset };
        let index = self.pieces.partition_point(|(t, _)| t.end <= probe);
        let Some((text, source)) = self.pieces.get(index).or(self.pieces.last()) else {
            return offset;
        };
        if probe < text.start {
            // Text between pieces (a separator the extractor added) sits at the
            // start of the next piece.
            return source.start;
        }
        if text.len() == source.len() {
            (source.start + offset.saturating_sub(text.start)).min(source.end)
        } else if end {
            source.end
        } else {
            source.start
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_maps_to_itself() {
        let doc = Document::plain("必ず治ります");
        assert_eq!(doc.map.to_source(Span::new(3..9)).range(), 3..9);
    }

    #[test]
    fn entities_map_to_their_own_bytes() {
        let source = "<p>治ります&amp;&#x5fc5;ず</p>";
        let mut builder = DocumentBuilder::default();
        builder.push_html(source, 3..source.len() - 4);
        let doc = builder.finish();
        assert_eq!(doc.text, "治ります&必ず");
        let at = |needle: &str| doc.source_of(source, needle);
        assert_eq!(at("必"), "&#x5fc5;");
        assert_eq!(at("&"), "&amp;");
        assert_eq!(at("必ず"), "&#x5fc5;ず");
        assert_eq!(at("治ります"), "治ります");
    }

    #[test]
    fn a_lone_ampersand_is_text() {
        let mut builder = DocumentBuilder::default();
        builder.push_html("A & B &unknown; C", 0..17);
        assert_eq!(builder.finish().text, "A & B &unknown; C");
    }

    #[test]
    fn atomic_pieces_map_whole() {
        // "A&amp;B" extracted as "A&B": the ampersand is an atomic piece.
        let mut map = SourceMap::default();
        map.push(0..1, 0..1);
        map.push(1..2, 1..6);
        map.push(2..3, 6..7);
        assert_eq!(map.to_source(Span::new(1..2)).range(), 1..6);
        assert_eq!(map.to_source(Span::new(0..3)).range(), 0..7);
        assert_eq!(map.to_source(Span::new(2..3)).range(), 6..7);
    }
}
