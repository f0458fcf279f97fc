//! The chair's merge (汇总): the sheets of one package, checked and de-duplicated,
//! joined with the round into the rules engine's input, computed, and written with
//! the opinions and the draw into a result bundle signed by the chair.

use std::path::{Path, PathBuf};

use reviewdesk_core::rules::{
    compute, merge_parts, pre_draw_input, recused_entries, round_input, ComputeError, ComputeInput,
    ComputeResult, DrawInput, DrawRecord, ExpertPart, Opinions,
};
use reviewdesk_core::{check_audit, AuditContext, AuditSummary, Decisions, Round, Template};
use reviewdesk_formats::{
    write_bundle, BundleContent, FormatError, Identity, Role, Sheet, SheetLedger, Signer,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::decisions::{check_decisions, DECISIONS_ENTRY};
use crate::files::{read_limited, write_bytes, Limited};
use crate::sheet::{open_sheet_plaintext, OpenPackage};
use crate::DeskError;

/// A value's canonical JSON as a bundle stores it: compact (no spaces or line
/// breaks), fields in their declared order, optional fields left out when absent,
/// decimals as strings, non-ASCII text as UTF-8, and one final LF.
pub fn canonical_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec(value).expect("bundle values serialize");
    out.push(b'\n');
    out
}

/// The round and template a package carries, decrypted, parsed and validated.
#[derive(Debug, Clone)]
pub struct PackageRules {
    /// The round (`round` entry).
    pub round: Round,
    /// The `round` entry's bytes.
    pub round_bytes: Vec<u8>,
    /// The template (`template` entry).
    pub template: Template,
    /// The `template` entry's bytes.
    pub template_bytes: Vec<u8>,
    /// The organizer's decisions (`decisions` entry), checked against the round.
    pub decisions: Decisions,
    /// The `decisions` entry's bytes, which the bundle carries as they are.
    pub decisions_bytes: Vec<u8>,
    /// The round's working-day calendar: the `calendar` entry's, or the shipped
    /// one for a package that carries none.
    pub calendar: reviewdesk_core::WorkdayCalendar,
    /// The `calendar` entry's bytes, when the package has one (the bundle carries
    /// them as they are).
    pub calendar_bytes: Option<Vec<u8>>,
}

/// Parses a package's `round` and `template` plaintexts: the template as any
/// template file, the round validated against it — which also checks that the
/// round names this template (`bad_content` naming the entry).
pub fn parse_rules(
    round_bytes: &[u8],
    template_bytes: &[u8],
) -> Result<(Round, Template), DeskError> {
    let content = |part: &str| {
        let part = part.to_string();
        move |message: String| DeskError::Content { part, message }
    };
    let text = |part: &str, b: &[u8]| {
        String::from_utf8(b.to_vec()).map_err(|_| content(part)("not UTF-8".into()))
    };
    let template = reviewdesk_io::templates::parse_template(
        Path::new("template"),
        &text("template", template_bytes)?,
    )
    .map_err(|e| content("template")(crate::error::shortened(&e.to_string())))?;
    let round: Round = toml::from_str(&text("round", round_bytes)?)
        .map_err(|e| content("round")(crate::error::shortened(&e.to_string())))?;
    round
        .validate(&template)
        .map_err(|problems| DeskError::RoundInvalid {
            part: "round".into(),
            problems,
        })?;
    Ok((round, template))
}

/// Decrypts the package's `round`, `template` and `decisions` entries (a package
/// without a template or decisions cannot be merged: `no_such_entry`), parses them
/// and checks the decisions against the round (`bad_content`).
pub fn package_rules(
    pkg: &mut OpenPackage,
    identities: &[Identity],
) -> Result<PackageRules, DeskError> {
    let mut entry = |name: &str| {
        if !pkg.index.entries.iter().any(|e| e.name == name) {
            return Err(DeskError::at("package")(FormatError::NoSuchEntry {
                name: name.into(),
            }));
        }
        pkg.package
            .decrypt_entry(name, identities, &pkg.index)
            .map_err(DeskError::at(format!("entry {name}")))
    };
    let round_bytes = entry("round")?;
    let template_bytes = entry("template")?;
    let decisions_bytes = entry(DECISIONS_ENTRY)?;
    let (round, template) = parse_rules(&round_bytes, &template_bytes)?;
    let decisions = check_decisions(&decisions_bytes, &round, &template)?;
    let (calendar_bytes, calendar) =
        match crate::calendar::package_calendar(&mut pkg.package, identities, &pkg.index)? {
            Some((bytes, cal)) => (Some(bytes), cal),
            None => (None, reviewdesk_core::WorkdayCalendar::official()),
        };
    Ok(PackageRules {
        round,
        round_bytes,
        template,
        template_bytes,
        decisions,
        decisions_bytes,
        calendar,
        calendar_bytes,
    })
}

