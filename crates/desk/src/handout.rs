//! Sealing for hand-out (封装与分发): the package family written into one empty
//! output folder — `experts/<expert id>.rdpkg` for each expert, `chair/<round
//! id>.rdpkg` (the whole round, for the chair) — with a hand-out list saying which
//! file goes to whom, with each person's key fingerprint and each package's id and
//! manifest hash, as a printable PDF (`handout.pdf`) and a CSV (`handout.csv`).

use std::path::{Path, PathBuf};

use reviewdesk_core::Lang;
use reviewdesk_formats::{Role, Signer};
use reviewdesk_io::LoadedRound;
use reviewdesk_reports::{Document, DocumentDate, FontData, Table};

use crate::cards::PanelCards;
use crate::seal::seal_family_part_on;
use crate::DeskError;
use reviewdesk_formats::Family;

/// The hand-out list's PDF, in the output folder.
pub const HANDOUT_PDF: &str = "handout.pdf";
/// The hand-out list's CSV, in the output folder.
pub const HANDOUT_CSV: &str = "handout.csv";

/// One file to hand out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandOutLine {
    /// The person's id in the round.
    pub person: String,
    /// Their name, as on their key card.
    pub name: String,
    /// Expert or chair.
    pub role: Role,
    /// The file, relative to the output folder (`experts/E01.rdpkg`).
    pub file: String,
    /// The OpenSSH fingerprint of the person's signing key (`SHA256:…`).
    pub fingerprint: String,
    /// The package id (32 hex).
    pub package: String,
    /// SHA-256 of the package's signed manifest (64 hex): what sheets bind to.
    pub manifest_sha256: String,
    /// The file's size in bytes.
    pub size: u64,
}

/// What was sealed and where: the hand-out list, chair first, then the experts in
/// the round's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandOut {
    /// The output folder.
    pub dir: PathBuf,
    /// The round's id.
    pub round: String,
    /// The package revision every file carries (`docs/formats.md`, "Sealed package").
    pub revision: u32,
    /// The organizer's fingerprint (who sealed).
    pub organizer: String,
    /// One line per file.
    pub lines: Vec<HandOutLine>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Refuses a folder that holds anything: sealing never overwrites packages that
/// may already have been handed out. A folder that does not exist is made.
pub(crate) fn empty_output_dir(dir: &Path) -> Result<(), DeskError> {
    let werr = |source| DeskError::Write {
        path: dir.to_path_buf(),
        source,
    };
    match std::fs::read_dir(dir) {
        Ok(mut entries) => match entries.next() {
            None => Ok(()),
            Some(_) => Err(DeskError::OutputNotEmpty {
                path: dir.to_path_buf(),
            }),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(werr)
        }
        Err(e) => Err(werr(e)),
    }
}

/// Seals the round's package family into the empty folder `dir` and writes the
/// hand-out list beside it (PDF in `lang`, CSV). `progress(file, files, done,
/// total)`: the file being sealed (0-based) of how many, and its plaintext bytes.
#[allow(clippy::too_many_arguments)]
pub fn seal_for_handout(
    loaded: &LoadedRound,
    cards: &PanelCards,
    organizer: &Signer,
    dir: &Path,
    font: &FontData,
    lang: Lang,
    today: reviewdesk_core::Date,
    progress: &mut dyn FnMut(usize, usize, u64, u64),
) -> Result<HandOut, DeskError> {
    seal_for_handout_part(
        loaded,
        cards,
        organizer,
        dir,
        font,
        lang,
        today,
        &Family::default(),
        progress,
    )
}

