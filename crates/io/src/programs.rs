//! Program files (`reviewdesk-program/1`, `docs/formats.md` "Program file"): the
//! built-in ones compiled in from `assets/programs/`, one per seed program with a
//! register (000, 001, 003, 004). Each is parsed strictly (unknown fields are
//! refused), validated by `ProgramRules::validate` (every problem with its field
//! path), and checked against the built-in templates it names (templates exist,
//! grade ids are the template's).

use crate::LoadError;
use reviewdesk_core::register::ProgramRules;
use std::path::Path;

/// Built-in program files: (file name, TOML text).
pub const BUILTIN_PROGRAMS: &[(&str, &str)] = &[
    (
        "gx-pool.toml",
        include_str!("../../../assets/programs/gx-pool.toml"),
    ),
    (
        "gd-supplier.toml",
        include_str!("../../../assets/programs/gd-supplier.toml"),
    ),
    (
        "jx-dx-center.toml",
        include_str!("../../../assets/programs/jx-dx-center.toml"),
    ),
    (
        "gd-empowerment.toml",
        include_str!("../../../assets/programs/gd-empowerment.toml"),
    ),
];

/// Parses and validates a program file (`origin` names it in errors), and checks
/// it against the built-in templates.
pub fn parse_program(origin: &Path, text: &str) -> Result<ProgramRules, LoadError> {
    let p: ProgramRules = toml::from_str(text).map_err(|e| LoadError::Parse {
        path: origin.to_path_buf(),
        message: e.to_string(),
        line: crate::error::toml_line(text, &e),
    })?;
    let mut problems = p.validate().err().unwrap_or_default();
    problems.extend(p.check_templates(&crate::templates::builtin()?));
    if !problems.is_empty() {
        return Err(LoadError::Parse {
            path: origin.to_path_buf(),
            message: format!(
                "{} problem(s):\n{}",
                problems.len(),
                problems
                    .iter()
                    .map(|p| format!("  - {p}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            line: None,
        });
    }
    Ok(p)
}

/// Every built-in program, parsed and checked.
pub fn builtin_programs() -> Result<Vec<ProgramRules>, LoadError> {
    BUILTIN_PROGRAMS
        .iter()
        .map(|(name, text)| parse_program(&Path::new("assets/programs").join(name), text))
        .collect()
}

/// The built-in programs fed by rounds of this template.
pub fn programs_of_template(template: &str) -> Result<Vec<ProgramRules>, LoadError> {
    Ok(builtin_programs()?
        .into_iter()
        .filter(|p| p.records(template).is_some())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_program_file_loads_and_names_real_templates_and_grades() {
        let files: Vec<String> = std::fs::read_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/programs"
        ))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
        assert_eq!(
            files.len(),
            BUILTIN_PROGRAMS.len(),
            "every file in assets/programs is built in"
        );
        let programs = builtin_programs().unwrap();
        let ids: Vec<&str> = programs.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            ["gx-pool", "gd-supplier", "jx-dx-center", "gd-empowerment"]
        );
        for (name, _) in BUILTIN_PROGRAMS {
            assert!(
                ids.contains(&name.trim_end_matches(".toml")),
                "{name} is named by its id"
            );
        }
    }

    #[test]
    fn a_grade_the_template_lacks_is_refused_with_its_path() {
        let text = BUILTIN_PROGRAMS[1].1.replace(
            "recommended = [\"excellent\"]",
            "recommended = [\"outstanding\"]",
        );
        let e = parse_program(Path::new("x.toml"), &text).unwrap_err();
        assert!(
            e.to_string().contains(
                "grades.recommended[0]: template gd-supplier-evaluation has no grade outstanding"
            ),
            "{e}"
        );
        let text = BUILTIN_PROGRAMS[0].1.replace(
            "article = \"第六条\"",
            "article = \"第六条\"\nweekly = true",
        );
        assert!(parse_program(Path::new("x.toml"), &text).is_err());
    }

    #[test]
    fn rounds_of_a_template_feed_its_programs() {
        let ids = |t: &str| -> Vec<String> {
            programs_of_template(t)
                .unwrap()
                .into_iter()
                .map(|p| p.id)
                .collect()
        };
        assert_eq!(ids("gd-supplier-recognition"), ["gd-supplier"]);
        assert_eq!(ids("jx-dx-center"), ["jx-dx-center"]);
        assert!(ids("gd-pool-2021").is_empty());
    }
}
