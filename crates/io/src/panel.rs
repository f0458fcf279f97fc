//! Importing the panel from an expert list and key cards into a round folder:
//! [`plan_panel_import`] reads the list (the applicant import's reader: XLSX, XLS,
//! ODS, CSV in UTF-8 or GBK), maps and checks its rows, reads and verifies every
//! key card given (a `.card` file, or a folder of them) and those already in
//! `cards/`, joins and merges them (`reviewdesk_core::plan_panel`) and makes the
//! new `round.toml` — writing nothing: the preview. [`write_panel_import`] copies
//! the cards into `cards/<id>.card` (temporary names first, then renamed), writes
//! `round.toml` and then deletes the cards of members no longer on the panel;
//! [`import_panel`] does both. With any error nothing is written or copied.
//!
//! Only `[panel]` (the chair and the `[[panel.expert]]` tables: kept ones edited in
//! place, removed ones deleted, new ones after the last) and the `[[assignment]]`
//! tables of removed members change; every other line is kept byte for byte and
//! the new text must read back as the planned round.

use crate::applicants::{write_atomically, ImportError};
use crate::round_edit::{edit_error, parse_document, reads_back_as};
use crate::sheet::read_sheet;
use crate::{load_round, LoadError};
use reviewdesk_core::assign::ExpertKind;
use reviewdesk_core::{
    check_expert_sheet, detect_expert_mapping, plan_panel, CardFacts, CardRole, CheckedExperts,
    ExistingCard, Expert, ExpertMapping, MemberCard, OrganizerCardPlan, Panel, PanelPlan,
    PanelProblem, PanelProblemKind, ProblemPlace, Round,
};
use reviewdesk_formats::{KeyCard, Role};
use std::fs;
use std::path::{Path, PathBuf};
use toml_edit::{value, Array, ArrayOfTables, InlineTable, Item, Table};

/// The folder of a round that holds the key cards.
pub const CARDS_DIR: &str = "cards";

/// What a panel import would do: the value a preview shows.
#[derive(Debug, Clone)]
pub struct PanelImport {
    /// The sheet read.
    pub sheet: String,
    /// The columns used.
    pub mapping: ExpertMapping,
    /// The rows checked.
    pub checked: CheckedExperts,
    /// The cards given that verify, in the order given (folders in name order);
    /// the plan's card indices point here.
    pub cards: Vec<CardFacts>,
    /// The join, the merge, what happens with each card, every problem.
    pub plan: PanelPlan,
    /// The new `round.toml`; `None` with any error.
    pub round_toml: Option<String>,
    /// Each verified card's file and bytes, as read (what is copied).
    card_files: Vec<(PathBuf, Vec<u8>)>,
}

impl PanelImport {
    /// How many problems are errors.
    pub fn errors(&self) -> usize {
        self.plan.errors()
    }

    /// The file a card index of the plan came from.
    pub fn card_file(&self, card: usize) -> Option<&Path> {
        self.card_files.get(card).map(|(p, _)| p.as_path())
    }
}

fn read_err(path: &Path) -> impl FnOnce(std::io::Error) -> ImportError + '_ {
    move |source| {
        ImportError::Round(LoadError::Read {
            path: path.to_path_buf(),
            source,
        })
    }
}

fn card_role(r: Role) -> CardRole {
    match r {
        Role::Expert => CardRole::Expert,
        Role::Chair => CardRole::Chair,
        Role::Organizer => CardRole::Organizer,
    }
}

fn facts(file: String, card: &KeyCard) -> CardFacts {
    CardFacts {
        file,
        name: card.name.clone(),
        role: card_role(card.role),
        fingerprint: card.fingerprint().to_string(),
    }
}