/// As [`seal_for_handout`], but the experts `kept` names keep the packages they
/// hold ([`crate::seal_family_part_on`]): only the others' packages and the whole
/// one (naming every member) are written and listed.
#[allow(clippy::too_many_arguments)]
pub fn seal_for_handout_part(
    loaded: &LoadedRound,
    cards: &PanelCards,
    organizer: &Signer,
    dir: &Path,
    font: &FontData,
    lang: Lang,
    today: reviewdesk_core::Date,
    kept: &Family,
    progress: &mut dyn FnMut(usize, usize, u64, u64),
) -> Result<HandOut, DeskError> {
    empty_output_dir(dir)?;
    let round = &loaded.round;
    let whole_rel = format!("chair/{}.rdpkg", round.id);
    let whole = dir.join(&whole_rel);
    let chair_dir = dir.join("chair");
    std::fs::create_dir_all(&chair_dir).map_err(|source| DeskError::Write {
        path: chair_dir,
        source,
    })?;
    let resealed = round
        .panel
        .experts
        .iter()
        .filter(|e| !kept.members.iter().any(|m| m.expert == e.id))
        .count();
    let files = resealed + 1;
    let mut index = 0usize;
    let mut last: Option<PathBuf> = None;
    let sealed = seal_family_part_on(
        loaded,
        cards,
        organizer,
        today,
        &whole,
        &dir.join("experts"),
        kept,
        &mut |file, done, total| {
            if last.as_deref() != Some(file) {
                if last.is_some() {
                    index += 1;
                }
                last = Some(file.to_path_buf());
            }
            progress(index.min(files - 1), files, done, total);
        },
    )?;
    let mut lines = Vec::new();
    for (path, s) in &sealed {
        let rel = path
            .strip_prefix(dir)
            .map_or_else(|_| path.display().to_string(), |p| p.display().to_string())
            .replace('\\', "/");
        let (person, role) = if *path == whole {
            (round.panel.chair.id.clone(), Role::Chair)
        } else {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            (stem, Role::Expert)
        };
        let card = cards
            .member(&person)
            .ok_or_else(|| DeskError::MissingCard {
                person: person.clone(),
            })?;
        let size = std::fs::metadata(path)
            .map_err(|source| DeskError::Read {
                path: path.clone(),
                source,
            })?
            .len();
        lines.push(HandOutLine {
            person,
            name: card.card.name.clone(),
            role,
            file: rel,
            fingerprint: card.card.fingerprint().to_string(),
            package: s.manifest.package.to_string(),
            manifest_sha256: hex(&s.manifest_sha256),
            size,
        });
    }
    // Chair first, then the experts in the round's order.
    lines.rotate_right(1);
    let handout = HandOut {
        dir: dir.to_path_buf(),
        round: round.id.clone(),
        revision: round.revision(),
        organizer: cards.organizer.card.fingerprint().to_string(),
        lines,
    };
    let pdf = handout_pdf(loaded, &handout, font, lang, today)?;
    crate::files::write_bytes(&dir.join(HANDOUT_PDF), &pdf)?;
    let csv = handout_csv(&handout, lang)?;
    crate::files::write_bytes(&dir.join(HANDOUT_CSV), &csv)?;
    Ok(handout)
}

struct Labels {
    title: &'static str,
    round: &'static str,
    revision: &'static str,
    organizer: &'static str,
    folder: &'static str,
    person: &'static str,
    name: &'static str,
    role: &'static str,
    file: &'static str,
    fingerprint: &'static str,
    package: &'static str,
    manifest: &'static str,
    size: &'static str,
    chair: &'static str,
    expert: &'static str,
    check: &'static str,
    received: &'static str,
    date: &'static str,
}

const ZH: Labels = Labels {
    title: "评审包分发清单",
    round: "评审批次",
    revision: "评审包版本",
    organizer: "主办单位密钥指纹",
    folder: "输出文件夹",
    person: "编号",
    name: "姓名",
    role: "角色",
    file: "文件",
    fingerprint: "密钥指纹",
    package: "评审包编号",
    manifest: "清单哈希（SHA-256）",
    size: "大小（字节）",
    chair: "组长",
    expert: "专家",
    check: "交付时请当面核对密钥指纹：专家导入评审包时显示的主办单位指纹须与上表一致。",
    received: "领取人签字",
    date: "日期",
};

