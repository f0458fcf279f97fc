//! The automatic assignment of a round folder (`reviewdesk round assign`):
//! [`plan_assignment`] runs `reviewdesk_core::assign` on the round's applicants and
//! panel and makes the new `round.toml` text without writing (the dry run);
//! [`write_atomically`](crate::write_atomically) saves it.
//!
//! Only the `[[assignment]]` tables (replaced, where the first one was) and the
//! top-level `assignment_seed` key change; every other line is kept byte for byte,
//! and the new text must read back as the old round with the new assignment.

use crate::applicants::ImportError;
use crate::round_edit::{edit_error, parse_document, reads_back_as};
use crate::{load_round, LoadError};
use reviewdesk_core::assign::{
    assign, check, diff, round_input, AssignError, AssignInput, AssignmentDiff, AssignmentPlan,
    RoundAssignOptions,
};
use reviewdesk_core::{Assignment, Date};
use std::fs;
use std::path::Path;
use toml_edit::{value, ArrayOfTables, Item, Table};

/// What the organizer asks of an assignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignRequest {
    /// Experts per applicant (default: the template's quorum).
    pub per_applicant: Option<u32>,
    /// The most applicants one expert reviews (default: no limit).
    pub max_load: Option<u32>,
    /// The seed (default: the round's `assignment_seed`, else 0).
    pub seed: Option<u64>,
    /// Today, for a round without a deadline (the CLI's clock; never read here).
    pub today: Date,
    /// Pairs fixed by hand (指定): `Some` replaces the round's `[[assignment_pin]]`
    /// tables, `None` keeps them.
    pub pins: Option<Vec<Assignment>>,
    /// Pairs forbidden by hand (排除): as `pins`, for `[[assignment_ban]]`.
    pub bans: Option<Vec<Assignment>>,
}

/// A planned assignment: what went in, what came out, what changes, the new text.
#[derive(Debug, Clone)]
pub struct AssignmentEdit {
    /// The input the solver was given (conflicts and recusals included).
    pub input: AssignInput,
    /// The plan.
    pub plan: AssignmentPlan,
    /// Against the round's current `[[assignment]]` tables.
    pub diff: AssignmentDiff,
    /// The day conflicts were judged on (the deadline, else today).
    pub as_of: Date,
    /// The new `round.toml`.
    pub round_toml: String,
}

/// Loads the round folder, builds the assignment input (conflicts from employers as
/// of the round's deadline, else `today`; upheld recusal requests), assigns, checks
/// the plan against every constraint, and makes the new `round.toml`. Writes
/// nothing. A shortage is `ImportError::Assign(AssignError::Shortage(…))`.
pub fn plan_assignment(dir: &Path, req: AssignRequest) -> Result<AssignmentEdit, ImportError> {
    let loaded = load_round(dir)?;
    let round = &loaded.round;
    let as_of = round.program.deadline.unwrap_or(req.today);
    let seed = req.seed.or(round.assignment_seed).unwrap_or(0);
    if i64::try_from(seed).is_err() {
        return Err(ImportError::Edit {
            path: dir.join("round.toml"),
            message: format!(
                "seed {seed} is larger than a TOML integer holds (at most {})",
                i64::MAX
            ),
        });
    }
    // The round as the organizer asks it assigned: its pins and bans replaced
    // when the request gives them (they are inputs, recorded beside the seed).
    let mut asked = round.clone();
    if let Some(p) = &req.pins {
        asked.assignment_pins = p.clone();
    }
    if let Some(b) = &req.bans {
        asked.assignment_bans = b.clone();
    }
    if let Err(problems) = asked.validate(&loaded.template) {
        return Err(ImportError::Edit {
            path: dir.join("round.toml"),
            message: problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        });
    }
    let round = &asked;
    let input = round_input(
        round,
        &loaded.template,
        RoundAssignOptions {
            per_applicant: req.per_applicant,
            max_load: req.max_load,
            seed,
            as_of,
        },
    );
    let plan = assign(&input)?;
    let violations = check(&input, &plan);
    if !violations.is_empty() {
        return Err(ImportError::Edit {
            path: dir.join("round.toml"),
            message: format!("the assignment breaks its own constraints: {violations:?}"),
        });
    }
    let path = dir.join("round.toml");
    let old = fs::read_to_string(&path).map_err(|source| LoadError::Read {
        path: path.clone(),
        source,
    })?;
    let assignments = plan.assignments();
    let mut new = edit_assignments(&path, &old, &assignments, seed)?;
    if req.pins.is_some() {
        new = replace_pairs(&path, &new, "assignment_pin", &round.assignment_pins)?;
    }
    if req.bans.is_some() {
        new = replace_pairs(&path, &new, "assignment_ban", &round.assignment_bans)?;
    }
    let mut expected = round.clone();
    expected.assignments = assignments.clone();
    expected.assignment_seed = Some(seed);
    reads_back_as(dir, &path, &new, &expected)?;
    Ok(AssignmentEdit {
        diff: diff(&loaded.round.assignments, &plan),
        input,
        plan,
        as_of,
        round_toml: new,
    })
}

