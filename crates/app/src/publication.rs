//! The organizer's publication (公示与异议) at the organizer desk: kept in the round
//! folder's `publication/`, started from the chair's result bundle open at the
//! desk, every step signed with the identity in use and appended to the register
//! by `reviewdesk_desk::publication` — the notice with its computed period, the
//! objections (admitted or refused with reasons, notes, rulings) and the final list
//! with its archive.

use std::path::{Path, PathBuf};

use reviewdesk_core::{Date, Lang, NoticeRules};
use reviewdesk_desk::publication::{
    add_objection, amend, note_objection, publish_final, publish_notice, read_amendments,
    read_register, rule_objection, AmendRequest, NoticeRequest, ObjectionRequest, LOG_FILE,
};
use reviewdesk_io::load_round;
use reviewdesk_ipc::{
    AmendInputView, AmendmentView, ErrorCode, FinalPublishedView, IpcError, NoticePublishedView,
    NoticeSettingsView, ObjectionInputView, PublicationView, PublishedFileView,
};

use crate::Session;

/// The publication folder of a round folder.
pub(crate) const PUBLICATION_DIR: &str = "publication";

fn date(field: &str, text: &str) -> Result<Date, IpcError> {
    text.trim().parse::<Date>().map_err(|e| {
        IpcError::new(ErrorCode::Invalid, format!("{field} {text:?}: {e}")).with("field", field)
    })
}

fn written(files: &[(PathBuf, String)]) -> Vec<PublishedFileView> {
    files
        .iter()
        .map(|(p, sha)| PublishedFileView {
            name: p.display().to_string(),
            sha256: sha.clone(),
        })
        .collect()
}

impl Session {
    fn publication_dir(&self) -> Result<PathBuf, IpcError> {
        Ok(self.organizer_dir()?.join(PUBLICATION_DIR))
    }

    /// The publication of the round open at this desk as it stands (read without
    /// a key: the register checked and folded).
    pub fn organizer_publication(&self) -> Result<PublicationView, IpcError> {
        let round_dir = self.organizer_dir()?;
        let loaded = load_round(round_dir)?;
        let rules = loaded
            .template
            .notice
            .clone()
            .unwrap_or_else(NoticeRules::assumed_default);
        let dir = round_dir.join(PUBLICATION_DIR);
        let register = if dir.join(LOG_FILE).is_file() {
            Some(read_register(&dir)?)
        } else {
            None
        };
        let amendments = match &register {
            Some(r) => read_amendments(&dir, r)?
                .iter()
                .map(AmendmentView::from)
                .collect(),
            None => Vec::new(),
        };
        Ok(PublicationView::new(
            &dir.display().to_string(),
            &rules,
            register.as_ref(),
            amendments,
            self.now().today,
        )
        .with_template(&loaded.template))
    }

    /// Publishes a notice starting on `start` (`YYYY-MM-DD`): the first one starts
    /// the publication from the result bundle open at this desk.
    pub fn organizer_notice(
        &self,
        start: &str,
        channel: &str,
        contact: &str,
        lang: Lang,
    ) -> Result<NoticePublishedView, IpcError> {
        let dir = self.publication_dir()?;
        let start = date("start", start)?;
        let identity = self.identity()?;
        let bundle: Option<&Path> = self.organizer_bundle_path();
        if bundle.is_none() && !dir.join(LOG_FILE).is_file() {
            return Err(IpcError::new(
                ErrorCode::NoDesk,
                "open the chair's result bundle first: the first notice is made from it",
            )
            .with("detail", "no_bundle"));
        }
        let out = publish_notice(
            &dir,
            identity.signer(),
            std::slice::from_ref(identity.age_identity()),
            &NoticeRequest {
                bundle,
                start,
                channel,
                contact,
                lang,
                today: self.now().today,
            },
        )?;
        Ok(NoticePublishedView {
            number: out.number,
            start: out.period.start.to_string(),
            end: out.period.end.to_string(),
            days: out.period.days,
            unit: NoticeSettingsView::unit_of(out.period.unit),
            assumed: out.assumed,
            rows: out.rows as u32,
            files: written(&out.files),
            allowed_signers: out.allowed_signers,
            verify_command: out.verify_command,
            publication: self.organizer_publication()?,
        })
    }

    /// Registers an objection: admitted, or refused with every reason.
    pub fn organizer_objection_add(
        &self,
        input: &ObjectionInputView,
    ) -> Result<PublicationView, IpcError> {
        let dir = self.publication_dir()?;
        let identity = self.identity()?;
        let evidence: Vec<PathBuf> = input.evidence.iter().map(PathBuf::from).collect();
        add_objection(
            &dir,
            identity.signer(),
            std::slice::from_ref(identity.age_identity()),
            &ObjectionRequest {
                objector: reviewdesk_core::publication::Objector {
                    name: input.name.trim().to_owned(),
                    organisation: input.organisation.trim().to_owned(),
                    id_code: input.id_code.trim().to_owned(),
                    contact: input.contact.trim().to_owned(),
                },
                applicant: input.applicant.trim(),
                grounds: input.grounds.trim(),
                evidence: &evidence,
                received: date("received", &input.received)?,
                today: self.now().today,
            },
        )?;
        self.organizer_publication()
    }

