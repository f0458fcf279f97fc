//! The organizer's part of `reviewdesk demo --out DIR`: the demo round authored
//! in `DIR/round/` from the demo's input files through the organizer's services,
//! in the order the organizer desk follows — a new round from the template
//! (`create_round`), the applicants from `applicants.xlsx` (`import_applicants`),
//! the materials from `materials/` (`import_materials`), the panel from
//! `experts.xlsx` and the DEMO key cards in `cards/` (`import_panel`), the
//! eligibility check (`record_eligibility`), the applicant's recusal request
//! entered and ruled (`add_round_recusal`, `rule_round_recusal`), the automatic
//! assignment with a recorded seed (`assign_round`) and the check before sealing
//! (`sealing_blockers`). The bundled `round.toml` is not read: it is what the
//! desktop's "try the demo" opens, and `crates/cli/tests/demo_out.rs` checks that
//! the two agree.
//!
//! Every date is a fixed demo date, never today, so the round written is the same
//! on every run.

use std::path::{Path, PathBuf};

use reviewdesk_core::{Date, Lang, RecusalRuling};
use reviewdesk_io::{
    add_round_recusal, assign_round, create_round, import_applicants, import_materials,
    import_panel, load_round, record_eligibility, rule_round_recusal, sealing_blockers,
    AssignRequest, Checked, ImportError, LoadedRound, NewRound,
};

use crate::error::CliError;
use crate::messages::{
    applicant_problem, author_blocked, author_heading, author_input_refused, author_missing,
    author_step, blocker, material_kind, material_problem, panel_problem, AuthorStep,
};

/// The applicant spreadsheet in the demo folder (`reviewdesk-demo-gen` writes it).
pub const APPLICANTS_FILE: &str = "applicants.xlsx";
/// The expert list in the demo folder.
pub const EXPERTS_FILE: &str = "experts.xlsx";

const TEMPLATE: &str = "gd-supplier-recognition";
const TITLE: &str = "2026年度广东省工业互联网产业生态供给资源池优秀供应商认定（第一批）";
const ORGANIZER: &str = "广东省工业互联网产业联盟（受省工业和信息化厅委托）";
/// 申报截止日: material freshness is counted back from it.
const APPLICATION_DEADLINE: &str = "2026-02-28";
/// The organizer's officer who checks eligibility and rules the recusal request.
const OFFICER: &str = "郑雅文";
const CHECKED_ON: &str = "2026-03-05";
/// The recusal request: the applicant (by credit code) and the expert (by name).
const RECUSAL_APPLICANT: &str = "91441900MA5QQJE70C";
const RECUSAL_EXPERT: &str = "黄志强";
const RECUSAL_REASON: &str = "黄志强专家所在的南粤信息安全测评中心于2024年为本公司产品出具过检测报告，存在利害关系，申请其回避。";
const RECUSAL_RECEIVED: &str = "2026-03-06";
const RULING_REASON: &str =
    "经核实，南粤信息安全测评中心确于2024年为申请单位产品出具检测报告，存在利害关系，予以回避。";
const RULED_ON: &str = "2026-03-10";
/// Four experts per applicant: one above the template's quorum of 3, and as many
/// as the applicant with the upheld recusal (A04: four of the five experts left)
/// can have — the solver still chooses among the others.
const PER_APPLICANT: u32 = 4;
/// The assignment's seed, recorded in `round.toml` as `assignment_seed`.
const SEED: u64 = 20_260_312;
/// The day the assignment is made (conflicts are judged as of it: the round has
/// no review deadline, since the desk refuses a package past it).
const ASSIGNED_ON: &str = "2026-03-12";

/// What the authoring did: the round as written and the lines to print.
pub struct Authored {
    /// The round folder, loaded.
    pub loaded: LoadedRound,
    /// The heading and one line (or a few) per step.
    pub text: String,
}

fn day(text: &str) -> Result<Date, CliError> {
    Ok(text.parse::<Date>()?)
}

fn refused(file: &Path, problems: Vec<String>, lang: Lang) -> CliError {
    CliError::Explained {
        code: "demo_input_refused",
        message: author_input_refused(&file.display().to_string(), &problems, lang),
    }
}

