//! Publication at scale (rule 17, `docs/formats.md` "Publication"): a synthetic
//! round of 5,000 applicants in 21 cities (one score stage of 4 indicators, 50
//! experts, 3 an applicant), merged into a bundle by the chair; then timed: the
//! notice (bundle verified and recomputed, list, PDF and CSV, signatures), two
//! objections, the final list with the archive, and `verify_archive` (the archive's
//! signature and hashes, the bundle recomputed, every record recomputed); then what
//! they are made of (one bundle verification, the notice's PDF, the archive's own
//! checks). Prints figures; asserts nothing. Run with `scripts/bench-publication.sh`
//! (`cargo run --release -p reviewdesk-desk --example publication_figures`).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use reviewdesk_core::credit_code::check_character;
use reviewdesk_core::publication::Objector;
use reviewdesk_core::{Date, Lang};
use reviewdesk_desk::publication::{
    add_objection, publish_final, publish_notice, verify_archive_file, NoticeRequest,
    ObjectionRequest,
};
use reviewdesk_desk::{
    load_cards, merge, open_for_member, seal_round_to_file, sign_sheet, MergeOptions, Scope,
    SheetDraft,
};
use reviewdesk_formats::{Identity, KeyCard, Role, Signer};
use reviewdesk_io::load_round;

const APPLICANTS: usize = 5000;
const EXPERTS: usize = 50;
const STAGES: [&str; 1] = ["s1"];
const INDICATORS: usize = 4;
/// Experts per applicant.
const PER_APPLICANT: usize = 3;

/// Whether expert `e` reviews applicant `a`: five consecutive experts (mod 50).
fn assigned(e: usize, a: usize) -> bool {
    (0..PER_APPLICANT).any(|j| (a * PER_APPLICANT + j) % EXPERTS == e)
}

fn template() -> String {
    let mut t = String::from(
        "format = \"reviewdesk-template/1\"\nid = \"bench\"\nversion = 1\n\
         program = { zh = \"基准\", en = \"Benchmark\" }\nquorum = 3\ndecimals = 2\n\
         divergence = { pct = \"20\" }\n\
         [[category]]\nid = \"c\"\nname = { zh = \"甲类\", en = \"C\" }\n",
    );
    for (i, s) in STAGES.iter().enumerate() {
        let weight = 100;
        let _ = write!(
            t,
            "[[stage]]\nid = \"{s}\"\nname = {{ zh = \"环节{i}\", en = \"Stage {i}\" }}\n\
             kind = \"score\"\nmax = \"40\"\nweight = \"{weight}\"\n"
        );
        for k in 0..INDICATORS {
            let _ = write!(
                t,
                "[[indicator]]\nid = \"{s}_{k}\"\nstage = \"{s}\"\n\
                 name = {{ zh = \"指标{k}\", en = \"Indicator {k}\" }}\nmax = \"10\"\nstep = \"0.5\"\n"
            );
        }
    }
    t += "[[grade]]\nid = \"good\"\nlabel = { zh = \"良好\", en = \"Good\" }\nmin = \"80\"\n\
          [[grade]]\nid = \"pass\"\nlabel = { zh = \"合格\", en = \"Pass\" }\nmin = \"60\"\n\
          [[grade]]\nid = \"fail\"\nlabel = { zh = \"不合格\", en = \"Fail\" }\nmin = \"0\"\n";
    t
}

fn expert_id(e: usize) -> String {
    format!("E{e:03}")
}

fn round() -> String {
    let mut r = String::from(
        "format = \"reviewdesk-round/1\"\nid = \"bench-2026\"\n[program]\n\
         title = { zh = \"基准批次\", en = \"Benchmark round\" }\n\
         organizer = { zh = \"组织方\", en = \"Organizer\" }\ntemplate = \"bench\"\n",
    );
    for a in 0..APPLICANTS {
        let first17 = format!("91440101{a:09}");
        let code = format!("{first17}{}", check_character(&first17).expect("valid"));
        let _ = write!(
            r,
            "[[applicant]]\nid = \"A{a:04}\"\nname = \"申报单位{a}有限公司\"\ncredit_code = \"{code}\"\n\
             region = {{ zh = \"{}\", en = \"{}\" }}\n\
             industry = {{ zh = \"C38\", en = \"C38\" }}\ncategories = [\"c\"]\n",
            CITIES[a % CITIES.len()].0,
            CITIES[a % CITIES.len()].1
        );
    }
    r += "[panel.chair]\nid = \"C01\"\nname = \"组长\"\naffiliation = \"研究院\"\n\
          field = { zh = \"工业互联网\", en = \"Industrial Internet\" }\n";
    for e in 0..EXPERTS {
        let _ = write!(
            r,
            "[[panel.expert]]\nid = \"{}\"\nname = \"专家{e}\"\naffiliation = \"研究院\"\n\
             field = {{ zh = \"工业互联网\", en = \"Industrial Internet\" }}\n",
            expert_id(e)
        );
    }
    for a in 0..APPLICANTS {
        for e in (0..EXPERTS).filter(|&e| assigned(e, a)) {
            let _ = write!(
                r,
                "[[assignment]]\nexpert = \"{}\"\napplicant = \"A{a:04}\"\n",
                expert_id(e)
            );
        }
    }
    r
}

