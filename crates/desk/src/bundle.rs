//! Reading result bundles: open one (every signature and binding checked), and
//! verify one — the whole chain, then everything it records recomputed from the
//! signed sheets, the package's round and its template.

use std::path::Path;

use reviewdesk_core::rules::{
    merge_parts, round_input, ComputeInput, ComputeResult, DrawRecord, ExpertPart, Opinions,
};
use reviewdesk_core::{Decisions, Round, Template};
use reviewdesk_formats::{
    decrypt_head, Fingerprint, FormatError, Identity, OpenedBundle, Trusted, BUNDLE_FORMAT_LINE,
    SHEET_FORMAT_LINE,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::decisions::{recompute_decisions, DECISIONS_ENTRY};
use crate::files::{Limited, LimitedFile};
use crate::merge::{
    canonical_json, check_audit_log, parse_rules, run_compute, set_draw, sheet_audit, sheet_part,
};
use crate::DeskError;

/// What an age file holds, once decrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncryptedKind {
    /// A score sheet (`reviewdesk-sheet/1`).
    Sheet,
    /// A result bundle (`reviewdesk-bundle/1`).
    Bundle,
}

/// Tells a sheet from a bundle: both are age files; the first plaintext bytes say
/// which (only the first chunk is decrypted).
pub fn encrypted_kind(file: &[u8], identities: &[Identity]) -> Result<EncryptedKind, DeskError> {
    if identities.is_empty() {
        return Err(DeskError::NeedsIdentity);
    }
    let head = decrypt_head("sheet or bundle", file, identities, 32)
        .map_err(DeskError::at("encrypted file"))?;
    let starts = |line: &str| head.starts_with(format!("{line}\n").as_bytes());
    if starts(BUNDLE_FORMAT_LINE) {
        Ok(EncryptedKind::Bundle)
    } else if starts(SHEET_FORMAT_LINE) {
        Ok(EncryptedKind::Sheet)
    } else {
        Err(DeskError::UnknownFileKind)
    }
}

/// The most of an age file [`encrypted_file_kind`] reads: the largest header, the
/// stream nonce and the first whole payload chunk.
const KIND_PREFIX: u64 = reviewdesk_formats::MAX_AGE_HEADER as u64 + 16 + 65_536 + 16;

/// [`encrypted_kind`] of a file, reading only its first bytes (the file's size is
/// checked against the bundle's limit first).
pub fn encrypted_file_kind(
    path: &Path,
    identities: &[Identity],
) -> Result<EncryptedKind, DeskError> {
    if identities.is_empty() {
        return Err(DeskError::NeedsIdentity);
    }
    let prefix = LimitedFile::open(path, Limited::Encrypted)?.read_prefix(KIND_PREFIX)?;
    encrypted_kind(&prefix, identities)
}

/// Opens a bundle file with `identities` (the organizer's or the chair's): every
/// signature and binding is checked (`reviewdesk_formats::OpenedBundle::open`),
/// the package's manifest against `trust` when given (the pinned organizer), else
/// whoever signed it, whose fingerprint the caller shows for comparison.
pub fn open_bundle(
    path: &Path,
    trust: Option<&Fingerprint>,
    identities: &[Identity],
) -> Result<OpenedBundle, DeskError> {
    open_bundle_file(path, trust, identities).map(|(bundle, _)| bundle)
}

/// [`open_bundle`], also returning the SHA-256 of the file: the file is read once,
/// as a stream (only the plaintext is held in memory), and the bytes decrypted are
/// the bytes hashed.
pub fn open_bundle_file(
    path: &Path,
    trust: Option<&Fingerprint>,
    identities: &[Identity],
) -> Result<(OpenedBundle, [u8; 32]), DeskError> {
    if identities.is_empty() {
        return Err(DeskError::NeedsIdentity);
    }
    let mut file = LimitedFile::open(path, Limited::Bundle)?;
    let opened = OpenedBundle::open_from(file.size(), &mut file, identities, trusted(trust))
        .map_err(|e| bundle_error(e, trust))?;
    Ok((opened, file.finish()?))
}

