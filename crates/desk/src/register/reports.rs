//! The register's files: the yearly catalogue of units in good standing (PDF +
//! CSV), a unit's history (PDF) and the register (XLSX), laid out by
//! `reviewdesk_results::register_*` with the bundled CJK font.

use std::path::{Path, PathBuf};

use reviewdesk_core::register::{LedgerLine, Standing, UnitStatus};
use reviewdesk_core::{Date, Lang};
use reviewdesk_reports::{DocumentDate, FontData};
use reviewdesk_results::{register_csv, register_pdf, register_xlsx, RegisterTable};

use super::{Register, RegisterError, Result};
use crate::files::write_bytes;
use crate::DeskError;

/// The labels of the register's files and tables, in one language.
#[derive(Debug, Clone, Copy)]
pub struct RegisterLabels {
    /// 序号.
    pub seq: &'static str,
    /// 单位名称.
    pub name: &'static str,
    /// 统一社会信用代码.
    pub code: &'static str,
    /// 项目.
    pub program: &'static str,
    /// 状态.
    pub standing: &'static str,
    /// 自.
    pub since: &'static str,
    /// 禁止申报至.
    pub banned_until: &'static str,
    /// 最近评价.
    pub last_grade: &'static str,
    /// 可否申报.
    pub may_apply: &'static str,
    /// 日期.
    pub date: &'static str,
    /// 事件.
    pub event: &'static str,
    /// 内容.
    pub detail: &'static str,
    /// 说明.
    pub note: &'static str,
    /// 目录 title.
    pub catalogue: &'static str,
    /// History title.
    pub history: &'static str,
    /// Register title.
    pub register: &'static str,
    /// "as of".
    pub as_of: &'static str,
    /// Nothing to list.
    pub none: &'static str,
    /// Basis.
    pub basis: &'static str,
    /// Yes / no.
    pub yes_no: (&'static str, &'static str),
    /// Head hash.
    pub head: &'static str,
}

impl RegisterLabels {
    /// The labels in `lang`.
    pub fn of(lang: Lang) -> Self {
        match lang {
            Lang::ZhCn => Self {
                seq: "序号",
                name: "单位名称",
                code: "统一社会信用代码",
                program: "项目",
                standing: "状态",
                since: "自",
                banned_until: "禁止申报至",
                last_grade: "最近评价",
                may_apply: "可否申报",
                date: "日期",
                event: "事件",
                detail: "内容",
                note: "说明",
                catalogue: "名录",
                history: "单位动态管理记录",
                register: "动态管理台账",
                as_of: "截至",
                none: "（无）",
                basis: "依据：",
                yes_no: ("可", "否"),
                head: "台账链末哈希",
            },
            Lang::En => Self {
                seq: "No.",
                name: "Name",
                code: "Credit code",
                program: "Program",
                standing: "Status",
                since: "Since",
                banned_until: "Banned until",
                last_grade: "Last grade",
                may_apply: "May apply",
                date: "Date",
                event: "Event",
                detail: "Detail",
                note: "Note",
                catalogue: "Catalogue",
                history: "Register history",
                register: "Register",
                as_of: "As of",
                none: "(none)",
                basis: "Basis: ",
                yes_no: ("yes", "no"),
                head: "Ledger head",
            },
        }
    }
}

/// The catalogue's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueFiles {
    /// The program.
    pub program: String,
    /// Units listed.
    pub units: usize,
    /// The PDF written.
    pub pdf: PathBuf,
    /// The CSV written.
    pub csv: PathBuf,
}

fn doc_date(d: Date) -> Result<DocumentDate> {
    let bad = || RegisterError::BadInput(format!("{d} cannot be printed as a document date"));
    DocumentDate::new(
        u16::try_from(d.year()).map_err(|_| bad())?,
        d.month() as u8,
        d.day() as u8,
    )
    .map_err(|_| bad())
}

