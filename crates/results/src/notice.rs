//! The public notice (公示名单) and the final list (正式公布名单), as PDF and CSV,
//! from a notice record (`docs/formats.md`, "Publication"; rule 17 of
//! `docs/rules.md`): the rows of `reviewdesk_core::publication::notice_rows`, the
//! period with both dates, how to object and the contact line. No clock, no file
//! IO: the same record gives the same bytes.

use reviewdesk_core::publication::{NoticePeriod, NoticeRow};
use reviewdesk_core::{Lang, NoticeOrder, PeriodUnit, Round, Template};
use reviewdesk_reports::{Align, DocumentDate, FontData, Paragraph};

use crate::ResultsError;

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// 公示 (the notice, objections invited).
    Notice,
    /// 正式公布 (the final list).
    FinalList,
}

/// What a notice or final list shows.
#[derive(Debug, Clone)]
pub struct NoticeDoc<'a> {
    /// Notice or final list.
    pub kind: ListKind,
    /// The round (title, organizer).
    pub round: &'a Round,
    /// The template (category and grade names).
    pub template: &'a Template,
    /// The rows.
    pub rows: &'a [NoticeRow],
    /// The notice period (for the final list: the last notice's).
    pub period: NoticePeriod,
    /// The period's length is an assumption.
    pub assumed: bool,
    /// The list's order.
    pub order: NoticeOrder,
    /// The article the period comes from.
    pub basis: Option<&'a str>,
    /// Where and how to object.
    pub channel: &'a str,
    /// The contact line.
    pub contact: &'a str,
    /// Language.
    pub lang: Lang,
    /// The document's date.
    pub date: DocumentDate,
    /// A footer line on every page (e.g. the bundle's SHA-256).
    pub footer: Option<String>,
}

