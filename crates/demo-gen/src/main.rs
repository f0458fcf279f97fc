//! `reviewdesk-demo-gen [DEMO_DIR]`: regenerates the demo's input files — the
//! material files into `DEMO_DIR/materials/` and the applicant and expert
//! spreadsheets into `DEMO_DIR` — by default the workspace's `assets/demo/`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use reviewdesk_demo_gen::{
    workspace_root, write_materials, write_sheets, DemoError, MaterialFile, DEMO_DIR, FONT_PATH,
};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("reviewdesk-demo-gen: {error}");
            ExitCode::FAILURE
        }
    }
}

fn list(dir: &Path, files: &[MaterialFile]) {
    for file in files {
        println!(
            "{:>9} bytes  {}",
            file.bytes.len(),
            dir.join(file.name).display()
        );
    }
}

fn run() -> Result<(), DemoError> {
    let root = workspace_root();
    let demo_dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| root.join(DEMO_DIR), PathBuf::from);
    let materials = demo_dir.join("materials");
    list(
        &materials,
        &write_materials(&root.join(FONT_PATH), &materials)?,
    );
    list(&demo_dir, &write_sheets(&demo_dir)?);
    Ok(())
}
