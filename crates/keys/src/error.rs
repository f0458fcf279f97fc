//! The crate's one error: what went wrong with an identity, the keyring, the index
//! or a backup, and — where the user can do something about it — how to fix it.

use std::path::PathBuf;

use reviewdesk_formats::{FormatCode, FormatError};

/// How to get a usable keyring on this OS; part of [`KeyError::NoKeyring`]'s message.
#[cfg(target_os = "linux")]
pub const KEYRING_HINT: &str = "ReviewDesk keeps private keys only in the system keyring \
(the Secret Service on D-Bus), never in a file. To fix: in a desktop session, unlock the \
keyring (GNOME: the \"Login\" keyring in Passwords and Keys); without a desktop, run \
`dbus-run-session -- bash`, in that shell `gnome-keyring-daemon --unlock --components=secrets` \
(type the keyring password, then Ctrl-D), and run reviewdesk again there";
/// How to get a usable keyring on this OS; part of [`KeyError::NoKeyring`]'s message.
#[cfg(target_os = "windows")]
pub const KEYRING_HINT: &str = "ReviewDesk keeps private keys only in the Windows Credential \
Manager, never in a file. To fix: sign in to Windows with your own user account (not a \
temporary or guest profile) and run ReviewDesk again";
/// How to get a usable keyring on this OS; part of [`KeyError::NoKeyring`]'s message.
#[cfg(target_os = "macos")]
pub const KEYRING_HINT: &str = "ReviewDesk keeps private keys only in the macOS Keychain, \
never in a file. To fix: unlock the login keychain (Keychain Access) and allow ReviewDesk \
access when macOS asks";
/// How to get a usable keyring on this OS; part of [`KeyError::NoKeyring`]'s message.
#[cfg(not(any(target_os = "linux", target_os = "windows", target_os = "macos")))]
pub const KEYRING_HINT: &str = "ReviewDesk keeps private keys only in an OS keyring and \
knows none on this operating system (it supports Linux, Windows and macOS); \
nothing was stored";

/// Anything the identity store can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// No Secret Service on the session bus, or its keyring is locked (Windows: no
    /// Credential Manager; macOS: the Keychain refused; another OS: no store at all):
    /// nothing was stored.
    #[error("no usable keyring: {reason}. {KEYRING_HINT}")]
    NoKeyring {
        /// What the platform said.
        reason: String,
    },
    /// The keyring answered but failed in another way (an ambiguous or invalid item).
    #[error("keyring error: {reason}")]
    Keyring {
        /// What the platform said.
        reason: String,
    },
    /// The index lists the identity but the keyring holds no private key for it.
    #[error(
        "the keyring holds no private key for '{name}' ({fingerprint}); \
         restore it from its backup with `reviewdesk key restore FILE`"
    )]
    NotInKeyring {
        /// The identity's name.
        name: String,
        /// Its fingerprint.
        fingerprint: String,
    },
    /// No identity by this name in the index.
    #[error("no identity named '{name}' on this computer (see `reviewdesk key list`)")]
    UnknownName {
        /// The name asked for.
        name: String,
    },
    /// An identity by this name already exists, with another key.
    #[error("an identity named '{name}' already exists ({fingerprint}); choose another name")]
    NameTaken {
        /// The name.
        name: String,
        /// The existing identity's fingerprint.
        fingerprint: String,
    },
    /// The name is not allowed on a key card.
    #[error(
        "name {name:?} is not allowed: 1-64 characters, no control characters, no surrounding spaces"
    )]
    BadName {
        /// The refused name.
        name: String,
    },
    /// A stored identity (keyring item or index line) is not what this crate wrote.
    #[error("{what} is damaged: {reason}")]
    Corrupt {
        /// Which thing.
        what: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The index file cannot be read or written.
    #[error("{}: {source}", path.display())]
    Index {
        /// The index file.
        path: PathBuf,
        /// The IO error.
        source: std::io::Error,
    },
    /// No home directory to put the index in.
    #[error("no home directory: cannot locate the identity index (set HOME)")]
    NoDataDir,
    /// The operating system's random number generator failed.
    #[error("no randomness from the operating system: {reason}")]
    Random {
        /// What the OS said.
        reason: String,
    },
    /// A backup that does not open with this passphrase.
    #[error("wrong passphrase for this backup (nothing was restored)")]
    WrongPassphrase,
    /// A file that is not a ReviewDesk identity backup, or a damaged one.
    #[error("not a ReviewDesk identity backup: {reason}")]
    NotABackup {
        /// What is wrong.
        reason: String,
    },
    /// A passphrase that is refused (empty).
    #[error("the passphrase must not be empty")]
    EmptyPassphrase,
    /// Writing a key card or a signature failed.
    #[error(transparent)]
    Format(#[from] FormatError),
}

/// The kind of a [`KeyError`], one per stable code; a format error keeps its
/// [`FormatCode`]. Deliberately exhaustive (not `#[non_exhaustive]`): a caller that
/// maps every code fails to compile when one is added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    /// `no_keyring`
    NoKeyring,
    /// `keyring`
    Keyring,
    /// `not_in_keyring`
    NotInKeyring,
    /// `unknown_name`
    UnknownName,
    /// `name_taken`
    NameTaken,
    /// `bad_name`
    BadName,
    /// `corrupt`
    Corrupt,
    /// `index`
    Index,
    /// `no_data_dir`
    NoDataDir,
    /// `random`
    Random,
    /// `wrong_passphrase`
    WrongPassphrase,
    /// `not_a_backup`
    NotABackup,
    /// `empty_passphrase`
    EmptyPassphrase,
    /// The format error's own code.
    Format(FormatCode),
}