/// A sheet's payload, read as this expert's part: one JSON object
/// (`bad_scores`), naming the expert who signed (`part_expert_mismatch`), with no
/// score, verdict or veto for an applicant the expert is recused from
/// (`recused_score`).
pub fn sheet_part(sheet: &Sheet, base: &ComputeInput) -> Result<ExpertPart, DeskError> {
    let part: ExpertPart = serde_json::from_str(&sheet.scores)
        .map_err(|e| DeskError::Scores(crate::error::shortened(&e.to_string())))?;
    if part.expert != sheet.expert {
        return Err(DeskError::PartExpert {
            sheet: sheet.expert.clone(),
            part: part.expert,
        });
    }
    let entries = recused_entries(base, &part);
    if !entries.is_empty() {
        return Err(DeskError::Recused {
            expert: part.expert,
            entries,
        });
    }
    Ok(part)
}

/// Replays a sheet's audit log against the round and the sheet's part
/// (`docs/formats.md`, "Audit log"): what the chair is shown of it, or the first
/// violation (`audit_missing`, `audit_malformed`, `audit_package`, `audit_order`,
/// `audit_values`).
pub fn sheet_audit(
    sheet: &Sheet,
    round: &Round,
    part: &ExpertPart,
) -> Result<AuditSummary, DeskError> {
    check_audit(
        &sheet.audit,
        &AuditContext {
            package: &sheet.package,
            round,
            revision: sheet.revision,
            part,
        },
    )
    .map_err(|violation| DeskError::Audit {
        expert: sheet.expert.clone(),
        violation,
    })
}

/// The draw's `written_result_hash`: SHA-256 of the canonical JSON of the
/// pre-draw input (the input without `draw` and without the sampled stage).
pub fn written_result_hash(template: &Template, input: &ComputeInput) -> String {
    let bytes = canonical_json(&pre_draw_input(template, input));
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Sets the input's draw: when the template samples a stage, the round id, the
/// pre-draw hash and `announced` (required, `bad_draw`); otherwise none (an
/// announced value is then refused, `bad_draw`).
pub fn set_draw(
    template: &Template,
    round: &Round,
    input: &mut ComputeInput,
    announced: Option<&str>,
) -> Result<(), DeskError> {
    input.draw = None;
    match (template.sampled_stage(), announced) {
        (Some(s), None) => Err(DeskError::Draw(format!(
            "the template samples stage {:?}: the chair's announced value is needed",
            s.id
        ))),
        (Some(_), Some(a)) if a.trim().is_empty() || a.contains(['\n', '\0']) => Err(
            DeskError::Draw("the announced value is empty or holds a line break".into()),
        ),
        (Some(_), Some(a)) => {
            input.draw = Some(DrawInput {
                round_id: round.id.clone(),
                written_result_hash: written_result_hash(template, input),
                announced: a.to_string(),
            });
            Ok(())
        }
        (None, Some(_)) => Err(DeskError::Draw(
            "the template samples no stage: there is no draw to announce".into(),
        )),
        (None, None) => Ok(()),
    }
}

/// Checks the chair's audit log as a bundle carries it: UTF-8, one JSON object per
/// line, each line ending in LF (`bad_content` naming the entry and the line).
pub fn check_audit_log(text: &[u8]) -> Result<(), DeskError> {
    let bad = |message: String| DeskError::Content {
        part: "audit".into(),
        message,
    };
    let text = std::str::from_utf8(text).map_err(|_| bad("not UTF-8".into()))?;
    if text.is_empty() || !text.ends_with('\n') {
        return Err(bad("empty, or the last line does not end in LF".into()));
    }
    for (i, line) in text.lines().enumerate() {
        serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(line)
            .map_err(|e| bad(format!("line {}: not a JSON object: {e}", i + 1)))?;
    }
    Ok(())
}

/// Runs the rules engine; a refusal names each bad entry and, for scores, verdicts
/// and vetoes, the expert whose sheet it came from.
pub fn run_compute(template: &Template, input: &ComputeInput) -> Result<ComputeResult, DeskError> {
    compute(template, input).map_err(|e| match e {
        ComputeError::Input(problems) => DeskError::Compute(crate::error::listed(
            problems.iter().map(|p| {
                let expert = entry_expert(input, &p.entry);
                match expert {
                    Some(x) => format!("{p} (expert {x}'s sheet)"),
                    None => p.to_string(),
                }
            }),
            "; ",
        )),
        other => DeskError::Compute(other.to_string()),
    })
}

/// The expert of `scores[3]`, `verdicts[0].stage`, `vetoes[1]`.
fn entry_expert<'a>(input: &'a ComputeInput, entry: &str) -> Option<&'a str> {
    let (kind, rest) = entry.split_once('[')?;
    let i: usize = rest.split(']').next()?.parse().ok()?;
    match kind {
        "scores" => input.scores.get(i).map(|x| x.expert.as_str()),
        "verdicts" => input.verdicts.get(i).map(|x| x.expert.as_str()),
        "vetoes" => input.vetoes.get(i).map(|x| x.expert.as_str()),
        _ => None,
    }
}

