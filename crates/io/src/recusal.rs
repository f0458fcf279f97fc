//! The organizer's decisions in a round folder: the conflicts of interest found
//! from employers ([`conflict_report`]), a conflict dismissed with a reason
//! ([`dismiss_round_conflict`]), recusal requests entered
//! ([`add_round_recusal`]) and ruled ([`rule_round_recusal`]).
//!
//! The rules are `reviewdesk_core::conflicts`; here the round is loaded, the new
//! round made by core, and only the `[[conflict_dismissal]]` or
//! `[[recusal_request]]` tables of `round.toml` edited (every other line kept byte
//! for byte, the result read back as the planned round, written through a renamed
//! temporary file).

use crate::applicants::{write_atomically, ImportError};
use crate::round_edit::{extend_tables, reads_back_as};
use crate::{load_round, LoadError};
use reviewdesk_core::{
    add_recusal_request, dismiss_conflict, round_conflicts, rule_recusal_request,
    ConflictDismissal, ConflictReport, Date, RecusalRequest, RecusalRuling, Round,
};
use std::fs;
use std::path::Path;
use toml_edit::{value, Table};

/// The day conflicts are judged on: the round's deadline (评审截止日期), else
/// `today` — as for the automatic assignment.
pub fn conflicts_as_of(round: &Round, today: Date) -> Date {
    round.program.deadline.unwrap_or(today)
}

/// Every conflict of interest of the round in `dir` with its grounds and
/// dismissal, as of the round's deadline, else `today`. Writes nothing.
pub fn conflict_report(dir: &Path, today: Date) -> Result<ConflictReport, ImportError> {
    let loaded = load_round(dir)?;
    Ok(round_conflicts(
        &loaded.round,
        conflicts_as_of(&loaded.round, today),
    ))
}

/// Records the dismissal of the conflict of `expert` with `applicant` (a
/// `[[conflict_dismissal]]` table after the others), decided by `by` on `today`;
/// the conflict must exist as of the deadline (else `today`) and the reason must
/// not be empty. Returns the dismissal written.
pub fn dismiss_round_conflict(
    dir: &Path,
    applicant: &str,
    expert: &str,
    reason: &str,
    by: &str,
    today: Date,
) -> Result<ConflictDismissal, ImportError> {
    let loaded = load_round(dir)?;
    let round = &loaded.round;
    let after = dismiss_conflict(
        round,
        conflicts_as_of(round, today),
        applicant,
        expert,
        reason,
        by,
        today,
    )?;
    edit_list(
        dir,
        round,
        &after,
        "conflict_dismissal",
        |r| &r.conflict_dismissals,
        set_dismissal,
    )?;
    after
        .conflict_dismissals
        .last()
        .cloned()
        .ok_or_else(|| internal(dir))
}

/// Adds a pending recusal request of `applicant` about `expert` (a
/// `[[recusal_request]]` table after the others). Returns the request written.
pub fn add_round_recusal(
    dir: &Path,
    applicant: &str,
    expert: &str,
    reason: &str,
    received: Option<Date>,
) -> Result<RecusalRequest, ImportError> {
    let loaded = load_round(dir)?;
    let round = &loaded.round;
    let after = add_recusal_request(round, applicant, expert, reason, received)?;
    edit_list(
        dir,
        round,
        &after,
        "recusal_request",
        |r| &r.recusal_requests,
        set_request,
    )?;
    after
        .recusal_requests
        .last()
        .cloned()
        .ok_or_else(|| internal(dir))
}

