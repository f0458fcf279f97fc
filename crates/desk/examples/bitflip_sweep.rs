//! The bit-flip sweep (`scripts/bitflip-sweep.sh`, not in CI): every file type that
//! crosses between people — key card, per-expert and whole-round package, score
//! sheet, result bundle, archive, the signed notice and final list — is read once
//! as `reviewdesk verify` reads it, then again with one bit flipped, for every bit of
//! the file (small files) or every bit of its head and tail plus a seeded random
//! sample of the rest (large files). A flipped file must be refused: the sweep
//! counts the flips that were **accepted**, the **panics** (caught per flip) and the
//! **hangs** (a flip still running after `SWEEP_TIMEOUT` seconds stops the sweep
//! with exit 1), and the refusals by their code.
//!
//! `cargo run --release -p reviewdesk-desk --example bitflip_sweep -- DEMO_DIR`
//! where `DEMO_DIR` is what `reviewdesk demo --out DEMO_DIR` wrote (its DEMO keys in
//! `keys/`). Settings (environment): `SWEEP_ALL_BITS` (files up to this many bytes
//! get every bit flipped, default 24576), `SWEEP_HEAD`/`SWEEP_TAIL` (bytes flipped
//! bit by bit at each end of a larger file, default 4096/1024), `SWEEP_RANDOM`
//! (random bits flipped in between, default 20000), `SWEEP_SEED`, `SWEEP_JOBS`
//! (threads, default 2), `SWEEP_TIMEOUT` (default 20), `SWEEP_ONLY` (a target name).

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reviewdesk_desk::publication::{verify_archive, verify_notice_dir};
use reviewdesk_desk::{
    open_for_member, open_sheet, read_identities, verify_bundle, verify_package,
};
use reviewdesk_formats::{
    decrypt, encrypt, Fingerprint, Identity, KeyCard, Role, MAX_BUNDLE, MAX_SHEET,
};

/// How one target's bytes are verified: `Ok` when accepted, else the refusal's code.
type Check = dyn Fn(&[u8], &Path) -> Result<(), &'static str> + Send + Sync;

struct Target {
    name: String,
    bytes: Vec<u8>,
    /// Where a path-taking verifier reads the flipped bytes: the file's name inside
    /// a per-thread scratch folder (a notice is a folder of files).
    file_name: String,
    /// Files copied beside it unchanged (the notice's other files).
    siblings: Vec<(String, Vec<u8>)>,
    check: Box<Check>,
}

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn ids(demo: &Path, person: &str) -> Vec<Identity> {
    read_identities(&demo.join("keys").join(format!("{person}.age"))).expect("demo identity")
}

/// The organizer's fingerprint, from the round's verified key card.
fn organizer(demo: &Path) -> Fingerprint {
    KeyCard::read(&read(&demo.join("round/cards/ORG.card")))
        .expect("ORG card")
        .fingerprint()
}

