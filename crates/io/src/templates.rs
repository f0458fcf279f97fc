//! Templates from disk and the built-in ones, compiled into the binary from
//! `assets/templates/`, so that a round can name one by id wherever the program
//! runs. Every template is validated on load; errors name the file, and the
//! field path (toml's own key path and line for syntax and type errors,
//! `Template::validate`'s paths such as `stage[1].weight` for rule errors).

use crate::LoadError;
use reviewdesk_core::Template;
use std::path::Path;

/// Built-in template sources: (file name, TOML text), one per seed program.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "gx-pool-assessment.toml",
        include_str!("../../../assets/templates/gx-pool-assessment.toml"),
    ),
    (
        "gd-supplier-recognition.toml",
        include_str!("../../../assets/templates/gd-supplier-recognition.toml"),
    ),
    (
        "gd-supplier-evaluation.toml",
        include_str!("../../../assets/templates/gd-supplier-evaluation.toml"),
    ),
    (
        "gd-pool-2021.toml",
        include_str!("../../../assets/templates/gd-pool-2021.toml"),
    ),
    (
        "jx-dx-center.toml",
        include_str!("../../../assets/templates/jx-dx-center.toml"),
    ),
    (
        "gd-empowerment.toml",
        include_str!("../../../assets/templates/gd-empowerment.toml"),
    ),
];

/// Parses and validates a template from TOML text; `origin` names the file in errors.
pub fn parse_template(origin: &Path, text: &str) -> Result<Template, LoadError> {
    let t: Template = toml::from_str(text).map_err(|e| LoadError::Parse {
        path: origin.to_path_buf(),
        message: e.to_string(),
        line: crate::error::toml_line(text, &e),
    })?;
    t.validate()
        .map_err(|problems| LoadError::TemplateInvalid {
            path: origin.to_path_buf(),
            problems,
        })?;
    Ok(t)
}

/// Reads, parses and validates a template file.
pub fn load_template(path: &Path) -> Result<Template, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse_template(path, &text)
}

/// Every built-in template, parsed.
pub fn builtin() -> Result<Vec<Template>, LoadError> {
    BUILTIN
        .iter()
        .map(|(name, text)| parse_template(&Path::new("assets/templates").join(name), text))
        .collect()
}

/// The built-in template with this id.
pub fn builtin_by_id(id: &str) -> Result<Option<Template>, LoadError> {
    Ok(builtin()?.into_iter().find(|t| t.id == id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_loads_and_validates() {
        let all = builtin().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(all.len(), BUILTIN.len());
        let mut ids: Vec<&str> = all.iter().map(|t| t.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), BUILTIN.len(), "template ids are unique");
    }

    #[test]
    fn a_rule_error_names_the_file_and_the_field() {
        let text = BUILTIN[1].1.replace("weight = \"40\"", "weight = \"30\"");
        let e = parse_template(Path::new("x.toml"), &text)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.toml: 1 problem(s)"), "{e}");
        assert!(
            e.contains("stage: the weights of the score stages sum to 90, not 100"),
            "{e}"
        );
    }

    #[test]
    fn a_type_error_names_the_line_and_the_key() {
        let text = BUILTIN[1].1.replace("decimals = 2", "decimals = \"two\"");
        let e = parse_template(Path::new("x.toml"), &text)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.toml: "), "{e}");
        assert!(e.contains("decimals"), "{e}");
    }
}
