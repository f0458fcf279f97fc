//! Reading a round folder.

use crate::templates::{builtin, builtin_by_id, parse_template};
use crate::LoadError;
use reviewdesk_core::{Round, Template, WorkdayCalendar};
use std::fs;
use std::path::{Path, PathBuf};

/// Largest material file accepted, in bytes (200 MiB).
pub const MAX_MATERIAL_BYTES: u64 = 200 * 1024 * 1024;

/// A round read from disk and validated against its template.
#[derive(Debug, Clone)]
pub struct LoadedRound {
    /// The folder it came from.
    pub dir: PathBuf,
    /// The round.
    pub round: Round,
    /// Its template.
    pub template: Template,
    /// The working-day calendar sealing writes into the round's packages (entry
    /// `calendar`): the shipped one as loaded; a shell that keeps added years
    /// (the organizer's workspace) sets the round's calendar before sealing.
    pub calendar: WorkdayCalendar,
}

fn read_text(path: &Path) -> Result<String, LoadError> {
    fs::read_to_string(path).map_err(|source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// The demo round shipped in `assets/demo` of the source tree: for tests, examples
/// and development builds only — a release build has no source path compiled in
/// and finds the demo through [`find_demo_round`].
#[cfg(debug_assertions)]
pub fn demo_round_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo");
    dir.canonicalize().unwrap_or(dir)
}

/// The bundled demo round: `demo/` in the first of `resource_dirs` that holds a
/// `round.toml` (an installed app's resource directory); in a development build,
/// else the source tree's `assets/demo`.
pub fn find_demo_round(resource_dirs: &[PathBuf]) -> Option<PathBuf> {
    resource_dirs
        .iter()
        .map(|d| d.join("demo"))
        .find(|d| d.join("round.toml").is_file())
        .or_else(source_demo_round)
}

#[cfg(debug_assertions)]
fn source_demo_round() -> Option<PathBuf> {
    Some(demo_round_dir())
}

#[cfg(not(debug_assertions))]
fn source_demo_round() -> Option<PathBuf> {
    None
}

/// Parses a round from its TOML text with its template — `template` is the text of
/// a template file shipped with the round (e.g. a package's `template` entry), or
/// `None` for the built-in template the round names — and validates the round
/// against it. `origin` names the round file in errors.
pub fn parse_round(
    origin: &Path,
    text: &str,
    template: Option<(&Path, &str)>,
) -> Result<(Round, Template), LoadError> {
    let round: Round = toml::from_str(text).map_err(|e| LoadError::Parse {
        path: origin.to_path_buf(),
        message: e.to_string(),
        line: crate::error::toml_line(text, &e),
    })?;
    let template = match template {
        Some((path, text)) => parse_template(path, text)?,
        None => {
            builtin_by_id(&round.program.template)?.ok_or_else(|| LoadError::UnknownTemplate {
                path: origin.to_path_buf(),
                id: round.program.template.clone(),
                known: builtin()
                    .map(|ts| {
                        ts.iter()
                            .map(|t| t.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default(),
            })?
        }
    };
    round
        .validate(&template)
        .map_err(|problems| LoadError::Invalid {
            path: origin.to_path_buf(),
            problems,
        })?;
    Ok((round, template))
}

/// Reads `dir/round.toml`, its template (`dir/template.toml` or a built-in one)
/// and checks that every material file is present; validates the whole.
pub fn load_round(dir: &Path) -> Result<LoadedRound, LoadError> {
    let round_path = dir.join("round.toml");
    let local = dir.join("template.toml");
    let local_text = if local.is_file() {
        Some(read_text(&local)?)
    } else {
        None
    };
    let (round, template) = parse_round(
        &round_path,
        &read_text(&round_path)?,
        local_text.as_deref().map(|t| (local.as_path(), t)),
    )?;

    for m in &round.materials {
        // validate() has checked the name is plain, so joining cannot leave the folder.
        let path = dir.join("materials").join(&m.file);
        let meta = fs::metadata(&path).map_err(|e| LoadError::Material {
            path: path.clone(),
            id: m.id.clone(),
            problem: format!("cannot read the file: {e}"),
        })?;
        if !meta.is_file() || meta.len() > MAX_MATERIAL_BYTES {
            return Err(LoadError::Material {
                path,
                id: m.id.clone(),
                problem: format!("must be a regular file of at most {MAX_MATERIAL_BYTES} bytes"),
            });
        }
    }

    Ok(LoadedRound {
        dir: dir.to_path_buf(),
        round,
        template,
        calendar: WorkdayCalendar::official(),
    })
}

/// What would block sealing the round in its folder ([`reviewdesk_core::check_sealing`]),
/// the panel's key cards looked up in its `cards/` folder.
pub fn sealing_blockers(loaded: &LoadedRound) -> Vec<reviewdesk_core::Blocker> {
    let cards = loaded.dir.join("cards");
    reviewdesk_core::check_sealing(&loaded.round, &loaded.template, |id| {
        cards.join(format!("{id}.card")).is_file()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reviewdesk_core::RoundProblemKind;

    #[test]
    fn the_demo_round_loads() {
        let loaded = load_round(&demo_round_dir()).expect("demo round loads");
        assert_eq!(loaded.round.applicants.len(), 8);
        assert_eq!(loaded.round.panel.experts.len(), 5);
        assert!(!loaded.round.recusal_requests.is_empty());
        assert_eq!(loaded.template.id, loaded.round.program.template);
    }

    fn demo_copy() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let src = demo_round_dir();
        fs::copy(src.join("round.toml"), tmp.path().join("round.toml")).unwrap();
        fs::create_dir(tmp.path().join("materials")).unwrap();
        for e in fs::read_dir(src.join("materials")).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), tmp.path().join("materials").join(e.file_name())).unwrap();
        }
        tmp
    }

    #[test]
    fn a_missing_material_is_named() {
        let tmp = demo_copy();
        let round: Round =
            toml::from_str(&fs::read_to_string(tmp.path().join("round.toml")).unwrap()).unwrap();
        let first = &round.materials[0];
        fs::remove_file(tmp.path().join("materials").join(&first.file)).unwrap();
        let err = load_round(tmp.path()).unwrap_err();
        assert!(
            matches!(&err, LoadError::Material { id, .. } if *id == first.id),
            "{err}"
        );
    }

    #[test]
    fn a_syntax_error_names_the_file_and_line() {
        let tmp = demo_copy();
        let p = tmp.path().join("round.toml");
        let text = fs::read_to_string(&p)
            .unwrap()
            .replacen("id = ", "id == ", 1);
        fs::write(&p, text).unwrap();
        let err = load_round(tmp.path()).unwrap_err().to_string();
        assert!(err.contains("round.toml") && err.contains("line"), "{err}");
    }

    #[test]
    fn a_dangling_reference_is_reported_with_its_path() {
        let tmp = demo_copy();
        let p = tmp.path().join("round.toml");
        let text = fs::read_to_string(&p).unwrap();
        let text = text.replacen("expert = \"E01\"", "expert = \"E99\"", 1);
        fs::write(&p, text).unwrap();
        match load_round(tmp.path()).unwrap_err() {
            LoadError::Invalid { problems, .. } => {
                assert!(problems.iter().any(|p| p.path.ends_with(".expert")
                    && p.kind == RoundProblemKind::UnknownExpert("E99".into())));
            }
            other => panic!("expected Invalid, got {other}"),
        }
    }

    #[test]
    fn an_unknown_template_lists_the_known_ones() {
        let tmp = demo_copy();
        let p = tmp.path().join("round.toml");
        let text = fs::read_to_string(&p).unwrap();
        let re = text.replacen(
            "template = \"gd-supplier-recognition\"",
            "template = \"nope\"",
            1,
        );
        assert_ne!(text, re);
        fs::write(&p, re).unwrap();
        let err = load_round(tmp.path()).unwrap_err().to_string();
        assert!(
            err.contains("nope") && err.contains("gd-supplier-recognition"),
            "{err}"
        );
    }
}
