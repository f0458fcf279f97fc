//! Startup figures of the app (run by `scripts/bench-startup.sh`; prints, asserts
//! nothing): from the app process's start to the home screen drawn with its data
//! and answering clicks (the `home-interactive` mark the home screen sets), over
//! several cold launches, each in a fresh HOME, display and D-Bus session. The
//! target is under 1 s for the installed release build.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reviewdesk_e2e::{Desk, Launch};

type R<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Seconds since boot.
fn uptime() -> R<f64> {
    let text = std::fs::read_to_string("/proc/uptime")?;
    Ok(text.split_whitespace().next().unwrap_or("0").parse()?)
}

/// When the newest app process started, in seconds since boot (`/proc/PID/stat`
/// field 22, clock ticks of 1/100 s).
fn app_started(app: &std::path::Path) -> R<f64> {
    let mut newest: Option<f64> = None;
    for e in std::fs::read_dir("/proc")? {
        let path = e?.path();
        if std::fs::read_link(path.join("exe")).ok().as_deref() != Some(app) {
            continue;
        }
        let stat = std::fs::read_to_string(path.join("stat")).unwrap_or_default();
        let after = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
        if let Some(ticks) = after.split_whitespace().nth(19) {
            let t = ticks.parse::<f64>()? / 100.0;
            newest = Some(newest.map_or(t, |n: f64| n.max(t)));
        }
    }
    newest.ok_or_else(|| format!("no {} process", app.display()).into())
}

#[tokio::main]
async fn main() -> R<()> {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let app = std::fs::canonicalize(reviewdesk_e2e::app_binary())?;
    println!("app: {}", app.display());
    let mut figures = Vec::new();
    for run in 1..=runs {
        let desk = Desk::start(Launch {
            fonts_untouched: true,
            ..Launch::default()
        })
        .await?;
        // Epoch milliseconds of the mark, once the home screen has set it.
        let script = "const m = performance.getEntriesByName('home-interactive')[0];\n\
                      return m ? [performance.timeOrigin, m.startTime] : null;";
        let (origin, mark) = loop {
            let v = desk.client.execute(script, vec![]).await?;
            if let Some(a) = v.as_array() {
                break (a[0].as_f64().unwrap_or(0.0), a[1].as_f64().unwrap_or(0.0));
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        let now_epoch = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs_f64();
        let boot_epoch = now_epoch - uptime()?;
        let started_epoch = boot_epoch + app_started(&app)?;
        let to_page = origin / 1000.0 - started_epoch;
        let to_home = (origin + mark) / 1000.0 - started_epoch;
        println!(
            "run {run}: process start → page load starts {to_page:.2} s → home screen interactive {to_home:.2} s"
        );
        figures.push(to_home);
        let _ = desk.client.clone().close().await;
        drop(desk);
    }
    figures.sort_by(f64::total_cmp);
    let median = figures[figures.len() / 2];
    println!(
        "startup to the interactive home screen over {runs} runs: median {median:.2} s, min {:.2} s, max {:.2} s (target < 1 s; process start has 0.01 s ticks)",
        figures[0],
        figures[figures.len() - 1]
    );
    Ok(())
}
