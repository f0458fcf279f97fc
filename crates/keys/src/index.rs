//! The identity index (`reviewdesk-identities/1`): the names, roles and fingerprints
//! of the identities on this computer — public data only — so `key list` works and a
//! name finds its keyring item (`docs/formats.md`, "Identity index").

use std::io::Write;
use std::path::Path;

use reviewdesk_formats::{is_valid_name, Fingerprint, Role};

use crate::{IdentitySummary, KeyError};

/// The index's format line.
pub const INDEX_FORMAT_LINE: &str = "reviewdesk-identities/1";
/// The index file: "at most 1,048,576 bytes".
pub const MAX_INDEX: u64 = 1_048_576;

/// Reads the index; a missing file is an empty index.
pub fn read(path: &Path) -> Result<Vec<IdentitySummary>, KeyError> {
    let io = |source| KeyError::Index {
        path: path.to_path_buf(),
        source,
    };
    let corrupt = |reason: String| KeyError::Corrupt {
        what: format!("the identity index {}", path.display()),
        reason,
    };
    let len = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(e)),
    };
    if len > MAX_INDEX {
        return Err(corrupt(format!(
            "{len} bytes, over the limit of {MAX_INDEX}"
        )));
    }
    let text = std::fs::read_to_string(path).map_err(io)?;
    parse(&text).map_err(corrupt)
}

/// "Line 1 is the format line; then one line `identity: ROLE FINGERPRINT NAME` per
/// identity, in the order they were added (the name is the rest of the line, so it
/// may hold spaces); names unique; a final LF."
fn parse(text: &str) -> Result<Vec<IdentitySummary>, String> {
    let body = text
        .strip_suffix('\n')
        .ok_or("does not end in a line feed")?;
    let mut lines = body.split('\n').enumerate();
    if lines.next().map(|(_, l)| l) != Some(INDEX_FORMAT_LINE) {
        return Err(format!("line 1: expected {INDEX_FORMAT_LINE}"));
    }
    let mut out: Vec<IdentitySummary> = Vec::new();
    for (i, line) in lines {
        let n = i + 1;
        let rest = line.strip_prefix("identity: ").ok_or(format!(
            "line {n}: expected `identity: ROLE FINGERPRINT NAME`"
        ))?;
        let mut parts = rest.splitn(3, ' ');
        let (role, fp, name) = match (parts.next(), parts.next(), parts.next()) {
            (Some(r), Some(f), Some(n)) => (r, f, n),
            _ => {
                return Err(format!(
                    "line {n}: expected `identity: ROLE FINGERPRINT NAME`"
                ))
            }
        };
        let role = Role::parse(role).ok_or(format!("line {n}: unknown role {role:?}"))?;
        let fingerprint =
            Fingerprint::parse(fp).ok_or(format!("line {n}: not a fingerprint: {fp:?}"))?;
        if !is_valid_name(name) {
            return Err(format!("line {n}: name not allowed: {name:?}"));
        }
        if out.iter().any(|s| s.name == name) {
            return Err(format!("line {n}: the name {name:?} appears twice"));
        }
        out.push(IdentitySummary {
            name: name.into(),
            role,
            fingerprint,
        });
    }
    Ok(out)
}

/// The index's text.
fn render(entries: &[IdentitySummary]) -> String {
    let mut s = format!("{INDEX_FORMAT_LINE}\n");
    for e in entries {
        s.push_str(&format!(
            "identity: {} {} {}\n",
            e.role.as_str(),
            e.fingerprint,
            e.name
        ));
    }
    s
}

/// Writes the index whole: to a temporary file beside it, then renamed over it, so
/// a crash leaves the old index or the new one. Creates the directory if needed.
pub fn write(path: &Path, entries: &[IdentitySummary]) -> Result<(), KeyError> {
    let io = |source| KeyError::Index {
        path: path.to_path_buf(),
        source,
    };
    let dir = path.parent().ok_or_else(|| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "no parent directory",
        ))
    })?;
    std::fs::create_dir_all(dir).map_err(io)?;
    let tmp = path.with_extension("tmp");
    let mut f = std::fs::File::create(&tmp).map_err(io)?;
    f.write_all(render(entries).as_bytes()).map_err(io)?;
    f.sync_all().map_err(io)?;
    drop(f);
    std::fs::rename(&tmp, path).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(name: &str, role: Role) -> IdentitySummary {
        IdentitySummary {
            name: name.into(),
            role,
            fingerprint: Fingerprint::parse(&format!("SHA256:{}", "A".repeat(43))).unwrap(),
        }
    }

    #[test]
    fn round_trips_names_with_spaces_and_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/identities");
        assert_eq!(read(&path).unwrap(), vec![]);
        let entries = vec![
            summary("王小明", Role::Expert),
            summary("Li Si Jr.", Role::Organizer),
        ];
        write(&path, &entries).unwrap();
        assert_eq!(read(&path).unwrap(), entries);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("reviewdesk-identities/1\nidentity: expert SHA256:"));
    }

    #[test]
    fn refuses_what_it_did_not_write() {
        let fp = format!("SHA256:{}", "A".repeat(43));
        for bad in [
            "".to_string(),
            "reviewdesk-identities/2\n".to_string(),
            "reviewdesk-identities/1".to_string(),
            format!("reviewdesk-identities/1\nidentity: admin {fp} A\n"),
            "reviewdesk-identities/1\nidentity: expert SHA256:x A\n".to_string(),
            format!("reviewdesk-identities/1\nidentity: expert {fp}\n"),
            format!("reviewdesk-identities/1\nidentity: expert {fp} A\nidentity: chair {fp} A\n"),
            format!("reviewdesk-identities/1\nidentity: expert {fp}  A\n"),
        ] {
            assert!(parse(&bad).is_err(), "{bad:?}");
        }
    }
}
