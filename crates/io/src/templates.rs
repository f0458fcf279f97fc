//! The built-in templates, compiled into the binary from `assets/templates/`, so
//! that a round can name one by id wherever the program runs.

use crate::LoadError;
use reviewdesk_core::Template;
use std::path::Path;

/// Built-in template sources: (file name, TOML text).
pub const BUILTIN: &[(&str, &str)] = &[(
    "gd-supplier-recognition.toml",
    include_str!("../../../assets/templates/gd-supplier-recognition.toml"),
)];

/// Parses a template from TOML text; `origin` names the file in errors.
pub fn parse_template(origin: &Path, text: &str) -> Result<Template, LoadError> {
    toml::from_str(text).map_err(|e| LoadError::Parse {
        path: origin.to_path_buf(),
        message: e.to_string(),
    })
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
