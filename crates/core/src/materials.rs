//! Application materials (申报材料) from a folder, as pure functions: which
//! applicant a file belongs to (its subfolder, or the credit code, name or id in
//! its name), what kind of document it is and when it was issued (from the usual
//! Chinese words and a date in its name), whether its bytes are a PDF or an image,
//! and the merge into the round's materials (by content hash, then by name: a
//! re-run never duplicates). Freshness against the application deadline is
//! [`freshness`]. Reading, hashing and copying the files is the shell's job.

use crate::calendar::{is_fresh, Date};
use crate::round::{is_plain_file_name, Applicant, Material, MaterialKind, Round};
use crate::template::Template;

/// What the first bytes of a file say it is; only these are accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// `%PDF-`.
    Pdf,
    /// The PNG signature.
    Png,
    /// `FF D8 FF`.
    Jpeg,
}

/// The format of a file from its first bytes (at least 8 are looked at), or
/// `None` for anything that is not a PDF, PNG or JPEG.
pub fn sniff(head: &[u8]) -> Option<FileFormat> {
    if head.starts_with(b"%PDF-") {
        Some(FileFormat::Pdf)
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileFormat::Png)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileFormat::Jpeg)
    } else {
        None
    }
}

/// The kind a file name suggests by its usual Chinese (or English) words;
/// [`MaterialKind::Other`] when none.
pub fn kind_from_name(name: &str) -> MaterialKind {
    use MaterialKind as K;
    let lower = name.to_lowercase();
    let table: &[(&[&str], MaterialKind)] = &[
        (
            &["营业执照", "business-license", "business_license"],
            K::BusinessLicense,
        ),
        (&["审计", "audit"], K::AuditReport),
        (
            &["检测", "测试报告", "检验", "test-report", "test_report"],
            K::TestReport,
        ),
        (
            &["专利", "软著", "著作权", "知识产权", "copyright", "patent"],
            K::IpCertificate,
        ),
        (&["申报书", "申请表", "application"], K::ApplicationForm),
        (&["案例", "case-study", "case_study"], K::CaseStudy),
        (&["用户", "反馈", "feedback"], K::UserFeedback),
        (&["照片", "现场", "photo"], K::Photo),
    ];
    table
        .iter()
        .find(|(words, _)| words.iter().any(|w| lower.contains(w)))
        .map_or(K::Other, |(_, k)| *k)
}

/// The first date in a file name: `2025-03-01`, `2025.03.01`, `2025_03_01`,
/// `20250301` or `2025年3月1日`; `None` when there is none that exists.
pub fn date_from_name(name: &str) -> Option<Date> {
    let c: Vec<char> = name.chars().collect();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let s: String = c.get(from..from + n)?.iter().collect();
        if s.chars().all(|d| d.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    // Runs of 1–2 digits starting at `i`: (value, next index).
    let small = |i: usize| -> Option<(u32, usize)> {
        let mut j = i;
        while j < c.len() && j < i + 2 && c[j].is_ascii_digit() {
            j += 1;
        }
        if j == i || (j < c.len() && c[j].is_ascii_digit()) {
            return None;
        }
        Some((c[i..j].iter().collect::<String>().parse().ok()?, j))
    };
    for i in 0..c.len() {
        if i > 0 && c[i - 1].is_ascii_digit() {
            continue;
        }
        let Some(year) = digits(i, 4) else { continue };
        let y = year as i32;
        if !(1900..=2200).contains(&y) {
            continue;
        }
        let k = i + 4;
        // 20250301
        if let (Some(m), Some(d)) = (digits(k, 2), digits(k + 2, 2)) {
            if c.get(k + 4).is_none_or(|x| !x.is_ascii_digit()) {
                if let Some(date) = Date::new(y, m, d) {
                    return Some(date);
                }
            }
        }
        // 2025-03-01, 2025年3月1日
        let sep = c.get(k).copied();
        let (msep, dsep) = match sep {
            Some('-') => ('-', None),
            Some('.') => ('.', None),
            Some('_') => ('_', None),
            Some('年') => ('月', Some('日')),
            _ => continue,
        };
        let Some((m, j)) = small(k + 1) else { continue };
        if c.get(j)
            != Some(
                &(if sep == Some('年') {
                    msep
                } else {
                    sep.unwrap()
                }),
            )
        {
            continue;
        }
        let Some((d, j2)) = small(j + 1) else {
            continue;
        };
        if dsep.is_some_and(|s| c.get(j2) != Some(&s)) {
            continue;
        }
        if let Some(date) = Date::new(y, m, d) {
            return Some(date);
        }
    }
    None
}

/// One file found in the materials folder, as the shell read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderFile {
    /// The path inside the folder, `/`-separated (`A01/营业执照.pdf`).
    pub path: String,
    /// The format its first bytes show.
    pub format: Option<FileFormat>,
    /// Too large to accept (over the shell's limit).
    pub too_large: bool,
    /// Its content hash (e.g. SHA-256 hex).
    pub hash: String,
}