fn standing_text(s: Standing, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => s.zh().to_owned(),
        Lang::En => s.as_str().to_owned(),
    }
}

fn font() -> Result<FontData> {
    FontData::bundled().map_err(|e| {
        RegisterError::Desk(DeskError::Report {
            name: "font",
            source: e.into(),
        })
    })
}

fn report_err(name: &'static str) -> impl Fn(reviewdesk_results::ResultsError) -> RegisterError {
    move |source| RegisterError::Desk(DeskError::Report { name, source })
}

/// One line's event and its fields as text.
pub(crate) fn detail(l: &LedgerLine) -> String {
    let mut parts: Vec<String> = l
        .event
        .fields()
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if let Some(c) = l.corrects {
        parts.push(format!("corrects={c}"));
    }
    if let Some(p) = &l.proposal {
        parts.push(format!("proposal={p}"));
    }
    if let Some(r) = &l.round {
        parts.push(format!("round={r}"));
    }
    parts.join(" ")
}

impl<W: std::borrow::BorrowMut<reviewdesk_workspace::Workspace>> Register<W> {
    fn program_name(&self, id: &str, lang: Lang) -> String {
        self.program(id)
            .map(|p| p.name.get(lang).to_owned())
            .unwrap_or_else(|_| id.to_owned())
    }

