//! Importing application materials from a folder into a round folder:
//! [`plan_material_import`] walks the folder, reads each file's first bytes and
//! SHA-256, matches it with `reviewdesk_core::plan_materials` and builds the new
//! `round.toml` (writes nothing: the preview); [`write_material_import`] copies the
//! accepted files into `DIR/materials/` (temporary names first, then renamed) and
//! replaces `round.toml`; [`set_stale_reason`] records why a stale material is
//! accepted. Only the `[[material]]` tables change, every other line is kept byte
//! for byte, and the new text must read back as the planned round.

use crate::applicants::{write_atomically, ImportError};
use crate::round_edit::{extend_tables, reads_back_as};
use crate::{load_round, LoadError, MAX_MATERIAL_BYTES};
use reviewdesk_core::{plan_materials, sniff, FolderFile, Material, MaterialPlan};
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use toml_edit::{value, Table};

/// What an import would do: the match and, without errors, the new `round.toml`.
#[derive(Debug, Clone)]
pub struct MaterialImport {
    /// The folder read.
    pub folder: PathBuf,
    /// Files taken and not taken, the merged materials, missing required kinds.
    pub plan: MaterialPlan,
    /// The template names required kinds.
    pub template_requires: bool,
    /// The new `round.toml`; `None` when the plan has errors.
    pub round_toml: Option<String>,
}

fn read_err(path: &Path) -> impl FnOnce(std::io::Error) -> ImportError + '_ {
    move |source| {
        ImportError::Round(LoadError::Read {
            path: path.to_path_buf(),
            source,
        })
    }
}

/// SHA-256 hex of a file and its first 8 bytes.
fn hash_file(path: &Path) -> Result<(String, Vec<u8>), ImportError> {
    let mut f = fs::File::open(path).map_err(read_err(path))?;
    let mut h = Sha256::new();
    let mut head = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = f.read(&mut buf).map_err(read_err(path))?;
        if n == 0 {
            break;
        }
        if head.len() < 8 {
            head.extend_from_slice(&buf[..n.min(8 - head.len())]);
        }
        h.update(&buf[..n]);
    }
    let hex = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok((hex, head))
}

/// Files skipped without a word: hidden files and the desktop's own.
fn ignored(name: &str) -> bool {
    name.starts_with('.') || name.eq_ignore_ascii_case("Thumbs.db") || name == "desktop.ini"
}

fn walk(root: &Path, rel: &str, out: &mut Vec<(String, PathBuf)>) -> Result<(), ImportError> {
    let dir = if rel.is_empty() {
        root.to_path_buf()
    } else {
        root.join(rel)
    };
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .map_err(read_err(&dir))?
        .collect::<Result<_, _>>()
        .map_err(read_err(&dir))?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if ignored(&name) {
            continue;
        }
        let path = e.path();
        let r = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        if path.is_dir() {
            walk(root, &r, out)?;
        } else if path.is_file() {
            out.push((r, path));
        }
    }
    Ok(())
}

/// Reads `folder` (recursively, in name order) and matches its files against the
/// round in `dir`; with no error, the new `round.toml` text. Writes nothing.
pub fn plan_material_import(dir: &Path, folder: &Path) -> Result<MaterialImport, ImportError> {
    let loaded = load_round(dir)?;
    let mut found = Vec::new();
    walk(folder, "", &mut found)?;
    let mut files = Vec::new();
    for (rel, path) in &found {
        let len = fs::metadata(path).map_err(read_err(path))?.len();
        let (hash, head) = if len > MAX_MATERIAL_BYTES {
            (String::new(), Vec::new())
        } else {
            hash_file(path)?
        };
        files.push(FolderFile {
            path: rel.clone(),
            format: sniff(&head),
            too_large: len > MAX_MATERIAL_BYTES,
            hash,
        });
    }
    let mut existing = Vec::new();
    for m in &loaded.round.materials {
        existing.push(
            hash_file(&dir.join("materials").join(&m.file))
                .ok()
                .map(|h| h.0),
        );
    }
    let plan = plan_materials(&loaded.round, &loaded.template, &files, &existing);
    let round_toml = if plan.errors() == 0 {
        let path = dir.join("round.toml");
        let old = fs::read_to_string(&path).map_err(read_err(&path))?;
        let new = extend_tables(
            &path,
            &old,
            "material",
            &loaded.round.materials,
            &plan.materials,
            set_fields,
        )?;
        let mut expected = loaded.round.clone();
        expected.materials = plan.materials.clone();
        reads_back_as(dir, &path, &new, &expected)?;
        Some(new)
    } else {
        None
    };
    Ok(MaterialImport {
        folder: folder.to_path_buf(),
        template_requires: !loaded.template.required_materials.is_empty(),
        plan,
        round_toml,
    })
}

