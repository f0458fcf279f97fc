//! The re-check request (`reviewdesk-recheck/1`, `NAME.rdrecheck`): the chair asks
//! one expert to re-check scores far from the others (复核). A signed text, namespace
//! `reviewdesk-recheck@v1`, signed by the package's chair, bound to the package the
//! expert holds, encrypted to that expert and the chair (`docs/formats.md`,
//! "Re-check request").

use sha2::{Digest, Sha256};

use crate::age_file::{self, Identity, Recipient};
use crate::keycard::Role;
use crate::sheet::PackageBinding;
use crate::signature::{verify_signed_text, Fingerprint, Namespace, Signer, Trusted};
use crate::text::{hex, is_id, Lines, MAX_LINE};
use crate::FormatError;

/// The format line.
pub const RECHECK_FORMAT_LINE: &str = "reviewdesk-recheck/1";
/// "its plaintext is a signed text … at most 1,048,576 bytes"
pub const MAX_RECHECK: u64 = 1_048_576;
/// The largest request file (age file of at most [`MAX_RECHECK`] bytes); a reader
/// refuses a larger one before reading it (`too_large`).
pub const MAX_RECHECK_FILE: u64 = age_file::max_age_file(MAX_RECHECK);
/// "`flags` … 1 ≤ `N` ≤ 4,096"
pub const MAX_RECHECK_FLAGS: u64 = 4096;
/// What `INDICATOR` is for a flag on the stage total: "`*` is never an id".
pub const STAGE_TOTAL: &str = "*";

/// One flagged cell: the expert's value, the mean of the others, the distance
/// (exact decimals as text) and the chair's note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecheckFlag {
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// Indicator id; `None` for a flag on the stage total.
    pub indicator: Option<String>,
    /// The expert's value, a normalized decimal.
    pub value: String,
    /// The mean of the other valid experts' values.
    pub mean_of_others: String,
    /// |value − mean_of_others|.
    pub distance: String,
    /// The chair's note (empty: none).
    pub note: String,
}

impl RecheckFlag {
    /// The sort key of the `flag` lines: `APPLICANT STAGE INDICATOR`.
    fn key(&self) -> String {
        format!(
            "{} {} {}",
            self.applicant,
            self.stage,
            self.indicator.as_deref().unwrap_or(STAGE_TOTAL)
        )
    }
}

/// A verified re-check request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recheck {
    /// The package id it is bound to (the expert's package).
    pub package: String,
    /// SHA-256 of that package's signed manifest.
    pub manifest_sha256: [u8; 32],
    /// The round's id.
    pub round: String,
    /// The chair's fingerprint (the key that signed).
    pub chair: Fingerprint,
    /// The expert it is for (person id).
    pub expert: String,
    /// The chair's sequence number for this expert, from 1.
    pub sequence: u32,
    /// The flagged cells, in the order of their `flag` lines.
    pub flags: Vec<RecheckFlag>,
    /// SHA-256 of the signed plaintext.
    pub sha256: [u8; 32],
}

/// What the chair's desk puts in a request.
#[derive(Debug, Clone)]
pub struct RecheckContent<'a> {
    /// The expert it is for.
    pub expert: &'a str,
    /// The sequence number: higher than every earlier one to this expert.
    pub sequence: u32,
    /// The flags (sorted by the writer).
    pub flags: &'a [RecheckFlag],
}

/// "`0` or digits without a leading zero, optionally `.` and digits not ending in
/// `0` … at most 28 digits after the point and 29 in all".
pub fn is_canonical_decimal(v: &str) -> bool {
    let (int, frac) = match v.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (v, None),
    };
    let int_ok = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && (int == "0" || !int.starts_with('0'));
    let frac_ok = match frac {
        None => true,
        Some(f) => {
            !f.is_empty()
                && f.len() <= 28
                && f.bytes().all(|b| b.is_ascii_digit())
                && !f.ends_with('0')
        }
    };
    int_ok && frac_ok && int.len() + frac.map_or(0, str::len) <= 29
}

/// "the chair's note … 1–1,000 bytes of text": no control character, no leading or
/// trailing white space.
fn is_note(v: &str) -> bool {
    (1..=1000).contains(&v.len()) && !v.chars().any(char::is_control) && v.trim() == v
}

