//! A new round folder (`reviewdesk round new`): `round.toml` with the program only
//! (no applicants, no panel yet: [`reviewdesk_core::Panel::is_unnamed`]),
//! `materials/` and `cards/`. The text is made with toml_edit (every value escaped)
//! and must load and validate against its built-in template before anything is
//! created; an existing `round.toml` is never replaced.

use crate::applicants::ImportError;
use crate::{parse_round, write_atomically};
use reviewdesk_core::Date;
use std::fs;
use std::path::{Path, PathBuf};
use toml_edit::{value, DocumentMut, InlineTable, Item, Table};

/// What a new round starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRound {
    /// A built-in template's id (`reviewdesk template list`).
    pub template: String,
    /// The round's title (批次名称), used for both languages until edited.
    pub title: String,
    /// Who runs it (主办单位); `（待填写）` / `(to be filled in)` when not given.
    pub organizer: Option<String>,
    /// The last day sheets are accepted.
    pub deadline: Option<Date>,
    /// The last day applications were accepted (申报截止日): the date material
    /// freshness is counted back from.
    pub application_deadline: Option<Date>,
}

/// The round's id: the folder's name with every run of characters outside
/// `A-Z a-z 0-9 _ -` made one `-`, without `-` at either end (`赋能 2027-1` →
/// `2027-1`), or `round` when nothing is left.
pub fn round_id_for(dir: &Path) -> String {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "round".to_owned()
    } else {
        id.chars()
            .take(48)
            .collect::<String>()
            .trim_end_matches('-')
            .to_owned()
    }
}

fn both(zh: &str, en: &str) -> Item {
    let mut t = InlineTable::new();
    t.insert("zh", zh.into());
    t.insert("en", en.into());
    value(t)
}

/// The `round.toml` text of a new round in `dir`.
pub fn new_round_text(dir: &Path, new: &NewRound) -> String {
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(
        "# 评审批次 / Review round — created by `reviewdesk round new`.\n\
         # Next: `reviewdesk round applicants`, the [panel] tables, `reviewdesk round assign`.\n",
    );
    doc["format"] = value(reviewdesk_core::ROUND_FORMAT);
    doc["id"] = value(round_id_for(dir));
    let mut program = Table::new();
    program["title"] = both(&new.title, &new.title);
    program["organizer"] = match &new.organizer {
        Some(o) => both(o, o),
        None => both("（待填写）", "(to be filled in)"),
    };
    program["template"] = value(new.template.as_str());
    if let Some(d) = new.deadline {
        program["deadline"] = value(d.to_string());
    }
    if let Some(d) = new.application_deadline {
        program["application_deadline"] = value(d.to_string());
    }
    doc["program"] = Item::Table(program);
    doc.to_string()
}

/// Creates the round folder `dir` (and its parents), `materials/`, `cards/` and
/// `round.toml`. Refuses a folder that already has a `round.toml`; the text is
/// loaded and validated against the built-in template before anything is made.
/// Returns the path of `round.toml`.
pub fn create_round(dir: &Path, new: &NewRound) -> Result<PathBuf, ImportError> {
    let path = dir.join("round.toml");
    if path.exists() {
        return Err(ImportError::Exists { path });
    }
    let text = new_round_text(dir, new);
    parse_round(&path, &text, None)?;
    let mkdir = |p: PathBuf| {
        fs::create_dir_all(&p).map_err(|source| ImportError::Write { path: p, source })
    };
    mkdir(dir.join("materials"))?;
    mkdir(dir.join("cards"))?;
    write_atomically(&path, text.as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_id_from_any_folder_name() {
        for (folder, id) in [
            ("赋能 2027-1", "2027-1"),
            ("gd-pool_2026--01", "gd-pool_2026-01"),
            ("批次", "round"),
            ("--a b--", "a-b"),
        ] {
            assert_eq!(round_id_for(Path::new(folder)), id, "{folder}");
        }
        assert_eq!(round_id_for(&Path::new("x").join("a".repeat(60))).len(), 48);
    }

    #[test]
    fn a_new_round_validates_for_every_built_in_template() {
        for t in crate::templates::builtin().unwrap() {
            let new = NewRound {
                template: t.id.clone(),
                title: "标题 \"引号\" \\ 反斜杠".into(),
                organizer: None,
                deadline: None,
                application_deadline: Date::new(2027, 3, 31),
            };
            let text = new_round_text(Path::new("/x/批次 2027"), &new);
            let (round, _) = parse_round(Path::new("round.toml"), &text, None).unwrap();
            assert_eq!(round.id, "2027");
            assert_eq!(round.program.title.en, "标题 \"引号\" \\ 反斜杠");
            assert!(round.panel.is_unnamed() && round.applicants.is_empty());
            assert_eq!(round.program.application_deadline, Date::new(2027, 3, 31));
        }
    }
}
