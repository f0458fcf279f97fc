//! Errors from reading files.

use reviewdesk_core::RoundProblem;
use std::path::PathBuf;

/// Why a round folder or template could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The folder or a file in it could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A TOML file is not well-formed or does not have the expected fields.
    #[error("{path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// Line, column, field and what is wrong, as the parser reports it.
        message: String,
    },
    /// The file parsed but its content is inconsistent.
    #[error("{path}: {} problem(s):\n{}", problems.len(), problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Every problem found, each with its field path.
        problems: Vec<RoundProblem>,
    },
    /// The round names a template that is neither built in nor in the folder.
    #[error("{path}: program.template: no template '{id}' (built-in: {known}; or put a template.toml beside round.toml)")]
    UnknownTemplate {
        /// The round file.
        path: PathBuf,
        /// The template id asked for.
        id: String,
        /// The built-in template ids.
        known: String,
    },
    /// A material listed in the round is missing from `materials/`, or too large.
    #[error("{path}: material {id}: {problem}")]
    Material {
        /// The material's file.
        path: PathBuf,
        /// The material's id.
        id: String,
        /// What is wrong.
        problem: String,
    },
}