/// Why a file was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblemKind {
    /// Not a PDF or an image (PNG, JPEG) by its bytes: convert it to PDF. An error.
    NotPdfOrImage,
    /// Larger than the shell accepts. An error.
    TooLarge,
    /// Its name or subfolder names no applicant (or more than one). A warning: the
    /// file is left out.
    Unmatched,
    /// The same content as another file of this run (kept once). A warning.
    DuplicateContent {
        /// The file kept.
        kept: String,
    },
    /// Two different files of one applicant would get the same name. An error.
    NameClash {
        /// The name in `materials/`.
        name: String,
    },
}

/// A file not taken, by its path in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    /// The path inside the folder.
    pub path: String,
    /// Why.
    pub kind: FileProblemKind,
}

impl FileProblem {
    /// Warnings leave the file out; errors stop the whole import.
    pub fn is_warning(&self) -> bool {
        matches!(
            self.kind,
            FileProblemKind::Unmatched | FileProblemKind::DuplicateContent { .. }
        )
    }
}

/// A file taken: which material it becomes and where it is copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedFile {
    /// The path inside the folder.
    pub path: String,
    /// The material it sets (its id, new or kept).
    pub material: Material,
    /// True when it replaces or updates a material already in the round.
    pub existing: bool,
}

/// The outcome of matching a folder against a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaterialPlan {
    /// Files taken, in folder order.
    pub accepted: Vec<AcceptedFile>,
    /// Files not taken.
    pub problems: Vec<FileProblem>,
    /// The round's materials after the merge: the old ones in order (updated where a
    /// file matched), then the new ones.
    pub materials: Vec<Material>,
    /// Per applicant, the required kinds (template) it has no material of after the
    /// merge; empty when the template names none.
    pub missing: Vec<(String, Vec<MaterialKind>)>,
}

impl MaterialPlan {
    /// Errors (problems that are not warnings).
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| !p.is_warning()).count()
    }
}

fn applicant_by_label<'a>(applicants: &'a [Applicant], label: &str) -> Option<&'a Applicant> {
    let l = label.trim();
    applicants.iter().find(|a| {
        a.id.eq_ignore_ascii_case(l)
            || a.credit_code.as_str().eq_ignore_ascii_case(l)
            || a.name == l
    })
}

/// The applicant a bare file name names: its credit code or registered name in
/// the name, or its id followed by a separator at the start; the longest match
/// wins, and a tie names none.
fn applicant_in_name<'a>(applicants: &'a [Applicant], name: &str) -> Option<&'a Applicant> {
    let upper = name.to_uppercase();
    let mut best: Option<(usize, &Applicant)> = None;
    let mut tie = false;
    for a in applicants {
        let id = a.id.to_uppercase();
        let by_id = upper
            .strip_prefix(&id)
            .is_some_and(|rest| rest.starts_with(['-', '_', ' ', '.', '　']));
        let len = [
            upper
                .contains(a.credit_code.as_str())
                .then(|| a.credit_code.as_str().chars().count()),
            (!a.name.is_empty() && name.contains(&a.name)).then(|| a.name.chars().count()),
            by_id.then(|| a.id.chars().count()),
        ]
        .into_iter()
        .flatten()
        .max();
        if let Some(len) = len {
            match best {
                Some((b, _)) if b > len => {}
                Some((b, _)) if b == len => tie = true,
                _ => {
                    best = Some((len, a));
                    tie = false;
                }
            }
        }
    }
    if tie {
        None
    } else {
        best.map(|(_, a)| a)
    }
}

