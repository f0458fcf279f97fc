//! The three PDF reports, laid out by `reviewdesk-reports` on A4 portrait.

use reviewdesk_core::rules::aggregate::round_half_up;
use reviewdesk_core::rules::Answer;
use reviewdesk_core::Lang;
use reviewdesk_reports::{Align, Document, DocumentDate, FontData, Paragraph};

use crate::fit;
use crate::labels;
use crate::model::Model;
use crate::{ResultSet, ResultsError};

/// At most this many expert columns in one table; more experts continue in
/// another table (the applicant columns repeated), so figures never wrap.
const EXPERTS_PER_TABLE: usize = 6;
/// At most this many signature lines in one block (a block is kept on one page).
const SIGNATURES_PER_BLOCK: usize = 12;

fn date_text(d: DocumentDate, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
    }
}

/// A document with the set's metadata, date and footer.
fn document(m: &Model<'_>, kind: &str) -> Document {
    let set = m.set;
    let mut doc = Document::new(format!("{kind} — {}", set.round.id));
    doc.created(set.date)
        .page_label(match set.lang {
            Lang::ZhCn => reviewdesk_reports::PageLabel::Chinese,
            Lang::En => reviewdesk_reports::PageLabel::English,
        })
        .author(set.round.panel.chair.name.clone())
        .subject(m.text(&set.round.program.title).to_owned());
    if let Some(f) = &set.footer {
        doc.footer(f.clone());
    }
    doc
}

fn owned(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

fn signatures(doc: &mut Document, lines: Vec<String>) {
    let chunks: Vec<&[String]> = lines.chunks(SIGNATURES_PER_BLOCK).collect();
    for chunk in chunks {
        doc.spacer_mm(6.0).signature_block(chunk.to_vec());
    }
}

fn signed(label: &str, name: &str, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => format!("{label}（{name}）"),
        Lang::En => format!("{label} ({name})"),
    }
}

