//! The panel's key cards in a round folder: `cards/<person-id>.card`, one for the
//! chair and each expert, and one for the organizer (any id not on the panel).

use std::path::Path;

use reviewdesk_formats::{IndexRecipient, KeyCard, Role};
use reviewdesk_io::LoadedRound;

use crate::files::{read_limited, Limited};
use crate::DeskError;

/// The folder of the round that holds the cards.
pub const CARDS_DIR: &str = "cards";
/// At most this many files in `cards/` (64 recipients, the package's limit).
pub const MAX_CARD_FILES: usize = 64;

/// One person's verified card and its bytes as they go into the package.
#[derive(Debug, Clone)]
pub struct PersonCard {
    /// The person's id in the round (the card's file stem).
    pub person: String,
    /// The verified card.
    pub card: KeyCard,
    /// The card file's bytes.
    pub bytes: Vec<u8>,
}

impl PersonCard {
    /// This person as a package recipient.
    pub fn recipient(&self) -> IndexRecipient {
        IndexRecipient {
            person: self.person.clone(),
            role: self.card.role,
            fingerprint: self.card.fingerprint(),
            age: self.card.age_recipient.clone(),
        }
    }
}

/// Every card of a round: the organizer's and the panel's (chair first, then the
/// experts in the round's order).
#[derive(Debug, Clone)]
pub struct PanelCards {
    /// The organizer's card.
    pub organizer: PersonCard,
    /// The chair's and the experts' cards.
    pub members: Vec<PersonCard>,
}

impl PanelCards {
    /// The card of a panel member.
    pub fn member(&self, person: &str) -> Option<&PersonCard> {
        self.members.iter().find(|c| c.person == person)
    }
}

fn is_person_id(s: &str) -> bool {
    (1..=48).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Reads and verifies `cards/` of a loaded round: every card self-signed, one per
/// panel member with the member's role, exactly one more with role `organizer`,
/// no signing key twice, nothing else in the folder.
pub fn load_cards(loaded: &LoadedRound) -> Result<PanelCards, DeskError> {
    let dir = loaded.dir.join(CARDS_DIR);
    let rerr = |path: &Path, source| DeskError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut found: Vec<PersonCard> = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(|e| rerr(&dir, e))? {
        let entry = entry.map_err(|e| rerr(&dir, e))?;
        let path = entry.path();
        let name = entry.file_name();
        let person = name
            .to_str()
            .and_then(|n| n.strip_suffix(".card"))
            .filter(|p| is_person_id(p))
            .filter(|_| entry.file_type().is_ok_and(|t| t.is_file()))
            .ok_or_else(|| DeskError::UnexpectedCardFile { path: path.clone() })?;
        if found.len() == MAX_CARD_FILES {
            return Err(DeskError::OrganizerCard(format!(
                "more than {MAX_CARD_FILES} cards"
            )));
        }
        let bytes = read_limited(&path, Limited::KeyCard).map_err(|e| match e {
            DeskError::Format { source, .. } => DeskError::Card {
                path: path.clone(),
                source,
            },
            other => other,
        })?;
        let card = KeyCard::read(&bytes).map_err(|source| DeskError::Card {
            path: path.clone(),
            source,
        })?;
        found.push(PersonCard {
            person: person.to_string(),
            card,
            bytes,
        });
    }
    found.sort_by(|a, b| a.person.cmp(&b.person));
    for (i, a) in found.iter().enumerate() {
        if let Some(b) = found[i + 1..]
            .iter()
            .find(|b| b.card.signing_key.key_data() == a.card.signing_key.key_data())
        {
            return Err(DeskError::DuplicateKey {
                first: a.person.clone(),
                second: b.person.clone(),
            });
        }
    }

    let panel = &loaded.round.panel;
    let wanted = std::iter::once((&panel.chair.id, Role::Chair))
        .chain(panel.experts.iter().map(|e| (&e.id, Role::Expert)));
    let mut members = Vec::new();
    for (id, role) in wanted {
        let i = found
            .iter()
            .position(|c| &c.person == id)
            .ok_or_else(|| DeskError::MissingCard { person: id.clone() })?;
        let c = found.remove(i);
        if c.card.role != role {
            return Err(DeskError::CardRole {
                person: c.person,
                expected: role.as_str(),
                found: c.card.role.as_str(),
            });
        }
        members.push(c);
    }
    let mut rest = found.into_iter();
    match (rest.next(), rest.next()) {
        (Some(org), None) if org.card.role == Role::Organizer => Ok(PanelCards {
            organizer: org,
            members,
        }),
        (Some(other), None) => Err(DeskError::CardRole {
            person: other.person,
            expected: Role::Organizer.as_str(),
            found: other.card.role.as_str(),
        }),
        (None, _) => Err(DeskError::OrganizerCard(
            "no organizer card (one card with role organizer besides the panel's)".into(),
        )),
        (Some(a), Some(b)) => Err(DeskError::OrganizerCard(format!(
            "{}.card and {}.card are not panel members; exactly one organizer card is allowed",
            a.person, b.person
        ))),
    }
}

/// Puts `card` (the organizer's own key card, as its identity exports it) into the
/// round's `cards/` as `ORG.card` when no card there is an organizer's; cards
/// already there are left as they are. Returns whether it was put there.
pub fn ensure_organizer_card(loaded: &LoadedRound, card: &[u8]) -> Result<bool, DeskError> {
    let dir = loaded.dir.join(CARDS_DIR);
    let has_organizer = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| {
            crate::files::read_limited(&e.path(), crate::files::Limited::KeyCard)
                .ok()
                .and_then(|b| KeyCard::read(&b).ok())
                .is_some_and(|c| c.role == Role::Organizer)
        });
    if has_organizer {
        return Ok(false);
    }
    std::fs::create_dir_all(&dir).map_err(|source| DeskError::Write {
        path: dir.clone(),
        source,
    })?;
    crate::files::write_bytes(&dir.join("ORG.card"), card)?;
    Ok(true)
}