    /// The catalogue of `year` (目录, units in good standing on 31 December) per
    /// program with members, as PDF and CSV in `dir`
    /// (`catalogue-<program>-<year>.pdf|csv`).
    pub fn write_catalogue(
        &self,
        year: i32,
        dir: &Path,
        lang: Lang,
    ) -> Result<Vec<CatalogueFiles>> {
        let at = Date::new(year, 12, 31)
            .ok_or_else(|| RegisterError::BadInput(format!("year {year}")))?;
        let l = RegisterLabels::of(lang);
        let font = font()?;
        let all = self.status(at, None)?;
        let mut out = Vec::new();
        for p in &self.programs {
            let members: Vec<&UnitStatus> = all
                .iter()
                .filter(|s| s.program == p.id && s.standing == Standing::Member)
                .collect();
            if !all.iter().any(|s| s.program == p.id) {
                continue;
            }
            let t = RegisterTable {
                title: format!("{}{}（{year}）", p.name.get(lang), l.catalogue),
                subtitle: p.name.get(lang).to_owned(),
                facts: vec![(l.as_of.to_owned(), at.to_string())],
                header: [l.seq, l.name, l.code, l.since, l.last_grade]
                    .map(str::to_owned)
                    .to_vec(),
                rows: members
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        vec![
                            (i + 1).to_string(),
                            s.name.clone(),
                            s.unit.clone(),
                            s.since.map(|d| d.to_string()).unwrap_or_default(),
                            s.last_grade
                                .as_ref()
                                .map(|(y, g)| format!("{y} {g}"))
                                .unwrap_or_default(),
                        ]
                    })
                    .collect(),
                notes: p
                    .catalogue
                    .as_ref()
                    .map(|c| format!("{}{} {}", l.basis, p.source, c.article))
                    .into_iter()
                    .collect(),
                empty: l.none.to_owned(),
                date: doc_date(at)?,
                lang,
            };
            let pdf = dir.join(format!("catalogue-{}-{year}.pdf", p.id));
            let csv = dir.join(format!("catalogue-{}-{year}.csv", p.id));
            write_bytes(
                &pdf,
                &register_pdf(&t, &font).map_err(report_err("catalogue pdf"))?,
            )?;
            write_bytes(
                &csv,
                &register_csv(&t).map_err(report_err("catalogue csv"))?,
            )?;
            out.push(CatalogueFiles {
                program: p.id.clone(),
                units: members.len(),
                pdf,
                csv,
            });
        }
        Ok(out)
    }

    fn history_table(&self, unit: &str, at: Date, lang: Lang) -> Result<RegisterTable> {
        let h = self.history(unit, at)?;
        let l = RegisterLabels::of(lang);
        let name = h
            .statuses
            .first()
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let mut facts = vec![
            (l.code.to_owned(), h.unit.clone()),
            (l.head.to_owned(), h.head.clone()),
        ];
        for s in &h.statuses {
            facts.push((
                self.program_name(&s.program, lang),
                format!(
                    "{}{}",
                    standing_text(s.standing, lang),
                    s.since
                        .map(|d| format!("（{} {d}）", l.since))
                        .unwrap_or_default()
                ),
            ));
        }
        Ok(RegisterTable {
            title: format!("{} — {name}", l.history),
            subtitle: format!("{} {at}", l.as_of),
            facts,
            header: [l.seq, l.date, l.program, l.event, l.detail, l.note]
                .map(str::to_owned)
                .to_vec(),
            rows: h
                .lines
                .iter()
                .map(|x| {
                    vec![
                        x.seq.to_string(),
                        x.on.to_string(),
                        x.program.clone(),
                        match lang {
                            Lang::ZhCn => x.event.kind().zh().to_owned(),
                            Lang::En => x.event.kind().as_str().to_owned(),
                        },
                        detail(x),
                        x.note.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
            notes: vec![],
            empty: l.none.to_owned(),
            date: doc_date(at)?,
            lang,
        })
    }

    /// A unit's history as PDF: every line, and its status in each program on `at`.
    pub fn history_pdf(&self, unit: &str, at: Date, lang: Lang) -> Result<Vec<u8>> {
        let t = self.history_table(unit, at, lang)?;
        register_pdf(&t, &font()?).map_err(report_err("history pdf"))
    }

    /// The register as XLSX: a sheet with every unit's status in each program on
    /// `at`, and a sheet with every ledger line.
    pub fn register_xlsx(&self, at: Date, lang: Lang) -> Result<Vec<u8>> {
        let l = RegisterLabels::of(lang);
        let statuses = self.status(at, None)?;
        let date = doc_date(at)?;
        let status_table = RegisterTable {
            title: l.register.to_owned(),
            subtitle: format!("{} {at}", l.as_of),
            facts: vec![],
            header: [
                l.code,
                l.name,
                l.program,
                l.standing,
                l.since,
                l.banned_until,
                l.last_grade,
                l.may_apply,
            ]
            .map(str::to_owned)
            .to_vec(),
            rows: statuses
                .iter()
                .map(|s| {
                    vec![
                        s.unit.clone(),
                        s.name.clone(),
                        s.program.clone(),
                        standing_text(s.standing, lang),
                        s.since.map(|d| d.to_string()).unwrap_or_default(),
                        s.banned_until.map(|d| d.to_string()).unwrap_or_default(),
                        s.last_grade
                            .as_ref()
                            .map(|(y, g)| format!("{y} {g}"))
                            .unwrap_or_default(),
                        if s.may_apply { l.yes_no.0 } else { l.yes_no.1 }.to_owned(),
                    ]
                })
                .collect(),
            notes: vec![],
            empty: l.none.to_owned(),
            date,
            lang,
        };
        let mut lines = Vec::new();
        for ledger in self.ledgers()? {
            for x in &ledger.lines {
                lines.push(vec![
                    x.unit.clone(),
                    x.seq.to_string(),
                    x.on.to_string(),
                    x.program.clone(),
                    x.event.kind().as_str().to_owned(),
                    detail(x),
                    x.note.clone().unwrap_or_default(),
                ]);
            }
        }
        let lines_table = RegisterTable {
            title: l.event.to_owned(),
            subtitle: String::new(),
            facts: vec![],
            header: [l.code, l.seq, l.date, l.program, l.event, l.detail, l.note]
                .map(str::to_owned)
                .to_vec(),
            rows: lines,
            notes: vec![],
            empty: l.none.to_owned(),
            date,
            lang,
        };
        register_xlsx(&[status_table, lines_table]).map_err(report_err("register xlsx"))
    }
}
