//! The prose of one input and the map from it back to source bytes.

use std::ops::Range;

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
    pub fn to_source(&self, range: Range<usize>) -> Range<usize> {
        let start = self.locate(range.start, false);
        let end = self.locate(range.end, true);
        start..end.max(start)
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
        assert_eq!(doc.map.to_source(3..9), 3..9);
    }

    #[test]
    fn atomic_pieces_map_whole() {
        // "A&amp;B" extracted as "A&B": the ampersand is an atomic piece.
        let mut map = SourceMap::default();
        map.push(0..1, 0..1);
        map.push(1..2, 1..6);
        map.push(2..3, 6..7);
        assert_eq!(map.to_source(1..2), 1..6);
        assert_eq!(map.to_source(0..3), 0..7);
        assert_eq!(map.to_source(2..3), 6..7);
    }
}