    /// Adds an investigation note to objection `id`.
    pub fn organizer_objection_note(
        &self,
        id: &str,
        text: &str,
    ) -> Result<PublicationView, IpcError> {
        let dir = self.publication_dir()?;
        let identity = self.identity()?;
        note_objection(
            &dir,
            identity.signer(),
            std::slice::from_ref(identity.age_identity()),
            id,
            text.trim(),
            self.now().today,
        )?;
        self.organizer_publication()
    }

    /// Rules on objection `id`: upheld or rejected, with the reasons.
    pub fn organizer_objection_rule(
        &self,
        id: &str,
        upheld: bool,
        reasons: &str,
    ) -> Result<PublicationView, IpcError> {
        let dir = self.publication_dir()?;
        let identity = self.identity()?;
        let outcome = if upheld {
            reviewdesk_core::publication::Outcome::Upheld
        } else {
            reviewdesk_core::publication::Outcome::Rejected
        };
        rule_objection(
            &dir,
            identity.signer(),
            std::slice::from_ref(identity.age_identity()),
            id,
            outcome,
            reasons.trim(),
            self.now().today,
        )?;
        self.organizer_publication()
    }

    /// Publishes the final list (正式公布) and writes the archive to `archive`.
    pub fn organizer_publish_final(
        &self,
        archive: &Path,
        lang: Lang,
    ) -> Result<FinalPublishedView, IpcError> {
        let dir = self.publication_dir()?;
        let identity = self.identity()?;
        let out = publish_final(
            &dir,
            identity.signer(),
            std::slice::from_ref(identity.age_identity()),
            archive,
            lang,
            self.now().today,
        )?;
        Ok(FinalPublishedView {
            rows: out.rows as u32,
            files: written(&out.files),
            verify_command: out.verify_command,
            archive: PublishedFileView {
                name: out.archive.0.display().to_string(),
                sha256: out.archive.1,
            },
            publication: self.organizer_publication()?,
        })
    }

    /// Records an amendment (更正) for a cause the rules allow: the result
    /// recomputed with its changes, quotas re-applied, before and after recorded.
    pub fn organizer_amend(&self, input: &AmendInputView) -> Result<PublicationView, IpcError> {
        let dir = self.publication_dir()?;
        let identity = self.identity()?;
        let cause = AmendmentView::cause_of(input.cause.trim()).ok_or_else(|| {
            IpcError::new(
                ErrorCode::Invalid,
                format!("no amendment cause called {:?}", input.cause),
            )
            .with("field", "cause")
        })?;
        let changes = input
            .changes
            .iter()
            .enumerate()
            .map(|(n, c)| change(n, c))
            .collect::<Result<Vec<_>, _>>()?;
        let objection = input.objection.trim();
        amend(
            &dir,
            identity.signer(),
            std::slice::from_ref(identity.age_identity()),
            &AmendRequest {
                cause,
                objection: (!objection.is_empty()).then_some(objection),
                reason: input.reason.trim(),
                changes,
                today: self.now().today,
            },
        )?;
        self.organizer_publication()
    }
}

/// The `n`th change as entered: a strike, or a score with its value.
fn change(
    n: usize,
    c: &reviewdesk_ipc::AmendChangeView,
) -> Result<reviewdesk_core::publication::Change, IpcError> {
    use reviewdesk_core::publication::Change;
    let field = |name: &str| format!("changes[{n}].{name}");
    match c.kind.as_str() {
        "strike" => Ok(Change::Strike {
            applicant: c.applicant.trim().to_owned(),
        }),
        "score" => {
            let value = c.value.trim().parse().map_err(|e| {
                IpcError::new(ErrorCode::Invalid, format!("{:?}: {e}", c.value))
                    .with("field", field("value"))
            })?;
            Ok(Change::Score {
                expert: c.expert.trim().to_owned(),
                applicant: c.applicant.trim().to_owned(),
                indicator: c.indicator.trim().to_owned(),
                value,
            })
        }
        other => Err(IpcError::new(
            ErrorCode::Invalid,
            format!("no change kind called {other:?}"),
        )
        .with("field", field("kind"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reviewdesk_core::publication::Change;
    use reviewdesk_ipc::AmendChangeView;

    fn entered(kind: &str, value: &str) -> AmendChangeView {
        AmendChangeView {
            kind: kind.into(),
            applicant: " A01 ".into(),
            expert: "E02".into(),
            indicator: "i1".into(),
            value: value.into(),
        }
    }

    #[test]
    fn a_change_as_entered_becomes_the_domain_change_or_names_its_field() {
        assert_eq!(
            change(0, &entered("strike", "")).unwrap(),
            Change::Strike {
                applicant: "A01".into()
            }
        );
        match change(1, &entered("score", " 8.5 ")).unwrap() {
            Change::Score { value, expert, .. } => {
                assert_eq!(value.to_string(), "8.5");
                assert_eq!(expert, "E02");
            }
            other => panic!("{other:?}"),
        }
        let bad = change(2, &entered("score", "8,5")).unwrap_err();
        assert_eq!(bad.code, ErrorCode::Invalid);
        assert_eq!(
            bad.details.get("field").map(String::as_str),
            Some("changes[2].value")
        );
        let unknown = change(3, &entered("rescore", "1")).unwrap_err();
        assert_eq!(
            unknown.details.get("field").map(String::as_str),
            Some("changes[3].kind")
        );
    }
}