/// What became of one sheet file.
#[derive(Debug)]
pub enum SheetOutcome {
    /// Used in the merge.
    Accepted {
        /// The expert.
        expert: String,
        /// The sheet's revision.
        revision: u32,
        /// What its audit log shows: pledge time, declarations, edits.
        audit: AuditSummary,
    },
    /// Not used, and why (`stale_revision` and `duplicate_sheet` for an older or
    /// repeated sheet, which do not stop the merge).
    Refused(Box<DeskError>),
}

impl std::fmt::Display for SheetOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Accepted {
                expert,
                revision,
                audit,
            } => {
                write!(
                    f,
                    "accepted: expert {expert}, revision {revision}, pledged {}, {} no conflict, {} recused, {} edits",
                    audit.pledged_at, audit.no_conflict, audit.recused, audit.edits
                )
            }
            Self::Refused(e) => write!(f, "[{}] {e}", e.code()),
        }
    }
}

/// One sheet file and what became of it.
#[derive(Debug)]
pub struct SheetReport {
    /// The file as given.
    pub file: PathBuf,
    /// Accepted or refused.
    pub outcome: SheetOutcome,
}

impl SheetReport {
    /// Refused for a reason that stops the merge: anything but an older revision
    /// or the same sheet again.
    pub fn is_blocking(&self) -> bool {
        matches!(&self.outcome, SheetOutcome::Refused(e)
        if !matches!(
            e.code(),
            crate::DeskCode::Format(reviewdesk_formats::FormatCode::StaleRevision)
                | crate::DeskCode::DuplicateSheet
        ))
    }
}

/// What the chair adds to the sheets.
#[derive(Debug, Clone, Copy, Default)]
pub struct MergeOptions<'a> {
    /// The value announced for the site-visit draw (when the template samples a
    /// stage).
    pub announced: Option<&'a str>,
    /// The panel's opinions; none written when absent.
    pub opinions: Option<&'a Opinions>,
    /// The chair's audit log (one JSON object per line), carried in the bundle's
    /// `audit` entry; none when absent.
    pub audit: Option<&'a str>,
}

/// A merge that was written.
#[derive(Debug)]
pub struct Merged {
    /// Every sheet file, in the order given, accepted or refused.
    pub sheets: Vec<SheetReport>,
    /// The template the package carried.
    pub template: Template,
    /// The merge input.
    pub input: ComputeInput,
    /// The rules engine's result.
    pub result: ComputeResult,
    /// The draw as recorded.
    pub draw: DrawRecord,
    /// The bundle file (age-encrypted to the organizer and the chair).
    pub bundle: Vec<u8>,
}

/// A sheet that passed every check ([`check_sheets`]).
#[derive(Debug, Clone)]
pub struct CheckedSheet {
    /// Its position in the list given.
    pub at: usize,
    /// The file's bytes, as given.
    pub file: Vec<u8>,
    /// The verified sheet.
    pub sheet: Sheet,
    /// Its signed plaintext.
    pub plain: Vec<u8>,
    /// Its payload as the expert's part.
    pub part: ExpertPart,
    /// What its audit log shows.
    pub audit: AuditSummary,
}