/// The package a request to `expert` is bound to: "the per-expert package of the
/// chair's package family … when it has one, else the chair's package itself".
fn target(binding: &PackageBinding, expert: &str) -> (String, [u8; 32]) {
    match binding.family.iter().find(|m| m.expert == expert) {
        Some(m) => (m.package.to_string(), m.manifest_sha256),
        None => (binding.package.to_string(), binding.manifest_sha256),
    }
}

impl Recheck {
    /// Signs a request as the package's chair and encrypts it to the expert and the
    /// chair: the file as it goes on disk. The flags are written in their canonical
    /// order; two flags on one cell, a bad id or decimal, or a note that is not one
    /// line of text are `unwritable`.
    pub fn write(
        content: &RecheckContent<'_>,
        binding: &PackageBinding,
        signer: &Signer,
    ) -> Result<Vec<u8>, FormatError> {
        let unwritable = |m: String| Err(FormatError::Unwritable(m));
        let fp = signer.fingerprint();
        if !binding
            .roster
            .iter()
            .any(|r| r.role == Role::Chair && r.fingerprint == fp)
        {
            return unwritable(format!("{fp} is not the package's chair"));
        }
        let Some(expert) = binding
            .roster
            .iter()
            .find(|r| r.role == Role::Expert && r.person == content.expert)
        else {
            return unwritable(format!("no expert {:?} on the roster", content.expert));
        };
        if content.sequence == 0 {
            return unwritable("the sequence starts at 1".into());
        }
        if content.flags.is_empty() || content.flags.len() as u64 > MAX_RECHECK_FLAGS {
            return unwritable(format!("{} flags (1-4,096 allowed)", content.flags.len()));
        }
        let mut flags: Vec<&RecheckFlag> = content.flags.iter().collect();
        flags.sort_by_key(|f| f.key());
        let mut lines = String::new();
        for (i, f) in flags.iter().enumerate() {
            if i > 0 && flags[i - 1].key() == f.key() {
                return unwritable(format!("cell {} flagged twice", f.key()));
            }
            let ids_ok =
                is_id(&f.applicant) && is_id(&f.stage) && f.indicator.as_deref().is_none_or(is_id);
            let decimals_ok = [&f.value, &f.mean_of_others, &f.distance]
                .iter()
                .all(|d| is_canonical_decimal(d));
            if !ids_ok || !decimals_ok {
                return unwritable(format!(
                    "flag {} {} {} {}: bad id or decimal",
                    f.key(),
                    f.value,
                    f.mean_of_others,
                    f.distance
                ));
            }
            lines.push_str(&format!(
                "flag: {} {} {} {}\n",
                f.key(),
                f.value,
                f.mean_of_others,
                f.distance
            ));
            if !f.note.is_empty() {
                if !is_note(&f.note) || f.note.len() + "note: ".len() > MAX_LINE {
                    return unwritable(format!(
                        "the note on {} is not one line of 1-1,000 bytes of text",
                        f.key()
                    ));
                }
                lines.push_str(&format!("note: {}\n", f.note));
            }
        }
        let (package, manifest) = target(binding, content.expert);
        let body = format!(
            "{RECHECK_FORMAT_LINE}\npackage: {package}\nmanifest: {}\nround: {}\nchair: {fp}\nexpert: {}\nsequence: {}\nflags: {}\n{lines}",
            hex(&manifest),
            binding.round,
            content.expert,
            content.sequence,
            flags.len(),
        );
        let signed = signer.sign_text(Namespace::Recheck, body.as_bytes())?;
        if signed.len() as u64 > MAX_RECHECK {
            return unwritable("the request is over 1 MiB".into());
        }
        let recipients: Vec<Recipient> = binding
            .roster
            .iter()
            .filter(|r| {
                (r.role == Role::Chair && r.fingerprint == fp)
                    || (r.role == Role::Expert && r.person == expert.person)
            })
            .map(|r| r.age.clone())
            .collect();
        age_file::encrypt(&signed, &recipients)
    }

    /// Decrypts a request file and verifies it against a package binding (the
    /// expert's package, or the chair's with its family).
    pub fn open(
        file: &[u8],
        identities: &[Identity],
        binding: &PackageBinding,
    ) -> Result<Self, FormatError> {
        if file.len() as u64 > MAX_RECHECK_FILE {
            return Err(FormatError::TooLarge {
                what: "the re-check request file".into(),
                found: file.len() as u64,
                limit: MAX_RECHECK_FILE,
            });
        }
        let plain = age_file::decrypt("re-check request", file, identities, MAX_RECHECK)?;
        Self::verify(&plain, binding)
    }

