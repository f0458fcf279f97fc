//! The printed score sheet (专家评分表): what the expert signs by hand and files,
//! made from the same part the signed sheet carries, with the signed sheet's
//! SHA-256 on every page so paper and file can be matched.

use reviewdesk_core::rules::ExpertPart;
use reviewdesk_core::{Lang, Localized, StageKind};
use reviewdesk_reports::{Document, DocumentDate, FontData, Table};

use crate::expert::ExpertDesk;
use crate::DeskError;

struct Labels {
    title: &'static str,
    round: &'static str,
    expert: &'static str,
    affiliation: &'static str,
    revision: &'static str,
    signed_at: &'static str,
    sheet_hash: &'static str,
    no_conflict: &'static str,
    recused: &'static str,
    not_declared: &'static str,
    indicator: &'static str,
    max: &'static str,
    score: &'static str,
    comment: &'static str,
    subtotal: &'static str,
    pass: &'static str,
    fail: &'static str,
    not_scored: &'static str,
    veto: &'static str,
    signature: &'static str,
    date: &'static str,
    footer: &'static str,
}

const ZH: Labels = Labels {
    title: "专家评分表",
    round: "评审批次",
    expert: "评审专家",
    affiliation: "工作单位",
    revision: "版本",
    signed_at: "签署时间（UTC）",
    sheet_hash: "评分表哈希（SHA-256）",
    no_conflict: "利益冲突声明：无利益冲突",
    recused: "利益冲突声明：回避",
    not_declared: "利益冲突声明：未声明",
    indicator: "评价指标",
    max: "满分",
    score: "得分",
    comment: "评语",
    subtotal: "小计",
    pass: "通过",
    fail: "不通过",
    not_scored: "未评",
    veto: "一票否决",
    signature: "专家签字",
    date: "日期",
    footer: "评分表 SHA-256",
};

const EN: Labels = Labels {
    title: "Expert score sheet",
    round: "Round",
    expert: "Expert",
    affiliation: "Affiliation",
    revision: "Revision",
    signed_at: "Signed at (UTC)",
    sheet_hash: "Sheet hash (SHA-256)",
    no_conflict: "Conflict of interest: none",
    recused: "Conflict of interest: recused",
    not_declared: "Conflict of interest: not declared",
    indicator: "Indicator",
    max: "Max",
    score: "Score",
    comment: "Comment",
    subtotal: "Subtotal",
    pass: "Pass",
    fail: "Fail",
    not_scored: "not scored",
    veto: "Veto",
    signature: "Expert's signature",
    date: "Date",
    footer: "Sheet SHA-256",
};

fn pick(l: &Localized, lang: Lang) -> &str {
    match lang {
        Lang::ZhCn => &l.zh,
        Lang::En => &l.en,
    }
}

/// What the printed sheet shows of the signed one.
#[derive(Debug, Clone, Copy)]
pub struct PrintedSheet<'a> {
    /// The part that was signed.
    pub part: &'a ExpertPart,
    /// The revision.
    pub revision: u32,
    /// SHA-256 of the signed sheet (hex).
    pub sha256: &'a str,
    /// When it was signed (RFC 3339 UTC).
    pub signed_at: &'a str,
}