/// What [`check_sheets`] found.
#[derive(Debug)]
pub struct SheetChecks {
    /// Every sheet, in the order given, accepted or refused.
    pub reports: Vec<SheetReport>,
    /// The accepted sheets, by expert id: per expert the highest revision.
    pub accepted: Vec<CheckedSheet>,
}

/// Checks sheet files against the chair's package: each decrypted and verified
/// against the package, its payload read as the expert's part ([`sheet_part`]),
/// its audit log replayed against `round` and the part ([`sheet_audit`]);
/// per expert the highest revision is kept (`SheetLedger`: an older one is refused
/// `stale_revision`, the same sheet again `duplicate_sheet` naming the one given
/// first, the same revision with other bytes — the one given first is kept —
/// `stale_revision`). `sheets` are (name, bytes or why they could not be read).
/// Nothing from a refused sheet is in `accepted`.
pub fn check_sheets(
    pkg: &OpenPackage,
    identities: &[Identity],
    round: &Round,
    base: &ComputeInput,
    sheets: Vec<(PathBuf, Result<Vec<u8>, DeskError>)>,
) -> SheetChecks {
    let mut outcomes: Vec<Option<SheetOutcome>> = Vec::with_capacity(sheets.len());
    let mut names = Vec::with_capacity(sheets.len());
    let mut candidates = Vec::new();
    for (at, (name, bytes)) in sheets.into_iter().enumerate() {
        names.push(name);
        let checked = bytes.and_then(|file| {
            let (sheet, plain) = open_sheet_plaintext(&file, pkg, identities)?;
            let part = sheet_part(&sheet, base)?;
            let audit = sheet_audit(&sheet, round, &part)?;
            Ok(CheckedSheet {
                at,
                file,
                sheet,
                plain,
                part,
                audit,
            })
        });
        match checked {
            Ok(c) => {
                outcomes.push(None);
                candidates.push(c);
            }
            Err(e) => outcomes.push(Some(SheetOutcome::Refused(Box::new(e)))),
        }
    }
    // Newest first per expert, so every older revision meets the newer one.
    candidates.sort_by(|a, b| {
        (a.sheet.expert.as_str(), b.sheet.revision, a.at).cmp(&(
            b.sheet.expert.as_str(),
            a.sheet.revision,
            b.at,
        ))
    });
    let mut ledger = SheetLedger::default();
    let mut first_of: Vec<(String, [u8; 32], usize)> = Vec::new();
    let mut accepted = Vec::new();
    for c in candidates {
        if let Some((_, _, first)) = first_of
            .iter()
            .find(|(e, h, _)| *e == c.sheet.expert && *h == c.sheet.sha256)
        {
            outcomes[c.at] = Some(SheetOutcome::Refused(Box::new(DeskError::DuplicateSheet {
                first: names[*first].clone(),
            })));
            continue;
        }
        first_of.push((c.sheet.expert.clone(), c.sheet.sha256, c.at));
        match ledger.accept(c.sheet.clone()) {
            Ok(()) => {
                outcomes[c.at] = Some(SheetOutcome::Accepted {
                    expert: c.sheet.expert.clone(),
                    revision: c.sheet.revision,
                    audit: c.audit.clone(),
                });
                accepted.push(c);
            }
            Err(e) => {
                outcomes[c.at] = Some(SheetOutcome::Refused(Box::new(DeskError::at("sheet")(e))))
            }
        }
    }
    let reports = names
        .into_iter()
        .zip(outcomes)
        .map(|(file, o)| SheetReport {
            file,
            outcome: o.expect("every sheet file has an outcome"),
        })
        .collect();
    SheetChecks { reports, accepted }
}

/// Merges the sheet files of one package as its chair: the chair's `OpenPackage`
/// (opened with the chair's `identities`), the round and template from the
/// package, every sheet checked ([`check_sheets`]: per expert the highest
/// revision; an older one or the same sheet again does not stop the merge). Any
/// other refusal stops the merge
/// (`sheets_refused`, with every file's outcome). Then the input is built
/// ([`round_input`] + the parts by expert id), the draw set ([`set_draw`]), the
/// rules run, the opinions checked against the input (`bad_opinions`), and the
/// bundle written and signed.
pub fn merge(
    pkg: &mut OpenPackage,
    chair: &Signer,
    identities: &[Identity],
    sheet_files: &[PathBuf],
    options: MergeOptions<'_>,
) -> Result<Merged, DeskError> {
    check_chair(pkg, chair)?;
    let rules = package_rules(pkg, identities)?;
    let base = round_input(&rules.round);

    let files = sheet_files
        .iter()
        .map(|f| (f.clone(), read_limited(f, Limited::Sheet)))
        .collect();
    let SheetChecks { reports, accepted } =
        check_sheets(pkg, identities, &rules.round, &base, files);
    if reports.iter().any(SheetReport::is_blocking) {
        return Err(DeskError::SheetsRefused { reports });
    }
    let mut merged = merge_accepted(pkg, chair, identities, &rules, &base, &accepted, options)?;
    merged.sheets = reports;
    Ok(merged)
}

