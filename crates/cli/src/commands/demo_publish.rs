//! `demo --out`, the organizer's publication after the chair's bundle, on fixed
//! demo dates through the same services as `reviewdesk notice|objection|amend|publish`:
//! the notice (公示), two objections — one received after the period (refused), one
//! upheld (false materials) that strikes the contested applicant off — a second
//! notice when that changed the list, and the final list with the archive.

use std::path::{Path, PathBuf};

use reviewdesk_core::publication::{Cause, Change, Objector, Outcome};
use reviewdesk_core::{Date, Lang};
use reviewdesk_desk::publication::{
    add_objection, amend, note_objection, publish_final, publish_notice, rule_objection,
    NoticeRecord, NoticeRequest, ObjectionRequest,
};
use reviewdesk_desk::write_bytes;
use reviewdesk_formats::{Identity, Signer};

use crate::error::CliError;

/// What the demo's publication wrote.
pub struct DemoPublication {
    /// The publication folder.
    pub dir: PathBuf,
    /// Each notice's folder.
    pub notices: Vec<PathBuf>,
    /// The final list's folder.
    pub final_dir: PathBuf,
    /// The archive.
    pub archive: PathBuf,
    /// The evidence file the objections came with.
    pub evidence: PathBuf,
}

fn d(s: &str) -> Date {
    s.parse().expect("a fixed demo date")
}

/// Runs the publication of `bundle` into `out/publication` with the organizer's
/// DEMO keys; the archive is `out/round.rdarchive`.
pub fn publish(
    bundle: &Path,
    out: &Path,
    org: &Signer,
    ids: &[Identity],
    first_applicant: &str,
    lang: Lang,
) -> Result<DemoPublication, CliError> {
    let dir = out.join("publication");
    let (channel, contact) = match lang {
        Lang::ZhCn => (
            "书面材料（加盖公章）寄送：广东省某某厅某某处，广州市某某路1号（演示）",
            "联系人：张三，电话 020-00000000（演示）",
        ),
        Lang::En => (
            "In writing, under seal, to: the Example Office, 1 Example Road, Guangzhou (demo)",
            "Contact: Zhang San, 020-00000000 (demo)",
        ),
    };
    let notice = |start: &str, today: &str| {
        publish_notice(
            &dir,
            org,
            ids,
            &NoticeRequest {
                bundle: Some(bundle),
                start: d(start),
                channel,
                contact,
                lang,
                today: d(today),
            },
        )
    };
    // Monday 2026-11-23, 5 working days: to Friday 11-27.
    let first = notice("2026-11-23", "2026-11-20")?;
    let record: NoticeRecord = serde_json::from_slice(
        &std::fs::read(first.dir.join("notice.json")).map_err(|source| CliError::File {
            path: first.dir.join("notice.json"),
            source,
        })?,
    )
    .map_err(|e| CliError::Usage(format!("notice.json: {e}")))?;
    let contested = record
        .rows
        .first()
        .map_or(first_applicant.to_owned(), |r| r.applicant.clone());
    let evidence = out.join("objection-evidence.txt");
    write_bytes(
        &evidence,
        "演示异议材料：合同复印件（DEMO）\nDemo objection evidence: a copy of the contract\n"
            .as_bytes(),
    )?;
    let objection = |name: &str, organisation: &str, grounds: &str, received: &str| {
        add_objection(
            &dir,
            org,
            ids,
            &ObjectionRequest {
                objector: Objector {
                    name: name.into(),
                    organisation: organisation.into(),
                    id_code: "91440101MA5DEMO00X".into(),
                    contact: "138-0000-0000".into(),
                },
                applicant: &contested,
                grounds,
                evidence: std::slice::from_ref(&evidence),
                received: d(received),
                today: d(received),
            },
        )
    };
    // One after the period (refused: late), one inside it (admitted).
    objection(
        "李四",
        "某某科技有限公司（演示）",
        "申报材料中的应用案例不实",
        "2026-11-30",
    )?;
    let o = objection(
        "王五",
        "某某信息技术有限公司（演示）",
        "申报材料中的案例合同系伪造",
        "2026-11-25",
    )?;
    note_objection(
        &dir,
        org,
        ids,
        &o.id,
        "已向合同相对方书面核实：合同不存在（演示）",
        d("2026-11-26"),
    )?;
    rule_objection(
        &dir,
        org,
        ids,
        &o.id,
        Outcome::Upheld,
        "经核实，合同系伪造，异议成立（演示）",
        d("2026-11-27"),
    )?;
    let amended = amend(
        &dir,
        org,
        ids,
        &reviewdesk_desk::publication::AmendRequest {
            cause: Cause::UpheldObjection,
            objection: Some(&o.id),
            reason: "提供虚假材料，取消拟入选资格（演示）",
            changes: vec![Change::Strike {
                applicant: contested.clone(),
            }],
            today: d("2026-11-27"),
        },
    )?;
    let mut notices = vec![first.dir.clone()];
    if amended.record.material {
        // Monday 2026-11-30 to Friday 12-04.
        notices.push(notice("2026-11-30", "2026-11-30")?.dir);
    }
    let archive = out.join("round.rdarchive");
    let published = publish_final(&dir, org, ids, &archive, lang, d("2026-12-07"))?;
    Ok(DemoPublication {
        dir,
        notices,
        final_dir: published.dir,
        archive,
        evidence,
    })
}