/// A title from a file name: its stem without the applicant's credit code, name or
/// id and the date, trimmed of separators; the stem itself when nothing is left.
fn title_from_name(stem: &str, a: &Applicant) -> String {
    let mut t = stem.to_owned();
    for w in [a.credit_code.as_str(), a.name.as_str()] {
        if !w.is_empty() {
            t = t.replace(w, " ");
        }
    }
    if let Some(rest) = t.strip_prefix(a.id.as_str()) {
        if rest.starts_with(['-', '_', ' ', '.', '　']) {
            t = rest.to_owned();
        }
    }
    let t = t
        .trim_matches(|c: char| c.is_whitespace() || "-_.　（）()".contains(c))
        .to_owned();
    if t.is_empty() {
        stem.to_owned()
    } else {
        t
    }
}

/// The next free id of the form `M01` after the highest `M<digits>` in use.
fn next_id(used: &[Material]) -> String {
    let max = used
        .iter()
        .filter_map(|m| m.id.strip_prefix('M').and_then(|n| n.parse::<usize>().ok()))
        .max()
        .unwrap_or(0);
    format!("M{:02}", max + 1)
}

/// Matches `files` (in the order given) to the round's applicants and merges
/// them into its materials. `existing_hashes[i]` is the content hash of
/// `round.materials[i]`'s file (`None` when it cannot be read). A file whose
/// content a material already has updates that material; else one of the same
/// applicant with the same file name is replaced; else a new material `M..` is
/// added. The file's name in `materials/` is its own, prefixed with the
/// applicant id (`A01-营业执照.pdf`) unless it already starts with it.
pub fn plan_materials(
    round: &Round,
    template: &Template,
    files: &[FolderFile],
    existing_hashes: &[Option<String>],
) -> MaterialPlan {
    let mut materials = round.materials.clone();
    let mut hashes: Vec<Option<String>> = existing_hashes.to_vec();
    hashes.resize(materials.len(), None);
    let mut accepted: Vec<AcceptedFile> = Vec::new();
    let mut problems = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new(); // (hash, path) taken this run
    for f in files {
        let problem = |kind| FileProblem {
            path: f.path.clone(),
            kind,
        };
        if f.too_large {
            problems.push(problem(FileProblemKind::TooLarge));
            continue;
        }
        if f.format.is_none() {
            problems.push(problem(FileProblemKind::NotPdfOrImage));
            continue;
        }
        let (folder, name) = match f.path.split_once('/') {
            Some((dir, _)) => (Some(dir), f.path.rsplit('/').next().unwrap_or(&f.path)),
            None => (None, f.path.as_str()),
        };
        let applicant = match folder {
            Some(dir) => applicant_by_label(&round.applicants, dir)
                .or_else(|| applicant_in_name(&round.applicants, name)),
            None => applicant_in_name(&round.applicants, name),
        };
        let Some(a) = applicant else {
            problems.push(problem(FileProblemKind::Unmatched));
            continue;
        };
        if let Some((_, kept)) = seen.iter().find(|(h, _)| *h == f.hash) {
            problems.push(problem(FileProblemKind::DuplicateContent {
                kept: kept.clone(),
            }));
            continue;
        }
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let target = if name
            .strip_prefix(a.id.as_str())
            .is_some_and(|r| r.starts_with(['-', '_']))
        {
            name.to_owned()
        } else {
            format!("{}-{name}", a.id)
        };
        if !is_plain_file_name(&target) {
            problems.push(problem(FileProblemKind::NameClash { name: target }));
            continue;
        }
        let kind = kind_from_name(name);
        let issued = date_from_name(name);
        let title = title_from_name(stem, a);
        let by_hash = hashes
            .iter()
            .position(|h| h.as_deref() == Some(f.hash.as_str()));
        let by_name = materials
            .iter()
            .position(|m| m.applicant == a.id && m.file == target);
        if accepted
            .iter()
            .any(|x| x.material.file == target && x.path != f.path)
        {
            problems.push(problem(FileProblemKind::NameClash { name: target }));
            continue;
        }
        let m = match by_hash.or(by_name) {
            Some(i) => {
                let old = &mut materials[i];
                if by_hash.is_none() {
                    // Same name, new content: the file is replaced.
                    old.kind = kind;
                    old.title = title;
                    old.issued = issued.or(old.issued);
                    old.applicant = a.id.clone();
                }
                hashes[i] = Some(f.hash.clone());
                let mut m = old.clone();
                if by_hash.is_some() {
                    // Same content: its file name is what it already has.
                    m.file = old.file.clone();
                }
                (m, true)
            }
            None => {
                if materials.iter().any(|m| m.file == target) {
                    problems.push(problem(FileProblemKind::NameClash { name: target }));
                    continue;
                }
                let m = Material {
                    id: next_id(&materials),
                    applicant: a.id.clone(),
                    kind,
                    title,
                    file: target,
                    issued,
                    stale_reason: None,
                };
                materials.push(m.clone());
                hashes.push(Some(f.hash.clone()));
                (m, false)
            }
        };
        seen.push((f.hash.clone(), f.path.clone()));
        accepted.push(AcceptedFile {
            path: f.path.clone(),
            material: m.0,
            existing: m.1,
        });
    }
    let missing = missing_required(&round.applicants, &materials, template);
    MaterialPlan {
        accepted,
        problems,
        materials,
        missing,
    }
}

