//! Expert desk figures in the real app (run by `scripts/bench-desk.sh`; prints, asserts
//! nothing): launch to the first interactive screen on the demo round, and the time
//! from clicking a 50 MB PDF material inside a 2 GB package to its first page drawn.
//!
//! The package: the demo round for E01 plus one 50 MB PDF (one text page and a 50 MB
//! stream nobody draws) and 399 × 5 MB filler materials, sealed to a key card the
//! app exports from a fresh identity in the real keyring.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use reviewdesk_e2e::{Desk, Launch};

type R<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// A valid PDF of about `size` bytes: one page of text plus an unused stream.
fn big_pdf(path: &Path, size: usize) -> R<()> {
    struct Out {
        f: std::io::BufWriter<std::fs::File>,
        pos: usize,
    }
    impl Out {
        fn put(&mut self, bytes: &[u8]) -> R<usize> {
            self.f.write_all(bytes)?;
            let at = self.pos;
            self.pos += bytes.len();
            Ok(at)
        }
    }
    let mut o = Out {
        f: std::io::BufWriter::new(std::fs::File::create(path)?),
        pos: 0,
    };
    let mut offsets = Vec::new();
    o.put(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")?;
    let content = b"BT /F1 24 Tf 72 720 Td (Large material: first page) Tj ET";
    let objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
        [format!("<< /Length {} >>\nstream\n", content.len()).into_bytes(), content.to_vec(), b"\nendstream".to_vec()].concat(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    for (i, body) in objs.iter().enumerate() {
        offsets.push(o.put(format!("{} 0 obj\n", i + 1).as_bytes())?);
        o.put(body)?;
        o.put(b"\nendobj\n")?;
    }
    // Object 6: the bulk, never drawn.
    let bulk = size.saturating_sub(o.pos + 1024);
    offsets.push(o.put(format!("6 0 obj\n<< /Length {bulk} >>\nstream\n").as_bytes())?);
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut chunk = vec![0u8; 1 << 20];
    let mut left = bulk;
    while left > 0 {
        for b in chunk.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x as u8;
        }
        let n = left.min(chunk.len());
        o.put(&chunk[..n])?;
        left -= n;
    }
    o.put(b"\nendstream\nendobj\n")?;
    let xref = o.pos;
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1);
    for o in &offsets {
        table += &format!("{o:010} 00000 n \n");
    }
    table += &format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        offsets.len() + 1
    );
    o.put(table.as_bytes())?;
    o.f.flush()?;
    Ok(())
}

fn filler(path: &Path, size: usize, seed: u64) -> R<()> {
    let mut x = seed | 1;
    let mut buf = vec![0u8; size];
    for b in buf.iter_mut() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
    std::fs::write(path, buf)?;
    Ok(())
}

/// The demo round for E01 with the big PDF and the filler, E01's card replaced.
fn big_round(dir: &Path, card: &Path, fillers: usize) -> R<PathBuf> {
    let src = reviewdesk_io::demo_round_dir();
    for sub in ["materials", "cards"] {
        std::fs::create_dir_all(dir.join(sub))?;
        for e in std::fs::read_dir(src.join(sub))? {
            let e = e?;
            std::fs::copy(e.path(), dir.join(sub).join(e.file_name()))?;
        }
    }
    std::fs::copy(card, dir.join("cards/E01.card"))?;
    let mut toml = std::fs::read_to_string(src.join("round.toml"))?;
    big_pdf(&dir.join("materials/BIG.pdf"), 50 << 20)?;
    toml += "\n[[material]]\nid = \"BIG\"\napplicant = \"A01\"\nkind = \"other\"\ntitle = \"50 MB PDF\"\nfile = \"BIG.pdf\"\n";
    for i in 0..fillers {
        let name = format!("F{i:03}.bin");
        filler(&dir.join("materials").join(&name), 5 << 20, i as u64 + 7)?;
        toml += &format!("\n[[material]]\nid = \"F{i:03}\"\napplicant = \"A01\"\nkind = \"other\"\ntitle = \"filler {i}\"\nfile = \"{name}\"\n");
    }
    std::fs::write(dir.join("round.toml"), toml)?;
    let loaded = reviewdesk_io::load_round(dir)?;
    let cards = reviewdesk_desk::load_cards(&loaded)?;
    let org = reviewdesk_desk::read_signing_key(&src.join("keys/ORG.key"))?;
    let out = dir.join("E01.rdpkg");
    reviewdesk_desk::seal_round_to_file(
        &loaded,
        &cards,
        &org,
        reviewdesk_desk::Scope::Expert("E01"),
        &out,
        &mut |_, _| {},
    )?;
    Ok(out)
}

/// Seconds since boot, from `/proc/uptime` (1/100 s).
fn uptime() -> R<f64> {
    let text = std::fs::read_to_string("/proc/uptime")?;
    Ok(text.split_whitespace().next().unwrap_or("0").parse()?)
}

