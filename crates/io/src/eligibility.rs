//! The eligibility check of a round folder (`reviewdesk round eligibility`):
//! [`record_eligibility`] records one applicant's checklist items as met or not
//! met (`reviewdesk_core::eligibility::record_checks`) in `round.toml`. Only the
//! `[[eligibility]]` tables change — a record already there is updated in place, a
//! new one follows the last — every other line is kept byte for byte, the new text
//! must read back as the planned round, and it replaces `round.toml` through a
//! renamed temporary file. A refusal writes nothing.

use crate::applicants::{write_atomically, ImportError};
use crate::round_edit::{extend_tables, reads_back_as};
use crate::{load_round, LoadError, LoadedRound};
use reviewdesk_core::eligibility::{all_met, record_checks};
use reviewdesk_core::{Date, EligibilityCheck, ItemOutcome};
use std::fs;
use std::path::Path;
use toml_edit::{value, Table};

/// What the organizer records for one applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// These items are met.
    Met(Vec<String>),
    /// Every item of the template's checklist is met.
    AllMet,
    /// This item is not met, for this reason.
    NotMet {
        /// The item id.
        item: String,
        /// The reason (required).
        note: String,
    },
}

/// Records `checked` for `applicant` in the round folder `dir`, by `checked_by` on
/// `checked_on`, and returns the round as written (with its template). Refused
/// with nothing written: a round that does not load, an unknown applicant or item,
/// an item not met without a note, no checker's name, a template without a
/// checklist (`ImportError::Eligibility`).
pub fn record_eligibility(
    dir: &Path,
    applicant: &str,
    checked: &Checked,
    checked_by: &str,
    checked_on: Date,
) -> Result<LoadedRound, ImportError> {
    let loaded = load_round(dir)?;
    let outcomes = match checked {
        Checked::Met(items) => items
            .iter()
            .map(|i| ItemOutcome {
                item: i.clone(),
                met: true,
                note: None,
            })
            .collect(),
        Checked::AllMet => all_met(&loaded.template),
        Checked::NotMet { item, note } => vec![ItemOutcome {
            item: item.clone(),
            met: false,
            note: Some(note.clone()),
        }],
    };
    let round = record_checks(
        &loaded.round,
        &loaded.template,
        applicant,
        &outcomes,
        checked_by,
        checked_on,
    )
    .map_err(ImportError::Eligibility)?;
    let path = dir.join("round.toml");
    let old = fs::read_to_string(&path).map_err(|source| LoadError::Read {
        path: path.clone(),
        source,
    })?;
    let new = extend_tables(
        &path,
        &old,
        "eligibility",
        &loaded.round.eligibility,
        &round.eligibility,
        set_fields,
    )?;
    reads_back_as(dir, &path, &new, &round)?;
    write_atomically(&path, new.as_bytes())?;
    Ok(LoadedRound { round, ..loaded })
}