/// Per applicant (in round order), the template's required kinds it has no
/// material of; applicants missing none are left out.
pub fn missing_required(
    applicants: &[Applicant],
    materials: &[Material],
    template: &Template,
) -> Vec<(String, Vec<MaterialKind>)> {
    applicants
        .iter()
        .filter_map(|a| {
            let missing: Vec<MaterialKind> = template
                .required_materials
                .iter()
                .copied()
                .filter(|k| {
                    !materials
                        .iter()
                        .any(|m| m.applicant == a.id && m.kind == *k)
                })
                .collect();
            (!missing.is_empty()).then(|| (a.id.clone(), missing))
        })
        .collect()
}

/// A material's standing under the template's freshness rules (材料时效), counted
/// back from the round's application deadline (申报截止日), never from today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaterialFreshness {
    /// The template has no rule for its kind.
    NoRule,
    /// Issued within the rule's months before the deadline.
    Fresh,
    /// Issued before the earliest day the rule allows (or after the deadline).
    Stale {
        /// Its date of issue.
        issued: Date,
        /// The earliest date of issue accepted.
        earliest: Date,
        /// The rule's months.
        max_age_months: u32,
    },
    /// A rule applies but the material has no date of issue.
    Undated {
        /// The rule's months.
        max_age_months: u32,
    },
    /// A rule applies but the round has no application deadline to count from.
    NoDeadline {
        /// The rule's months.
        max_age_months: u32,
    },
}

impl MaterialFreshness {
    /// Stale, undated or uncountable: blocks sealing unless a reason is recorded.
    pub fn needs_reason(&self) -> bool {
        !matches!(self, Self::NoRule | Self::Fresh)
    }
}

