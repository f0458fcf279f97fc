//! A file the app was asked to open: given on the command line, by the desktop's
//! file association, or handed over by a second launch to the running window.

use serde::Serialize;
use ts_rs::TS;

use crate::DeskKind;

/// Which of ReviewDesk's files it is (by its extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpenedFileKind {
    /// A sealed package (`.rdpkg`): imported at the expert desk.
    Package,
    /// A score sheet (`.rdsheet`): imported at the chair desk.
    Sheet,
    /// A result bundle (`.rdbundle`): the organizer's.
    Bundle,
}

impl OpenedFileKind {
    /// The kind of a file by its extension (any case), or `None` for any other file.
    pub fn of(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "rdpkg" => Some(Self::Package),
            "rdsheet" => Some(Self::Sheet),
            "rdbundle" => Some(Self::Bundle),
            _ => None,
        }
    }

    /// The desk that takes a file of this kind.
    pub fn desk(self) -> DeskKind {
        match self {
            Self::Package => DeskKind::Expert,
            Self::Sheet => DeskKind::Chair,
            Self::Bundle => DeskKind::Organizer,
        }
    }
}

/// A file to open, and the desk the window switches to for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OpenedFileView {
    /// What it is.
    pub kind: OpenedFileKind,
    /// The desk it goes to.
    pub desk: DeskKind,
    /// Its absolute path.
    pub path: String,
}

impl OpenedFileView {
    /// The first of ReviewDesk's files among a launch's arguments (`argv` without the
    /// program name; `--round DIR` and other options skipped), made absolute against
    /// `cwd` (the launching process's working directory, which for a second launch is
    /// not the running app's). `file://` URIs, as some file managers pass, are accepted.
    pub fn from_args<I, S>(args: I, cwd: &std::path::Path) -> Option<Self>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let arg = arg.as_ref();
            if arg == "--round" {
                args.next();
                continue;
            }
            let text = arg.to_string_lossy();
            if text.starts_with('-') {
                continue;
            }
            let path = match text.strip_prefix("file://") {
                Some(rest) => match percent_decode(rest) {
                    Some(p) => std::path::PathBuf::from(p),
                    None => continue,
                },
                None => std::path::PathBuf::from(arg),
            };
            let Some(kind) = OpenedFileKind::of(&path) else {
                continue;
            };
            let path = if path.is_absolute() {
                path
            } else {
                cwd.join(path)
            };
            return Some(OpenedFileView {
                kind,
                desk: kind.desk(),
                path: path.to_string_lossy().into_owned(),
            });
        }
        None
    }
}

/// A `file://` URI's path with its `%XX` escapes decoded (`None` if they do not
/// decode to UTF-8).
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn each_extension_goes_to_its_desk_and_others_are_ignored() {
        let cwd = Path::new("/home/u");
        let f = OpenedFileView::from_args(["a.rdpkg"], cwd).unwrap();
        assert_eq!(
            (f.kind, f.desk, f.path.as_str()),
            (OpenedFileKind::Package, DeskKind::Expert, "/home/u/a.rdpkg")
        );
        let f = OpenedFileView::from_args(["/x/B.RDSHEET"], cwd).unwrap();
        assert_eq!((f.kind, f.desk), (OpenedFileKind::Sheet, DeskKind::Chair));
        assert_eq!(f.path, "/x/B.RDSHEET");
        let f = OpenedFileView::from_args(["r.rdbundle"], cwd).unwrap();
        assert_eq!(
            (f.kind, f.desk),
            (OpenedFileKind::Bundle, DeskKind::Organizer)
        );
        assert_eq!(OpenedFileView::from_args(["notes.txt", "dir"], cwd), None);
        assert_eq!(OpenedFileView::from_args(Vec::<String>::new(), cwd), None);
    }

    #[test]
    fn options_and_the_round_folder_are_skipped() {
        let cwd = Path::new("/w");
        // A round folder named like a package is still the round's argument.
        let f = OpenedFileView::from_args(["--round", "odd.rdpkg", "-v", "p.rdpkg"], cwd).unwrap();
        assert_eq!(f.path, "/w/p.rdpkg");
        assert_eq!(
            OpenedFileView::from_args(["--round", "odd.rdpkg"], cwd),
            None
        );
    }

    #[test]
    fn file_uris_are_decoded() {
        let f =
            OpenedFileView::from_args(["file:///tmp/%E8%AF%84%E5%AE%A1%20a.rdpkg"], Path::new("/"))
                .unwrap();
        assert_eq!(f.path, "/tmp/评审 a.rdpkg");
        assert_eq!(
            OpenedFileView::from_args(["file:///tmp/%FF.rdpkg"], Path::new("/")),
            None
        );
    }
}
