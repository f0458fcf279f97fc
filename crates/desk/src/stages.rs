//! Stage by stage (分阶段评审), the organizer's services after a chair's bundle:
//! one function per user action.
//!
//! - [`advance_list`]: from an interim bundle (the chair's merge after a stage),
//!   verified and recomputed, the gate's result — who goes on to the next stage
//!   (进入答辩名单) and why the others do not — printable ([`advance_pdf`],
//!   [`advance_csv`], both by [`write_advance_list`]).
//! - [`open_next_stage`]: the list recorded in `round.toml` (`[[advance]]`) with
//!   the next `package_revision`, and the package family sealed again for hand-out:
//!   the next stage open only for those who go on. Experts import their newer
//!   package; their work carries over.
//! - [`drawn_sample`] and [`open_sampled_stage`]: the same for a site-visit draw
//!   (`[[sample]]`).
//! - [`add_substitute`]: a substitute expert (替补专家) for applicants short of
//!   quorum — card, conflicts checked, assigned — sealed as that expert's package
//!   and a new revision of the whole one naming the enlarged family; every other
//!   expert keeps the package they hold, so sheets already signed stay valid.

use std::path::{Path, PathBuf};

use reviewdesk_core::rules::DrawnSample;
use reviewdesk_core::{
    Advance, AdvanceOutcome, Date, Expert, Lang, Localized, Round, StageError, StageSample,
    Template, WorkdayCalendar,
};
use reviewdesk_formats::{Family, Fingerprint, Identity, KeyCard, Role, Signer};
use reviewdesk_io::{load_round, record_next_revision, CARDS_DIR};
use reviewdesk_reports::{Document, DocumentDate, FontData, Table};

use crate::handout::{empty_output_dir, seal_for_handout_part, HandOut};
use crate::{load_cards, open_for_member, verify_bundle, verify_bundle_file, DeskError};

/// The advance list's PDF, as [`write_advance_list`] names it.
pub const ADVANCE_PDF: &str = "advance.pdf";
/// The advance list's CSV.
pub const ADVANCE_CSV: &str = "advance.csv";

/// The gate's result of an interim bundle, with what the printed list shows.
#[derive(Debug, Clone)]
pub struct AdvanceList {
    /// Who goes on and why the others do not.
    pub advance: Advance,
    /// The round the bundle was merged for.
    pub round: Round,
    /// Its template.
    pub template: Template,
    /// SHA-256 of the bundle file (64 hex), printed on the list.
    pub bundle_sha256: String,
}

/// Verifies and recomputes the bundle (as `reviewdesk verify` does, against the
/// organizer key `organizer` when given) and closes `stage` (or the first stage
/// whose next one is not open yet) on its result.
pub fn advance_list(
    bundle: &Path,
    organizer: Option<&Fingerprint>,
    identities: &[Identity],
    stage: Option<&str>,
) -> Result<AdvanceList, DeskError> {
    let (v, sha256) = verify_bundle_file(bundle, organizer, identities)?;
    let advance = reviewdesk_core::advance(&v.template, &v.round, &v.result, stage)?;
    Ok(AdvanceList {
        advance,
        round: v.round,
        template: v.template,
        bundle_sha256: crate::package::hex(&sha256),
    })
}

struct Labels {
    title: &'static str,
    advancing: &'static str,
    stopped: &'static str,
    no: &'static str,
    name: &'static str,
    code: &'static str,
    region: &'static str,
    score: &'static str,
    gate: &'static str,
    outcome: &'static str,
    round: &'static str,
    closed: &'static str,
    bundle: &'static str,
    none: &'static str,
    signed: &'static str,
    date: &'static str,
}

const ZH: Labels = Labels {
    title: "进入{}名单",
    advancing: "进入下一环节",
    stopped: "未进入下一环节",
    no: "序号",
    name: "单位名称",
    code: "统一社会信用代码",
    region: "所属地市",
    score: "得分",
    gate: "门槛分",
    outcome: "结果",
    round: "评审批次",
    closed: "已结束环节",
    bundle: "结果包 SHA-256",
    none: "无",
    signed: "主办单位（盖章）",
    date: "日期",
};

const EN: Labels = Labels {
    title: "Applicants advancing to {}",
    advancing: "Advancing",
    stopped: "Not advancing",
    no: "No.",
    name: "Applicant",
    code: "Credit code",
    region: "Region",
    score: "Score",
    gate: "Gate",
    outcome: "Outcome",
    round: "Round",
    closed: "Stage closed",
    bundle: "Result bundle SHA-256",
    none: "none",
    signed: "Organizer (seal)",
    date: "Date",
};

fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

