//! Review templates (评审模板): the rules of a program — its categories and stages.
//!
//! A template is data (`assets/templates/*.toml`), versioned by its `format`
//! field. This module holds the model and its validation; reading the files is
//! the shell's job.

use crate::text::Localized;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The format tag every template file carries.
pub const TEMPLATE_FORMAT: &str = "reviewdesk-template/1";

/// A program's review rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Format tag, [`TEMPLATE_FORMAT`].
    pub format: String,
    /// Stable identifier, e.g. `gd-supplier-recognition`.
    pub id: String,
    /// Revision of this template; a round records which one it used.
    pub version: u32,
    /// The program the template serves (项目名称).
    pub program: Localized,
    /// Application categories (申报类别), e.g. 应用类 / 平台类.
    #[serde(default, rename = "category")]
    pub categories: Vec<Category>,
    /// Review stages in order (评审环节).
    #[serde(rename = "stage")]
    pub stages: Vec<Stage>,
}

/// An application category (申报类别).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Identifier used by applicants, e.g. `application`.
    pub id: String,
    /// Display name.
    pub name: Localized,
}

/// How a stage decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    /// Indicators are scored and aggregated (打分).
    Score,
    /// Each expert gives pass or fail (通过/不通过).
    PassFail,
}

/// One review stage: written review (书面审查), defense (答辩) or site visit (实地考察).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Identifier, e.g. `written`.
    pub id: String,
    /// Display name.
    pub name: Localized,
    /// Score or pass/fail.
    pub kind: StageKind,
    /// Highest possible stage total (score stages).
    #[serde(default)]
    pub max: Decimal,
    /// Weight in the final score, in percent; score-stage weights sum to 100.
    #[serde(default)]
    pub weight: Decimal,
}

impl Template {
    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
}