/// The score sheet as a PDF in `lang`, set in the bundled CJK font.
pub fn score_sheet_pdf(
    desk: &ExpertDesk,
    sheet: PrintedSheet<'_>,
    font: &FontData,
    lang: Lang,
) -> Result<Vec<u8>, DeskError> {
    let l = match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    };
    let review = desk.review();
    let expert = desk.round.expert(&desk.record.person);
    let mut doc = Document::new(format!("{} — {}", l.title, desk.round.id));
    doc.title(l.title)
        .subtitle(pick(&desk.round.program.title, lang))
        .footer(format!("{}: {}", l.footer, sheet.sha256))
        .page_numbers(true)
        .page_label(match lang {
            Lang::ZhCn => reviewdesk_reports::PageLabel::Chinese,
            Lang::En => reviewdesk_reports::PageLabel::English,
        });
    if let Some(date) = sheet
        .signed_at
        .get(..10)
        .and_then(|d| d.parse::<reviewdesk_core::Date>().ok())
        .and_then(|d| DocumentDate::new(d.year() as u16, d.month() as u8, d.day() as u8).ok())
    {
        doc.created(date);
    }
    doc.key_values([
        (l.round, desk.round.id.clone()),
        (
            l.expert,
            format!(
                "{} ({})",
                expert.map_or("", |e| e.name.as_str()),
                desk.record.person
            ),
        ),
        (
            l.affiliation,
            expert.map_or(String::new(), |e| e.affiliation.clone()),
        ),
        (l.revision, sheet.revision.to_string()),
        (l.signed_at, sheet.signed_at.to_owned()),
        (l.sheet_hash, sheet.sha256.to_owned()),
    ]);
    let part = sheet.part;
    for a in review.assigned() {
        doc.heading(format!("{} {}", a.id, a.name));
        let decl = part.declarations.iter().find(|d| d.applicant == a.id);
        match decl {
            None => {
                doc.paragraph(l.not_declared);
                continue;
            }
            Some(d) if d.recuse.is_some() => {
                let why = if d.note.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", d.note)
                };
                doc.paragraph(format!("{}{why}", l.recused));
                continue;
            }
            Some(_) => {
                doc.paragraph(l.no_conflict);
            }
        }
        for (stage, _) in review
            .stages(&a.id)
            .into_iter()
            .filter(|(_, acc)| *acc == reviewdesk_core::StageAccess::Open)
        {
            doc.styled(reviewdesk_reports::Paragraph::new(pick(&stage.name, lang)).bold());
            match stage.kind {
                StageKind::Score => {
                    let mut t = Table::new([l.indicator, l.max, l.score, l.comment])
                        .widths(&[4, 1, 1, 4])
                        .right_aligned(&[1, 2]);
                    let mut sum = rust_decimal::Decimal::ZERO;
                    for ind in desk.template.scored_indicators(&stage.id) {
                        let s = part.scores.iter().find(|s| {
                            s.applicant == a.id && s.stage == stage.id && s.indicator == ind.id
                        });
                        if let Some(s) = s {
                            sum += s.value;
                        }
                        let comment = s.map_or(String::new(), |s| match &s.reason {
                            Some(r) if !r.is_empty() => format!("{} {r}", s.comment),
                            _ => s.comment.clone(),
                        });
                        t.push_row([
                            pick(&ind.name, lang).to_owned(),
                            ind.max.to_string(),
                            s.map_or(l.not_scored.to_owned(), |s| s.value.to_string()),
                            comment,
                        ]);
                    }
                    t.push_row([
                        l.subtotal.to_owned(),
                        stage.max.to_string(),
                        sum.to_string(),
                        String::new(),
                    ]);
                    doc.table(t);
                }
                StageKind::PassFail => {
                    let v = part
                        .verdicts
                        .iter()
                        .find(|v| v.applicant == a.id && v.stage == stage.id);
                    let text = match v {
                        Some(v) if v.pass => format!("{} {}", l.pass, v.comment),
                        Some(v) => format!("{} {}", l.fail, v.comment),
                        None => l.not_scored.to_owned(),
                    };
                    doc.paragraph(text);
                }
            }
        }
        for v in part.vetoes.iter().filter(|v| v.applicant == a.id) {
            let name = desk
                .template
                .indicator(&v.indicator)
                .map_or(v.indicator.as_str(), |i| pick(&i.name, lang));
            doc.paragraph(format!("{}：{name} — {}", l.veto, v.reason));
        }
    }
    doc.spacer_mm(8.0).signature_block([l.signature, l.date]);
    doc.to_pdf_bytes(font)
        .map_err(|e| DeskError::Print(e.to_string()))
}

/// An image material oriented as its EXIF orientation says, scaled to fit
/// `max_px` × `max_px` (never enlarged), as PNG — made in memory for the viewer
/// and its thumbnails.
pub fn oriented_image(bytes: &[u8], max_px: u32) -> Result<Vec<u8>, DeskError> {
    use image::{ImageDecoder, ImageReader};
    let bad = |e: image::ImageError| DeskError::Malformed {
        part: "image material".into(),
        message: e.to_string(),
    };
    let mut decoder = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| DeskError::Malformed {
            part: "image material".into(),
            message: e.to_string(),
        })?
        .into_decoder()
        .map_err(bad)?;
    let orientation = decoder.orientation().map_err(bad)?;
    let mut img = image::DynamicImage::from_decoder(decoder).map_err(bad)?;
    img.apply_orientation(orientation);
    if img.width() > max_px || img.height() > max_px {
        img = img.thumbnail(max_px, max_px);
    }
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .map_err(bad)?;
    Ok(out)
}
