//! Writes the demo round's THROWAWAY keys and key cards: `assets/demo/keys/` (an
//! OpenSSH private key and an age identity per person, plus `allowed_signers`) and
//! `assets/demo/cards/<person-id>.card`. The signing keys come from public seeds
//! (SHA-256 of `reviewdesk-demo-key:<id>`), so anyone can recreate them: they
//! protect nothing. Existing age identities are kept; missing ones are generated.
//!
//! `cargo run -p reviewdesk-desk --example make_demo_keys`

use std::fs;
use std::path::Path;

use age::secrecy::ExposeSecret;
use reviewdesk_formats::{Identity, KeyCard, Role, Signer};
use sha2::{Digest, Sha256};

/// The demo organizer's person id.
const ORGANIZER: &str = "ORG";

fn demo_signer(id: &str) -> Signer {
    let seed: [u8; 32] = Sha256::digest(format!("reviewdesk-demo-key:{id}")).into();
    Signer::from_ed25519_seed(&seed)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo");
    let loaded = reviewdesk_io::load_round(&demo)?;
    let panel = &loaded.round.panel;
    let mut people = vec![(
        ORGANIZER.to_string(),
        format!("{}（演示）", loaded.round.program.organizer.zh),
        Role::Organizer,
    )];
    people.push((
        panel.chair.id.clone(),
        panel.chair.name.clone(),
        Role::Chair,
    ));
    for e in &panel.experts {
        people.push((e.id.clone(), e.name.clone(), Role::Expert));
    }
    let (keys, cards) = (demo.join("keys"), demo.join("cards"));
    fs::create_dir_all(&keys)?;
    fs::create_dir_all(&cards)?;
    let mut allowed = String::new();
    for (id, name, role) in &people {
        let signer = demo_signer(id);
        let age_path = keys.join(format!("{id}.age"));
        let identity: Identity = match fs::read_to_string(&age_path) {
            Ok(text) => reviewdesk_desk::parse_identities(&age_path, &text)?.remove(0),
            Err(_) => {
                let id_new = Identity::generate();
                fs::write(
                    &age_path,
                    format!(
                        "# DEMO ONLY — throwaway age identity of {id}, public in the repository.\n# public key: {}\n{}\n",
                        id_new.to_public(),
                        id_new.to_string().expose_secret()
                    ),
                )?;
                id_new
            }
        };
        fs::write(keys.join(format!("{id}.key")), signer.to_openssh()?)?;
        let card = KeyCard::write(name, *role, &signer, &identity.to_public())?;
        fs::write(cards.join(format!("{id}.card")), &card)?;
        allowed.push_str(&KeyCard::read(&card)?.allowed_signers_line()?);
    }
    fs::write(keys.join("allowed_signers"), allowed)?;
    Ok(())
}