/// Plans the assignment and, unless `dry_run`, writes it.
pub fn assign_round(
    dir: &Path,
    req: AssignRequest,
    dry_run: bool,
) -> Result<AssignmentEdit, ImportError> {
    let edit = plan_assignment(dir, req)?;
    if !dry_run {
        crate::write_atomically(&dir.join("round.toml"), edit.round_toml.as_bytes())?;
    }
    Ok(edit)
}

impl From<AssignError> for ImportError {
    fn from(e: AssignError) -> Self {
        ImportError::Assign(e)
    }
}

/// `old` with its `[[assignment]]` tables replaced by `assignments` (where the first
/// old one was, its comments kept; at the end when there was none) and
/// `assignment_seed = seed`.
fn edit_assignments(
    path: &Path,
    old: &str,
    assignments: &[Assignment],
    seed: u64,
) -> Result<String, ImportError> {
    let edit_err = |message: String| edit_error(path, message);
    let mut doc = parse_document(path, old)?;
    let seed = i64::try_from(seed).map_err(|_| edit_err("seed out of range".into()))?;
    if doc.get("assignment_seed").is_some() {
        doc["assignment_seed"] = value(seed);
    } else {
        doc.insert("assignment_seed", value(seed));
    }
    let (position, decor) = match doc.get("assignment") {
        None => (None, None),
        Some(item) => {
            let tables = item
                .as_array_of_tables()
                .ok_or_else(|| edit_err("`assignment` is not an array of tables".into()))?;
            let first = tables.iter().next();
            (
                first.and_then(Table::position),
                first.map(|t| t.decor().clone()),
            )
        }
    };
    let mut tables = ArrayOfTables::new();
    for (i, a) in assignments.iter().enumerate() {
        let mut t = Table::new();
        t["expert"] = value(a.expert.as_str());
        t["applicant"] = value(a.applicant.as_str());
        t.set_position(position);
        if i == 0 {
            if let Some(d) = &decor {
                *t.decor_mut() = d.clone();
            }
        }
        tables.push(t);
    }
    doc.insert("assignment", Item::ArrayOfTables(tables));
    Ok(doc.to_string())
}

/// `text` with its `[[key]]` tables (pairs of `expert` and `applicant`) replaced by
/// `pairs`: where the first old one was (or at the end), none at all when empty.
fn replace_pairs(
    path: &Path,
    text: &str,
    key: &str,
    pairs: &[Assignment],
) -> Result<String, ImportError> {
    let mut doc = parse_document(path, text)?;
    let position = doc
        .get(key)
        .and_then(Item::as_array_of_tables)
        .and_then(|t| t.iter().next())
        .and_then(Table::position);
    doc.remove(key);
    if !pairs.is_empty() {
        let mut tables = ArrayOfTables::new();
        for a in pairs {
            let mut t = Table::new();
            t["expert"] = value(a.expert.as_str());
            t["applicant"] = value(a.applicant.as_str());
            t.set_position(position);
            tables.push(t);
        }
        doc.insert(key, Item::ArrayOfTables(tables));
    }
    Ok(doc.to_string())
}
