//! The CLI's error: what went wrong, and the exit code it maps to.

use reviewdesk_io::LoadError;

/// Anything a subcommand can fail with.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A round folder could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
}

impl CliError {
    /// Exit code: 2 is clap's for bad arguments; 1 for bad input files.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Load(_) => 1,
        }
    }
}