/// The score summary (评分汇总表): the panel; per score stage every expert's
/// stage total per applicant ("回避" for a recusal, "—" when not assigned or not
/// scored), the valid scores and the aggregate; the results per category (stage
/// aggregates and decisions, final, grade, rank, status, selection); the
/// divergent scores and the site-visit draw when there are any; a signature
/// line for every expert and the chair, and the date.
///
/// # Errors
///
/// [`ResultsError::Inconsistent`] when the parts of `set` do not belong together;
/// [`ResultsError::Pdf`] when the layout engine refuses the document.
pub fn summary_pdf(set: &ResultSet<'_>, font: &FontData) -> Result<Vec<u8>, ResultsError> {
    let m = Model::new(set)?;
    let (l, lang, t, round) = (m.l, set.lang, set.template, set.round);
    let mut doc = document(&m, l.summary_title);
    doc.title(l.summary_title)
        .subtitle(m.text(&round.program.title).to_owned());
    doc.key_values([
        (l.round, round.id.clone()),
        (l.organizer, m.text(&round.program.organizer).to_owned()),
        (
            l.template,
            format!("{} ({} v{})", m.text(&t.program), t.id, t.version),
        ),
        (
            l.method,
            labels::method(
                lang,
                t.aggregation.method,
                t.aggregation.level,
                t.aggregation.min_n,
            ),
        ),
        (l.quorum, t.quorum.to_string()),
        (l.report_date, date_text(set.date, lang)),
    ]);

    doc.heading(l.panel);
    let chair = &round.panel.chair;
    let members = std::iter::once((l.chair_role, chair))
        .chain(round.panel.experts.iter().map(|e| (l.expert_role, e)));
    let rows = members
        .map(|(role, e)| {
            vec![
                role.to_owned(),
                e.id.clone(),
                e.name.clone(),
                e.affiliation.clone(),
                m.text(&e.field).to_owned(),
            ]
        })
        .collect();
    doc.table(fit::table(
        font,
        owned(&[l.role, l.id, l.name, l.affiliation, l.field]),
        rows,
        &[],
        &[2],
    ));

    for (i, stage) in m.score_stages() {
        let heading = match lang {
            Lang::ZhCn => format!(
                "{}：{}（{}{}，{}{}%）",
                m.text(&stage.name),
                l.expert_totals,
                l.max,
                stage.max,
                l.weight,
                stage.weight
            ),
            Lang::En => format!(
                "{}: {} ({} {}, {} {}%)",
                m.text(&stage.name),
                l.expert_totals,
                l.max,
                stage.max,
                l.weight,
                stage.weight
            ),
        };
        doc.heading(heading);
        let chunks: Vec<&[(&str, &str)]> = m.experts.chunks(EXPERTS_PER_TABLE).collect();
        let n_chunks = chunks.len().max(1);
        for (c, chunk) in chunks.iter().enumerate() {
            let last = c + 1 == n_chunks;
            let first = c * EXPERTS_PER_TABLE;
            let mut header = owned(&[l.id, l.applicant]);
            header.extend(chunk.iter().map(|(_, name)| (*name).to_owned()));
            if last {
                header.extend(owned(&[l.valid_experts, l.aggregate]));
            }
            let rows = m
                .rows
                .iter()
                .map(|row| {
                    let sr = &row.result.stages[i];
                    let mut v = vec![row.result.id.clone(), row.applicant.name.clone()];
                    v.extend(
                        row.totals[i][first..first + chunk.len()]
                            .iter()
                            .map(|&cell| m.cell(cell, sr)),
                    );
                    if last {
                        v.push(sr.valid_experts.to_string());
                        v.push(m.stage_outcome(sr, false));
                    }
                    v
                })
                .collect();
            let right: Vec<usize> = (2..header.len()).collect();
            doc.table(fit::table(font, header, rows, &right, &[1]));
        }
    }

    doc.heading(l.results);
    let mut start = 0;
    while start < m.rows.len() {
        let category = &m.rows[start].result.category;
        let end = start
            + m.rows[start..]
                .iter()
                .take_while(|r| &r.result.category == category)
                .count();
        // A heading, so it is kept on the page of its table.
        doc.heading(format!("{}{}{}", l.category, l.colon, m.category(category)));
        // Without the id and the pass counts (both in the stage tables and the
        // opinion pages), so that every column fits without wrapping its cells.
        let mut header = owned(&[l.rank, l.applicant]);
        header.extend(m.stages().map(|(_, s)| m.text(&s.name).to_owned()));
        header.extend(owned(&[l.final_score, l.grade, l.status, l.selected]));
        let rows = m.rows[start..end]
            .iter()
            .map(|row| {
                let r = row.result;
                let mut v = vec![m.rank_text(r), row.applicant.name.clone()];
                v.extend(r.stages.iter().map(|sr| m.stage_outcome(sr, false)));
                v.push(m.final_text(r));
                v.push(m.grade(r).unwrap_or(l.none).to_owned());
                v.push(m.status(r).to_owned());
                v.push(m.selected(r).to_owned());
                v
            })
            .collect();
        let n_stages = t.stages.len();
        let mut right = vec![0];
        right.extend(2..2 + n_stages + 1);
        doc.table(fit::table(font, header, rows, &right, &[1]));
        start = end;
    }

    let ineligible: Vec<_> = m
        .rows
        .iter()
        .filter(|r| !r.result.failed_items.is_empty())
        .collect();
    if !ineligible.is_empty() {
        doc.heading(l.ineligible_heading);
        doc.styled(Paragraph::new(l.ineligible_note).no_indent());
        let rows = ineligible
            .iter()
            .flat_map(|row| {
                m.failed_items(row.result)
                    .into_iter()
                    .map(|(item, reason)| vec![row.applicant.name.clone(), item, reason])
            })
            .collect();
        doc.table(fit::table(
            font,
            owned(&[l.applicant, l.eligibility_item, l.eligibility_reason]),
            rows,
            &[],
            &[0],
        ));
    }

    if !set.result.divergence.is_empty() {
        doc.heading(l.divergence);
        doc.styled(Paragraph::new(l.divergence_note).no_indent());
        let dp = set.result.decimals;
        let rows = set
            .result
            .divergence
            .iter()
            .map(|f| {
                vec![
                    f.applicant.clone(),
                    t.stage(&f.stage)
                        .map_or(f.stage.clone(), |s| m.text(&s.name).to_owned()),
                    f.indicator.as_deref().map_or(l.none.to_owned(), |i| {
                        t.indicator(i)
                            .map_or(i.to_owned(), |x| m.text(&x.name).to_owned())
                    }),
                    m.expert_name(&f.expert).to_owned(),
                    f.value.to_string(),
                    // The engine keeps the others' mean and the deviation exact
                    // (possibly 28 digits); printed rounded as the aggregates are.
                    round_half_up(f.mean_of_others, dp).to_string(),
                    round_half_up(f.d, dp).to_string(),
                ]
            })
            .collect();
        doc.table(fit::table(
            font,
            owned(&[
                l.id,
                l.stage,
                l.indicator,
                l.expert,
                l.value,
                l.mean_of_others,
                l.deviation,
            ]),
            rows,
            &[4, 5, 6],
            &[],
        ));
    }

    if !set.justifications.is_empty() {
        doc.heading(l.justifications);
        doc.styled(Paragraph::new(l.justifications_note).no_indent());
        let rows = set
            .justifications
            .iter()
            .map(|(expert, j)| {
                vec![
                    j.applicant.clone(),
                    t.stage(&j.stage)
                        .map_or(j.stage.clone(), |s| m.text(&s.name).to_owned()),
                    j.indicator.as_deref().map_or(l.none.to_owned(), |i| {
                        t.indicator(i)
                            .map_or(i.to_owned(), |x| m.text(&x.name).to_owned())
                    }),
                    m.expert_name(expert).to_owned(),
                    j.request.to_string(),
                    match j.answer {
                        Answer::Kept => l.kept,
                        Answer::Changed => l.changed,
                    }
                    .to_owned(),
                    j.text.clone(),
                ]
            })
            .collect();
        doc.table(fit::table(
            font,
            owned(&[
                l.id,
                l.stage,
                l.indicator,
                l.expert,
                l.request,
                l.answer,
                l.justification,
            ]),
            rows,
            &[4],
            &[0, 4],
        ));
    }

    if let Some(d) = &set.draw.drawn {
        doc.heading(l.draw);
        let stage = t
            .stage(&d.stage)
            .map_or(d.stage.as_str(), |s| m.text(&s.name));
        let text = l
            .draw_text
            .replace("{stage}", stage)
            .replace("{announced}", &d.announced)
            .replace("{seed}", &d.seed)
            .replace("{n}", &d.candidates.len().to_string())
            .replace("{k}", &d.k.to_string())
            .replace("{sample}", &d.sample.join(", "));
        doc.styled(Paragraph::new(text).no_indent());
    }

    doc.spacer_mm(3.0)
        .styled(Paragraph::new(l.legend).no_indent().size_pt(9.0));
    let mut lines: Vec<String> = round
        .panel
        .experts
        .iter()
        .map(|e| signed(l.expert_signature, &e.name, lang))
        .collect();
    lines.push(signed(l.chair_signature, &chair.name, lang));
    lines.push(l.date.to_owned());
    signatures(&mut doc, lines);
    Ok(doc.to_pdf_bytes(font)?)
}