/// When the newest `reviewdesk-desktop` process started, in seconds since boot
/// (`/proc/PID/stat` field 22, in clock ticks of 1/100 s).
fn app_started() -> R<f64> {
    let mut newest: Option<f64> = None;
    for e in std::fs::read_dir("/proc")? {
        let path = e?.path();
        let comm = std::fs::read_to_string(path.join("comm")).unwrap_or_default();
        if comm.trim() != "reviewdesk-desk" {
            continue;
        }
        let stat = std::fs::read_to_string(path.join("stat")).unwrap_or_default();
        // Fields after the ")" that closes the command name; starttime is field 22.
        let after = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
        if let Some(ticks) = after.split_whitespace().nth(19) {
            let t = ticks.parse::<f64>()? / 100.0;
            newest = Some(newest.map_or(t, |n: f64| n.max(t)));
        }
    }
    newest.ok_or_else(|| "no reviewdesk-desktop process".into())
}

/// Clicks a PDF material from a script and waits for its first page and for the
/// check of its stored bytes; returns the app's own figures (click to page 1 drawn,
/// and pdf.js's share).
async fn open_pdf(desk: &Desk, material: &str) -> R<(String, String)> {
    desk.client
        .execute(
            &format!("document.querySelector('[data-material={material}]').click()"),
            vec![],
        )
        .await?;
    let start = Instant::now();
    let css = format!("[data-testid=pdf-view][data-material={material}]");
    loop {
        if let Ok(view) = desk.client.find(fantoccini::Locator::Css(&css)).await {
            let ms = view.attr("data-first-page-ms").await?.unwrap_or_default();
            let pdfjs = view.attr("data-pdfjs-ms").await?.unwrap_or_default();
            if view.attr("data-verified").await?.as_deref() == Some("true") && !ms.is_empty() {
                return Ok((ms, pdfjs));
            }
        }
        if start.elapsed() > Duration::from_secs(120) {
            return Err(format!("{material} was not drawn and verified within 120 s").into());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn click(desk: &Desk, css: &str) -> R<()> {
    desk.find(css).await?.click().await?;
    Ok(())
}

async fn fill(desk: &Desk, css: &str, text: &str) -> R<()> {
    let el = desk.find(css).await?;
    el.clear().await?;
    el.send_keys(text).await?;
    Ok(())
}

#[tokio::main]
async fn main() -> R<()> {
    let fillers: usize = std::env::var("FILLERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(399);
    let app = reviewdesk_e2e::app_binary();
    println!("app: {}", app.display());

    let t = Instant::now();
    let desk = Desk::start(Launch::default()).await?;
    // Polled every 10 ms (fantoccini's own wait polls far less often).
    while desk
        .client
        .find(fantoccini::Locator::Css("[data-testid=home-demo]"))
        .await
        .is_err()
    {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let shown = uptime()?;
    println!(
        "launch to the home screen, whole harness (Xvfb, D-Bus, tauri-driver, app): {:.2} s",
        t.elapsed().as_secs_f64()
    );
    println!(
        "launch to the home screen, app process start to screen found: {:.2} s (target < 2 s; ±0.01 s ticks, plus WebDriver polling)",
        shown - app_started()?
    );

    // First run in the app: an identity and its card.
    let home = desk.home().to_path_buf();
    click(&desk, "[data-testid=nav-expert]").await?;
    fill(&desk, "[data-testid=identity-name]", "陈立新").await?;
    click(&desk, "[data-testid=identity-create]").await?;
    let card = home.join("my.card");
    desk.answer_dialog(&[&card])?;
    click(&desk, "[data-testid=card-export]").await?;
    desk.find("[data-testid=card-written]").await?;
    click(&desk, "[data-testid=identity-continue]").await?;

    let t = Instant::now();
    let pkg = big_round(&home.join("round"), &card, fillers)?;
    let size = std::fs::metadata(&pkg)?.len();
    println!(
        "sealed {:.2} GB in {:.1} s",
        size as f64 / 1e9,
        t.elapsed().as_secs_f64()
    );

    desk.answer_dialog(&[&pkg])?;
    let t = Instant::now();
    click(&desk, "[data-testid=import-button]").await?;
    click(&desk, "[data-testid=confirm-trust]").await?;
    desk.client
        .wait()
        .at_most(Duration::from_secs(600))
        .for_element(fantoccini::Locator::Css("[data-testid=import-done]"))
        .await?;
    println!(
        "import (verify every hash and plaintext, copy): {:.1} s",
        t.elapsed().as_secs_f64()
    );
    click(&desk, "[data-testid=package-open]").await?;
    click(&desk, "[data-testid=pledge-agree]").await?;
    click(&desk, "[data-testid=pledge-accept]").await?;
    click(&desk, "[data-applicant=A01]").await?;
    click(&desk, "[data-testid=decl-submit]").await?;
    desk.find("[data-testid=score-form]").await?;

    // Clicked from a script: a WebDriver click waits about 5 s here before it returns
    // (WebKitWebDriver, while the command the click started is in flight). The first
    // click comes right after the import (its 2 GB still being written back), then
    // twice more with another PDF opened in between.
    for (i, when) in ["first", "second", "third"].iter().enumerate() {
        if i > 0 {
            open_pdf(&desk, "M01").await?;
        }
        let t = Instant::now();
        let (in_app, pdfjs) = open_pdf(&desk, "BIG").await?;
        println!(
            "click on a 50 MB PDF in a {:.1} GB package to its first page drawn ({when} time): {in_app} ms in the app (click handler to page 1 drawn; pdf.js's share {pdfjs} ms), {} ms seen through WebDriver polling; target < 500 ms",
            size as f64 / 1e9,
            t.elapsed().as_millis()
        );
    }
    let _ = desk.client.clone().close().await;
    Ok(())
}
