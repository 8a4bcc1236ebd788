//! Byte offsets to lines and columns.

/// Line starts of a text, to turn byte offsets into 1-based lines and columns.
/// Columns count Unicode characters (scalar values).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// How many characters precede every [`MARK_EVERY`]th byte (at a character boundary):
    /// a column is counted from the mark before it, not from the start of its line, so a
    /// page on one line (minified HTML) takes no longer per finding than a short one.
    marks: Vec<(usize, usize)>,
}

/// Bytes between two marks.
const MARK_EVERY: usize = 4096;

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut marks = vec![(0, 0)];
        for (chars, (i, _)) in text.char_indices().enumerate() {
            if i >= marks.last().map_or(0, |&(at, _)| at) + MARK_EVERY {
                marks.push((i, chars));
            }
        }
        Self { text, starts, marks }
    }

    /// 1-based (line, column) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let column = self.chars_before(offset) - self.chars_before(self.starts[line]) + 1;
        (line + 1, column)
    }

    /// How many characters the text holds before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let (at, chars) = self.marks[self.marks.partition_point(|&(at, _)| at <= offset) - 1];
        chars + self.text[at..offset].chars().count()
    }

    /// 1-based (line, column) of a byte offset, the column counting UTF-8 bytes.
    pub fn byte_position(&self, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        (line + 1, offset - self.starts[line] + 1)
    }

    /// The 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The byte range of 0-based `line`, without its line break.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line.min(self.starts.len() - 1)];
        let end = self.starts.get(line + 1).map_or(self.text.len(), |&next| next - 1);
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_on_a_long_line_are_counted_past_the_marks() {
        let text = format!("{}\n{}必ず", "あ".repeat(3000), "ｶ".repeat(5000));
        let index = LineIndex::new(&text);
        assert!(index.marks.len() > 3, "{} marks", index.marks.len());
        let claim = text.find("必ず").unwrap();
        assert_eq!(index.position(claim), (2, 5001));
        assert_eq!(index.position(text.len()), (2, 5003));
        assert_eq!(index.position(3 * 1500), (1, 1501));
    }

    #[test]
    fn columns_count_characters() {
        let text = "一行目\nｾﾞｯﾀｲ　必ず";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(text.find("必ず").unwrap()), (2, 7));
        assert_eq!(index.position(text.len()), (2, 9));
        // ｾﾞｯﾀｲ is five half-width characters of three bytes, the space three more.
        assert_eq!(index.byte_position(text.find("必ず").unwrap()), (2, 19));
    }
}