/// Refuses a signer who is not the package's chair (`not_the_chair`).
pub fn check_chair(pkg: &OpenPackage, chair: &Signer) -> Result<(), DeskError> {
    let fp = chair.fingerprint();
    if !pkg
        .index
        .recipients
        .iter()
        .any(|r| r.role == Role::Chair && r.fingerprint == fp)
    {
        return Err(DeskError::NotTheChair {
            fingerprint: fp.to_string(),
        });
    }
    Ok(())
}

/// The merge of sheets already checked ([`check_sheets`]'s `accepted`, by expert
/// id): the input built ([`merge_parts`] on `base`), the draw set ([`set_draw`]),
/// the rules run, the opinions checked against the input (`bad_opinions`), the
/// audit log checked, and the bundle written and signed (with the package's
/// `family` entry when it has one). `sheets` of the result is empty.
pub fn merge_accepted(
    pkg: &mut OpenPackage,
    chair: &Signer,
    identities: &[Identity],
    rules: &PackageRules,
    base: &ComputeInput,
    accepted: &[CheckedSheet],
    options: MergeOptions<'_>,
) -> Result<Merged, DeskError> {
    if accepted.is_empty() {
        return Err(DeskError::NoSheets);
    }
    let parts: Vec<ExpertPart> = accepted.iter().map(|c| c.part.clone()).collect();
    let mut input = merge_parts(base, &parts);
    set_draw(&rules.template, &rules.round, &mut input, options.announced)?;
    let result = run_compute(&rules.template, &input)?;
    let opinions = options.opinions.cloned().unwrap_or_default();
    let problems = opinions.problems(&input);
    if !problems.is_empty() {
        return Err(DeskError::Opinions(crate::error::listed(problems, "; ")));
    }
    if let Some(a) = options.audit {
        check_audit_log(a.as_bytes())?;
    }
    let draw = DrawRecord::of(&input, &result);
    let (merge_input, merge_output) = (canonical_json(&input), canonical_json(&result));
    let (opinions, draw_json) = (canonical_json(&opinions), canonical_json(&draw));
    let family = if pkg.index.entries.iter().any(|e| e.name == "family") {
        Some(
            pkg.package
                .decrypt_entry("family", identities, &pkg.index)
                .map_err(DeskError::at("entry family"))?,
        )
    } else {
        None
    };
    let content = BundleContent {
        package_manifest: &pkg.package.signed_manifest,
        package_index: &pkg.index_plaintext,
        round: &rules.round_bytes,
        template: &rules.template_bytes,
        sheets: accepted.iter().map(|c| c.plain.as_slice()).collect(),
        merge_input: &merge_input,
        merge_output: &merge_output,
        opinions: &opinions,
        draw: &draw_json,
        family: family.as_deref(),
        decisions: Some(&rules.decisions_bytes),
        calendar: rules.calendar_bytes.as_deref(),
        audit: options.audit.map(str::as_bytes),
    };
    let bundle = write_bundle(&content, chair).map_err(DeskError::at("bundle"))?;
    Ok(Merged {
        sheets: Vec::new(),
        template: rules.template.clone(),
        input,
        result,
        draw,
        bundle,
    })
}

/// [`merge`], the bundle written to `out` (through a temporary file; nothing is
/// written when the merge fails).
pub fn merge_to_file(
    pkg: &mut OpenPackage,
    chair: &Signer,
    identities: &[Identity],
    sheet_files: &[PathBuf],
    options: MergeOptions<'_>,
    out: &Path,
) -> Result<Merged, DeskError> {
    let merged = merge(pkg, chair, identities, sheet_files, options)?;
    write_bytes(out, &merged.bundle)?;
    Ok(merged)
}
