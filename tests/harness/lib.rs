//! The end-to-end harness: starts a virtual display (`Xvfb`), a private D-Bus
//! session (`dbus-run-session`) running `tauri-driver`, and drives the real
//! `reviewdesk-desktop` binary with fantoccini.
//!
//! Every process is started in its own process group and the whole group is
//! killed when the [`Desk`] is dropped — also when a test fails or panics — so no
//! display, bus, driver or app outlives its test. Each session gets fresh
//! `HOME`/`XDG_*` directories so tests never see each other's settings.
//!
//! Use [`run`]: it starts everything, runs the test body, always saves a PNG
//! screenshot to `target/e2e-screenshots/<name>.png`, closes the session, and only
//! then reports the body's failure.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use fantoccini::{Client, ClientBuilder, Locator};
use std::error::Error;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What a test body returns.
pub type TestResult = Result<(), Box<dyn Error + Send + Sync>>;

/// Fails the test body with a message unless `cond` holds.
#[macro_export]
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+).into());
        }
    };
}

/// The longest a single harness step (session, screenshot) may take before the
/// test fails instead of hanging CI.
const STEP_LIMIT: Duration = Duration::from_secs(60);
/// The longest a test body may take.
const BODY_LIMIT: Duration = Duration::from_secs(180);

/// The file in the test's HOME that answers the app's file dialogs.
const DIALOG_ANSWERS: &str = "dialog-answers";

/// One test at a time: each starts its own display, bus and driver.
static SERIAL: Mutex<()> = Mutex::new(());

/// `target/<profile>`: where the test binary itself was built.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    // target/<profile>/deps/e2e-<hash>
    exe.parent()
        .and_then(Path::parent)
        .expect("target/<profile>")
        .to_path_buf()
}

