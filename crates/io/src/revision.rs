//! Recording a sealing again in `round.toml`: what changed since the last sealing
//! (a stage's advance list, a drawn sample, a substitute expert with their
//! assignments) and the next `package_revision`, in one edit through the same
//! toml_edit path as every import (other lines kept byte for byte, the result
//! read back as exactly the round planned, written through a renamed temporary
//! file).

use std::fs;
use std::path::Path;

use reviewdesk_core::{Assignment, Expert, Round, StageAdvance, StageSample};
use toml_edit::{value, Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table};

use crate::applicants::{write_atomically, ImportError};
use crate::round_edit::{edit_error, extend_tables, parse_document, reads_back_as};
use crate::{load_round, LoadError, LoadedRound};

fn ids(list: &[String]) -> Array {
    list.iter().map(String::as_str).collect()
}

fn set_advance(t: &mut Table, before: Option<&StageAdvance>, a: &StageAdvance) {
    if before.is_none_or(|b| b.stage != a.stage) {
        t["stage"] = value(a.stage.as_str());
    }
    if before.is_none_or(|b| b.applicants != a.applicants) {
        t["applicants"] = value(ids(&a.applicants));
    }
}

fn set_sample(t: &mut Table, before: Option<&StageSample>, a: &StageSample) {
    if before.is_none_or(|b| b.stage != a.stage) {
        t["stage"] = value(a.stage.as_str());
    }
    if before.is_none_or(|b| b.applicants != a.applicants) {
        t["applicants"] = value(ids(&a.applicants));
    }
}

fn set_assignment(t: &mut Table, before: Option<&Assignment>, a: &Assignment) {
    if before.is_none_or(|b| b.expert != a.expert) {
        t["expert"] = value(a.expert.as_str());
    }
    if before.is_none_or(|b| b.applicant != a.applicant) {
        t["applicant"] = value(a.applicant.as_str());
    }
}

/// `planned[..before.len()]` must be `before` changed in place at most (no table
/// removed): what [`extend_tables`] edits.
fn extends<T: PartialEq>(before: &[T], after: &[T]) -> bool {
    after.len() >= before.len()
}