    /// Verifies a request's signed plaintext: "the signature first against the
    /// roster's `chair` keys …, then `package` and `manifest` must be the binding's
    /// or a family member's whose expert is `expert` (`not_bound`), `round` the
    /// binding's (`not_bound`), `chair` the signer, `expert` a roster expert
    /// (`malformed`)".
    pub fn verify(signed: &[u8], binding: &PackageBinding) -> Result<Self, FormatError> {
        let chairs: Vec<Fingerprint> = binding
            .roster
            .iter()
            .filter(|r| r.role == Role::Chair)
            .map(|r| r.fingerprint.clone())
            .collect();
        crate::text::check_format_line(signed, RECHECK_FORMAT_LINE)?;
        let verified =
            verify_signed_text(signed, Namespace::Recheck, Trusted::Fingerprints(&chairs))?;
        let mut lines = Lines::new(verified.body, RECHECK_FORMAT_LINE)?;
        let package = lines.value("package")?;
        let v = lines.value("manifest")?;
        let manifest = lines.sha256(v)?;
        let this = package == binding.package.to_string() && manifest == binding.manifest_sha256;
        let member = binding
            .family
            .iter()
            .find(|m| m.package.to_string() == package && m.manifest_sha256 == manifest);
        if !this && member.is_none() {
            return Err(FormatError::NotBound {
                expected: binding.package.to_string(),
                found: package.chars().take(64).collect(),
            });
        }
        let round = lines.value("round")?;
        if round != binding.round {
            return Err(FormatError::NotBound {
                expected: format!("round {}", binding.round),
                found: format!("round {}", round.chars().take(64).collect::<String>()),
            });
        }
        let chair = lines.value("chair")?;
        let signed_by = verified.fingerprint();
        if chair != signed_by.as_str() {
            return Err(FormatError::SignerMismatch {
                named: chair.chars().take(64).collect(),
                signed: signed_by.to_string(),
            });
        }
        let expert = lines.value("expert")?;
        if !binding
            .roster
            .iter()
            .any(|r| r.role == Role::Expert && r.person == expert)
        {
            return Err(lines.error(format!(
                "expert {:?} is not an expert of the package",
                expert.chars().take(64).collect::<String>()
            )));
        }
        if let Some(m) = member.filter(|m| m.expert != expert) {
            return Err(FormatError::NotBound {
                expected: format!("a request to expert {}", m.expert),
                found: format!(
                    "a request to expert {}",
                    expert.chars().take(64).collect::<String>()
                ),
            });
        }
        let v = lines.value("sequence")?;
        let sequence = lines.number(v, u64::from(u32::MAX), "sequence")? as u32;
        if sequence == 0 {
            return Err(lines.error("the sequence starts at 1"));
        }
        let v = lines.value("flags")?;
        let n = lines.number(v, MAX_RECHECK_FLAGS, "flags")?;
        if n == 0 {
            return Err(lines.error("a request flags at least one cell"));
        }
        let mut flags: Vec<RecheckFlag> = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let v = lines.value("flag")?;
            let mut f = parse_flag(&lines, v)?;
            if flags.last().is_some_and(|prev| prev.key() >= f.key()) {
                return Err(lines.error(
                    "the flags are not in strictly ascending order of APPLICANT STAGE INDICATOR",
                ));
            }
            if lines.next_is("note") {
                let note = lines.value("note")?;
                if !is_note(note) {
                    return Err(lines.error("the note is not 1-1,000 bytes of text"));
                }
                f.note = note.to_owned();
            }
            flags.push(f);
        }
        lines.finish()?;
        Ok(Self {
            package: package.to_owned(),
            manifest_sha256: manifest,
            round: round.to_owned(),
            chair: signed_by,
            expert: expert.to_owned(),
            sequence,
            flags,
            sha256: Sha256::digest(signed).into(),
        })
    }
}