fn targets(demo: &Path) -> Vec<Target> {
    let org = organizer(demo);
    let mut out = Vec::new();
    let card = |name: &str, file: PathBuf| Target {
        name: name.into(),
        bytes: read(&file),
        file_name: "x.card".into(),
        siblings: vec![],
        check: Box::new(|b, _| KeyCard::read(b).map(|_| ()).map_err(|e| e.code().as_str())),
    };
    out.push(card("card E03", demo.join("round/cards/E03.card")));
    out.push(card("card ORG", demo.join("round/cards/ORG.card")));

    let pkg = |name: &str, file: PathBuf, who: &str| {
        let (ids, org) = (ids(demo, who), org.clone());
        Target {
            name: name.into(),
            bytes: read(&file),
            file_name: "x.rdpkg".into(),
            siblings: vec![],
            check: Box::new(move |_, p| {
                verify_package(p, Some(&org), &ids, &|_| {})
                    .map(|_| ())
                    .map_err(|e| e.code().as_str())
            }),
        }
    };
    out.push(pkg(
        "package E03 (expert)",
        demo.join("per-expert/E03.rdpkg"),
        "E03",
    ));
    out.push(pkg(
        "package whole (chair)",
        demo.join("round.rdpkg"),
        "C01",
    ));

    {
        let ids = ids(demo, "C01");
        let opened = open_for_member(&demo.join("per-expert/E03.rdpkg"), Some(&org), &ids)
            .expect("E03's package opens");
        out.push(Target {
            name: "sheet E03 (chair)".into(),
            bytes: read(&demo.join("sheets/E03.rdsheet")),
            file_name: "x.rdsheet".into(),
            siblings: vec![],
            check: Box::new(move |b, _| {
                open_sheet(b, &opened, &ids)
                    .map(|_| ())
                    .map_err(|e| e.code().as_str())
            }),
        });
    }
    // Inside the age layer: anyone can encrypt to the readers' public keys, so a
    // flipped plaintext is encrypted again to the very recipients the writer uses.
    {
        let ids = ids(demo, "C01");
        let opened = open_for_member(&demo.join("per-expert/E03.rdpkg"), Some(&org), &ids)
            .expect("E03's package opens");
        let plain = decrypt(
            "sheet",
            &read(&demo.join("sheets/E03.rdsheet")),
            &ids,
            MAX_SHEET,
        )
        .expect("the sheet decrypts");
        let to: Vec<_> = opened
            .binding
            .roster
            .iter()
            .filter(|r| matches!(r.role, Role::Chair | Role::Organizer) || r.person == "E03")
            .map(|r| r.age.clone())
            .collect();
        out.push(Target {
            name: "sheet E03 inside age".into(),
            bytes: plain,
            file_name: "x.rdsheet".into(),
            siblings: vec![],
            check: Box::new(move |b, _| {
                let file = encrypt(b, &to).map_err(|e| e.code().as_str())?;
                open_sheet(&file, &opened, &ids)
                    .map(|_| ())
                    .map_err(|e| e.code().as_str())
            }),
        });
    }
    {
        let ids = ids(demo, "C01");
        let whole = open_for_member(&demo.join("round.rdpkg"), Some(&org), &ids)
            .expect("the whole package opens");
        let to: Vec<_> = whole
            .index
            .recipients
            .iter()
            .filter(|r| matches!(r.role, Role::Chair | Role::Organizer))
            .map(|r| r.age.clone())
            .collect();
        let plain = decrypt(
            "bundle",
            &read(&demo.join("result.rdbundle")),
            &ids,
            MAX_BUNDLE,
        )
        .expect("the bundle decrypts");
        let org = org.clone();
        out.push(Target {
            name: "bundle inside age".into(),
            bytes: plain,
            file_name: "x.rdbundle".into(),
            siblings: vec![],
            check: Box::new(move |b, p| {
                let file = encrypt(b, &to).map_err(|e| e.code().as_str())?;
                std::fs::write(p, file).expect("scratch write");
                verify_bundle(p, Some(&org), &ids)
                    .map(|_| ())
                    .map_err(|e| e.code().as_str())
            }),
        });
    }
    {
        let (ids, org) = (ids(demo, "C01"), org.clone());
        out.push(Target {
            name: "bundle (chair)".into(),
            bytes: read(&demo.join("result.rdbundle")),
            file_name: "x.rdbundle".into(),
            siblings: vec![],
            check: Box::new(move |_, p| {
                verify_bundle(p, Some(&org), &ids)
                    .map(|_| ())
                    .map_err(|e| e.code().as_str())
            }),
        });
    }
    out.push(Target {
        name: "archive".into(),
        bytes: read(&demo.join("round.rdarchive")),
        file_name: "x.rdarchive".into(),
        siblings: vec![],
        check: Box::new(|b, _| verify_archive(b).map(|_| ()).map_err(|e| e.code().as_str())),
    });
    for (dir, files) in [
        (
            "notice-1",
            [
                "notice.json",
                "notice.json.sig",
                "notice.pdf.sig",
                "notice.csv.sig",
            ]
            .as_slice(),
        ),
        (
            "final",
            [
                "final.json",
                "final.json.sig",
                "final-list.pdf.sig",
                "final-list.csv.sig",
            ]
            .as_slice(),
        ),
    ] {
        let folder = demo.join("publication").join(dir);
        let all: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
            .expect("notice folder")
            .map(|e| {
                let e = e.expect("entry");
                (
                    e.file_name().to_string_lossy().into_owned(),
                    read(&e.path()),
                )
            })
            .collect();
        for f in files {
            let siblings = all.iter().filter(|(n, _)| n != f).cloned().collect();
            let expected = organizer(demo);
            out.push(Target {
                name: format!("{dir}/{f}"),
                bytes: read(&folder.join(f)),
                file_name: (*f).into(),
                siblings,
                check: Box::new(move |_, p| {
                    let dir = p.parent().expect("scratch folder");
                    match verify_notice_dir(dir) {
                        // Signed by someone else: that is a refusal too.
                        Ok((fp, _)) if fp != expected => Err("other_signer"),
                        Ok(_) => Ok(()),
                        Err(e) => Err(e.code().as_str()),
                    }
                }),
            });
        }
    }
    out
}