fn person(seed: u8, n: usize) -> (Signer, Identity) {
    let mut s = [seed; 32];
    s[0] = n as u8;
    s[1] = (n >> 8) as u8;
    (Signer::from_ed25519_seed(&s), Identity::generate())
}

/// Expert `e`'s part: every applicant declared and scored, values varying so that
/// some scores diverge.
fn part(e: usize, revision: u32) -> String {
    let mut s = format!("{{\"expert\":\"{}\",\"declarations\":[", expert_id(e));
    let mine: Vec<usize> = (0..APPLICANTS).filter(|&a| assigned(e, a)).collect();
    for (i, a) in mine.iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(s, "{sep}{{\"applicant\":\"A{a:04}\"}}");
    }
    s += "],\"scores\":[";
    let mut first = true;
    for &a in &mine {
        for st in STAGES {
            for k in 0..INDICATORS {
                let halves = 10 + (e * 7 + a * 3 + k + revision as usize) % 11;
                let v = if halves.is_multiple_of(2) {
                    format!("{}", halves / 2)
                } else {
                    format!("{}.5", halves / 2)
                };
                let sep = if first { "" } else { "," };
                first = false;
                let _ = write!(
                    s,
                    "{sep}{{\"applicant\":\"A{a:04}\",\"stage\":\"{st}\",\"indicator\":\"{st}_{k}\",\"value\":\"{v}\"}}"
                );
            }
        }
    }
    s += "]}";
    s
}

const CITIES: [(&str, &str); 21] = [
    ("广州市", "Guangzhou"),
    ("深圳市", "Shenzhen"),
    ("珠海市", "Zhuhai"),
    ("汕头市", "Shantou"),
    ("佛山市", "Foshan"),
    ("韶关市", "Shaoguan"),
    ("河源市", "Heyuan"),
    ("梅州市", "Meizhou"),
    ("惠州市", "Huizhou"),
    ("汕尾市", "Shanwei"),
    ("东莞市", "Dongguan"),
    ("中山市", "Zhongshan"),
    ("江门市", "Jiangmen"),
    ("阳江市", "Yangjiang"),
    ("湛江市", "Zhanjiang"),
    ("茂名市", "Maoming"),
    ("肇庆市", "Zhaoqing"),
    ("清远市", "Qingyuan"),
    ("潮州市", "Chaozhou"),
    ("揭阳市", "Jieyang"),
    ("云浮市", "Yunfu"),
];

fn d(s: &str) -> Date {
    s.parse().expect("date")
}