const EN: Labels = Labels {
    title: "Package hand-out list",
    round: "Round",
    revision: "Package revision",
    organizer: "Organizer's key fingerprint",
    folder: "Output folder",
    person: "Id",
    name: "Name",
    role: "Role",
    file: "File",
    fingerprint: "Key fingerprint",
    package: "Package id",
    manifest: "Manifest hash (SHA-256)",
    size: "Size (bytes)",
    chair: "chair",
    expert: "expert",
    check: "Compare fingerprints in person when handing over: the organizer's fingerprint the expert's desk shows on import must match the one above.",
    received: "Received by",
    date: "Date",
};

fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

fn role_label(role: Role, l: &Labels) -> &'static str {
    match role {
        Role::Chair => l.chair,
        Role::Expert | Role::Organizer => l.expert,
    }
}

/// The hand-out list as a printable PDF: one table, then one signature line per
/// person.
pub fn handout_pdf(
    loaded: &LoadedRound,
    h: &HandOut,
    font: &FontData,
    lang: Lang,
    today: reviewdesk_core::Date,
) -> Result<Vec<u8>, DeskError> {
    let l = labels(lang);
    let title = match lang {
        Lang::ZhCn => &loaded.round.program.title.zh,
        Lang::En => &loaded.round.program.title.en,
    };
    let mut doc = Document::new(format!("{} — {}", l.title, h.round));
    doc.title(l.title)
        .subtitle(title.clone())
        .page_numbers(true)
        .page_label(match lang {
            Lang::ZhCn => reviewdesk_reports::PageLabel::Chinese,
            Lang::En => reviewdesk_reports::PageLabel::English,
        });
    if let Ok(d) = DocumentDate::new(today.year() as u16, today.month() as u8, today.day() as u8) {
        doc.created(d);
    }
    doc.key_values([
        (l.round, h.round.clone()),
        (l.revision, h.revision.to_string()),
        (l.organizer, h.organizer.clone()),
        (l.folder, h.dir.display().to_string()),
    ]);
    let mut t =
        Table::new([l.person, l.name, l.role, l.file, l.fingerprint]).widths(&[1, 2, 1, 3, 5]);
    for line in &h.lines {
        t.push_row([
            line.person.clone(),
            line.name.clone(),
            role_label(line.role, l).to_owned(),
            line.file.clone(),
            line.fingerprint.clone(),
        ]);
    }
    doc.table(t);
    let mut ids = Table::new([l.person, l.package, l.manifest]).widths(&[1, 3, 6]);
    for line in &h.lines {
        ids.push_row([
            line.person.clone(),
            line.package.clone(),
            line.manifest_sha256.clone(),
        ]);
    }
    doc.table(ids);
    doc.paragraph(l.check);
    for line in &h.lines {
        doc.spacer_mm(4.0).signature_block([
            format!("{} {}（{}）", l.received, line.name, line.person),
            l.date.to_owned(),
        ]);
    }
    doc.to_pdf_bytes(font)
        .map_err(|e| DeskError::Print(e.to_string()))
}

/// The hand-out list as CSV (UTF-8 with a BOM, so spreadsheet programs read the
/// Chinese headers): one row per file, the labels in `lang`.
pub fn handout_csv(h: &HandOut, lang: Lang) -> Result<Vec<u8>, DeskError> {
    let l = labels(lang);
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let werr = |e: csv::Error| DeskError::Print(e.to_string());
        w.write_record([
            l.person,
            l.name,
            l.role,
            l.file,
            l.fingerprint,
            l.package,
            l.manifest,
            l.size,
        ])
        .map_err(werr)?;
        for line in &h.lines {
            w.write_record([
                line.person.as_str(),
                line.name.as_str(),
                role_label(line.role, l),
                line.file.as_str(),
                line.fingerprint.as_str(),
                line.package.as_str(),
                line.manifest_sha256.as_str(),
                &line.size.to_string(),
            ])
            .map_err(werr)?;
        }
        w.flush().map_err(|e| DeskError::Print(e.to_string()))?;
    }
    Ok(out)
}