/// The bits flipped in a file of `len` bytes.
fn positions(len: usize, seed: u64) -> Vec<u64> {
    let bits = len as u64 * 8;
    if len as u64 <= env_num("SWEEP_ALL_BITS", 24_576) {
        return (0..bits).collect();
    }
    let head = env_num("SWEEP_HEAD", 4096).min(len as u64) * 8;
    let tail = env_num("SWEEP_TAIL", 1024).min(len as u64) * 8;
    let mut v: Vec<u64> = (0..head).chain(bits - tail..bits).collect();
    // splitmix64: a fixed, seeded sample of the middle (no dependency for this).
    let mut s = seed ^ len as u64;
    let middle = (bits - tail).saturating_sub(head);
    for _ in 0..env_num("SWEEP_RANDOM", 20_000) {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        if middle > 0 {
            v.push(head + z % middle);
        }
    }
    v.sort_unstable();
    v.dedup();
    v
}

#[derive(Default)]
struct Tally {
    accepted: Vec<u64>,
    panics: Vec<(u64, String)>,
    refused: BTreeMap<&'static str, u64>,
}

fn main() {
    let demo = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: bitflip_sweep DEMO_DIR"),
    );
    let jobs = env_num("SWEEP_JOBS", 2).max(1) as usize;
    let timeout = Duration::from_secs(env_num("SWEEP_TIMEOUT", 20));
    let seed = env_num("SWEEP_SEED", 20_261_202);
    let only = std::env::var("SWEEP_ONLY").ok();
    // A panic is counted, not printed per flip.
    let last_panic: Arc<Mutex<String>> = Arc::default();
    {
        let last = last_panic.clone();
        std::panic::set_hook(Box::new(move |info| {
            *last.lock().expect("panic text") = info.to_string();
        }));
    }
    let scratch = tempfile::tempdir_in(
        std::env::var_os("SWEEP_SCRATCH").unwrap_or_else(|| "/dev/shm".into()),
    )
    .or_else(|_| tempfile::tempdir())
    .expect("scratch folder");

    println!(
        "{:<28} {:>9} {:>9} {:>8} {:>6} {:>5} {:>8}  refusals by code",
        "file", "bytes", "flips", "accepted", "panics", "hangs", "flips/s"
    );
    let (mut all_flips, mut all_accepted, mut all_panics) = (0u64, 0u64, 0u64);
    for (n, t) in targets(&demo).into_iter().enumerate() {
        if only.as_deref().is_some_and(|o| o != t.name) {
            continue;
        }
        // A folder of its own per file (a notice is read as a folder).
        let scratch = scratch.path().join(format!("t{n}"));
        // The untouched file must pass, or the sweep measures nothing.
        let base = scratch.join("base");
        std::fs::create_dir_all(&base).expect("scratch");
        for (n, b) in &t.siblings {
            std::fs::write(base.join(n), b).expect("scratch");
        }
        std::fs::write(base.join(&t.file_name), &t.bytes).expect("scratch");
        if let Err(code) = (t.check)(&t.bytes, &base.join(&t.file_name)) {
            eprintln!("{}: the untouched file is refused ({code})", t.name);
            std::process::exit(2);
        }
        let pos = positions(t.bytes.len(), seed);
        let tally = Mutex::new(Tally::default());
        let next = AtomicUsize::new(0);
        let started: Vec<AtomicU64> = (0..jobs).map(|_| AtomicU64::new(u64::MAX)).collect();
        let done = AtomicBool::new(false);
        let t0 = Instant::now();
        std::thread::scope(|s| {
            for (w, slot) in started.iter().enumerate() {
                let (t, pos, tally, next, last_panic) = (&t, &pos, &tally, &next, &last_panic);
                let dir = scratch.join(format!("w{w}"));
                std::fs::create_dir_all(&dir).expect("scratch");
                for (n, b) in &t.siblings {
                    std::fs::write(dir.join(n), b).expect("scratch");
                }
                s.spawn(move || {
                    let file = dir.join(&t.file_name);
                    let mut bytes = t.bytes.clone();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&bit) = pos.get(i) else { break };
                        let (byte, mask) = ((bit / 8) as usize, 1u8 << (bit % 8));
                        bytes[byte] ^= mask;
                        std::fs::write(&file, &bytes).expect("scratch write");
                        slot.store(t0.elapsed().as_millis() as u64, Ordering::Relaxed);
                        let r = catch_unwind(AssertUnwindSafe(|| (t.check)(&bytes, &file)));
                        slot.store(u64::MAX, Ordering::Relaxed);
                        bytes[byte] ^= mask;
                        let mut tl = tally.lock().expect("tally");
                        match r {
                            Ok(Ok(())) => tl.accepted.push(bit),
                            Ok(Err(code)) => *tl.refused.entry(code).or_default() += 1,
                            Err(_) => {
                                let text = last_panic.lock().expect("panic text").clone();
                                tl.panics.push((bit, text));
                            }
                        }
                    }
                });
            }
            // The watchdog: a flip running longer than the timeout is a hang.
            s.spawn(|| {
                while !done.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(250));
                    let now = t0.elapsed().as_millis() as u64;
                    for slot in &started {
                        let at = slot.load(Ordering::Relaxed);
                        if at != u64::MAX && now.saturating_sub(at) > timeout.as_millis() as u64 {
                            eprintln!(
                                "{}: HANG — one flip ran longer than {} s; stopping",
                                t.name,
                                timeout.as_secs()
                            );
                            std::process::exit(1);
                        }
                    }
                    if next.load(Ordering::Relaxed) >= pos.len()
                        && started
                            .iter()
                            .all(|s| s.load(Ordering::Relaxed) == u64::MAX)
                    {
                        break;
                    }
                }
            });
        });
        done.store(true, Ordering::Relaxed);
        let ms = (t0.elapsed().as_millis() as u64).max(1);
        let tl = tally.into_inner().expect("tally");
        let mut codes: Vec<(&&'static str, &u64)> = tl.refused.iter().collect();
        codes.sort_by(|a, b| b.1.cmp(a.1));
        let codes: Vec<String> = codes.iter().map(|(c, n)| format!("{c} {n}")).collect();
        println!(
            "{:<28} {:>9} {:>9} {:>8} {:>6} {:>5} {:>8}  {}",
            t.name,
            t.bytes.len(),
            pos.len(),
            tl.accepted.len(),
            tl.panics.len(),
            0,
            pos.len() as u64 * 1000 / ms,
            codes.join(", ")
        );
        for bit in tl.accepted.iter().take(10) {
            println!("    ACCEPTED: byte {} bit {}", bit / 8, bit % 8);
        }
        for (bit, text) in tl.panics.iter().take(10) {
            println!("    PANIC: byte {} bit {}: {text}", bit / 8, bit % 8);
        }
        all_flips += pos.len() as u64;
        all_accepted += tl.accepted.len() as u64;
        all_panics += tl.panics.len() as u64;
    }
    println!("total: {all_flips} flips, {all_accepted} accepted, {all_panics} panics, 0 hangs");
    if all_accepted + all_panics > 0 {
        std::process::exit(1);
    }
}
