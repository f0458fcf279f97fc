//! `reviewdesk draw verify`: a result bundle's site-visit draw recomputed from its
//! signed contents; exit 0 only when it matches what the bundle records.

use std::path::Path;

use reviewdesk_core::rules::DrawnSample;
use reviewdesk_core::Lang;
use reviewdesk_desk::verify_draw;

use crate::commands::keyarg;
use crate::commands::verify::fingerprint_arg;
use crate::error::CliError;
use crate::messages::{draw_labels, DrawLabels};

fn print_sample(l: &DrawLabels, d: &DrawnSample) {
    println!("{}: {}", l.stage, d.stage);
    println!("{}: {}", l.round, d.round_id);
    println!("{}: {}", l.written_result_hash, d.written_result_hash);
    println!("{}: {}", l.announced, d.announced);
    println!("{}: {}", l.seed, d.seed);
    println!("{}: {}", l.candidates, d.candidates.join(", "));
    println!("{}: {}", l.k, d.k);
    println!("{}: {}", l.sample, d.sample.join(", "));
}

/// Runs the subcommand.
pub fn verify(
    bundle: &Path,
    organizer: Option<&str>,
    as_name: Option<&str>,
    identity: Option<&Path>,
    lang: Lang,
) -> Result<(), CliError> {
    let l = draw_labels(lang);
    let trust = fingerprint_arg(organizer)?;
    let ids = keyarg::identities(as_name, identity)?;
    let check = verify_draw(bundle, trust.as_ref(), &ids)?;
    if check.matches() {
        match &check.recomputed.drawn {
            None => println!("{}", l.no_draw),
            Some(d) => {
                print_sample(l, d);
                println!("{}: {}", l.how, check.recomputed.recompute);
                println!("{}", l.matches);
            }
        }
        return Ok(());
    }
    // Also when the template samples no stage: an edited `draw` entry is refused
    // as `verify` refuses it.
    for (title, d) in [
        (l.recorded, &check.recorded.drawn),
        (l.recomputed, &check.recomputed.drawn),
    ] {
        println!("— {title} —");
        match d {
            Some(d) => print_sample(l, d),
            None => println!("{}", l.no_draw),
        }
    }
    if let Some(difference) = &check.difference {
        println!("{difference}");
    }
    Err(CliError::Explained {
        code: "draw_mismatch",
        message: l.differs.to_string(),
    })
}