/// The freshness of `m` under `template` as of `application_deadline`.
pub fn freshness(
    m: &Material,
    template: &Template,
    application_deadline: Option<Date>,
) -> MaterialFreshness {
    let Some(months) = template.freshness_months(m.kind) else {
        return MaterialFreshness::NoRule;
    };
    let Some(as_of) = application_deadline else {
        return MaterialFreshness::NoDeadline {
            max_age_months: months,
        };
    };
    let Some(issued) = m.issued else {
        return MaterialFreshness::Undated {
            max_age_months: months,
        };
    };
    if is_fresh(issued, as_of, months) {
        MaterialFreshness::Fresh
    } else {
        MaterialFreshness::Stale {
            issued,
            earliest: as_of.months_earlier(months),
            max_age_months: months,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::MaterialKind as K;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn kinds_from_the_usual_words() {
        for (name, kind) in [
            ("营业执照副本.pdf", K::BusinessLicense),
            ("2024年度审计报告.pdf", K::AuditReport),
            ("5G网关检测报告.pdf", K::TestReport),
            ("性能测试报告.pdf", K::TestReport),
            ("发明专利证书.pdf", K::IpCertificate),
            ("软著登记.pdf", K::IpCertificate),
            ("申报书.pdf", K::ApplicationForm),
            ("应用案例.pdf", K::CaseStudy),
            ("用户使用报告.pdf", K::UserFeedback),
            ("车间现场照片.jpg", K::Photo),
            ("说明.pdf", K::Other),
        ] {
            assert_eq!(kind_from_name(name), kind, "{name}");
        }
    }

    #[test]
    fn dates_in_names() {
        for (name, date) in [
            ("检测报告-2025-03-01.pdf", Some("2025-03-01")),
            ("检测报告20250301.pdf", Some("2025-03-01")),
            ("检测报告（2025年3月1日）.pdf", Some("2025-03-01")),
            ("2025.12.31 审计.pdf", Some("2025-12-31")),
            ("91440101MA5AGYGLU6.pdf", None),
            ("检测报告20251301.pdf", None),
            ("报告2025.pdf", None),
        ] {
            assert_eq!(date_from_name(name), date.map(d), "{name}");
        }
    }

    #[test]
    fn magic_bytes_not_extensions() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(FileFormat::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(FileFormat::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(FileFormat::Jpeg));
        assert_eq!(sniff(b"PK\x03\x04docx"), None);
    }

    fn material(kind: K, issued: Option<&str>) -> Material {
        Material {
            id: "M01".into(),
            applicant: "A01".into(),
            kind,
            title: "t".into(),
            file: "f.pdf".into(),
            issued: issued.map(d),
            stale_reason: None,
        }
    }

    #[test]
    fn freshness_counts_from_the_application_deadline() {
        let mut t: Template = toml::from_str(
            r#"format = "reviewdesk-template/1"
id = "t"
version = 1
program = { zh = "x", en = "x" }
[[stage]]
id = "s"
name = { zh = "x", en = "x" }
kind = "pass_fail"
[[freshness]]
kind = "test_report"
max_age_months = 24
"#,
        )
        .unwrap();
        let dl = Some(d("2026-03-31"));
        let f = |m: &Material, t: &Template, dl| freshness(m, t, dl);
        assert_eq!(
            f(&material(K::TestReport, Some("2024-03-31")), &t, dl),
            MaterialFreshness::Fresh
        );
        assert!(matches!(
            f(&material(K::TestReport, Some("2023-03-31")), &t, dl),
            MaterialFreshness::Stale { .. }
        ));
        assert!(matches!(
            f(&material(K::TestReport, None), &t, dl),
            MaterialFreshness::Undated { .. }
        ));
        assert!(matches!(
            f(&material(K::TestReport, Some("2025-01-01")), &t, None),
            MaterialFreshness::NoDeadline { .. }
        ));
        assert_eq!(
            f(&material(K::Photo, None), &t, dl),
            MaterialFreshness::NoRule
        );
        t.freshness.clear();
        assert_eq!(
            f(&material(K::TestReport, Some("2000-01-01")), &t, dl),
            MaterialFreshness::NoRule
        );
    }
}