fn trusted(trust: Option<&Fingerprint>) -> Trusted<'_> {
    match trust {
        Some(fp) => Trusted::Fingerprints(std::slice::from_ref(fp)),
        None => Trusted::AnyKey,
    }
}

/// A bundle's opening error: the package signed by another key than the pinned
/// organizer's is `UntrustedOrganizer`, naming both.
fn bundle_error(e: FormatError, trust: Option<&Fingerprint>) -> DeskError {
    match (e, trust) {
        (FormatError::Entry { name, source }, Some(fp))
            if name == "package-manifest"
                && source.code() == reviewdesk_formats::FormatCode::UnknownSigner =>
        {
            let found = match *source {
                FormatError::UnknownSigner { fingerprint } => fingerprint,
                other => other.to_string(),
            };
            DeskError::UntrustedOrganizer {
                expected: fp.to_string(),
                found,
            }
        }
        (e, _) => DeskError::at("bundle")(e),
    }
}

/// A bundle verified and recomputed.
#[derive(Debug)]
pub struct BundleVerification {
    /// The bundle, every signature and binding checked.
    pub bundle: OpenedBundle,
    /// The round it was merged for.
    pub round: Round,
    /// The template the package carried.
    pub template: Template,
    /// The merge input (equal to the one rebuilt from the signed sheets).
    pub input: ComputeInput,
    /// The result (equal to what the rules engine computes from the input).
    pub result: ComputeResult,
    /// The draw (equal to its recomputation).
    pub draw: DrawRecord,
    /// The panel's opinions.
    pub opinions: Opinions,
    /// The organizer's decisions the result rests on (the package's, equal to
    /// their recomputation from the round and template).
    pub decisions: Decisions,
    /// The round's working-day calendar: the bundle's `calendar` entry (the
    /// package's, read strictly), or the shipped one when it carries none. The
    /// publication counts the round's dates with it.
    pub calendar: reviewdesk_core::WorkdayCalendar,
}

impl BundleVerification {
    /// The experts' answers to re-check requests, as the bundle's sheets carry
    /// them: (expert, justification), in the bundle's sheet order.
    pub fn justifications(&self) -> Vec<(String, reviewdesk_core::rules::Justification)> {
        self.bundle
            .sheets
            .iter()
            .filter_map(|s| {
                // Every sheet's payload was read as a part when the bundle verified.
                serde_json::from_str::<ExpertPart>(&s.scores)
                    .ok()
                    .map(|p| (s.expert.clone(), p.justifications))
            })
            .flat_map(|(e, js)| js.into_iter().map(move |j| (e.clone(), j)))
            .collect()
    }
}

/// Shortens a JSON value for a message.
fn show(v: Option<&Value>) -> String {
    let Some(v) = v else {
        return "nothing".into();
    };
    let s = v.to_string();
    if s.chars().count() > 120 {
        format!("{}…", s.chars().take(120).collect::<String>())
    } else {
        s
    }
}

/// The first place where `found` and `expected` differ: (path, found, expected).
fn first_difference(
    path: &str,
    found: &Value,
    expected: &Value,
) -> Option<(String, String, String)> {
    match (found, expected) {
        (Value::Object(a), Value::Object(b)) => {
            let keys = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)));
            for k in keys {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match (a.get(k), b.get(k)) {
                    (Some(x), Some(y)) => {
                        if let Some(d) = first_difference(&p, x, y) {
                            return Some(d);
                        }
                    }
                    (x, y) => return Some((p, show(x), show(y))),
                }
            }
            None
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                let p = format!("{path}[{i}]");
                match (a.get(i), b.get(i)) {
                    (Some(x), Some(y)) => {
                        if let Some(d) = first_difference(&p, x, y) {
                            return Some(d);
                        }
                    }
                    (x, y) => return Some((p, show(x), show(y))),
                }
            }
            None
        }
        (a, b) if a == b => None,
        (a, b) => Some((
            if path.is_empty() {
                "(top)".into()
            } else {
                path.into()
            },
            show(Some(a)),
            show(Some(b)),
        )),
    }
}

