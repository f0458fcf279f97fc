//! Writes the costliest bundle an outsider can make, for `scripts/bench-memory.sh`
//! (issue 17, item 4): an age file to RECIPIENT whose container is as long as a
//! bundle may be, with a bundle manifest validly signed by a throwaway key (so it
//! passes the first signature check, which takes any key), naming every entry with
//! its true size and hash, and a package manifest signed too — by the same
//! throwaway key, not by any organizer. A reader pinned to the organizer refuses it
//! after the manifest and that one small entry; an unpinned one has to take in the
//! whole container before it finds the package manifest is not one.
//!
//! `cargo run -p reviewdesk-formats --example hostile_bundle -- RECIPIENT OUT`

use reviewdesk_formats::{encrypt, Namespace, Recipient, Signer, MAX_BUNDLE};
use sha2::{Digest, Sha256};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, recipient, out] = args.as_slice() else {
        eprintln!("usage: hostile_bundle AGE_RECIPIENT OUT");
        std::process::exit(2);
    };
    let recipient: Recipient = recipient.parse().expect("an age X25519 recipient");
    let outsider = Signer::from_ed25519_seed(&[0x5a; 32]);
    let head_room = 64 * 1024; // the signed manifest and the small entries
    let big = ((MAX_BUNDLE - head_room) / 3) as usize; // three entries under 16 MiB each
    let small = b"not a package manifest\n".to_vec();
    let package_manifest = outsider
        .sign_text(
            Namespace::PackageManifest,
            b"reviewdesk-package-manifest/1\nnot a package manifest\n",
        )
        .expect("signed");
    let filler = |n: usize, b: u8| vec![b; n];
    let entries: Vec<(&str, Vec<u8>)> = vec![
        ("package-manifest", package_manifest.clone()),
        ("package-index", small.clone()),
        ("round", filler(big, b'r')),
        ("template", filler(big, b't')),
        ("sheet.E01", filler(big, b's')),
        ("merge-input", small.clone()),
        ("merge-output", small.clone()),
        ("opinions", small.clone()),
        ("draw", small),
    ];
    let mut body = format!(
        "reviewdesk-bundle-manifest/1\npackage: {}\nmanifest: {}\nround: hostile\nchair: {}\nentries: {}\n",
        "0".repeat(32),
        hex(&Sha256::digest(&package_manifest)),
        outsider.fingerprint(),
        entries.len()
    );
    for (name, bytes) in &entries {
        body.push_str(&format!(
            "entry: {name} {} {}\n",
            bytes.len(),
            hex(&Sha256::digest(bytes))
        ));
    }
    let signed = outsider
        .sign_text(Namespace::BundleManifest, body.as_bytes())
        .expect("signed");
    let mut container = b"reviewdesk-bundle/1\n".to_vec();
    container.extend_from_slice(&(signed.len() as u32).to_be_bytes());
    container.extend_from_slice(&signed);
    for (_, bytes) in &entries {
        container.extend_from_slice(bytes);
    }
    assert!(container.len() as u64 <= MAX_BUNDLE, "within the limit");
    let file = encrypt(&container, &[recipient]).expect("encrypted");
    std::fs::write(out, file).expect("written");
    println!("{out}: container {} bytes", container.len());
}
