//! The package family (`reviewdesk-family/1`): the per-expert packages sealed with a
//! whole-round package. Experts score against their own package, which holds only
//! their applicants; the chair holds the whole round. The whole package's `family`
//! entry (signed and encrypted like every entry) names each expert's package id and
//! manifest hash, so the chair can check a sheet bound to a per-expert package: it
//! is accepted only from the expert that package was sealed for.

use crate::package::PackageId;
use crate::text::{hex, is_id, Lines};
use crate::FormatError;

/// The format line.
pub const FAMILY_FORMAT_LINE: &str = "reviewdesk-family/1";
/// At most this many members (one per expert; the roster's own limit is lower).
pub const MAX_FAMILY: u64 = 4_096;

/// One per-expert package of the family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyMember {
    /// The expert the package was sealed for (person id).
    pub expert: String,
    /// The per-expert package's id.
    pub package: PackageId,
    /// SHA-256 of its signed manifest: what that expert's sheets bind to.
    pub manifest_sha256: [u8; 32],
}

/// The per-expert packages sealed with a whole-round package.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Family {
    /// By expert id, ascending, each expert at most once.
    pub members: Vec<FamilyMember>,
}

impl Family {
    /// The entry's text: the format line, `members: N`, then `N` lines
    /// `member: EXPERT PACKAGE-ID MANIFEST-SHA256`, by expert id ascending.
    pub fn to_text(&self) -> String {
        let mut members = self.members.clone();
        members.sort_by(|a, b| a.expert.cmp(&b.expert));
        let mut s = format!("{FAMILY_FORMAT_LINE}\nmembers: {}\n", members.len());
        for m in &members {
            s += &format!(
                "member: {} {} {}\n",
                m.expert,
                m.package,
                hex(&m.manifest_sha256)
            );
        }
        s
    }

    /// Parses the entry (decrypted, its hash checked against the signed index):
    /// `malformed` for a bad line, a member out of order or named twice.
    pub fn parse(text: &[u8]) -> Result<Self, FormatError> {
        let mut lines = Lines::new(text, FAMILY_FORMAT_LINE)?;
        let v = lines.value("members")?;
        let n = lines.number(v, MAX_FAMILY, "members")?;
        let mut members: Vec<FamilyMember> = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let v = lines.value("member")?;
            let mut parts = v.split(' ');
            let (Some(expert), Some(package), Some(hash), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(lines.error("expected `member: EXPERT PACKAGE-ID MANIFEST-SHA256`"));
            };
            if !is_id(expert) {
                return Err(lines.error("expert: 1-48 of A-Z a-z 0-9 _ -"));
            }
            if members.last().is_some_and(|m| m.expert.as_str() >= expert) {
                return Err(lines.error("members are listed by expert id, ascending, once each"));
            }
            let package = PackageId::parse(package)
                .ok_or_else(|| lines.error("package: 32 lowercase hex digits"))?;
            members.push(FamilyMember {
                expert: expert.to_string(),
                package,
                manifest_sha256: lines.sha256(hash)?,
            });
        }
        lines.finish()?;
        Ok(Self { members })
    }

    /// The member with this package id.
    pub fn member(&self, package: &str) -> Option<&FamilyMember> {
        self.members
            .iter()
            .find(|m| m.package.to_string() == package)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(expert: &str, b: u8) -> FamilyMember {
        FamilyMember {
            expert: expert.into(),
            package: PackageId::parse(&hex(&[b; 16])).unwrap(),
            manifest_sha256: [b; 32],
        }
    }

    #[test]
    fn text_round_trips_sorted_by_expert() {
        let f = Family {
            members: vec![member("E02", 2), member("E01", 1)],
        };
        let text = f.to_text();
        assert!(text.starts_with("reviewdesk-family/1\nmembers: 2\nmember: E01 0101"));
        let back = Family::parse(text.as_bytes()).unwrap();
        assert_eq!(back.members, vec![member("E01", 1), member("E02", 2)]);
        assert_eq!(back.member(&hex(&[2; 16])).unwrap().expert, "E02");
        assert!(back.member(&hex(&[3; 16])).is_none());
    }

    #[test]
    fn bad_texts_are_refused_with_the_line() {
        let one = Family {
            members: vec![member("E01", 1)],
        }
        .to_text();
        let twice = one.replace("members: 1", "members: 2") + one.lines().nth(2).unwrap() + "\n";
        for (text, line) in [
            (one.replace("members: 1", "members: 2"), 4),
            (twice, 4),
            (one.replace("E01", "E 1"), 3),
            (one.replace("member: E01 01", "member: E01 zz"), 3),
            (one.clone() + "extra\n", 4),
        ] {
            match Family::parse(text.as_bytes()) {
                Err(FormatError::Malformed { line: l, .. }) => assert_eq!(l, line, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
    }
}