/// The outcome as the printed list says it.
pub fn outcome_label(o: AdvanceOutcome, lang: Lang) -> &'static str {
    let zh = lang == Lang::ZhCn;
    match o {
        AdvanceOutcome::Advances => {
            if zh {
                "进入下一环节"
            } else {
                "advances"
            }
        }
        AdvanceOutcome::FailedGate => {
            if zh {
                "未达门槛分"
            } else {
                "below the gate"
            }
        }
        AdvanceOutcome::Vetoed => {
            if zh {
                "一票否决"
            } else {
                "vetoed"
            }
        }
        AdvanceOutcome::FailedStage => {
            if zh {
                "环节未通过"
            } else {
                "failed the stage"
            }
        }
        AdvanceOutcome::ShortOfQuorum => {
            if zh {
                "有效评分不足（需替补专家）"
            } else {
                "short of quorum (a substitute is needed)"
            }
        }
        AdvanceOutcome::NotInStage => {
            if zh {
                "未进入本环节"
            } else {
                "did not reach this stage"
            }
        }
    }
}

/// One printed row: number, name, credit code, region, score, outcome.
fn rows(list: &AdvanceList, lang: Lang, advancing: bool) -> Vec<[String; 6]> {
    let l = labels(lang);
    list.advance
        .rows
        .iter()
        .filter(|r| (r.outcome == AdvanceOutcome::Advances) == advancing)
        .enumerate()
        .map(|(i, r)| {
            let a = list.round.applicants.iter().find(|a| a.id == r.applicant);
            [
                (i + 1).to_string(),
                a.map_or_else(|| r.applicant.clone(), |a| a.name.clone()),
                a.map(|a| a.credit_code.to_string()).unwrap_or_default(),
                a.map(|a| a.region.get(lang).to_owned()).unwrap_or_default(),
                r.aggregate
                    .map_or_else(|| l.none.to_owned(), |d| d.to_string()),
                outcome_label(r.outcome, lang).to_owned(),
            ]
        })
        .collect()
}

fn stage_name(t: &Template, id: &str, lang: Lang) -> String {
    t.stage(id)
        .map_or_else(|| id.to_owned(), |s| s.name.get(lang).to_owned())
}

/// The advance list as a printable PDF: who goes on, then who does not and why,
/// the bundle's SHA-256 in every page's footer, a line for the organizer's seal.
pub fn advance_pdf(
    list: &AdvanceList,
    font: &FontData,
    lang: Lang,
    today: Date,
) -> Result<Vec<u8>, DeskError> {
    let l = labels(lang);
    let t = &list.template;
    let next = stage_name(t, &list.advance.next, lang);
    let title = l.title.replace("{}", &next);
    let mut doc = Document::new(format!("{title} — {}", list.round.id));
    doc.title(title.clone())
        .subtitle(list.round.program.title.get(lang).to_owned())
        .page_numbers(true)
        .page_label(match lang {
            Lang::ZhCn => reviewdesk_reports::PageLabel::Chinese,
            Lang::En => reviewdesk_reports::PageLabel::English,
        })
        .footer(format!("{}: {}", l.bundle, list.bundle_sha256));
    if let Ok(d) = DocumentDate::new(today.year() as u16, today.month() as u8, today.day() as u8) {
        doc.created(d);
    }
    let closed = stage_name(t, &list.advance.closed, lang);
    let mut kv = vec![(l.round, list.round.id.clone()), (l.closed, closed)];
    if let Some(g) = list.advance.gate {
        kv.push((l.gate, g.to_string()));
    }
    doc.key_values(kv);
    let header = [l.no, l.name, l.code, l.region, l.score, l.outcome];
    for (heading, advancing) in [(l.advancing, true), (l.stopped, false)] {
        doc.heading(heading);
        let rows = rows(list, lang, advancing);
        if rows.is_empty() {
            doc.paragraph(l.none);
            continue;
        }
        let mut table = Table::new(header).widths(&[1, 5, 4, 2, 2, 3]);
        for r in rows {
            table.push_row(r);
        }
        doc.table(table);
    }
    doc.spacer_mm(6.0)
        .signature_block([l.signed.to_owned(), l.date.to_owned()]);
    doc.to_pdf_bytes(font)
        .map_err(|e| DeskError::Print(e.to_string()))
}