/// Authors the demo round in `dir` (which must not hold a round yet) from the demo
/// folder `demo`: `applicants.xlsx`, `materials/`, `experts.xlsx` and `cards/`.
pub fn author_round(demo: &Path, dir: &Path, lang: Lang) -> Result<Authored, CliError> {
    let mut lines = vec![author_heading(&dir.display().to_string(), lang)];
    let mut say = |step: AuthorStep| lines.push(author_step(&step, lang));

    // 1. A new round from the built-in template.
    let new = NewRound {
        template: TEMPLATE.into(),
        title: TITLE.into(),
        organizer: Some(ORGANIZER.into()),
        deadline: None,
        application_deadline: Some(day(APPLICATION_DEADLINE)?),
    };
    create_round(dir, &new)?;
    say(AuthorStep::NewRound {
        dir: dir.display().to_string(),
        template: TEMPLATE.into(),
        deadline: APPLICATION_DEADLINE.into(),
    });

    // 2. The applicants from the spreadsheet.
    let file = demo.join(APPLICANTS_FILE);
    let plan = import_applicants(dir, &file, None)?;
    let Some(merge) = &plan.merge else {
        let problems = plan
            .checked
            .problems
            .iter()
            .map(|p| applicant_problem(p, lang))
            .collect();
        return Err(refused(&file, problems, lang));
    };
    say(AuthorStep::Applicants {
        file: file.display().to_string(),
        sheet: plan.sheet.clone(),
        header_row: plan.mapping.header_row,
        added: merge.added.clone(),
    });

    // 3. The materials from the folder (matched by the applicant id the file
    //    names start with; the kind from the rest of the name).
    let folder = demo.join("materials");
    let import = import_materials(dir, &folder)?;
    if import.round_toml.is_none() || !import.plan.problems.is_empty() {
        let problems = import
            .plan
            .problems
            .iter()
            .map(|p| material_problem(p, lang))
            .collect();
        return Err(refused(&folder, problems, lang));
    }
    say(AuthorStep::Materials {
        folder: folder.display().to_string(),
        taken: import
            .plan
            .accepted
            .iter()
            .map(|a| {
                let m = &a.material;
                (
                    m.id.clone(),
                    m.applicant.clone(),
                    material_kind(m.kind, lang),
                    m.file.clone(),
                )
            })
            .collect(),
    });

    // 4. The panel from the expert list and the DEMO key cards (the organizer's
    //    card among them).
    let experts = demo.join(EXPERTS_FILE);
    let cards = demo.join("cards");
    let panel = import_panel(dir, &experts, None, std::slice::from_ref(&cards))?;
    if panel.round_toml.is_none() || !panel.plan.problems.is_empty() {
        let problems = panel
            .plan
            .problems
            .iter()
            .map(|p| panel_problem(p, lang))
            .collect();
        return Err(refused(&experts, problems, lang));
    }
    let loaded = load_round(dir)?;
    let panel_of = &loaded.round.panel;
    let who = |id: &str| {
        std::iter::once(&panel_of.chair)
            .chain(&panel_of.experts)
            .find(|e| e.id == id)
            .map_or_else(|| id.to_owned(), |e| format!("{id} {}", e.name))
    };
    say(AuthorStep::Panel {
        file: experts.display().to_string(),
        chair: who(&loaded.round.panel.chair.id),
        experts: loaded
            .round
            .panel
            .experts
            .iter()
            .map(|e| who(&e.id))
            .collect(),
        cards: panel.cards.len(),
    });

    // 5. The eligibility check: every applicant meets every condition.
    let checked_on = day(CHECKED_ON)?;
    for a in &loaded.round.applicants {
        record_eligibility(dir, &a.id, &Checked::AllMet, OFFICER, checked_on)?;
    }
    say(AuthorStep::Eligibility {
        applicants: loaded.round.applicants.len(),
        by: OFFICER.into(),
        on: CHECKED_ON.into(),
    });

    // 6. The applicant's recusal request, entered and upheld.
    let missing = |file: &str, who: &str| CliError::Explained {
        code: "demo_input_refused",
        message: author_missing(file, who, lang),
    };
    let applicant = loaded
        .round
        .applicants
        .iter()
        .find(|a| a.credit_code.as_str() == RECUSAL_APPLICANT)
        .ok_or_else(|| missing(APPLICANTS_FILE, RECUSAL_APPLICANT))?
        .id
        .clone();
    let expert = loaded
        .round
        .panel
        .experts
        .iter()
        .find(|e| e.name == RECUSAL_EXPERT)
        .ok_or_else(|| missing(EXPERTS_FILE, RECUSAL_EXPERT))?
        .id
        .clone();
    add_round_recusal(
        dir,
        &applicant,
        &expert,
        RECUSAL_REASON,
        Some(day(RECUSAL_RECEIVED)?),
    )?;
    rule_round_recusal(
        dir,
        &applicant,
        &expert,
        RecusalRuling::Upheld,
        RULING_REASON,
        OFFICER,
        day(RULED_ON)?,
    )?;
    say(AuthorStep::Recusal {
        applicant,
        expert: who(&expert),
        reason: RULING_REASON.into(),
        by: OFFICER.into(),
        on: RULED_ON.into(),
    });

    // 7. The automatic assignment, its seed recorded.
    let req = AssignRequest {
        per_applicant: Some(PER_APPLICANT),
        max_load: None,
        seed: Some(SEED),
        today: day(ASSIGNED_ON)?,
        pins: None,
        bans: None,
    };
    let edit = match assign_round(dir, req, false) {
        Ok(edit) => edit,
        Err(ImportError::Assign(reviewdesk_core::assign::AssignError::Shortage(s))) => {
            let problems = s.iter().map(|s| s.message(lang)).collect();
            return Err(refused(&dir.join("round.toml"), problems, lang));
        }
        Err(e) => return Err(e.into()),
    };
    let pairs = edit.plan.assignments();
    let loads = loaded
        .round
        .panel
        .experts
        .iter()
        .map(|e| {
            let n = pairs.iter().filter(|p| p.expert == e.id).count();
            (e.id.clone(), n)
        })
        .collect();
    say(AuthorStep::Assign {
        per_applicant: PER_APPLICANT,
        seed: SEED,
        pairs: pairs.len(),
        loads,
    });

    // 8. Nothing may block sealing.
    let loaded = load_round(dir)?;
    let blockers = sealing_blockers(&loaded);
    if !blockers.is_empty() {
        let lines: Vec<String> = blockers.iter().map(|b| blocker(b, lang)).collect();
        return Err(CliError::Explained {
            code: "demo_not_sealable",
            message: author_blocked(&lines, lang),
        });
    }
    say(AuthorStep::Sealable);
    Ok(Authored {
        loaded,
        text: lines.join("\n"),
    })
}

/// `DIR/round`: where the demo authors its round.
pub fn round_dir(out: &Path) -> PathBuf {
    out.join("round")
}