/// The panel experts `planned` adds after the round's own, as `[[panel.expert]]`
/// tables appended to the document.
fn append_experts(path: &Path, doc: &mut DocumentMut, added: &[Expert]) -> Result<(), ImportError> {
    if added.is_empty() {
        return Ok(());
    }
    let panel = doc
        .get_mut("panel")
        .and_then(Item::as_table_mut)
        .ok_or_else(|| edit_error(path, "the round has no [panel] table".into()))?;
    if panel.get("expert").is_none() {
        panel.insert("expert", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let tables = panel
        .get_mut("expert")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| edit_error(path, "`panel.expert` is not an array of tables".into()))?;
    let last_position = tables.iter().filter_map(Table::position).max();
    for e in added {
        if !e.former_employers.is_empty() {
            return Err(edit_error(
                path,
                format!("expert {}: former employers are not written here", e.id),
            ));
        }
        let mut t = Table::new();
        t["id"] = value(e.id.as_str());
        t["name"] = value(e.name.as_str());
        t["affiliation"] = value(e.affiliation.as_str());
        let mut field = InlineTable::new();
        field.insert("zh", e.field.zh.as_str().into());
        field.insert("en", e.field.en.as_str().into());
        t["field"] = value(field);
        if let Some(k) = e.kind {
            let k = toml::Value::try_from(k).map_err(|x| edit_error(path, x.to_string()))?;
            if let Some(k) = k.as_str() {
                t["kind"] = value(k);
            }
        }
        if let Some(c) = &e.affiliation_credit_code {
            t["affiliation_credit_code"] = value(c.to_string());
        }
        t.set_position(last_position);
        tables.push(t);
    }
    Ok(())
}

/// Writes `planned` — the loaded round with advance lists, samples, assignments or
/// panel experts changed or added, nothing removed and nothing else changed — into
/// the round folder `dir` with `package_revision` one above the round's current
/// [`Round::revision`], and returns the round as it now loads with that revision.
/// `round.toml` changed since `planned` was made from it is refused, as is a plan
/// that changes anything else (`round_changed`); nothing is written then.
pub fn record_next_revision(
    dir: &Path,
    planned: &Round,
) -> Result<(LoadedRound, u32), ImportError> {
    let loaded = load_round(dir)?;
    let path = dir.join("round.toml");
    let now = &loaded.round;
    let mut expected = planned.clone();
    let revision = now
        .revision()
        .checked_add(1)
        .ok_or_else(|| edit_error(&path, "package_revision is at its largest value".into()))?;
    expected.package_revision = Some(revision);
    // Nothing but the parts a sealing again records may differ.
    let mut same = expected.clone();
    same.advances = now.advances.clone();
    same.samples = now.samples.clone();
    same.assignments = now.assignments.clone();
    same.panel.experts = now.panel.experts.clone();
    same.package_revision = now.package_revision;
    let experts_kept = planned.panel.experts.len() >= now.panel.experts.len()
        && planned.panel.experts[..now.panel.experts.len()] == now.panel.experts[..];
    if &same != now
        || !experts_kept
        || !extends(&now.advances, &planned.advances)
        || !extends(&now.samples, &planned.samples)
        || !extends(&now.assignments, &planned.assignments)
    {
        return Err(edit_error(
            &path,
            "the round changed since this was planned (or the plan changes more than a \
             sealing again records): load it again"
                .into(),
        ));
    }
    let old = fs::read_to_string(&path).map_err(|source| LoadError::Read {
        path: path.clone(),
        source,
    })?;
    let mut text = extend_tables(
        &path,
        &old,
        "advance",
        &now.advances,
        &planned.advances,
        set_advance,
    )?;
    text = extend_tables(
        &path,
        &text,
        "sample",
        &now.samples,
        &planned.samples,
        set_sample,
    )?;
    if planned.assignments != now.assignments {
        text = extend_tables(
            &path,
            &text,
            "assignment",
            &now.assignments,
            &planned.assignments,
            set_assignment,
        )?;
    }
    let mut doc = parse_document(&path, &text)?;
    append_experts(
        &path,
        &mut doc,
        &planned.panel.experts[now.panel.experts.len()..],
    )?;
    doc["package_revision"] = value(i64::from(revision));
    // Empty arrays of tables `extend_tables` may have added: not written.
    for key in ["advance", "sample"] {
        if doc
            .get(key)
            .and_then(Item::as_array_of_tables)
            .is_some_and(ArrayOfTables::is_empty)
        {
            doc.remove(key);
        }
    }
    let new = doc.to_string();
    reads_back_as(dir, &path, &new, &expected)?;
    write_atomically(&path, new.as_bytes())?;
    Ok((load_round(dir)?, revision))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo_copy() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let from = crate::demo_round_dir();
        for sub in ["materials", "cards"] {
            fs::create_dir_all(tmp.path().join(sub)).unwrap();
            for e in fs::read_dir(from.join(sub)).unwrap() {
                let e = e.unwrap();
                fs::copy(e.path(), tmp.path().join(sub).join(e.file_name())).unwrap();
            }
        }
        fs::copy(from.join("round.toml"), tmp.path().join("round.toml")).unwrap();
        tmp
    }

    #[test]
    fn a_sealing_again_records_the_next_revision_and_keeps_every_other_line() {
        let tmp = demo_copy();
        let before = fs::read_to_string(tmp.path().join("round.toml")).unwrap();
        let loaded = load_round(tmp.path()).unwrap();
        assert_eq!(loaded.round.revision(), 1);
        let mut planned = loaded.round.clone();
        planned.advances.push(StageAdvance {
            stage: "defense".into(),
            applicants: vec!["A01".into(), "A03".into()],
        });
        let (again, rev) = record_next_revision(tmp.path(), &planned).unwrap();
        assert_eq!(rev, 2);
        assert_eq!(again.round.revision(), 2);
        assert_eq!(again.round.advances, planned.advances);
        let after = fs::read_to_string(tmp.path().join("round.toml")).unwrap();
        // Every line of the old file is still there, in order.
        let mut rest = after.as_str();
        for line in before.lines() {
            let at = rest.find(line).unwrap_or_else(|| panic!("lost: {line}"));
            rest = &rest[at + line.len()..];
        }
        assert!(after.contains("package_revision = 2"), "{after}");

        // The same list replaced in place, and the revision goes on.
        let mut planned = again.round.clone();
        planned.advances[0].applicants = vec!["A01".into()];
        let (third, rev) = record_next_revision(tmp.path(), &planned).unwrap();
        assert_eq!((rev, third.round.advances.len()), (3, 1));
        assert_eq!(third.round.advances[0].applicants, ["A01"]);

        // A plan that changes something else is refused, nothing written.
        let text = fs::read_to_string(tmp.path().join("round.toml")).unwrap();
        let mut other = third.round.clone();
        other.applicants[0].name = "别的公司".into();
        let err = record_next_revision(tmp.path(), &other).unwrap_err();
        assert!(matches!(err, ImportError::Edit { .. }), "{err}");
        assert_eq!(
            fs::read_to_string(tmp.path().join("round.toml")).unwrap(),
            text
        );
    }
}