/// The audit log the expert desk writes for this work (the desk's shape, made
/// without a workspace per expert: entering thousands of scores would time
/// SQLite, not what is measured), so the merge's replay runs on every sheet as on
/// real ones.
fn desk_log(pkg: &reviewdesk_desk::OpenPackage, expert: usize, revision: u32) -> String {
    let parts: Vec<reviewdesk_core::rules::ExpertPart> = (1..=revision)
        .map(|r| serde_json::from_str(&part(expert, r)).expect("a part"))
        .collect();
    reviewdesk_core::audit::entered_log(
        &pkg.binding.package.to_string(),
        pkg.package.manifest.organizer.as_str(),
        "2026-11-21T08:00:00Z",
        &parts,
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, step, path] = args.as_slice() {
        // `--peak-of-nothing` measures the process alone.
        if step == "--peak-of-archive-verify" {
            verify_archive_file(Path::new(path)).expect("archive verifies");
        }
        println!("{}", peak_kib().unwrap_or(0) / 1000);
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("cards")).unwrap();
    std::fs::create_dir_all(dir.join("materials")).unwrap();
    std::fs::write(dir.join("template.toml"), template()).unwrap();
    std::fs::write(dir.join("round.toml"), round()).unwrap();
    let write_card = |id: &str, role: Role, p: &(Signer, Identity)| {
        let card = KeyCard::write(id, role, &p.0, &p.1.to_public()).unwrap();
        std::fs::write(dir.join("cards").join(format!("{id}.card")), card).unwrap();
    };
    let org = person(1, 0);
    let chair = person(2, 0);
    write_card("ORG", Role::Organizer, &org);
    write_card("C01", Role::Chair, &chair);
    let experts: Vec<(Signer, Identity)> = (0..EXPERTS).map(|e| person(3, e)).collect();
    for (e, p) in experts.iter().enumerate() {
        write_card(&expert_id(e), Role::Expert, p);
    }
    let loaded = load_round(dir).expect("the synthetic round loads");
    let cards = load_cards(&loaded).expect("cards");
    let pkg_path = dir.join("round.rdpkg");
    seal_round_to_file(
        &loaded,
        &cards,
        &org.0,
        Scope::Whole,
        &pkg_path,
        &mut |_, _| {},
    )
    .expect("sealed");
    let mut files = Vec::new();
    for (e, (signer, id)) in experts.iter().enumerate() {
        let pkg = open_for_member(&pkg_path, None, std::slice::from_ref(id)).expect("open");
        let scores = part(e, 1);
        let log = desk_log(&pkg, e, 1);
        let file = sign_sheet(
            &pkg,
            signer,
            SheetDraft {
                scores: &scores,
                audit: &log,
                revision: 1,
            },
        )
        .expect("sheet");
        let path = dir.join(format!("{}.rdsheet", expert_id(e)));
        std::fs::write(&path, file).unwrap();
        files.push(path);
    }
    let chair_ids = std::slice::from_ref(&chair.1);
    let mut pkg = open_for_member(&pkg_path, None, chair_ids).expect("chair opens");
    let merged = merge(
        &mut pkg,
        &chair.0,
        chair_ids,
        &files,
        MergeOptions::default(),
    )
    .expect("merge");
    let bundle = dir.join("result.rdbundle");
    std::fs::write(&bundle, &merged.bundle).unwrap();
    let selected = merged
        .result
        .applicants
        .iter()
        .filter(|a| a.selected)
        .count();
    println!(
        "publication: {APPLICANTS} applicants ({selected} selected) in {} cities, bundle {:.1} MB",
        CITIES.len(),
        merged.bundle.len() as f64 / 1e6
    );

    let org_ids = std::slice::from_ref(&org.1);
    let pubdir = dir.join("publication");
    let t = Instant::now();
    let notice = publish_notice(
        &pubdir,
        &org.0,
        org_ids,
        &NoticeRequest {
            bundle: Some(&bundle),
            start: d("2026-03-02"),
            channel: "广州市某路1号",
            contact: "020-12345678",
            lang: Lang::ZhCn,
            today: d("2026-02-27"),
        },
    )
    .expect("notice");
    let t_notice = t.elapsed().as_secs_f64();
    let evidence = dir.join("evidence.pdf");
    std::fs::write(&evidence, b"%PDF-1.4 evidence").unwrap();
    let t = Instant::now();
    for received in ["2026-03-04", "2026-03-10"] {
        add_objection(
            &pubdir,
            &org.0,
            org_ids,
            &ObjectionRequest {
                objector: Objector {
                    name: "李四".into(),
                    organisation: "某公司".into(),
                    id_code: String::new(),
                    contact: "13800000000".into(),
                },
                applicant: "A0001",
                grounds: "材料不实",
                evidence: std::slice::from_ref(&evidence),
                received: d(received),
                today: d(received),
            },
        )
        .expect("objection");
    }
    let t_objections = t.elapsed().as_secs_f64();
    let register = reviewdesk_desk::publication::read_register(&pubdir).expect("register");
    if let Some(o) = register.objections.iter().find(|o| o.admitted) {
        reviewdesk_desk::publication::rule_objection(
            &pubdir,
            &org.0,
            org_ids,
            &o.id,
            reviewdesk_core::publication::Outcome::Rejected,
            "经核实，异议不成立",
            d("2026-03-10"),
        )
        .expect("ruling");
    }
    let archive = dir.join("round.rdarchive");
    let t = Instant::now();
    let published = publish_final(
        &pubdir,
        &org.0,
        org_ids,
        &archive,
        Lang::ZhCn,
        d("2026-03-11"),
    )
    .expect("final");
    let t_final = t.elapsed().as_secs_f64();
    let size = std::fs::metadata(&archive).unwrap().len();
    // REVIEWDESK_FIGURES_ARCHIVE=FILE keeps a copy of the archive (no key in it),
    // for a heap profiler: `publication_figures --peak-of-archive-verify FILE`.
    if let Some(keep) = std::env::var_os("REVIEWDESK_FIGURES_ARCHIVE") {
        std::fs::copy(&archive, keep).expect("keep the archive");
    }
    let t = Instant::now();
    let report = verify_archive_file(&archive).expect("archive verifies");
    let t_verify = t.elapsed().as_secs_f64();
    // What the steps are made of: the bundle verified and recomputed once, the
    // notice's PDF of 5,000 rows alone, the archive's signature and hashes alone.
    let t = Instant::now();
    let v = reviewdesk_desk::verify_bundle(&bundle, Some(&org.0.fingerprint()), org_ids)
        .expect("bundle verifies");
    let t_bundle = t.elapsed().as_secs_f64();
    let record: reviewdesk_desk::publication::NoticeRecord = serde_json::from_slice(
        &std::fs::read(pubdir.join("notice-1").join("notice.json")).unwrap(),
    )
    .unwrap();
    let font = reviewdesk_reports::FontData::bundled().expect("font");
    let doc = reviewdesk_results::NoticeDoc {
        kind: reviewdesk_results::ListKind::Notice,
        round: &v.round,
        template: &v.template,
        rows: &record.rows,
        period: reviewdesk_core::publication::NoticePeriod {
            start: record.start,
            end: record.end,
            days: record.days,
            unit: record.unit,
        },
        assumed: record.assumed,
        order: record.order,
        basis: record.basis.as_deref(),
        channel: &record.channel,
        contact: &record.contact,
        lang: Lang::ZhCn,
        date: reviewdesk_reports::DocumentDate::new(2026, 2, 27).unwrap(),
        footer: Some(format!("结果包 SHA-256：{}", record.bundle)),
    };
    let t = Instant::now();
    let pdf = reviewdesk_results::notice_pdf(&doc, &font).expect("notice PDF");
    let t_pdf = t.elapsed().as_secs_f64();
    let archive_bytes = std::fs::read(&archive).unwrap();
    let t = Instant::now();
    reviewdesk_formats::OpenedArchive::open(&archive_bytes).expect("archive opens");
    let t_open = t.elapsed().as_secs_f64();
    println!(
        "  notice (verify bundle, {} rows, PDF + CSV, signatures): {t_notice:.3} s; period {} – {}",
        notice.rows, notice.period.start, notice.period.end
    );
    println!("  two objections (each: bundle verified, register appended): {t_objections:.3} s");
    println!(
        "  final list + archive ({} rows, archive {:.1} MB): {t_final:.3} s",
        published.rows,
        size as f64 / 1e6
    );
    println!(
        "  notice + final list + archive: {:.3} s (target < 3 s)",
        t_notice + t_final
    );
    println!(
        "  archive verify (signature, hashes, bundle recomputed, records recomputed, {} rows): {t_verify:.3} s (target < 2 s)",
        report.rows.len()
    );
    println!("  of which: the bundle verified and recomputed once: {t_bundle:.3} s");
    // Peak memory in a fresh process (this one has held the whole round): the
    // process's peak resident size at the end of the step alone. (The bundle
    // alone is not measured so: its identity is this process's, not on disk.)
    let peak = |step: &str, path: &Path| {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([step, &path.display().to_string()])
            .output()
            .expect("the step runs");
        if !out.status.success() {
            eprintln!("{step}: {}", String::from_utf8_lossy(&out.stderr));
        }
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    println!(
        "  peak memory, fresh process: nothing {} MB, archive verify (the bundle recomputed within) {} MB",
        peak("--peak-of-nothing", &archive),
        peak("--peak-of-archive-verify", &archive)
    );
    println!(
        "  of which: the notice PDF alone ({} rows, {:.0} KB): {t_pdf:.3} s",
        record.rows.len(),
        pdf.len() as f64 / 1e3
    );
    println!("  of which: the archive's signature and entry hashes alone: {t_open:.3} s");
}

/// The process's peak resident size, in KiB (Linux).
fn peak_kib() -> Option<u64> {
    status_kib("VmHWM:")
}

fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}