impl KeyCode {
    /// The code's snake_case text (a format error's is the formats crate's).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoKeyring => "no_keyring",
            Self::Keyring => "keyring",
            Self::NotInKeyring => "not_in_keyring",
            Self::UnknownName => "unknown_name",
            Self::NameTaken => "name_taken",
            Self::BadName => "bad_name",
            Self::Corrupt => "corrupt",
            Self::Index => "index",
            Self::NoDataDir => "no_data_dir",
            Self::Random => "random",
            Self::WrongPassphrase => "wrong_passphrase",
            Self::NotABackup => "not_a_backup",
            Self::EmptyPassphrase => "empty_passphrase",
            Self::Format(c) => c.as_str(),
        }
    }
}

impl std::fmt::Display for KeyCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for KeyCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl KeyError {
    /// A stable code for programs (the CLI's exit codes, the desktop's error codes);
    /// [`KeyCode::as_str`] is its snake_case text.
    pub fn code(&self) -> KeyCode {
        match self {
            Self::NoKeyring { .. } => KeyCode::NoKeyring,
            Self::Keyring { .. } => KeyCode::Keyring,
            Self::NotInKeyring { .. } => KeyCode::NotInKeyring,
            Self::UnknownName { .. } => KeyCode::UnknownName,
            Self::NameTaken { .. } => KeyCode::NameTaken,
            Self::BadName { .. } => KeyCode::BadName,
            Self::Corrupt { .. } => KeyCode::Corrupt,
            Self::Index { .. } => KeyCode::Index,
            Self::NoDataDir => KeyCode::NoDataDir,
            Self::Random { .. } => KeyCode::Random,
            Self::WrongPassphrase => KeyCode::WrongPassphrase,
            Self::NotABackup { .. } => KeyCode::NotABackup,
            Self::EmptyPassphrase => KeyCode::EmptyPassphrase,
            Self::Format(e) => KeyCode::Format(e.code()),
        }
    }
}

/// [`KEYRING_HINT`] in Chinese.
#[cfg(target_os = "linux")]
const KEYRING_HINT_ZH: &str = "评审台只把私钥保存在系统密钥环（D-Bus 上的 Secret Service）中，\
从不写入文件。解决办法：在桌面会话中解锁密钥环（GNOME：“密码和密钥”中的“登录”密钥环）；\
没有桌面时，运行 `dbus-run-session -- bash`，在该 shell 中运行 \
`gnome-keyring-daemon --unlock --components=secrets`（输入密钥环密码后按 Ctrl-D），再在其中运行 reviewdesk";
/// [`KEYRING_HINT`] in Chinese.
#[cfg(target_os = "windows")]
const KEYRING_HINT_ZH: &str = "评审台只把私钥保存在 Windows 凭据管理器中，从不写入文件。\
解决办法：用您自己的 Windows 账户（不是临时或来宾账户）登录后再运行评审台";
/// [`KEYRING_HINT`] in Chinese.
#[cfg(target_os = "macos")]
const KEYRING_HINT_ZH: &str = "评审台只把私钥保存在 macOS 钥匙串中，从不写入文件。\
解决办法：在“钥匙串访问”中解锁登录钥匙串，并在 macOS 询问时允许评审台访问";
/// [`KEYRING_HINT`] in Chinese.
#[cfg(not(any(target_os = "linux", target_os = "windows", target_os = "macos")))]
const KEYRING_HINT_ZH: &str =
    "评审台只把私钥保存在操作系统的密钥环中，而此操作系统上没有可用的密钥环\
（支持 Linux、Windows 与 macOS）；未保存任何内容";

