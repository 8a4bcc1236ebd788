//! What kind of markup a file is, by its extension.

use std::path::Path;

/// How a file's prose is extracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// By extension; anything unknown is plain text.
    pub fn of_path(path: &Path) -> Self {
        let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("md" | "markdown" | "mdx") => Self::Markdown,
            Some("html" | "htm" | "xhtml") => Self::Html,
            _ => Self::Text,
        }
    }

    /// Whether a directory walk lints files with this extension.
    pub fn is_linted(path: &Path) -> bool {
        let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        matches!(
            extension.as_deref(),
            Some("txt" | "md" | "markdown" | "mdx" | "html" | "htm" | "xhtml")
        )
    }
}
