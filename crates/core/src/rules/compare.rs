//! Method comparison (汇总方法比较): the ranking under mean, trimmed mean, median
//! and z-score, each computed by the same rules with only the aggregation method
//! replaced, so the chair sees how sensitive the outcome is. Exact decimals.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::engine::compute;
use super::error::ComputeError;
use super::input::ComputeInput;
use super::output::ComputeResult;
use crate::template::{Level, Method, Template};

/// The methods compared, in this order.
pub const COMPARED_METHODS: [Method; 4] = [
    Method::Mean,
    Method::TrimmedMean,
    Method::Median,
    Method::Zscore,
];

/// Why a method was not applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotApplicable {
    /// z-scores exist only at level `stage_total`; this template aggregates per
    /// indicator.
    ZscoreAtIndicatorLevel,
    /// The rules refuse the input under this method — e.g. the site-visit draw
    /// would draw other applicants than those the sampled stage's scores are for.
    Refused,
}

/// One method's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodOutcome {
    /// The method.
    pub method: Method,
    /// Whether it is the template's own.
    pub template_method: bool,
    /// Set when the method cannot apply to this template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<NotApplicable>,
}

/// One applicant under every method, in [`COMPARED_METHODS`] order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicantComparison {
    /// Applicant id.
    pub id: String,
    /// Category id.
    pub category: String,
    /// Rank within the category per method (`None`: not applicable).
    pub ranks: Vec<Option<u32>>,
    /// Final score per method.
    pub finals: Vec<Option<Decimal>>,
    /// Per method: its rank differs from the rank under the template's method.
    pub differs: Vec<bool>,
}

/// The comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The template's method.
    pub template_method: Method,
    /// The methods, in [`COMPARED_METHODS`] order.
    pub methods: Vec<MethodOutcome>,
    /// Applicants in the order of the template method's result (category, rank).
    pub applicants: Vec<ApplicantComparison>,
}

impl Comparison {
    /// Whether any applicant's rank changes under some method.
    pub fn any_change(&self) -> bool {
        self.applicants.iter().any(|a| a.differs.iter().any(|d| *d))
    }
}

/// Computes the result under each method in [`COMPARED_METHODS`] with everything
/// else from `template`; z-score where the template aggregates per indicator is
/// reported as not applicable, as is a method under which the rules refuse the
/// input. Fails only when the template's own method fails.
pub fn compare(template: &Template, input: &ComputeInput) -> Result<Comparison, ComputeError> {
    template.validate().map_err(ComputeError::Template)?;
    let own = template.aggregation.method;
    let mut methods = Vec::new();
    let mut results: Vec<Option<ComputeResult>> = Vec::new();
    for m in COMPARED_METHODS {
        let na = (m == Method::Zscore && template.aggregation.level == Level::Indicator)
            .then_some(NotApplicable::ZscoreAtIndicatorLevel);
        let (result, na) = match na {
            Some(_) => (None, na),
            None => {
                let mut t = template.clone();
                t.aggregation.method = m;
                match compute(&t, input) {
                    Ok(r) => (Some(r), None),
                    Err(e) if m == own => return Err(e),
                    Err(_) => (None, Some(NotApplicable::Refused)),
                }
            }
        };
        methods.push(MethodOutcome {
            method: m,
            template_method: m == own,
            not_applicable: na,
        });
        results.push(result);
    }
    let own_i = COMPARED_METHODS
        .iter()
        .position(|m| *m == own)
        .expect("every method is compared");
    let base = results[own_i]
        .clone()
        .expect("the template's method applies");
    let applicants = base
        .applicants
        .iter()
        .map(|a| {
            let per: Vec<Option<(Option<u32>, Option<Decimal>)>> = results
                .iter()
                .map(|r| {
                    r.as_ref().and_then(|r| {
                        r.applicants
                            .iter()
                            .find(|x| x.id == a.id)
                            .map(|x| (x.rank, x.final_score))
                    })
                })
                .collect();
            ApplicantComparison {
                id: a.id.clone(),
                category: a.category.clone(),
                ranks: per.iter().map(|p| p.and_then(|x| x.0)).collect(),
                finals: per.iter().map(|p| p.and_then(|x| x.1)).collect(),
                differs: per
                    .iter()
                    .map(|p| p.is_some_and(|x| x.0 != a.rank))
                    .collect(),
            }
        })
        .collect();
    Ok(Comparison {
        template_method: own,
        methods,
        applicants,
    })
}