/// The advance list as CSV (UTF-8 with a BOM): one row per applicant reviewed,
/// those who go on first, with the outcome's label and its stable code.
pub fn advance_csv(list: &AdvanceList, lang: Lang) -> Result<Vec<u8>, DeskError> {
    let l = labels(lang);
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let werr = |e: csv::Error| DeskError::Print(e.to_string());
        w.write_record([
            l.no, "id", l.name, l.code, l.region, l.score, l.outcome, "code",
        ])
        .map_err(werr)?;
        let mut n = 0;
        for advancing in [true, false] {
            for r in list
                .advance
                .rows
                .iter()
                .filter(|r| (r.outcome == AdvanceOutcome::Advances) == advancing)
            {
                n += 1;
                let a = list.round.applicants.iter().find(|a| a.id == r.applicant);
                w.write_record([
                    n.to_string().as_str(),
                    r.applicant.as_str(),
                    a.map_or("", |a| a.name.as_str()),
                    &a.map(|a| a.credit_code.to_string()).unwrap_or_default(),
                    a.map_or("", |a| a.region.get(lang)),
                    &r.aggregate.map(|d| d.to_string()).unwrap_or_default(),
                    outcome_label(r.outcome, lang),
                    r.outcome.code(),
                ])
                .map_err(werr)?;
            }
        }
        w.flush().map_err(|e| DeskError::Print(e.to_string()))?;
    }
    Ok(out)
}

/// Writes [`ADVANCE_PDF`] and [`ADVANCE_CSV`] into the folder `out` (made when
/// missing; files there are replaced). Returns the two paths.
pub fn write_advance_list(
    list: &AdvanceList,
    out: &Path,
    font: &FontData,
    lang: Lang,
    today: Date,
) -> Result<Vec<PathBuf>, DeskError> {
    std::fs::create_dir_all(out).map_err(|source| DeskError::Write {
        path: out.to_path_buf(),
        source,
    })?;
    let pdf = out.join(ADVANCE_PDF);
    crate::files::write_bytes(&pdf, &advance_pdf(list, font, lang, today)?)?;
    let csv = out.join(ADVANCE_CSV);
    crate::files::write_bytes(&csv, &advance_csv(list, lang)?)?;
    Ok(vec![pdf, csv])
}

/// What a sealing for hand-out needs besides the round.
#[derive(Clone, Copy)]
pub struct HandOutTo<'a> {
    /// The organizer's signing key (the organizer card's).
    pub organizer: &'a Signer,
    /// An empty (or new) folder for the package family and its hand-out list.
    pub dir: &'a Path,
    /// The bundled font, for the hand-out list.
    pub font: &'a FontData,
    /// The hand-out list's language.
    pub lang: Lang,
    /// Today (the sealing day).
    pub today: Date,
    /// The round's working-day calendar, sealed into the packages: the shipped
    /// one plus the organizer workspace's added years
    /// ([`crate::round_calendar`]).
    pub calendar: &'a WorkdayCalendar,
}

/// Records `planned` with the next revision and seals the family for hand-out;
/// the experts `kept` names keep their packages.
fn reseal(
    round_dir: &Path,
    planned: &Round,
    to: HandOutTo<'_>,
    kept: &Family,
    progress: &mut dyn FnMut(usize, usize, u64, u64),
) -> Result<HandOut, DeskError> {
    // The folder is checked before the round is edited, so a refusal costs nothing.
    empty_output_dir(to.dir)?;
    let (mut loaded, _) = record_next_revision(round_dir, planned)?;
    loaded.calendar = to.calendar.clone();
    let cards = load_cards(&loaded)?;
    seal_for_handout_part(
        &loaded,
        &cards,
        to.organizer,
        to.dir,
        to.font,
        to.lang,
        to.today,
        kept,
        progress,
    )
}

/// Opens the next stage for exactly the applicants `list` says go on: the
/// round folder `round_dir` gets the `[[advance]]` list and the next
/// `package_revision`, then the whole package family is sealed into `to.dir` with
/// its hand-out list. Refused while applicants are short of quorum
/// (`stage_incomplete`: add a substitute first), or when the list is of another
/// round (`other_round`).
pub fn open_next_stage(
    round_dir: &Path,
    list: &AdvanceList,
    to: HandOutTo<'_>,
    progress: &mut dyn FnMut(usize, usize, u64, u64),
) -> Result<HandOut, DeskError> {
    let loaded = load_round(round_dir)?;
    let planned = reviewdesk_core::open_next(&loaded.round, &list.advance)?;
    reseal(round_dir, &planned, to, &Family::default(), progress)
}

/// The drawn sample a bundle records (verified and recomputed first):
/// `no_draw` when the template samples no stage.
pub fn drawn_sample(
    bundle: &Path,
    organizer: Option<&Fingerprint>,
    identities: &[Identity],
) -> Result<DrawnSample, DeskError> {
    let v = verify_bundle(bundle, organizer, identities)?;
    v.draw.drawn.ok_or(DeskError::Stage(StageError::NoDraw))
}

