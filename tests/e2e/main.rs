//! End-to-end tests of the real desktop app (one binary; helpers in `harness/`).
//! Each test starts its own Xvfb + D-Bus session + tauri-driver + app and saves a
//! screenshot to `target/e2e-screenshots/<test>.png`.

mod app_shell;
mod chair_desk;
mod crash;
mod desks_together;
mod expert_desk;
mod first_screen;
mod keyboard;
mod organizer_desk;
mod organizer_results;
mod register;
mod ui_fonts;
