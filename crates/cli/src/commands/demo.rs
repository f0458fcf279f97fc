//! `reviewdesk demo`: load the demo round through the same code as any round and
//! print its overview.

use crate::error::CliError;
use crate::messages::{labels, Labels};
use crate::render;
use reviewdesk_core::Lang;
use reviewdesk_io::load_round;
use reviewdesk_ipc::{LocalizedText, RoundOverview, RulingView, StageKindView};
use std::path::Path;

fn pick(t: &LocalizedText, lang: Lang) -> &str {
    t.get(lang)
}

/// Renders the overview as text tables.
pub fn render(o: &RoundOverview, lang: Lang) -> String {
    let l: &Labels = labels(lang);
    let mut out = String::new();
    out += &format!("{}: {}  [{}]\n", l.round, pick(&o.title, lang), o.round_id);
    out += &format!("{}: {}\n", l.organizer, pick(&o.organizer, lang));
    out += &format!(
        "{}: {} ({})\n\n",
        l.template,
        pick(&o.program, lang),
        o.template
    );

    let mut t = render::table(vec![l.stage, l.kind, l.max, l.weight]);
    for s in &o.stages {
        let kind = match s.kind {
            StageKindView::Score => l.score,
            StageKindView::PassFail => l.pass_fail,
        };
        t.add_row(vec![pick(&s.name, lang), kind, &s.max, &s.weight]);
    }
    out += &format!("{}\n{t}\n\n", l.stages);

    let mut t = render::table(vec![
        l.id,
        l.name,
        l.credit_code,
        l.region,
        l.category,
        l.materials,
        l.experts,
    ]);
    for a in &o.applicants {
        let cats: Vec<&str> = a.categories.iter().map(|c| pick(c, lang)).collect();
        t.add_row(vec![
            a.id.clone(),
            a.name.clone(),
            a.credit_code.clone(),
            pick(&a.region, lang).to_owned(),
            cats.join(" / "),
            a.materials.to_string(),
            a.experts.to_string(),
        ]);
    }
    out += &format!("{}\n{t}\n\n", l.applicants);

    let mut t = render::table(vec![
        l.id,
        l.name,
        l.role,
        l.affiliation,
        l.field,
        l.assigned,
    ]);
    for e in &o.panel {
        t.add_row(vec![
            e.id.clone(),
            e.name.clone(),
            (if e.chair { l.chair } else { l.expert }).to_owned(),
            e.affiliation.clone(),
            pick(&e.field, lang).to_owned(),
            e.assigned.to_string(),
        ]);
    }
    out += &format!("{}\n{t}\n", l.panel);

    if !o.recusal_requests.is_empty() {
        let mut t = render::table(vec![l.applicant, l.expert, l.reason, l.ruling]);
        for r in &o.recusal_requests {
            let ruling = match r.ruling {
                RulingView::Pending => l.pending,
                RulingView::Upheld => l.upheld,
                RulingView::Rejected => l.rejected,
            };
            t.add_row(vec![
                format!("{} {}", r.applicant, r.applicant_name),
                format!("{} {}", r.expert, r.expert_name),
                r.reason.clone(),
                ruling.to_owned(),
            ]);
        }
        out += &format!("\n{}\n{t}\n", l.recusal_requests);
    }
    out
}

/// Runs the subcommand.
pub fn run(round: Option<&Path>, lang: Lang) -> Result<(), CliError> {
    let dir = match round {
        Some(r) => r.to_path_buf(),
        None => super::demo_round()?,
    };
    let loaded = load_round(&dir)?;
    print!("{}", render(&RoundOverview::from(&loaded), lang));
    Ok(())
}