/// Writes the drawn sample into the round (`[[sample]]`, replacing one for the
/// same stage) with the next `package_revision` and seals the package family
/// again for hand-out: the sampled stage opens for the drawn applicants.
pub fn open_sampled_stage(
    round_dir: &Path,
    drawn: &DrawnSample,
    to: HandOutTo<'_>,
    progress: &mut dyn FnMut(usize, usize, u64, u64),
) -> Result<HandOut, DeskError> {
    let loaded = load_round(round_dir)?;
    if drawn.round_id != loaded.round.id {
        return Err(StageError::OtherRound {
            bundle: drawn.round_id.clone(),
            round: loaded.round.id.clone(),
        }
        .into());
    }
    let mut planned = loaded.round.clone();
    let sample = StageSample {
        stage: drawn.stage.clone(),
        applicants: drawn.sample.clone(),
    };
    match planned.samples.iter_mut().find(|s| s.stage == drawn.stage) {
        Some(s) => *s = sample,
        None => planned.samples.push(sample),
    }
    reseal(round_dir, &planned, to, &Family::default(), progress)
}

/// A substitute expert as the organizer enters them; the name is the card's.
#[derive(Debug, Clone)]
pub struct Substitute<'a> {
    /// The substitute's key card file (role expert).
    pub card: &'a Path,
    /// Employer (工作单位).
    pub affiliation: &'a str,
    /// The employer's credit code, when known (conflicts are found by it).
    pub affiliation_credit_code: Option<reviewdesk_core::CreditCode>,
    /// Field of expertise, zh and en.
    pub field: Localized,
    /// The applicants the substitute reviews.
    pub applicants: &'a [String],
}

/// What [`add_substitute`] did.
#[derive(Debug, Clone)]
pub struct Substituted {
    /// The substitute's id in the round (`E06`).
    pub expert: String,
    /// The packages written: the substitute's and the whole one.
    pub handout: HandOut,
}

/// Adds a substitute expert: the card verified (self-signed, role expert, a key
/// no one on the panel has) and put into `cards/`, the expert appended to the
/// panel with the next id and assigned to `sub.applicants` (conflicts of interest
/// as of `to.today` refused, `substitute_conflict`), the next `package_revision`
/// recorded; then the substitute's package and the whole one are sealed into
/// `to.dir`. The whole package's family is the one of `previous_whole` (the whole
/// package last handed out, opened with the organizer's `identities`) plus the
/// substitute: every other expert keeps the package they hold, and the sheets
/// they signed against it stay valid at the chair's merge.
pub fn add_substitute(
    round_dir: &Path,
    previous_whole: &Path,
    identities: &[Identity],
    sub: &Substitute<'_>,
    to: HandOutTo<'_>,
    progress: &mut dyn FnMut(usize, usize, u64, u64),
) -> Result<Substituted, DeskError> {
    let loaded = load_round(round_dir)?;
    let cards = load_cards(&loaded)?;
    let bytes = crate::files::read_limited(sub.card, crate::files::Limited::KeyCard)?;
    let card = KeyCard::read(&bytes).map_err(|source| DeskError::Card {
        path: sub.card.to_path_buf(),
        source,
    })?;
    let id = reviewdesk_core::next_expert_id(&loaded.round);
    if card.role != Role::Expert {
        return Err(DeskError::CardRole {
            person: id,
            expected: Role::Expert.as_str(),
            found: card.role.as_str(),
        });
    }
    if let Some(same) = std::iter::once(&cards.organizer)
        .chain(&cards.members)
        .find(|c| c.card.signing_key.key_data() == card.signing_key.key_data())
    {
        return Err(DeskError::DuplicateKey {
            first: same.person.clone(),
            second: id,
        });
    }
    let expert = Expert {
        id: id.clone(),
        name: card.name.clone(),
        affiliation: sub.affiliation.to_owned(),
        field: sub.field.clone(),
        kind: None,
        affiliation_credit_code: sub.affiliation_credit_code.clone(),
        former_employers: Vec::new(),
    };
    let planned = reviewdesk_core::add_substitute(&loaded.round, expert, sub.applicants, to.today)?;
    // The family handed out before (every expert keeps that package).
    let org = to.organizer.fingerprint();
    let previous = open_for_member(previous_whole, Some(&org), identities)?;
    if previous.binding.round != loaded.round.id {
        return Err(StageError::OtherRound {
            bundle: previous.binding.round.clone(),
            round: loaded.round.id.clone(),
        }
        .into());
    }
    let kept = Family {
        members: previous.binding.family.clone(),
    };
    empty_output_dir(to.dir)?;
    let dest = round_dir.join(CARDS_DIR).join(format!("{id}.card"));
    crate::files::write_bytes(&dest, &bytes)?;
    let handout = match reseal(round_dir, &planned, to, &kept, progress) {
        Ok(h) => h,
        Err(e) => {
            // The round was not edited (or the edit failed): the card goes again.
            if load_round(round_dir)
                .map(|l| !l.round.panel.experts.iter().any(|e| e.id == id))
                .unwrap_or(true)
            {
                let _ = std::fs::remove_file(&dest);
            }
            return Err(e);
        }
    };
    Ok(Substituted {
        expert: id,
        handout,
    })
}