/// `APPLICANT STAGE INDICATOR VALUE MEAN DISTANCE`.
fn parse_flag(lines: &Lines<'_>, v: &str) -> Result<RecheckFlag, FormatError> {
    let parts: Vec<&str> = v.split(' ').collect();
    let [applicant, stage, indicator, value, mean, distance] = parts[..] else {
        return Err(lines.error(
            "expected `flag: APPLICANT STAGE INDICATOR VALUE MEAN DISTANCE` (one space between)",
        ));
    };
    if !is_id(applicant) || !is_id(stage) || !(indicator == STAGE_TOTAL || is_id(indicator)) {
        return Err(lines.error("a flag's applicant, stage or indicator is not an id"));
    }
    for d in [value, mean, distance] {
        if !is_canonical_decimal(d) {
            return Err(lines.error(format!(
                "`{}` is not a normalized decimal",
                d.chars().take(64).collect::<String>()
            )));
        }
    }
    Ok(RecheckFlag {
        applicant: applicant.to_owned(),
        stage: stage.to_owned(),
        indicator: (indicator != STAGE_TOTAL).then(|| indicator.to_owned()),
        value: value.to_owned(),
        mean_of_others: mean.to_owned(),
        distance: distance.to_owned(),
        note: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_have_one_spelling() {
        for ok in ["0", "9.5", "78", "6.333333333333333333333333333", "0.25"] {
            assert!(is_canonical_decimal(ok), "{ok}");
        }
        for bad in [
            "",
            "9.50",
            "09.5",
            ".5",
            "5.",
            "-1",
            "1e1",
            "+1",
            "1.0",
            "00",
            " 1",
            "0.00000000000000000000000000001",
            "123456789012345678901234567890",
        ] {
            assert!(!is_canonical_decimal(bad), "{bad}");
        }
    }

    fn person(id: &str, role: Role, s: &Signer, age: &Identity) -> crate::IndexRecipient {
        crate::IndexRecipient {
            person: id.into(),
            role,
            fingerprint: s.fingerprint(),
            age: age.to_public(),
        }
    }

    fn flag(a: &str, ind: Option<&str>, v: &str, note: &str) -> RecheckFlag {
        RecheckFlag {
            applicant: a.into(),
            stage: "written".into(),
            indicator: ind.map(str::to_owned),
            value: v.into(),
            mean_of_others: "5".into(),
            distance: "4.5".into(),
            note: note.into(),
        }
    }

    #[test]
    fn a_request_reads_back_sorted_and_only_for_the_expert_and_chair() {
        let (org, chair, e1, e2) = (
            Signer::from_ed25519_seed(&[1; 32]),
            Signer::from_ed25519_seed(&[3; 32]),
            Signer::from_ed25519_seed(&[2; 32]),
            Signer::from_ed25519_seed(&[4; 32]),
        );
        let ages: Vec<Identity> = (0..4).map(|_| Identity::generate()).collect();
        let binding = PackageBinding {
            package: crate::PackageId([5; 16]),
            manifest_sha256: [7; 32],
            round: "r1".into(),
            roster: vec![
                person("ORG", Role::Organizer, &org, &ages[0]),
                person("C01", Role::Chair, &chair, &ages[1]),
                person("E01", Role::Expert, &e1, &ages[2]),
                person("E02", Role::Expert, &e2, &ages[3]),
            ],
            family: Vec::new(),
        };
        let flags = [
            flag("A02", None, "9.5", ""),
            flag("A01", Some("w1"), "9.5", "请核对"),
        ];
        let content = RecheckContent {
            expert: "E01",
            sequence: 3,
            flags: &flags,
        };
        let file = Recheck::write(&content, &binding, &chair).expect("write");
        let read = Recheck::open(&file, &ages[2..3], &binding).expect("E01 reads it");
        assert_eq!(read.expert, "E01");
        assert_eq!(read.sequence, 3);
        assert_eq!(read.chair, chair.fingerprint());
        assert_eq!(read.flags, vec![flags[1].clone(), flags[0].clone()]);
        assert!(
            Recheck::open(&file, &ages[1..2], &binding).is_ok(),
            "the chair"
        );
        for other in [&ages[0], &ages[3]] {
            let err = Recheck::open(&file, std::slice::from_ref(other), &binding).unwrap_err();
            assert_eq!(err.code().as_str(), "not_a_recipient");
        }
        // Only the chair writes one; two flags on one cell are refused.
        let err = Recheck::write(&content, &binding, &e1).unwrap_err();
        assert_eq!(err.code().as_str(), "unwritable");
        let twice = [flags[0].clone(), flags[0].clone()];
        let err = Recheck::write(
            &RecheckContent {
                flags: &twice,
                ..content
            },
            &binding,
            &chair,
        )
        .unwrap_err();
        assert_eq!(err.code().as_str(), "unwritable");
    }

    #[test]
    fn notes_are_one_line_of_text() {
        assert!(is_note("请核对"));
        assert!(!is_note(""));
        assert!(!is_note(" x"));
        assert!(!is_note("a\tb"));
        assert!(!is_note(&"x".repeat(1001)));
    }
}
