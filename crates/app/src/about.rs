//! The About screen: the version and commit the shell was built with, and the
//! licence notices shipped in the resource directory's `licenses` folder.

use std::path::{Path, PathBuf};

use reviewdesk_ipc::{AboutView, ErrorCode, IpcError, NoticeView};

/// The folder of licence notices inside a resource directory.
pub const LICENSES_DIR: &str = "licenses";

/// The About view: `version` and `commit` as the shell was built, where the demo
/// round is found among `resource_dirs` (as the home screen's demo finds it), and every file
/// in the first `licenses` folder found among `resource_dirs` (by file name). A
/// notice that cannot be read as UTF-8 text is an error (`not_readable`, with
/// its path), never silently left out.
pub fn about(
    version: &str,
    commit: &str,
    resource_dirs: &[PathBuf],
) -> Result<AboutView, IpcError> {
    let notices = match resource_dirs
        .iter()
        .map(|d| d.join(LICENSES_DIR))
        .find(|d| d.is_dir())
    {
        Some(dir) => read_notices(&dir)?,
        None => Vec::new(),
    };
    Ok(AboutView {
        version: version.to_owned(),
        commit: commit.to_owned(),
        demo_round: reviewdesk_io::find_demo_round(resource_dirs).map(|d| d.display().to_string()),
        notices,
    })
}

fn not_readable(path: &Path, why: impl std::fmt::Display) -> IpcError {
    IpcError::new(ErrorCode::NotReadable, format!("{}: {why}", path.display()))
        .with("path", path.display().to_string())
}

fn read_notices(dir: &Path) -> Result<Vec<NoticeView>, IpcError> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| not_readable(dir, e))? {
        let entry = entry.map_err(|e| not_readable(dir, e))?;
        let path = entry.path();
        if path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).map_err(|e| not_readable(&path, e))?;
            Ok(NoticeView {
                file: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                text,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_licenses_folder_is_read_in_file_name_order() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let lic = b.path().join(LICENSES_DIR);
        std::fs::create_dir(&lic).unwrap();
        std::fs::write(lic.join("rust-crates.txt"), "serde: MIT OR Apache-2.0").unwrap();
        std::fs::write(lic.join("NotoSansCJKsc-OFL.txt"), "SIL OPEN FONT LICENSE").unwrap();
        std::fs::create_dir(lic.join("not-a-file")).unwrap();
        let view = about(
            "0.1.0",
            "abc123",
            &[a.path().to_path_buf(), b.path().to_path_buf()],
        )
        .unwrap();
        assert_eq!(
            (view.version.as_str(), view.commit.as_str()),
            ("0.1.0", "abc123")
        );
        let files: Vec<&str> = view.notices.iter().map(|n| n.file.as_str()).collect();
        assert_eq!(files, ["NotoSansCJKsc-OFL.txt", "rust-crates.txt"]);
        assert_eq!(view.notices[1].text, "serde: MIT OR Apache-2.0");
    }

    #[test]
    fn no_folder_is_no_notices_and_an_unreadable_notice_is_an_error() {
        let a = tempfile::tempdir().unwrap();
        assert!(about("1", "c", &[a.path().to_path_buf()])
            .unwrap()
            .notices
            .is_empty());
        let lic = a.path().join(LICENSES_DIR);
        std::fs::create_dir(&lic).unwrap();
        std::fs::write(lic.join("bad.txt"), [0xff, 0xfe, 0x00]).unwrap();
        let e = about("1", "c", &[a.path().to_path_buf()]).unwrap_err();
        assert_eq!(e.code, ErrorCode::NotReadable);
        assert!(e.details["path"].ends_with("bad.txt"), "{e:?}");
    }
}
