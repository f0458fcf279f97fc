//! The one IPC error: `{code, message}`. The UI branches on `code`, never on the message.

use reviewdesk_io::LoadError;
use serde::Serialize;
use ts_rs::TS;

/// Stable, machine-readable error codes. Serialized in `snake_case`; the JSON of
/// every variant is pinned by a test, because the UI depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// A file or folder could not be read.
    NotReadable,
    /// A file is not well-formed (syntax, missing or unknown fields).
    Malformed,
    /// A file is well-formed but its content is inconsistent.
    Invalid,
    /// A referenced template is not known.
    UnknownTemplate,
    /// A material is missing or unacceptable.
    BadMaterial,
    /// No round is open.
    NoRound,
    /// A bug: something that should not happen.
    Internal,
}

/// The error every command returns to the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    /// What kind of failure, for the UI to choose a screen.
    pub code: ErrorCode,
    /// A human-readable description: what is wrong and where.
    pub message: String,
}

impl IpcError {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError {
            code,
            message: message.into(),
        }
    }
}

impl From<LoadError> for IpcError {
    fn from(e: LoadError) -> Self {
        let code = match &e {
            LoadError::Read { .. } => ErrorCode::NotReadable,
            LoadError::Parse { .. } => ErrorCode::Malformed,
            LoadError::Invalid { .. } => ErrorCode::Invalid,
            LoadError::UnknownTemplate { .. } => ErrorCode::UnknownTemplate,
            LoadError::Material { .. } => ErrorCode::BadMaterial,
            _ => ErrorCode::Internal,
        };
        IpcError::new(code, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_json_is_pinned() {
        let e = IpcError::new(ErrorCode::Malformed, "round.toml: line 3");
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"malformed","message":"round.toml: line 3"}"#
        );
    }

    #[test]
    fn every_code_has_a_pinned_name() {
        let all = [
            (ErrorCode::NotReadable, "not_readable"),
            (ErrorCode::Malformed, "malformed"),
            (ErrorCode::Invalid, "invalid"),
            (ErrorCode::UnknownTemplate, "unknown_template"),
            (ErrorCode::BadMaterial, "bad_material"),
            (ErrorCode::NoRound, "no_round"),
            (ErrorCode::Internal, "internal"),
        ];
        for (code, name) in all {
            assert_eq!(serde_json::to_value(code).unwrap(), name);
        }
    }

    #[test]
    fn load_errors_map_to_codes() {
        let e = reviewdesk_io::load_round(std::path::Path::new("/nonexistent/round")).unwrap_err();
        assert_eq!(IpcError::from(e).code, ErrorCode::NotReadable);
    }
}