impl KeyError {
    /// What is wrong and what to do, in `lang` (English: the `Display` text).
    pub fn message(&self, lang: reviewdesk_formats::Lang) -> String {
        use reviewdesk_formats::Lang;
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::NoKeyring { .. } => format!("没有可用的密钥环。{KEYRING_HINT_ZH}"),
            Self::Keyring { .. } => {
                "系统密钥环报告了错误（条目重复或无效）。请在密钥环管理工具中检查评审台的条目".to_string()
            }
            Self::NotInKeyring { name, fingerprint } => format!(
                "密钥环中没有「{name}」（{fingerprint}）的私钥：请用 `reviewdesk key restore FILE` 从备份恢复"
            ),
            Self::UnknownName { name } => format!(
                "本机没有名为「{name}」的身份（用 `reviewdesk key list` 查看）"
            ),
            Self::NameTaken { name, fingerprint } => format!(
                "名为「{name}」的身份已经存在（{fingerprint}）：请换一个名称"
            ),
            Self::BadName { name } => format!(
                "名称「{name}」不允许：须为 1–64 个字符，不含控制字符，首尾不能有空格"
            ),
            Self::Corrupt { .. } => {
                "保存的身份（密钥环条目或索引行）已损坏，不是评审台写入的内容。请从备份恢复该身份".to_string()
            }
            Self::Index { path, source } => format!(
                "无法读写身份索引 {}：{}",
                path.display(),
                reviewdesk_formats::io_reason(source, lang)
            ),
            Self::NoDataDir => "没有主目录，找不到身份索引（请设置 HOME）".to_string(),
            Self::Random { .. } => "操作系统没有提供随机数，无法生成密钥。请稍后重试".to_string(),
            Self::WrongPassphrase => "备份的口令不对，未恢复任何内容".to_string(),
            Self::NotABackup { .. } => {
                "这不是评审台的身份备份文件，或备份已损坏。请检查选择的文件".to_string()
            }
            Self::EmptyPassphrase => "口令不能为空".to_string(),
            Self::Format(e) => e.message(lang),
        }
    }
}

/// Every [`KeyError`] variant once (a new variant fails to compile in the match
/// until listed), for the message tests.
#[doc(hidden)]
pub fn every_key_error() -> Vec<KeyError> {
    let english = "the platform said something in English".to_string();
    let all = vec![
        KeyError::NoKeyring {
            reason: english.clone(),
        },
        KeyError::Keyring {
            reason: english.clone(),
        },
        KeyError::NotInKeyring {
            name: "wang".into(),
            fingerprint: "SHA256:abc".into(),
        },
        KeyError::UnknownName {
            name: "wang".into(),
        },
        KeyError::NameTaken {
            name: "wang".into(),
            fingerprint: "SHA256:abc".into(),
        },
        KeyError::BadName { name: " x".into() },
        KeyError::Corrupt {
            what: "the index line".into(),
            reason: english.clone(),
        },
        KeyError::Index {
            path: "keys/index".into(),
            source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, english.clone()),
        },
        KeyError::NoDataDir,
        KeyError::Random {
            reason: english.clone(),
        },
        KeyError::WrongPassphrase,
        KeyError::NotABackup { reason: english },
        KeyError::EmptyPassphrase,
        KeyError::Format(FormatError::BadSignature),
    ];
    for e in &all {
        match e {
            KeyError::NoKeyring { .. }
            | KeyError::Keyring { .. }
            | KeyError::NotInKeyring { .. }
            | KeyError::UnknownName { .. }
            | KeyError::NameTaken { .. }
            | KeyError::BadName { .. }
            | KeyError::Corrupt { .. }
            | KeyError::Index { .. }
            | KeyError::NoDataDir
            | KeyError::Random { .. }
            | KeyError::WrongPassphrase
            | KeyError::NotABackup { .. }
            | KeyError::EmptyPassphrase
            | KeyError::Format(_) => {}
        }
    }
    all
}

#[cfg(test)]
mod message_tests {
    use super::*;
    use reviewdesk_core::{en_message_problem, zh_message_problem, Lang};

    #[test]
    fn every_key_error_reads_in_both_languages() {
        for e in every_key_error() {
            let (zh, en) = (e.message(Lang::ZhCn), e.message(Lang::En));
            assert!(
                zh_message_problem(&zh).is_none(),
                "{:?}",
                zh_message_problem(&zh)
            );
            assert!(en_message_problem(&en).is_none(), "{en}");
        }
    }
}
