//! The treatment table's data (`[treatment.*]` in lexicons.toml): each treatment's
//! names and where it stands under the 薬機法. Finding them on a page is
//! `documents::treatments`.

use serde::{Deserialize, Serialize};

/// Where a treatment stands under the 薬機法, as far as the words on a page can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Drugs or devices approved in Japan for what the page uses them for (self-paid
    /// all the same: ED and AGA drugs).
    Approved,
    /// An approved drug used for something it is not approved for (GLP-1 drugs for
    /// weight loss): the guideline treats it as 未承認医薬品等.
    OffLabel,
    /// No Japanese approval for any use (exosome preparations, dapoxetine).
    Unapproved,
    /// Cell-based care under the 再生医療等安全性確保法 (PRP, stem cells).
    Regenerative,
    /// Approved and unapproved products both exist (fillers, botulinum toxins, lasers):
    /// only the page's own statement of the product tells.
    Varies,
}

impl Status {
    pub fn name_ja(self) -> &'static str {
        match self {
            Self::Approved => "国内承認あり",
            Self::OffLabel => "適応外使用",
            Self::Unapproved => "国内未承認",
            Self::Regenerative => "再生医療等",
            Self::Varies => "承認は製品による",
        }
    }
}

/// One treatment of `[treatment.*]`.
#[derive(Debug, Clone)]
pub struct TreatmentDef {
    /// The table's key (`exosome`), for machines.
    pub key: String,
    /// What a person reads (エクソソーム製剤).
    pub name: String,
    pub status: Status,
    /// Plain strings that name it on a page.
    pub words: Vec<String>,
}
