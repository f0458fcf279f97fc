//! `reviewdesk_keys::Identity::from_secret_text` on arbitrary bytes (what the keyring
//! or a backup hands back); an identity that loads must write the same secret text
//! back and a key card that reads.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_formats::KeyCard;
use reviewdesk_keys::Identity;

fuzz_target!(|data: &[u8]| {
    let Ok(id) = Identity::from_secret_text(data, "fuzz") else {
        return;
    };
    let text = id
        .to_secret_text()
        .expect("a loaded identity writes its secret text");
    let again = Identity::from_secret_text(text.as_bytes(), "again").expect("reads back");
    assert_eq!(again.fingerprint(), id.fingerprint());
    assert_eq!(again.name(), id.name());
    let card = id.key_card().expect("a loaded identity writes its card");
    let card = KeyCard::read(&card).expect("its card reads");
    assert_eq!(card.fingerprint(), id.fingerprint());
});