fn set_fields(t: &mut Table, before: Option<&EligibilityCheck>, c: &EligibilityCheck) {
    // Only what changed is rewritten, so untouched lines keep their comments.
    if before.is_none_or(|b| b.applicant != c.applicant) {
        t["applicant"] = value(c.applicant.as_str());
    }
    if before.is_none_or(|b| b.item != c.item) {
        t["item"] = value(c.item.as_str());
    }
    if before.is_none_or(|b| b.met != c.met) {
        t["met"] = value(c.met);
    }
    if before.is_none_or(|b| b.note != c.note) {
        match &c.note {
            Some(n) => t["note"] = value(n.as_str()),
            None => {
                t.remove("note");
            }
        }
    }
    if before.is_none_or(|b| b.checked_by != c.checked_by) {
        t["checked_by"] = value(c.checked_by.as_str());
    }
    if before.is_none_or(|b| b.checked_on != c.checked_on) {
        t["checked_on"] = value(c.checked_on.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ImportCode;
    use reviewdesk_core::eligibility::{status_of, EligibilityStatus};

    fn demo_copy() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let src = crate::demo_round_dir();
        for sub in ["materials", "cards"] {
            fs::create_dir(tmp.path().join(sub)).unwrap();
            for e in fs::read_dir(src.join(sub)).unwrap() {
                let e = e.unwrap();
                fs::copy(e.path(), tmp.path().join(sub).join(e.file_name())).unwrap();
            }
        }
        fs::copy(src.join("round.toml"), tmp.path().join("round.toml")).unwrap();
        tmp
    }

    fn day() -> Date {
        Date::new(2026, 3, 9).unwrap()
    }

    #[test]
    fn a_failed_item_is_recorded_in_place_and_every_other_line_kept() {
        let dir = demo_copy();
        let path = dir.path().join("round.toml");
        let before = fs::read_to_string(&path).unwrap();
        let not_met = Checked::NotMet {
            item: "coverage".into(),
            note: "业务仅覆盖佛山市，未覆盖广东省全境。".into(),
        };
        let loaded = record_eligibility(dir.path(), "A03", &not_met, "郑雅文", day()).unwrap();
        let after = fs::read_to_string(&path).unwrap();
        assert_eq!(load_round(dir.path()).unwrap().round, loaded.round);
        assert!(matches!(
            status_of(&loaded.round, &loaded.template, "A03"),
            EligibilityStatus::Failed { .. }
        ));
        // Exactly the record's lines changed: met, a new note, the date.
        let old_block = "applicant = \"A03\"\nitem = \"coverage\"\nmet = true\nchecked_by = \"郑雅文\"\nchecked_on = \"2026-03-05\"\n";
        let new_block = "applicant = \"A03\"\nitem = \"coverage\"\nmet = false\nchecked_by = \"郑雅文\"\nchecked_on = \"2026-03-09\"\nnote = \"业务仅覆盖佛山市，未覆盖广东省全境。\"\n";
        assert!(before.contains(old_block));
        assert_eq!(after, before.replacen(old_block, new_block, 1), "{after}");

        // Met again: the note goes, the file is back but for the date.
        record_eligibility(
            dir.path(),
            "A03",
            &Checked::Met(vec!["coverage".into()]),
            "郑雅文",
            Date::new(2026, 3, 5).unwrap(),
        )
        .unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), before);
    }

    #[test]
    fn new_records_follow_the_last_and_all_met_checks_every_item() {
        let dir = demo_copy();
        let path = dir.path().join("round.toml");
        // Without A08's records the round is not ready; --all-met adds them back.
        let text = fs::read_to_string(&path).unwrap();
        let mut cut = text.clone();
        for item in ["legal_entity", "coverage", "team_and_cases", "own_ip"] {
            let block = format!("[[eligibility]]\napplicant = \"A08\"\nitem = \"{item}\"\nmet = true\nchecked_by = \"郑雅文\"\nchecked_on = \"2026-03-05\"\n\n");
            assert!(cut.contains(&block));
            cut = cut.replacen(&block, "", 1);
        }
        fs::write(&path, &cut).unwrap();
        let loaded = load_round(dir.path()).unwrap();
        assert_eq!(loaded.round.eligibility.len(), 28);
        let loaded =
            record_eligibility(dir.path(), "A08", &Checked::AllMet, " 郑雅文 ", day()).unwrap();
        assert_eq!(loaded.round.eligibility.len(), 32);
        assert_eq!(
            status_of(&loaded.round, &loaded.template, "A08"),
            EligibilityStatus::Passed
        );
        let after = fs::read_to_string(&path).unwrap();
        // The new tables come right after A07's last record, before the materials.
        let a08 = after
            .find("applicant = \"A08\"\nitem = \"legal_entity\"")
            .expect(&after);
        assert!(a08 < after.find("[[material]]").unwrap(), "{after}");
        assert!(after.contains("checked_by = \"郑雅文\"\nchecked_on = \"2026-03-09\""));
    }

    #[test]
    fn refusals_write_nothing() {
        let dir = demo_copy();
        let path = dir.path().join("round.toml");
        let before = fs::read(&path).unwrap();
        let refused = |applicant: &str, checked: Checked, by: &str| {
            let e = record_eligibility(dir.path(), applicant, &checked, by, day()).unwrap_err();
            assert_eq!(e.code(), ImportCode::EligibilityRefused);
            assert_eq!(fs::read(&path).unwrap(), before);
            match e {
                ImportError::Eligibility(e) => e.code(),
                other => panic!("{other}"),
            }
        };
        assert_eq!(
            refused("A99", Checked::AllMet, "郑雅文"),
            "unknown_applicant"
        );
        assert_eq!(
            refused("A01", Checked::Met(vec!["nope".into()]), "郑雅文"),
            "unknown_item"
        );
        let no_note = Checked::NotMet {
            item: "coverage".into(),
            note: "  ".into(),
        };
        assert_eq!(refused("A01", no_note, "郑雅文"), "note_required");
        assert_eq!(refused("A01", Checked::AllMet, ""), "checker_required");
    }
}