/// Rules the pending request of `applicant` about `expert` (its table edited in
/// place): `ruling` with its reason, who ruled and the day. Returns the request
/// as written.
pub fn rule_round_recusal(
    dir: &Path,
    applicant: &str,
    expert: &str,
    ruling: RecusalRuling,
    reason: &str,
    by: &str,
    on: Date,
) -> Result<RecusalRequest, ImportError> {
    let loaded = load_round(dir)?;
    let round = &loaded.round;
    let after = rule_recusal_request(round, applicant, expert, ruling, reason, by, on)?;
    edit_list(
        dir,
        round,
        &after,
        "recusal_request",
        |r| &r.recusal_requests,
        set_request,
    )?;
    after
        .recusal_requests
        .iter()
        .zip(&round.recusal_requests)
        .find(|(new, old)| new != old)
        .map(|(new, _)| new.clone())
        .ok_or_else(|| internal(dir))
}

fn internal(dir: &Path) -> ImportError {
    ImportError::Edit {
        path: dir.join("round.toml"),
        message: "the edit changed nothing".into(),
    }
}

/// Writes `after` (which differs from `before` only in the list `list` gives,
/// kept in `[[key]]` tables) into `dir/round.toml`.
fn edit_list<T>(
    dir: &Path,
    before: &Round,
    after: &Round,
    key: &str,
    list: impl Fn(&Round) -> &Vec<T>,
    set: impl Fn(&mut Table, Option<&T>, &T),
) -> Result<(), ImportError> {
    let path = dir.join("round.toml");
    let old = fs::read_to_string(&path).map_err(|source| LoadError::Read {
        path: path.clone(),
        source,
    })?;
    let new = extend_tables(&path, &old, key, list(before), list(after), set)?;
    reads_back_as(dir, &path, &new, after)?;
    write_atomically(&path, new.as_bytes())
}

fn set_text(t: &mut Table, key: &str, v: Option<&str>) {
    match v {
        Some(s) => t[key] = value(s),
        None => {
            t.remove(key);
        }
    }
}

fn set_date(t: &mut Table, key: &str, v: Option<Date>) {
    set_text(t, key, v.map(|d| d.to_string()).as_deref());
}

fn ruling_word(r: RecusalRuling) -> &'static str {
    match r {
        RecusalRuling::Pending => "pending",
        RecusalRuling::Upheld => "upheld",
        RecusalRuling::Rejected => "rejected",
    }
}

fn set_request(t: &mut Table, before: Option<&RecusalRequest>, r: &RecusalRequest) {
    // Only what changed is rewritten, so untouched lines keep their comments.
    if before.is_none_or(|b| b.applicant != r.applicant) {
        t["applicant"] = value(r.applicant.as_str());
    }
    if before.is_none_or(|b| b.expert != r.expert) {
        t["expert"] = value(r.expert.as_str());
    }
    if before.is_none_or(|b| b.reason != r.reason) {
        t["reason"] = value(r.reason.as_str());
    }
    if before.is_none_or(|b| b.received != r.received) {
        set_date(t, "received", r.received);
    }
    if before.is_none_or(|b| b.ruling != r.ruling) {
        t["ruling"] = value(ruling_word(r.ruling));
    }
    if before.is_none_or(|b| b.ruling_reason != r.ruling_reason) {
        set_text(t, "ruling_reason", r.ruling_reason.as_deref());
    }
    if before.is_none_or(|b| b.ruled_by != r.ruled_by) {
        set_text(t, "ruled_by", r.ruled_by.as_deref());
    }
    if before.is_none_or(|b| b.ruled_on != r.ruled_on) {
        set_date(t, "ruled_on", r.ruled_on);
    }
}

fn set_dismissal(t: &mut Table, before: Option<&ConflictDismissal>, d: &ConflictDismissal) {
    if before.is_none_or(|b| b.expert != d.expert) {
        t["expert"] = value(d.expert.as_str());
    }
    if before.is_none_or(|b| b.applicant != d.applicant) {
        t["applicant"] = value(d.applicant.as_str());
    }
    if before.is_none_or(|b| b.reason != d.reason) {
        t["reason"] = value(d.reason.as_str());
    }
    if before.is_none_or(|b| b.by != d.by) {
        t["by"] = value(d.by.as_str());
    }
    if before.is_none_or(|b| b.on != d.on) {
        t["on"] = value(d.on.to_string());
    }
}
