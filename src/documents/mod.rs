//! The page as a whole: what kind of page it is, which treatments it offers, and what
//! it must state but does not (the absence checks).
//!
//! Layer 5. May import `engine`, `compile`, `rules` and `text`.

mod absence;
mod kind;
mod treatments;

pub use absence::{Advert, Gap, SentenceView};
pub use kind::DomainDetector;
pub use treatments::{Treatment, TreatmentDetector};
