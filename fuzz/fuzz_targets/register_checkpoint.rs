//! A register checkpoint (`reviewdesk-register-checkpoint/1`) held against a
//! register: `Register::verify_checkpoint` (the signature by any key, then
//! `Checkpoint::parse`, the organizer, each unit's ledger) on a workspace holding
//! the fixture's two ledgers (`reviewdesk_fuzz::register_fixture`). Each input is
//! read twice: as the file it is, and as a body the harness signs as a checkpoint
//! with the test organizer's key (seed 01…01), so the body parser behind the
//! signature is reached. A body `Checkpoint::parse` accepts must write back to
//! the same bytes, and a report must count each listed unit once.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_desk::register::{Checkpoint, Register};
use reviewdesk_formats::{verify_signed_text, Namespace, Trusted};

thread_local! {
    static REGISTER: Option<Register> = reviewdesk_fuzz::register_fixture();
}

fn check(register: Option<&Register>, file: &[u8]) {
    match register {
        Some(r) => {
            if let Ok(report) = r.verify_checkpoint(file) {
                assert_eq!(
                    report.unchanged + report.changed.len(),
                    report.units,
                    "every listed unit is unchanged or changed"
                );
                assert!(report.appended.len() <= report.unchanged);
            }
        }
        // Without the workspace, what verify_checkpoint reads before it.
        None => {
            if let Ok(v) = verify_signed_text(file, Namespace::RegisterCheckpoint, Trusted::AnyKey)
            {
                let _ = Checkpoint::parse(v.body);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(c) = Checkpoint::parse(data) {
        assert_eq!(c.to_text().as_bytes(), data, "a parsed body is canonical");
    }
    REGISTER.with(|r| {
        check(r.as_ref(), data);
        if let Ok(signed) =
            reviewdesk_fuzz::organizer().sign_text(Namespace::RegisterCheckpoint, data)
        {
            check(r.as_ref(), &signed);
        }
    });
});
