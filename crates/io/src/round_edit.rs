//! Editing a round folder's `round.toml` in place: only the tables an import owns
//! change (toml_edit keeps every other line, comment and blank byte for byte), and
//! the new text must read back as exactly the round planned before it is written.

use std::fs;
use std::path::Path;

use reviewdesk_core::Round;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

use crate::applicants::ImportError;
use crate::{parse_round, LoadError};

/// `old` parsed for editing.
pub(crate) fn parse_document(path: &Path, old: &str) -> Result<DocumentMut, ImportError> {
    old.parse().map_err(|e| edit_error(path, format!("{e}")))
}

/// The error of an edit that cannot be made.
pub(crate) fn edit_error(path: &Path, message: String) -> ImportError {
    ImportError::Edit {
        path: path.to_path_buf(),
        message,
    }
}

/// `old` with its `[[key]]` tables set to `after`, which extends `before` (what `old`
/// holds, in order): the existing tables are updated in place by `set` (given the
/// value they held), new ones appended after the last. `round.toml` changed since it
/// was loaded (another number of tables) is refused.
pub(crate) fn extend_tables<T>(
    path: &Path,
    old: &str,
    key: &str,
    before: &[T],
    after: &[T],
    set: impl Fn(&mut Table, Option<&T>, &T),
) -> Result<String, ImportError> {
    let mut doc = parse_document(path, old)?;
    let last_position = doc
        .get(key)
        .and_then(Item::as_array_of_tables)
        .and_then(|a| a.iter().filter_map(Table::position).max());
    if doc.get(key).is_none() {
        doc.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let tables = doc
        .get_mut(key)
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| edit_error(path, format!("`{key}` is not an array of tables")))?;
    if tables.len() != before.len() {
        return Err(edit_error(
            path,
            "round.toml changed while it was being edited".into(),
        ));
    }
    for (i, v) in after.iter().enumerate() {
        if i < before.len() {
            let t = tables.get_mut(i).expect("same length as before");
            set(t, Some(&before[i]), v);
        } else {
            let mut t = Table::new();
            set(&mut t, None, v);
            // Right after the last one (the same position keeps them in push order).
            t.set_position(last_position);
            tables.push(t);
        }
    }
    Ok(doc.to_string())
}

/// Refuses `new` unless it loads (with the folder's own template, if any) as
/// exactly `expected`: everything the edit was not to touch means what it meant.
pub(crate) fn reads_back_as(
    dir: &Path,
    path: &Path,
    new: &str,
    expected: &Round,
) -> Result<(), ImportError> {
    let local = dir.join("template.toml");
    let local_text = if local.is_file() {
        Some(
            fs::read_to_string(&local).map_err(|source| LoadError::Read {
                path: local.clone(),
                source,
            })?,
        )
    } else {
        None
    };
    let (round, _) = parse_round(
        path,
        new,
        local_text.as_deref().map(|t| (local.as_path(), t)),
    )?;
    if &round != expected {
        return Err(edit_error(
            path,
            "the edited file does not read back as the planned round".into(),
        ));
    }
    Ok(())
}