struct L {
    notice_title: &'static str,
    final_title: &'static str,
    notice_intro: &'static str,
    final_intro: &'static str,
    header: [&'static str; 6],
    no_order: &'static str,
    none: &'static str,
    proposed: &'static str,
    period: &'static str,
    working: &'static str,
    calendar: &'static str,
    assumed: &'static str,
    basis: &'static str,
    how: &'static str,
    channel: &'static str,
    contact: &'static str,
    after: &'static str,
    final_period: &'static str,
}

const ZH: L = L {
    notice_title: "拟入选名单公示",
    final_title: "入选名单",
    notice_intro: "经专家评审，现将{title}拟入选名单予以公示。",
    final_intro: "{title}名单经公示，现予正式公布。",
    header: [
        "序号",
        "单位名称",
        "统一社会信用代码",
        "所属地市",
        "类别",
        "结果",
    ],
    no_order: "（排名不分先后）",
    none: "本批次无拟入选单位。",
    proposed: "拟入选",
    period: "公示期：{start}至{end}（{n}个{unit}）。",
    working: "工作日，按国务院办公厅公布的节假日安排计算",
    calendar: "自然日",
    assumed: "公示期长度为假设：项目文件未作规定。",
    basis: "依据：",
    how: "公示期内，任何单位或个人对名单有异议的，应以书面形式实名提出，写明真实单位名称、联系人、联系方式，提供相关佐证材料，并加盖公章；匿名、无联系方式、无佐证材料或逾期的异议不予受理。",
    channel: "异议受理方式：",
    contact: "联系方式：",
    after: "公示期满无异议或异议不成立的，按程序正式公布。",
    final_period: "公示期：{start}至{end}。",
};

const EN: L = L {
    notice_title: "Public notice of the proposed list",
    final_title: "Final list",
    notice_intro: "After expert review, the proposed list of {title} is published for public notice.",
    final_intro: "After the public notice, the list of {title} is hereby published.",
    header: ["No.", "Applicant", "Credit code", "Region", "Category", "Result"],
    no_order: "(in no particular order)",
    none: "No applicant of this round is proposed.",
    proposed: "Proposed",
    period: "Notice period: {start} to {end} ({n} {unit}).",
    working: "working days, under the State Council's holiday schedule",
    calendar: "calendar days",
    assumed: "The length of the period is an assumption: the program's documents set none.",
    basis: "Basis: ",
    how: "Any organisation or person objecting to the list must do so in writing within the notice period, under their real name with the organisation's name, a contact person and contact details, with supporting evidence, under the organisation's seal; anonymous, late objections and those without contact details or evidence are not accepted.",
    channel: "Where to object: ",
    contact: "Contact: ",
    after: "When the period ends without objections, or the objections are not upheld, the list is published.",
    final_period: "Notice period: {start} to {end}.",
};

fn labels(lang: Lang) -> &'static L {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

/// The table's cells for each row, in the document's language.
fn cells(doc: &NoticeDoc<'_>) -> Vec<[String; 6]> {
    let l = labels(doc.lang);
    doc.rows
        .iter()
        .map(|r| {
            let category = doc
                .template
                .categories
                .iter()
                .find(|c| c.id == r.category)
                .map_or(r.category.clone(), |c| c.name.get(doc.lang).to_owned());
            let result = match &r.grade {
                Some(g) => doc
                    .template
                    .grades
                    .iter()
                    .find(|b| &b.id == g)
                    .map_or(g.clone(), |b| b.label.get(doc.lang).to_owned()),
                None => l.proposed.to_owned(),
            };
            [
                r.seq.to_string(),
                r.name.clone(),
                r.credit_code.clone(),
                r.region.get(doc.lang).to_owned(),
                category,
                result,
            ]
        })
        .collect()
}

/// The list as CSV: UTF-8 with BOM, CRLF, RFC 4180 quoting; the header
/// 序号,单位名称,统一社会信用代码,所属地市,类别,结果 (or in English), one row each.
pub fn notice_csv(doc: &NoticeDoc<'_>) -> Result<Vec<u8>, ResultsError> {
    let l = labels(doc.lang);
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{FEFF}".as_bytes().to_vec());
    w.write_record(l.header)?;
    for row in cells(doc) {
        w.write_record(&row)?;
    }
    w.into_inner()
        .map_err(|e| ResultsError::Csv(csv::Error::from(e.into_error())))
}

/// The list as PDF: title, intro, the table, "排名不分先后" when ordered by
/// region, the period with both dates and its unit (marked as an assumption when
/// it is one), and for a notice how and where to object and the contact line;
/// the organizer and the date.
pub fn notice_pdf(doc: &NoticeDoc<'_>, font: &FontData) -> Result<Vec<u8>, ResultsError> {
    let l = labels(doc.lang);
    let title = doc.round.program.title.get(doc.lang);
    let organizer = doc.round.program.organizer.get(doc.lang);
    let (kind_title, intro) = match doc.kind {
        ListKind::Notice => (l.notice_title, l.notice_intro),
        ListKind::FinalList => (l.final_title, l.final_intro),
    };
    let mut d = reviewdesk_reports::Document::new(format!("{kind_title} — {}", doc.round.id));
    d.created(doc.date)
        .page_label(match doc.lang {
            Lang::ZhCn => reviewdesk_reports::PageLabel::Chinese,
            Lang::En => reviewdesk_reports::PageLabel::English,
        })
        .author(organizer.to_owned())
        .subject(title.to_owned());
    if let Some(f) = &doc.footer {
        d.footer(f.clone());
    }
    d.title(format!("{title} {kind_title}"));
    d.paragraph(intro.replace("{title}", title));
    if doc.rows.is_empty() {
        d.paragraph(l.none);
    } else {
        if doc.order == NoticeOrder::Region {
            d.styled(Paragraph::new(l.no_order).align(Align::Center));
        }
        let rows: Vec<Vec<String>> = cells(doc).into_iter().map(|r| r.to_vec()).collect();
        d.table(crate::fit::table(
            font,
            l.header.iter().map(|s| (*s).to_owned()).collect(),
            rows,
            &[0],
            &[1],
        ));
    }
    let (start, end) = (doc.period.start.to_string(), doc.period.end.to_string());
    match doc.kind {
        ListKind::Notice => {
            let unit = match doc.period.unit {
                PeriodUnit::WorkingDays => l.working,
                PeriodUnit::CalendarDays => l.calendar,
            };
            d.paragraph(
                l.period
                    .replace("{start}", &start)
                    .replace("{end}", &end)
                    .replace("{n}", &doc.period.days.to_string())
                    .replace("{unit}", unit),
            );
            if doc.assumed {
                d.paragraph(l.assumed);
            }
            if let Some(b) = doc.basis {
                d.paragraph(format!("{}{b}", l.basis));
            }
            d.paragraph(l.how);
            d.paragraph(format!("{}{}", l.channel, doc.channel));
            d.paragraph(format!("{}{}", l.contact, doc.contact));
            d.paragraph(l.after);
        }
        ListKind::FinalList => {
            d.paragraph(
                l.final_period
                    .replace("{start}", &start)
                    .replace("{end}", &end),
            );
        }
    }
    let date = match doc.lang {
        Lang::ZhCn => format!(
            "{}年{}月{}日",
            doc.date.year(),
            doc.date.month(),
            doc.date.day()
        ),
        Lang::En => format!(
            "{:04}-{:02}-{:02}",
            doc.date.year(),
            doc.date.month(),
            doc.date.day()
        ),
    };
    d.spacer_mm(10.0)
        .styled(Paragraph::new(organizer).align(Align::Right))
        .styled(Paragraph::new(date).align(Align::Right));
    Ok(d.to_pdf_bytes(font)?)
}
