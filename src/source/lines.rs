//! Byte offsets to lines and columns, in the units each front end counts: characters
//! (the command line, SARIF), UTF-8 bytes (reviewdog) or UTF-16 code units (editors and
//! browsers).

/// What a column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Units {
    /// Unicode scalar values.
    Chars,
    Utf8,
    Utf16,
}

/// Line starts of a text, to turn byte offsets into lines and columns and back.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// How many characters and UTF-16 units precede every [`MARK_EVERY`]th byte (at a
    /// character boundary): a column is counted from the mark before it, not from the
    /// start of its line, so a page on one line (minified HTML) takes no longer per
    /// finding than a short one.
    marks: Vec<Mark>,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    chars: usize,
    utf16: usize,
}

/// Bytes between two marks.
const MARK_EVERY: usize = 4096;

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut marks = vec![Mark {
            at: 0,
            chars: 0,
            utf16: 0,
        }];
        let mut utf16 = 0;
        for (chars, (i, c)) in text.char_indices().enumerate() {
            if i >= marks.last().map_or(0, |m| m.at) + MARK_EVERY {
                marks.push(Mark { at: i, chars, utf16 });
            }
            utf16 += c.len_utf16();
        }
        Self { text, starts, marks }
    }

    /// 1-based (line, column) of a byte offset, the column counting characters.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let (line, column) = self.position_in(offset, Units::Chars);
        (line + 1, column + 1)
    }

    /// 0-based (line, column) of a byte offset, the column counting `units`.
    pub fn position_in(&self, offset: usize, units: Units) -> (usize, usize) {
        let line = self.line_of(offset);
        (
            line,
            self.units_before(offset, units) - self.units_before(self.starts[line], units),
        )
    }

    /// The byte offset of 0-based `line` and `column` (in `units`): past the end of its
    /// line, the end of the line; past the last line, the end of the text; inside a
    /// character, its start.
    pub fn offset_of(&self, line: usize, column: usize, units: Units) -> usize {
        if line >= self.starts.len() {
            return self.text.len();
        }
        let range = self.line_range(line);
        let mut counted = 0;
        for (i, c) in self.text[range.clone()].char_indices() {
            let width = match units {
                Units::Chars => 1,
                Units::Utf8 => c.len_utf8(),
                Units::Utf16 => c.len_utf16(),
            };
            if counted + width > column {
                return range.start + i;
            }
            counted += width;
        }
        range.end
    }

    /// How many `units` the text holds before byte `offset`: the offset as a browser's
    /// string (UTF-16) counts it.
    pub fn units_before(&self, offset: usize, units: Units) -> usize {
        let mark = self.marks[self.marks.partition_point(|m| m.at <= offset) - 1];
        let rest = &self.text[mark.at..offset];
        match units {
            Units::Chars => mark.chars + rest.chars().count(),
            Units::Utf8 => offset,
            Units::Utf16 => mark.utf16 + rest.encode_utf16().count(),
        }
    }

    /// 1-based (line, column) of a byte offset, the column counting UTF-8 bytes.
    pub fn byte_position(&self, offset: usize) -> (usize, usize) {
        let (line, column) = self.position_in(offset, Units::Utf8);
        (line + 1, column + 1)
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
    fn editors_count_utf16_units_and_get_their_offsets_back() {
        // 𠮷 and 🙂 are outside the BMP: two UTF-16 units, four UTF-8 bytes, one character.
        let text = "見出し\r\n🙂かな𠮷漢字ｶﾀｶﾅ、必ず若返ります。\n";
        let index = LineIndex::new(text);
        let claim = text.find("必ず").unwrap();
        assert_eq!(index.position_in(claim, Units::Utf16), (1, 13));
        assert_eq!(index.position_in(claim, Units::Utf8), (1, 4 + 6 + 4 + 6 + 12 + 3));
        assert_eq!(index.position_in(claim, Units::Chars), (1, 11));
        for units in [Units::Chars, Units::Utf8, Units::Utf16] {
            let (line, column) = index.position_in(claim, units);
            assert_eq!(index.offset_of(line, column, units), claim, "{units:?}");
        }
        // Inside 🙂's two units: its start. Past the line: its end, before \r\n's \n.
        assert_eq!(index.offset_of(1, 1, Units::Utf16), text.find('🙂').unwrap());
        assert_eq!(index.offset_of(0, 99, Units::Utf16), text.find('\n').unwrap());
        assert_eq!(index.offset_of(9, 0, Units::Utf16), text.len());
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
