//! `reviewdesk-demo-gen [OUT_DIR]`: regenerates the demo round's material
//! files, by default into the workspace's `assets/demo/materials/`.

use std::path::PathBuf;
use std::process::ExitCode;

use reviewdesk_demo_gen::{workspace_root, write_materials, DemoError, FONT_PATH, MATERIALS_DIR};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("reviewdesk-demo-gen: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), DemoError> {
    let root = workspace_root();
    let out_dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| root.join(MATERIALS_DIR), PathBuf::from);
    let files = write_materials(&root.join(FONT_PATH), &out_dir)?;
    for file in &files {
        println!(
            "{:>9} bytes  {}",
            file.bytes.len(),
            out_dir.join(file.name).display()
        );
    }
    Ok(())
}