/// Compares an entry's bytes with the canonical JSON of what was recomputed;
/// a difference is `recompute_mismatch`, naming the entry and the first JSON path
/// that differs (or saying the JSON is not in canonical form).
pub(crate) fn same_json(
    entry: &'static str,
    found: &[u8],
    expected: &[u8],
) -> Result<(), DeskError> {
    if found == expected {
        return Ok(());
    }
    let exp: Value = serde_json::from_slice(expected).expect("recomputed JSON parses");
    let mismatch = |path: String, found: String, expected: String| DeskError::Recompute {
        entry,
        path,
        found,
        expected,
    };
    match serde_json::from_slice::<Value>(found) {
        Err(e) => Err(mismatch(
            "(top)".into(),
            format!("no JSON ({e})"),
            show(Some(&exp)),
        )),
        Ok(f) => Err(match first_difference("", &f, &exp) {
            Some((p, a, b)) => mismatch(p, a, b),
            None => mismatch(
                "(bytes)".into(),
                "JSON not in canonical form".into(),
                "compact JSON and one final LF".into(),
            ),
        }),
    }
}

fn parse_json<T: DeserializeOwned>(part: &str, bytes: &[u8]) -> Result<T, DeskError> {
    serde_json::from_slice(bytes).map_err(|e| DeskError::Content {
        part: part.into(),
        message: e.to_string(),
    })
}

/// What a bundle's signed contents give: the round and template, the merge input
/// rebuilt from the signed sheets with the recorded announced value, and the draw
/// as recorded.
fn signed_input(
    bundle: &OpenedBundle,
) -> Result<(Round, Template, ComputeInput, DrawRecord), DeskError> {
    let (round, template) = parse_rules(bundle.round(), bundle.template())?;
    let base = round_input(&round);
    let parts = bundle
        .sheets
        .iter()
        .map(|s| {
            let part = sheet_part(s, &base).map_err(|e| match e {
                DeskError::Scores(m) => DeskError::Scores(format!("sheet.{}: {m}", s.expert)),
                other => other,
            })?;
            sheet_audit(s, &round, &part)?;
            Ok(part)
        })
        .collect::<Result<Vec<ExpertPart>, DeskError>>()?;
    let draw: DrawRecord = parse_json("draw", bundle.draw())?;
    let mut input = merge_parts(&base, &parts);
    let announced = draw.drawn.as_ref().map(|d| d.announced.as_str());
    if template.sampled_stage().is_some() && announced.is_none() {
        return Err(DeskError::Draw(
            "the template samples a stage but the bundle records no draw".into(),
        ));
    }
    set_draw(&template, &round, &mut input, announced)?;
    Ok((round, template, input, draw))
}

/// A bundle's draw recomputed from its signed contents.
#[derive(Debug)]
pub struct DrawCheck {
    /// The draw as the bundle records it.
    pub recorded: DrawRecord,
    /// The draw recomputed: seed from the round id, the pre-draw input's hash and
    /// the announced value; candidates and sample from the rules.
    pub recomputed: DrawRecord,
    /// How the `draw` entry's bytes differ from the canonical JSON of `recomputed`
    /// (as `verify` would say it), or `None` when they are the same bytes.
    pub difference: Option<String>,
}

impl DrawCheck {
    /// Whether the bundle's `draw` entry is, byte for byte, the recomputed one —
    /// also when the template samples no stage (then both say "no draw").
    pub fn matches(&self) -> bool {
        self.difference.is_none() && self.recorded == self.recomputed
    }
}

/// Opens a bundle (every signature and binding checked) and recomputes its
/// site-visit draw from the signed sheets, round, template and the announced
/// value it records (`reviewdesk draw verify`).
pub fn verify_draw(
    path: &Path,
    trust: Option<&Fingerprint>,
    identities: &[Identity],
) -> Result<DrawCheck, DeskError> {
    let bundle = open_bundle(path, trust, identities)?;
    let (_, template, input, recorded) = signed_input(&bundle)?;
    let result = run_compute(&template, &input)?;
    let recomputed = DrawRecord::of(&input, &result);
    let difference = same_json("draw", bundle.draw(), &canonical_json(&recomputed))
        .err()
        .map(|e| e.to_string());
    Ok(DrawCheck {
        recomputed,
        recorded,
        difference,
    })
}

