//! A program file (`reviewdesk-program/1`): `reviewdesk_io::programs::parse_program`
//! (strict TOML parse, `ProgramRules::validate`, `check_templates` against the
//! built-in templates); a program that passes is asked what the register asks of
//! it (its records per template, its grade ids, its causes). Every error must
//! render. Seeds: `assets/programs/*.toml`.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match reviewdesk_io::programs::parse_program(Path::new("program.toml"), text) {
        Ok(p) => {
            assert!(p.validate().is_ok(), "an accepted program validates");
            let templates = reviewdesk_fuzz::templates();
            for t in templates {
                let _ = p.records(&t.id);
                for g in &t.grades {
                    let _ = p.grade_id(templates, &g.label.zh);
                    let _ = p.grade_id(templates, &g.id);
                    let _ = p.is_failing(&g.id);
                    let _ = p.is_recommended(&g.id);
                }
            }
            for c in &p.causes {
                assert!(p.cause(&c.id).is_some());
            }
        }
        Err(e) => {
            let _ = e.code();
            let _ = e.to_string();
        }
    }
});