/// The `.card` files an argument names: itself, or a folder's (not recursive,
/// in name order; hidden files skipped).
fn card_paths(arg: &Path) -> Result<Vec<PathBuf>, ImportError> {
    if !arg.is_dir() {
        return Ok(vec![arg.to_path_buf()]);
    }
    let mut out = Vec::new();
    for e in fs::read_dir(arg).map_err(read_err(arg))? {
        let e = e.map_err(read_err(arg))?;
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        if !name.starts_with('.') && name.ends_with(".card") && path.is_file() {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// The verified cards in `dir/cards/` by file stem; a file that does not verify is
/// left out (it is replaced if a card for its id is given).
fn existing_cards(dir: &Path) -> Result<Vec<ExistingCard>, ImportError> {
    let cards = dir.join(CARDS_DIR);
    if !cards.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for path in card_paths(&cards)? {
        let Some(person) = path.file_stem().and_then(|s| s.to_str()).map(str::to_owned) else {
            continue;
        };
        let bytes = fs::read(&path).map_err(read_err(&path))?;
        if let Ok(card) = KeyCard::read(&bytes) {
            out.push(ExistingCard {
                card: facts(format!("{CARDS_DIR}/{person}.card"), &card),
                person,
            });
        }
    }
    Ok(out)
}

/// Reads `file` (sheet `sheet`, else the first), maps its columns (`mapping`, else
/// the automatic one), checks the rows, reads and verifies the key cards `cards`
/// (files, or folders of `.card` files) and those in `dir/cards/`, and plans the
/// panel. Writes nothing.
pub fn plan_panel_import(
    dir: &Path,
    file: &Path,
    sheet: Option<&str>,
    mapping: Option<ExpertMapping>,
    cards: &[PathBuf],
) -> Result<PanelImport, ImportError> {
    let loaded = load_round(dir)?;
    let cells = read_sheet(file, sheet)?;
    let mapping = mapping.unwrap_or_else(|| detect_expert_mapping(&cells));
    let checked = check_expert_sheet(&cells, &mapping);

    let mut given = Vec::new();
    let mut card_files = Vec::new();
    let mut card_problems = Vec::new();
    for arg in cards {
        for path in card_paths(arg)? {
            let bytes = fs::read(&path).map_err(read_err(&path))?;
            let shown = path.display().to_string();
            match KeyCard::read(&bytes) {
                Ok(card) => {
                    given.push(facts(shown, &card));
                    card_files.push((path, bytes));
                }
                Err(e) => card_problems.push(PanelProblem {
                    at: ProblemPlace::Card { file: shown },
                    kind: PanelProblemKind::BadCard {
                        reason: e.code().as_str().to_owned(),
                    },
                }),
            }
        }
    }
    let existing = existing_cards(dir)?;
    let mut plan = plan_panel(&loaded.round, &checked, &given, &existing);
    if !card_problems.is_empty() {
        plan.panel = None;
        // After the list's problems, before the join's.
        let at = checked.problems.len();
        plan.problems.splice(at..at, card_problems);
    }

    let round_toml = match &plan.panel {
        Some(panel) if plan.errors() == 0 => {
            let path = dir.join("round.toml");
            let old = fs::read_to_string(&path).map_err(read_err(&path))?;
            let mut expected = loaded.round.clone();
            expected.panel = panel.clone();
            expected
                .assignments
                .retain(|a| !plan.dropped_assignments.contains(a));
            let new = edit_panel(&path, &old, &loaded.round, &expected)?;
            reads_back_as(dir, &path, &new, &expected)?;
            Some(new)
        }
        _ => None,
    };
    Ok(PanelImport {
        sheet: cells.name,
        mapping,
        checked,
        cards: given,
        plan,
        round_toml,
        card_files,
    })
}

/// Copies a plan's cards into `dir/cards/` (each under a temporary name in `dir`
/// first; only when all are there are they renamed), writes its `round.toml`, then
/// deletes the cards of members no longer on the panel. Refuses a plan with
/// errors.
pub fn write_panel_import(dir: &Path, import: &PanelImport) -> Result<(), ImportError> {
    let Some(text) = &import.round_toml else {
        return Err(ImportError::HasErrors(import.errors()));
    };
    let cards_dir = dir.join(CARDS_DIR);
    fs::create_dir_all(&cards_dir).map_err(read_err(&cards_dir))?;
    let mut copies: Vec<(usize, String)> = Vec::new();
    for m in &import.plan.members {
        if let MemberCard::Copied { card, .. } = m.card {
            copies.push((card, m.id.clone()));
        }
    }
    if let OrganizerCardPlan::Copied { card, person, .. } = &import.plan.organizer {
        copies.push((*card, person.clone()));
    }
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let cleanup = |staged: &[(PathBuf, PathBuf)]| {
        for (tmp, _) in staged {
            let _ = fs::remove_file(tmp);
        }
    };
    for (i, (card, person)) in copies.iter().enumerate() {
        let Some((_, bytes)) = import.card_files.get(*card) else {
            cleanup(&staged);
            return Err(edit_error(
                &dir.join("round.toml"),
                format!("the plan names card {card}, which it did not read"),
            ));
        };
        let tmp = dir.join(format!(".panel-card-{}-{i}.tmp", std::process::id()));
        if let Err(source) = fs::write(&tmp, bytes) {
            let _ = fs::remove_file(&tmp);
            cleanup(&staged);
            return Err(ImportError::Write { path: tmp, source });
        }
        staged.push((tmp, cards_dir.join(format!("{person}.card"))));
    }
    for (i, (tmp, target)) in staged.iter().enumerate() {
        if let Err(source) = fs::rename(tmp, target) {
            cleanup(&staged[i..]);
            return Err(ImportError::Write {
                path: target.clone(),
                source,
            });
        }
    }
    write_atomically(&dir.join("round.toml"), text.as_bytes())?;
    for person in &import.plan.card_removals {
        let path = cards_dir.join(format!("{person}.card"));
        fs::remove_file(&path).map_err(|source| ImportError::Write { path, source })?;
    }
    Ok(())
}

/// Plans and, without errors, writes. The plan is returned either way (its
/// problems say why nothing was written).
pub fn import_panel(
    dir: &Path,
    file: &Path,
    sheet: Option<&str>,
    cards: &[PathBuf],
) -> Result<PanelImport, ImportError> {
    let import = plan_panel_import(dir, file, sheet, None, cards)?;
    if import.round_toml.is_some() {
        write_panel_import(dir, &import)?;
    }
    Ok(import)
}

fn kind_word(k: ExpertKind) -> &'static str {
    match k {
        ExpertKind::Technical => "technical",
        ExpertKind::Industry => "industry",
        ExpertKind::Finance => "finance",
    }
}

fn set_expert(t: &mut Table, before: Option<&Expert>, e: &Expert) {
    // Only what changed is rewritten, so untouched lines keep their comments.
    if before.is_none_or(|b| b.id != e.id) {
        t["id"] = value(e.id.as_str());
    }
    if before.is_none_or(|b| b.name != e.name) {
        t["name"] = value(e.name.as_str());
    }
    if before.is_none_or(|b| b.affiliation != e.affiliation) {
        t["affiliation"] = value(e.affiliation.as_str());
    }
    if before.is_none_or(|b| b.field != e.field) {
        let mut it = InlineTable::new();
        it.insert("zh", e.field.zh.as_str().into());
        it.insert("en", e.field.en.as_str().into());
        t["field"] = value(it);
    }
    if before.is_none_or(|b| b.kind != e.kind) {
        match e.kind {
            Some(k) => t["kind"] = value(kind_word(k)),
            None => {
                t.remove("kind");
            }
        }
    }
    if before.is_none_or(|b| b.affiliation_credit_code != e.affiliation_credit_code) {
        match &e.affiliation_credit_code {
            Some(c) => t["affiliation_credit_code"] = value(c.as_str()),
            None => {
                t.remove("affiliation_credit_code");
            }
        }
    }
    if before.is_none_or(|b| b.former_employers != e.former_employers) {
        if e.former_employers.is_empty() {
            t.remove("former_employers");
        } else {
            let mut list = Array::new();
            for f in &e.former_employers {
                let mut it = InlineTable::new();
                it.insert("name", f.name.as_str().into());
                if let Some(c) = &f.credit_code {
                    it.insert("credit_code", c.as_str().into());
                }
                it.insert("until", f.until.to_string().into());
                list.push(it);
            }
            t["former_employers"] = value(list);
        }
    }
}

/// `old` with `[panel]` set to `after.panel` (from `before.panel`) and the
/// `[[assignment]]` tables `after` no longer has removed.
fn edit_panel(
    path: &Path,
    old: &str,
    before: &Round,
    after: &Round,
) -> Result<String, ImportError> {
    let mut doc = parse_document(path, old)?;
    let err = |m: &str| edit_error(path, m.to_owned());
    let new: &Panel = &after.panel;
    if doc.get("panel").is_none() {
        let mut panel = Table::new();
        panel.set_implicit(true);
        let mut chair = Table::new();
        set_expert(&mut chair, None, &new.chair);
        panel.insert("chair", Item::Table(chair));
        let mut experts = ArrayOfTables::new();
        for e in &new.experts {
            let mut t = Table::new();
            set_expert(&mut t, None, e);
            experts.push(t);
        }
        panel.insert("expert", Item::ArrayOfTables(experts));
        doc.insert("panel", Item::Table(panel));
    } else {
        let panel = doc
            .get_mut("panel")
            .and_then(Item::as_table_mut)
            .ok_or_else(|| err("`panel` is not a table"))?;
        let chair = panel
            .get_mut("chair")
            .and_then(Item::as_table_mut)
            .ok_or_else(|| err("`panel.chair` is not a table"))?;
        if before.panel.chair.id == new.chair.id {
            set_expert(chair, Some(&before.panel.chair), &new.chair);
        } else {
            chair.clear();
            set_expert(chair, None, &new.chair);
        }
        let tables = panel
            .get_mut("expert")
            .and_then(Item::as_array_of_tables_mut)
            .ok_or_else(|| err("`panel.expert` is not an array of tables"))?;
        if tables.len() != before.panel.experts.len() {
            return Err(err("round.toml changed while it was being edited"));
        }
        let last_position = tables.iter().filter_map(Table::position).max();
        // Remove the tables of experts no longer there (as experts), last first.
        let kept: Vec<&Expert> = before
            .panel
            .experts
            .iter()
            .filter(|b| new.experts.iter().any(|e| e.id == b.id))
            .collect();
        for i in (0..before.panel.experts.len()).rev() {
            if !kept.iter().any(|k| k.id == before.panel.experts[i].id) {
                tables.remove(i);
            }
        }
        for (i, e) in new.experts.iter().enumerate() {
            match kept.get(i) {
                Some(b) if b.id == e.id => {
                    let t = tables.get_mut(i).ok_or_else(|| err("table count"))?;
                    set_expert(t, Some(b), e);
                }
                Some(_) => return Err(err("kept experts out of order")),
                None => {
                    let mut t = Table::new();
                    set_expert(&mut t, None, e);
                    t.set_position(last_position);
                    tables.push(t);
                }
            }
        }
    }
    if after.assignments.len() != before.assignments.len() {
        let tables = doc
            .get_mut("assignment")
            .and_then(Item::as_array_of_tables_mut)
            .ok_or_else(|| err("`assignment` is not an array of tables"))?;
        if tables.len() != before.assignments.len() {
            return Err(err("round.toml changed while it was being edited"));
        }
        let gone = |a: &reviewdesk_core::Assignment| !after.assignments.contains(a);
        for i in (0..before.assignments.len()).rev() {
            if gone(&before.assignments[i]) {
                tables.remove(i);
            }
        }
    }
    Ok(doc.to_string())
}