/// The opinion pages (评审意见): one page per applicant, in the result's order —
/// its name, credit code, category and region, every stage's outcome, final,
/// grade, rank in its category, status and selection; the panel's opinion
/// verbatim (or that none was written); every dissent (保留意见) with its
/// expert's name; signature lines for the chair and the panel, and the date.
/// A very long opinion continues on a further page.
///
/// # Errors
///
/// As [`summary_pdf`].
pub fn opinion_pages_pdf(set: &ResultSet<'_>, font: &FontData) -> Result<Vec<u8>, ResultsError> {
    let m = Model::new(set)?;
    let (l, lang, round) = (m.l, set.lang, set.round);
    let mut doc = document(&m, l.opinion_title);
    doc.running_header(format!(
        "{} — {}",
        m.text(&round.program.title),
        l.opinion_running
    ));
    for (k, row) in m.rows.iter().enumerate() {
        if k > 0 {
            doc.page_break();
        }
        let r = row.result;
        let a = row.applicant;
        doc.title(l.opinion_title);
        let mut kv: Vec<(String, String)> = vec![
            (l.applicant.to_owned(), a.name.clone()),
            (l.id.to_owned(), a.id.clone()),
            (l.credit_code.to_owned(), a.credit_code.to_string()),
            (l.category.to_owned(), m.category(&r.category).to_owned()),
            (l.region.to_owned(), m.text(&a.region).to_owned()),
        ];
        for (i, s) in m.stages() {
            kv.push((
                m.text(&s.name).to_owned(),
                m.stage_outcome(&r.stages[i], true),
            ));
        }
        kv.push((l.final_score.to_owned(), m.final_text(r)));
        kv.push((l.grade.to_owned(), m.grade(r).unwrap_or(l.none).to_owned()));
        kv.push((l.rank_in_category.to_owned(), m.rank_text(r)));
        kv.push((l.status.to_owned(), m.status(r).to_owned()));
        for (item, reason) in m.failed_items(r) {
            kv.push((l.eligibility_item.to_owned(), item));
            kv.push((l.eligibility_reason.to_owned(), reason));
        }
        kv.push((l.selected.to_owned(), m.selected(r).to_owned()));
        doc.key_values(kv);

        let opinion = set.opinions.applicants.iter().find(|o| o.applicant == r.id);
        doc.heading(l.panel_opinion);
        match opinion {
            Some(o) => doc.paragraph(o.opinion.clone()),
            None => doc.paragraph(l.no_opinion),
        };
        doc.heading(l.dissents);
        match opinion.map(|o| o.dissents.as_slice()) {
            Some(ds) if !ds.is_empty() => {
                for d in ds {
                    let who = signed(m.expert_name(&d.expert), &d.expert, lang);
                    doc.paragraph(format!("{who}{}{}", l.colon, d.note));
                }
            }
            _ => {
                doc.paragraph(l.no_dissent);
            }
        }
        doc.spacer_mm(4.0).signature_block([
            signed(l.chair_signature, &round.panel.chair.name, lang),
            l.panel_signature.to_owned(),
            l.date.to_owned(),
        ]);
    }
    Ok(doc.to_pdf_bytes(font)?)
}

