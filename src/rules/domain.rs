//! Document domains: which body of rules a page is judged by, and the words that show
//! each (`[domain.*]` in lexicons.toml). Telling a page's kind is `documents::kind`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The kind of product or service a document advertises (REGULATIONS.md 1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    Medical,
    Cosmetic,
    QuasiDrug,
    Supplement,
    Device,
    Drug,
    General,
    /// An overlay: affiliate or review copy, on top of the product's own domain.
    Affiliate,
    /// An overlay: an article about the advertising rules, not an ad; it gets no
    /// page-level findings (a sponsor block in it is still judged as an ad).
    Editorial,
}

impl Domain {
    /// Every domain, in the order of `--domain`'s help.
    pub const ALL: [Self; 9] = [
        Self::Medical,
        Self::Cosmetic,
        Self::QuasiDrug,
        Self::Supplement,
        Self::Device,
        Self::Drug,
        Self::General,
        Self::Affiliate,
        Self::Editorial,
    ];

    /// Overlays add to a document's domain instead of being one.
    pub fn is_overlay(self) -> bool {
        matches!(self, Self::Affiliate | Self::Editorial)
    }
}

impl Domain {
    /// The kind of page in Japanese, for the human summary.
    pub fn name_ja(self) -> &'static str {
        match self {
            Self::Medical => "クリニック（医療機関）",
            Self::Cosmetic => "化粧品",
            Self::QuasiDrug => "医薬部外品",
            Self::Supplement => "健康食品・サプリメント",
            Self::Device => "美容機器",
            Self::Drug => "医薬品",
            Self::General => "一般",
            Self::Affiliate => "アフィリエイト・レビュー",
            Self::Editorial => "規制の解説記事（広告ではない）",
        }
    }
}

impl Domain {
    /// The name in rule files, kokoku.toml and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Medical => "medical",
            Self::Cosmetic => "cosmetic",
            Self::QuasiDrug => "quasi_drug",
            Self::Supplement => "supplement",
            Self::Device => "device",
            Self::Drug => "drug",
            Self::General => "general",
            Self::Affiliate => "affiliate",
            Self::Editorial => "editorial",
        }
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// One kind of page and the words that show it (`[domain.*]` in lexicons.toml).
#[derive(Debug, Clone)]
pub struct Signals {
    pub domain: Domain,
    pub words: Vec<String>,
    /// Distinct words needed before a page can be of this kind.
    pub min_distinct: usize,
}