/// The app binary under test (`REVIEWDESK_APP` overrides).
pub fn app_binary() -> PathBuf {
    std::env::var_os("REVIEWDESK_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| profile_dir().join("reviewdesk-desktop"))
}

/// The `reviewdesk` CLI built beside the app (`REVIEWDESK_CLI` overrides).
pub fn cli_binary() -> PathBuf {
    std::env::var_os("REVIEWDESK_CLI")
        .map(PathBuf::from)
        .unwrap_or_else(|| profile_dir().join("reviewdesk"))
}

/// Where screenshots go: `target/e2e-screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    profile_dir()
        .parent()
        .expect("target dir")
        .join("e2e-screenshots")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_until(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) -> TestResult {
    let start = Instant::now();
    while !ready() {
        if start.elapsed() > timeout {
            return Err(format!("timed out after {timeout:?} waiting for {what}").into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

/// A process started in its own group; dropping it kills the group.
struct Group {
    name: &'static str,
    child: Child,
}

impl Group {
    fn spawn(name: &'static str, cmd: &mut Command) -> Result<Self, Box<dyn Error + Send + Sync>> {
        let child = cmd
            .process_group(0)
            .stdin(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {name}: {e} (run scripts/setup.sh test)"))?;
        Ok(Group { name, child })
    }

    fn signal(&self, sig: &str) {
        // Negative pid: the whole process group (the driver's app and WebKit children too).
        let _ = Command::new("kill")
            .args([sig, "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.signal("-TERM");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(3) {
            if let Ok(Some(_)) = self.child.try_wait() {
                self.signal("-KILL"); // stragglers in the group
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        eprintln!("harness: {} did not stop on TERM; killing", self.name);
        self.signal("-KILL");
        let _ = self.child.wait();
    }
}

/// A running desk: display, bus + driver, and a WebDriver session on the app.
pub struct Desk {
    /// The WebDriver client, on the app's window.
    pub client: Client,
    // Dropped in reverse order of declaration: driver (with the app) before the display.
    _driver: Group,
    _display: Group,
    _home: tempfile::TempDir,
    display: String,
    /// The driver's port and what a session launches, for [`Desk::crash_and_relaunch`].
    port: u16,
    launch: Launch,
}

/// Options for starting the app.
#[derive(Debug, Default, Clone)]
pub struct Launch {
    /// Extra command-line arguments for `reviewdesk-desktop` (e.g. `--round DIR`).
    pub args: Vec<String>,
    /// Leave the page's fonts alone: by default the session starts once the bundled
    /// CJK font is loaded, so no click lands before the layout it moves.
    pub fonts_untouched: bool,
    /// A shell script run inside the test's D-Bus session (its keyring unlocked,
    /// `HOME` the test's own) before the app starts, e.g. to create an identity
    /// with the CLI (`$REVIEWDESK_CLI`); the desk does not start if it fails.
    pub session_setup: Option<String>,
    /// How long the test body may take (default 180 s).
    pub body_limit: Option<Duration>,
}

impl Desk {
    /// Starts Xvfb, a D-Bus session with tauri-driver in it, and the app.
    pub async fn start(launch: Launch) -> Result<Desk, Box<dyn Error + Send + Sync>> {
        let app = app_binary();
        if !app.is_file() {
            return Err(format!(
                "{} does not exist: build it first (cargo build --workspace, after npm run build in ui/)",
                app.display()
            )
            .into());
        }
        let home = tempfile::tempdir()?;

        // A display number nobody uses.
        let display_no = (100..200)
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                    && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .ok_or("no free X display number between 100 and 199")?;
        let display = format!(":{display_no}");
        let display_proc = Group::spawn(
            "Xvfb",
            Command::new("Xvfb")
                .args([&display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )?;
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{display_no}"));
        wait_until("Xvfb", Duration::from_secs(15), || socket.exists())?;

        let (driver, port) = spawn_driver(
            home.path(),
            &display,
            launch.session_setup.as_deref().unwrap_or(":"),
        )?;

        eprintln!("harness: display {display}, tauri-driver on port {port}; opening a session");
        let client = open_session(port, &launch, home.path()).await?;
        Ok(Desk {
            client,
            _driver: driver,
            _display: display_proc,
            _home: home,
            display,
            port,
            launch,
        })
    }

    /// Launches the app binary again with `args`, in the same display, D-Bus
    /// session and `HOME` as the running one (as a double-click in the file manager
    /// would), and waits up to 60 s for that second process to exit: it hands its
    /// command line to the running app and ends.
    pub fn launch_again(
        &self,
        args: &[&str],
    ) -> Result<std::process::ExitStatus, Box<dyn Error + Send + Sync>> {
        let home = self.home();
        let bus = std::fs::read_to_string(home.join("session-bus"))?;
        let mut second = Group::spawn(
            "second launch",
            Command::new(app_binary())
                .args(args)
                .current_dir(home)
                .env("DISPLAY", &self.display)
                .env("DBUS_SESSION_BUS_ADDRESS", bus.trim())
                .env("HOME", home)
                .env("XDG_DATA_HOME", home.join("data"))
                .env("XDG_CONFIG_HOME", home.join("config"))
                .env("XDG_CACHE_HOME", home.join("cache"))
                .env("XDG_RUNTIME_DIR", home)
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )?;
        let mut status = None;
        wait_until("the second launch to exit", STEP_LIMIT, || {
            status = second.child.try_wait().ok().flatten();
            status.is_some()
        })?;
        Ok(status.expect("waited for it"))
    }

    /// Kills the app with SIGKILL — no handler runs, as in a power cut — waits until
    /// no process of it is left, and launches it again through a new WebDriver
    /// session in the same display, D-Bus session (the same unlocked keyring) and
    /// `HOME`, so it opens the same workspace.
    pub async fn crash_and_relaunch(&mut self) -> TestResult {
        let group = self._driver.child.id().to_string();
        let app = app_binary().display().to_string();
        let running = || {
            Command::new("pgrep")
                .args(["-g", &group, "-f", &app])
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if !running() {
            return Err("no app process to kill".into());
        }
        Command::new("pkill")
            .args(["-KILL", "-g", &group, "-f", &app])
            .status()?;
        wait_until("the killed app to go", Duration::from_secs(15), || {
            !running()
        })?;
        // The driver keeps the dead app's session (it serves one): a new driver, on a
        // new bus whose keyring daemon reads the same keyring files. The old one ends
        // first, so one keyring daemon at a time uses them.
        self._driver.signal("-TERM");
        wait_until("the old driver to end", Duration::from_secs(15), || {
            matches!(self._driver.child.try_wait(), Ok(Some(_)))
        })?;
        self._driver.signal("-KILL");
        let (driver, port) = spawn_driver(self._home.path(), &self.display, ":")?;
        self._driver = driver;
        self.port = port;
        self.client = open_session(self.port, &self.launch, self.home()).await?;
        Ok(())
    }

    /// Answers the app's next file dialog with `paths` (one path, several for a
    /// multi-file Open; none: cancelled), as a user choosing them would. Answers
    /// queue up in order; the debug build reads them instead of opening a dialog.
    pub fn answer_dialog(&self, paths: &[&Path]) -> TestResult {
        use std::io::Write;
        let line: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.home().join(DIALOG_ANSWERS))?;
        writeln!(f, "{}", line.join("\t"))?;
        Ok(())
    }

    /// The test's own HOME (fresh per test): a place for files the test hands the app.
    pub fn home(&self) -> &Path {
        self._home.path()
    }

    /// The first element matching a CSS selector, waiting up to 10 s for it.
    pub async fn find(
        &self,
        css: &str,
    ) -> Result<fantoccini::elements::Element, Box<dyn Error + Send + Sync>> {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("no element '{css}' on screen: {e}").into())
    }

    /// The text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> Result<String, Box<dyn Error + Send + Sync>> {
        Ok(self.find(css).await?.text().await?)
    }

    /// Every element matching `css`, once at least one is there.
    pub async fn all(
        &self,
        css: &str,
    ) -> Result<Vec<fantoccini::elements::Element>, Box<dyn Error + Send + Sync>> {
        self.find(css).await?;
        Ok(self.client.find_all(Locator::Css(css)).await?)
    }

    /// Waits until the text of `css` satisfies `pred` (the UI updates asynchronously).
    pub async fn wait_text(
        &self,
        css: &str,
        pred: impl Fn(&str) -> bool,
    ) -> Result<String, Box<dyn Error + Send + Sync>> {
        let start = Instant::now();
        loop {
            let text = self.text(css).await?;
            if pred(&text) {
                return Ok(text);
            }
            if start.elapsed() > Duration::from_secs(10) {
                return Err(format!("'{css}' still reads '{text}' after 10 s").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a PNG screenshot of the window as `target/e2e-screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf, Box<dyn Error + Send + Sync>> {
        // WebKit snapshots the last painted frame: let two frames pass so the
        // picture shows the DOM the test just checked.
        let frames = "const done = arguments[arguments.length - 1];\n\
                      requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        tokio::time::timeout(STEP_LIMIT, self.client.execute_async(frames, vec![]))
            .await
            .map_err(|_| format!("the window painted no frame within {STEP_LIMIT:?}"))??;
        let png = tokio::time::timeout(STEP_LIMIT, self.client.screenshot())
            .await
            .map_err(|_| format!("no screenshot within {STEP_LIMIT:?}"))??;
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }
}

/// Starts a D-Bus session with an unlocked gnome-keyring (its keyrings in the
/// test's `XDG_DATA_HOME`, so a second start finds the same ones), runs `setup`
/// on it, then tauri-driver: the driver's group and port.
fn spawn_driver(
    home: &Path,
    display: &str,
    setup: &str,
) -> Result<(Group, u16), Box<dyn Error + Send + Sync>> {
    let port = free_port();
    let native_port = free_port();
    let log = std::fs::File::create(home.join("driver.log"))?;
    let driver = Group::spawn(
        "tauri-driver",
        // The session bus gets its own unlocked gnome-keyring (in the test's
        // fresh XDG_DATA_HOME) so the app's identities use the real Secret Service.
        Command::new("dbus-run-session")
            .args(["--", "sh", "-c"])
            // The bus address is kept in HOME for `launch_again`; the setup
            // script runs on the bus before the driver (and so the app) starts.
            .arg(
                "printf 'throwaway-e2e-keyring\\n' | gnome-keyring-daemon --unlock \
                 --components=secrets >/dev/null && \
                 printf '%s' \"$DBUS_SESSION_BUS_ADDRESS\" > \"$HOME/session-bus\" && \
                 sh -ec \"$REVIEWDESK_SESSION_SETUP\" && exec tauri-driver \"$@\"",
            )
            .args(["sh", "--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .env("DISPLAY", display)
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("XDG_RUNTIME_DIR", home)
            // The app's file dialogs answer from this file (the debug build's
            // test seam, `src-tauri/src/commands/dialog.rs`): see `answer_dialog`.
            .env("REVIEWDESK_TEST_DIALOGS", home.join(DIALOG_ANSWERS))
            .env("REVIEWDESK_SESSION_SETUP", setup)
            .env("REVIEWDESK_CLI", cli_binary())
            .stdout(log.try_clone()?)
            .stderr(log),
    )?;
    let mut driver = driver;
    wait_until("tauri-driver", Duration::from_secs(60), || {
        TcpStream::connect(("127.0.0.1", port)).is_ok()
            || matches!(driver.child.try_wait(), Ok(Some(_)))
    })?;
    if let Ok(Some(status)) = driver.child.try_wait() {
        let log = std::fs::read_to_string(home.join("driver.log")).unwrap_or_default();
        return Err(format!("the session setup or tauri-driver ended ({status}):\n{log}").into());
    }
    Ok((driver, port))
}

/// Opens a WebDriver session on the driver at `port`: it launches the app. Waits
/// for the bundled CJK font unless `launch` says to leave fonts alone.
async fn open_session(
    port: u16,
    launch: &Launch,
    home: &Path,
) -> Result<Client, Box<dyn Error + Send + Sync>> {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": app_binary(), "args": launch.args }),
    );
    let mut builder = ClientBuilder::rustls()?;
    builder.capabilities(caps);
    let url = format!("http://127.0.0.1:{port}");
    let connect = builder.connect(&url);
    let client = tokio::time::timeout(STEP_LIMIT, connect)
        .await
        .map_err(|_| {
            let log = std::fs::read_to_string(home.join("driver.log")).unwrap_or_default();
            format!("no session on the app within {STEP_LIMIT:?}\ndriver log:\n{log}")
        })?
        .map_err(|e| {
            let log = std::fs::read_to_string(home.join("driver.log")).unwrap_or_default();
            format!("cannot open a session on the app: {e}\ndriver log:\n{log}")
        })?;
    // The bundled CJK font arrives after the first layout and moves every label;
    // a click aimed before it lands would hit the neighbour. Load it and wait.
    if !launch.fonts_untouched {
        let script = "const done = arguments[arguments.length - 1];\n\
        document.fonts.load('16px \"ReviewDesk CJK SC\"', '评审台')\n\
          .then(() => document.fonts.ready)\n\
          .then(() => done(document.fonts.status), (e) => done(String(e)));";
        let status = tokio::time::timeout(STEP_LIMIT, client.execute_async(script, vec![]))
            .await
            .map_err(|_| format!("the page's fonts did not load within {STEP_LIMIT:?}"))??;
        if status.as_str() != Some("loaded") {
            return Err(format!("the page's fonts: {status}").into());
        }
    }
    Ok(client)
}

/// Runs one end-to-end test: start the desk, run `body`, save a screenshot named
/// after the test whatever happened, close everything, then fail if the body failed.
// Each test runs on its own current-thread runtime; the lock is held across the
// whole test on purpose, so that one app window at a time runs (one display, one
// driver port), whatever the test runner's thread count.
#[allow(clippy::await_holding_lock)]
pub async fn run_mut(name: &str, launch: Launch, body: impl AsyncFnOnce(&mut Desk) -> TestResult) {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let limit = launch.body_limit.unwrap_or(BODY_LIMIT);
    let mut desk = match Desk::start(launch).await {
        Ok(d) => d,
        Err(e) => panic!("{name}: the desk did not start: {e}"),
    };
    eprintln!("{name}: session open, running the test body");
    let outcome = match tokio::time::timeout(limit, body(&mut desk)).await {
        Ok(outcome) => outcome,
        Err(_) => Err(format!("the test body did not finish within {limit:?}").into()),
    };
    eprintln!(
        "{name}: body finished ({}), taking a screenshot",
        if outcome.is_ok() { "ok" } else { "failed" }
    );
    let shot = desk.screenshot(name).await;
    let _ = desk.client.clone().close().await;
    drop(desk);
    match &shot {
        Ok(path) => eprintln!("{name}: screenshot {}", path.display()),
        Err(e) => eprintln!("{name}: no screenshot: {e}"),
    }
    if let Err(e) = outcome {
        panic!("{name}: {e}");
    }
    if let Err(e) = shot {
        panic!("{name}: screenshot failed: {e}");
    }
}

/// [`run_mut`] for a body that only needs the desk shared.
pub async fn run(name: &str, launch: Launch, body: impl AsyncFnOnce(&Desk) -> TestResult) {
    run_mut(name, launch, async |desk: &mut Desk| body(desk).await).await;
}