/// Copies a plan's accepted files into `dir/materials/` and writes its
/// `round.toml`; refuses a plan with errors. Every file is copied under a
/// temporary name first; only when all are copied are they renamed and the round
/// written, and on a failure the temporary files are removed.
pub fn write_material_import(dir: &Path, import: &MaterialImport) -> Result<(), ImportError> {
    let Some(text) = &import.round_toml else {
        return Err(ImportError::HasErrors(import.plan.errors()));
    };
    let target_dir = dir.join("materials");
    fs::create_dir_all(&target_dir).map_err(read_err(&target_dir))?;
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let cleanup = |staged: &[(PathBuf, PathBuf)]| {
        for (tmp, _) in staged {
            let _ = fs::remove_file(tmp);
        }
    };
    for (i, a) in import.plan.accepted.iter().enumerate() {
        let target = target_dir.join(&a.material.file);
        let tmp = target_dir.join(format!(".import-{}-{i}.tmp", std::process::id()));
        let from = import.folder.join(&a.path);
        if let Err(source) = fs::copy(&from, &tmp) {
            let _ = fs::remove_file(&tmp);
            cleanup(&staged);
            return Err(ImportError::Write { path: tmp, source });
        }
        staged.push((tmp, target));
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
    write_atomically(&dir.join("round.toml"), text.as_bytes())
}

/// Plans and, without errors, writes. The plan is returned either way.
pub fn import_materials(dir: &Path, folder: &Path) -> Result<MaterialImport, ImportError> {
    let import = plan_material_import(dir, folder)?;
    if import.round_toml.is_some() {
        write_material_import(dir, &import)?;
    }
    Ok(import)
}

/// Records (or, with an empty `reason`, removes) a material's `stale_reason`
/// (过期说明) in `dir/round.toml`, editing only that material's table.
pub fn set_stale_reason(dir: &Path, material: &str, reason: &str) -> Result<(), ImportError> {
    let loaded = load_round(dir)?;
    let mut after = loaded.round.materials.clone();
    let m = after
        .iter_mut()
        .find(|m| m.id == material)
        .ok_or_else(|| ImportError::Edit {
            path: dir.join("round.toml"),
            message: format!("no material `{material}` in the round"),
        })?;
    let reason = reason.trim();
    m.stale_reason = (!reason.is_empty()).then(|| reason.to_owned());
    let path = dir.join("round.toml");
    let old = fs::read_to_string(&path).map_err(read_err(&path))?;
    let new = extend_tables(
        &path,
        &old,
        "material",
        &loaded.round.materials,
        &after,
        set_fields,
    )?;
    let mut expected = loaded.round.clone();
    expected.materials = after.clone();
    reads_back_as(dir, &path, &new, &expected)?;
    write_atomically(&path, new.as_bytes())
}

fn set_fields(t: &mut Table, before: Option<&Material>, m: &Material) {
    // Only what changed is rewritten, so untouched lines keep their comments.
    if before.is_none_or(|b| b.id != m.id) {
        t["id"] = value(m.id.as_str());
    }
    if before.is_none_or(|b| b.applicant != m.applicant) {
        t["applicant"] = value(m.applicant.as_str());
    }
    if before.is_none_or(|b| b.kind != m.kind) {
        let kind = serde_json_kind(m);
        t["kind"] = value(kind);
    }
    if before.is_none_or(|b| b.title != m.title) {
        t["title"] = value(m.title.as_str());
    }
    if before.is_none_or(|b| b.file != m.file) {
        t["file"] = value(m.file.as_str());
    }
    if before.is_none_or(|b| b.issued != m.issued) {
        match m.issued {
            Some(d) => t["issued"] = value(d.to_string()),
            None => {
                t.remove("issued");
            }
        }
    }
    if before.is_none_or(|b| b.stale_reason != m.stale_reason) {
        match &m.stale_reason {
            Some(r) => t["stale_reason"] = value(r.as_str()),
            None => {
                t.remove("stale_reason");
            }
        }
    }
}

/// The kind's snake_case name as the round file spells it.
fn serde_json_kind(m: &Material) -> String {
    #[derive(serde::Serialize)]
    struct K {
        kind: reviewdesk_core::MaterialKind,
    }
    let s = toml::to_string(&K { kind: m.kind }).unwrap_or_default();
    s.trim()
        .trim_start_matches("kind = ")
        .trim_matches('"')
        .to_owned()
}