/// The public-notice list (公示名单), as a draft for the organizer: the round's
/// title, the selected applicants (入选) by category in rank order with region,
/// category, final and grade, and the notice's terms — 5 working days counted on
/// the official holiday calendar, objections in writing under a real name with
/// contact details and evidence within the period, where to send them (the
/// organizer; contact blanks to fill), a ruling on each — with blanks for the
/// dates, which are set when the organizer publishes.
///
/// # Errors
///
/// As [`summary_pdf`].
pub fn public_notice_pdf(set: &ResultSet<'_>, font: &FontData) -> Result<Vec<u8>, ResultsError> {
    let m = Model::new(set)?;
    let (l, round) = (m.l, set.round);
    let title = m.text(&round.program.title);
    let organizer = m.text(&round.program.organizer);
    let mut doc = document(&m, l.notice_title);
    doc.title(format!("{title} {}", l.notice_title))
        .subtitle(l.notice_draft);
    doc.paragraph(l.notice_intro.replace("{title}", title));
    let selected: Vec<_> = m.rows.iter().filter(|r| r.result.selected).collect();
    if selected.is_empty() {
        doc.paragraph(l.notice_none);
    }
    let mut start = 0;
    while start < selected.len() {
        let category = &selected[start].result.category;
        let end = start
            + selected[start..]
                .iter()
                .take_while(|r| &r.result.category == category)
                .count();
        // A heading, so it is kept on the page of its table.
        doc.heading(format!("{}{}{}", l.category, l.colon, m.category(category)));
        let rows = selected[start..end]
            .iter()
            .map(|row| {
                let r = row.result;
                vec![
                    m.rank_text(r),
                    row.applicant.name.clone(),
                    m.text(&row.applicant.region).to_owned(),
                    m.category(&r.category).to_owned(),
                    m.final_text(r),
                    m.grade(r).unwrap_or(l.none).to_owned(),
                ]
            })
            .collect();
        doc.table(fit::table(
            font,
            owned(&[
                l.rank,
                l.applicant,
                l.region,
                l.category,
                l.final_score,
                l.grade,
            ]),
            rows,
            &[0, 4],
            &[1],
        ));
        start = end;
    }
    doc.heading(l.notice_terms_heading);
    for (i, term) in l.notice_terms.iter().enumerate() {
        doc.paragraph(format!(
            "{}. {}",
            i + 1,
            term.replace("{organizer}", organizer)
        ));
    }
    doc.spacer_mm(10.0)
        .styled(Paragraph::new(organizer).align(Align::Right))
        .styled(Paragraph::new(l.notice_issuer_date).align(Align::Right));
    Ok(doc.to_pdf_bytes(font)?)
}