/// Verifies a bundle: opens it ([`open_bundle`]: the chair's signature, the
/// package's manifest and index by the same organizer — `trust` pins it — the
/// chair in the index, every sheet against the roster and bound to the package),
/// then recomputes: the package's round and template parse and validate; every
/// sheet's payload is its signer's part with no score for an applicant the expert
/// is recused from; `merge-input` must be exactly the input rebuilt from the round
/// and the sheets' parts (and the draw's announced value); `merge-output` exactly
/// what the rules engine computes from it; `draw` exactly its recomputation;
/// `opinions` must fit the round; `decisions` (the package's bytes, checked by
/// hash against its index when opened) must be there (`no_such_entry`), read
/// strictly (`bad_content`) and equal their recomputation from the round and
/// template on the day they state. Every comparison is byte for byte of canonical
/// JSON; a difference is `recompute_mismatch` naming the entry and the JSON path.
pub fn verify_bundle(
    path: &Path,
    trust: Option<&Fingerprint>,
    identities: &[Identity],
) -> Result<BundleVerification, DeskError> {
    recompute_bundle(open_bundle(path, trust, identities)?)
}

/// [`verify_bundle`], also returning the SHA-256 of the file (read once).
pub fn verify_bundle_file(
    path: &Path,
    trust: Option<&Fingerprint>,
    identities: &[Identity],
) -> Result<(BundleVerification, [u8; 32]), DeskError> {
    let (bundle, sha256) = open_bundle_file(path, trust, identities)?;
    Ok((recompute_bundle(bundle)?, sha256))
}

/// The recomputation half of [`verify_bundle`], for a bundle already opened (e.g.
/// from its plaintext container in a publication archive).
pub fn recompute_bundle(bundle: OpenedBundle) -> Result<BundleVerification, DeskError> {
    let (round, template, input, _) = signed_input(&bundle)?;
    same_json("merge-input", bundle.merge_input(), &canonical_json(&input))?;
    let result = run_compute(&template, &input)?;
    same_json(
        "merge-output",
        bundle.merge_output(),
        &canonical_json(&result),
    )?;
    let recomputed = DrawRecord::of(&input, &result);
    same_json("draw", bundle.draw(), &canonical_json(&recomputed))?;
    let opinions: Opinions = parse_json("opinions", bundle.opinions())?;
    let problems = opinions.problems(&input);
    if !problems.is_empty() {
        return Err(DeskError::Opinions(crate::error::listed(problems, "; ")));
    }
    if let Some(a) = bundle.audit() {
        check_audit_log(a)?;
    }
    same_json("opinions", bundle.opinions(), &canonical_json(&opinions))?;
    let decisions = match bundle.decisions() {
        Some(d) => recompute_decisions(d, &round, &template)?,
        None => {
            return Err(DeskError::at("bundle")(FormatError::NoSuchEntry {
                name: DECISIONS_ENTRY.into(),
            }))
        }
    };
    let calendar = crate::calendar::calendar_or_shipped(bundle.calendar())?;
    Ok(BundleVerification {
        bundle,
        round,
        template,
        input,
        result,
        draw: recomputed,
        opinions,
        decisions,
        calendar,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_difference_is_named_by_its_json_path() {
        let a: Value = serde_json::from_str(
            r#"{"applicants":[{"id":"A1","final":"74.49"},{"id":"A2","final":"70.00"}],"k":1}"#,
        )
        .unwrap();
        let mut b = a.clone();
        b["applicants"][1]["final"] = Value::String("70.50".into());
        assert_eq!(
            first_difference("", &a, &b),
            Some((
                "applicants[1].final".into(),
                "\"70.00\"".into(),
                "\"70.50\"".into()
            ))
        );
        let mut c = a.clone();
        c["applicants"].as_array_mut().unwrap().pop();
        let d = first_difference("", &a, &c).unwrap();
        assert_eq!((d.0.as_str(), d.2.as_str()), ("applicants[1]", "nothing"));
        assert_eq!(first_difference("", &a, &a), None);
        let e = same_json("merge-output", b"{\"k\": 1}\n", b"{\"k\":1}\n").unwrap_err();
        assert!(e.to_string().contains("canonical"), "{e}");
        assert_eq!(e.code(), "recompute_mismatch");
    }
}
