//! Shared helpers for the core's integration tests and benchmark: a synthetic
//! template of `stages` score stages × `indicators` indicators (max 10, step 1)
//! and a full score matrix from a fixed pseudo-random sequence.

#![allow(dead_code)]

use reviewdesk_core::rules::{ApplicantInput, ComputeInput, ScoreInput};
use reviewdesk_core::Template;
use rust_decimal::Decimal;

/// A template with equal-ish weights, trimmed mean, three grade bands.
pub fn synthetic_template(stages: usize, indicators: usize, method: &str) -> Template {
    let mut s = String::from(
        "format = \"reviewdesk-template/1\"\nid = \"synthetic\"\nversion = 1\n\
         program = { zh = \"合成\", en = \"Synthetic\" }\n",
    );
    s += &format!("aggregation = {{ method = \"{method}\" }}\n");
    s += "[[category]]\nid = \"c\"\nname = { zh = \"类\", en = \"C\" }\n";
    s += "[[category]]\nid = \"d\"\nname = { zh = \"类\", en = \"D\" }\n";
    let base = 100 / stages;
    for st in 0..stages {
        let w = if st == 0 {
            100 - base * (stages - 1)
        } else {
            base
        };
        s += &format!(
            "[[stage]]\nid = \"s{st}\"\nname = {{ zh = \"环节\", en = \"S\" }}\nkind = \"score\"\nmax = \"{}\"\nweight = \"{w}\"\n",
            indicators * 10
        );
        for i in 0..indicators {
            s += &format!(
                "[[indicator]]\nid = \"s{st}i{i}\"\nstage = \"s{st}\"\nname = {{ zh = \"指标\", en = \"I\" }}\nmax = \"10\"\nstep = \"1\"\n"
            );
        }
    }
    s += "[[grade]]\nid = \"a\"\nlabel = { zh = \"优\", en = \"A\" }\nmin = \"80\"\n";
    s += "[[grade]]\nid = \"b\"\nlabel = { zh = \"良\", en = \"B\" }\nmin = \"60\"\n";
    s += "[[grade]]\nid = \"f\"\nlabel = { zh = \"差\", en = \"F\" }\nmin = \"0\"\n";
    s += "[[tie_break]]\nstage = \"s0\"\n";
    toml::from_str(&s).expect("synthetic template parses")
}

/// Every expert scores every indicator of every stage for every applicant.
pub fn synthetic_input(
    applicants: usize,
    experts: usize,
    stages: usize,
    indicators: usize,
    seed: u64,
) -> ComputeInput {
    let mut x = seed | 1;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut input = ComputeInput {
        applicants: (0..applicants)
            .map(|a| ApplicantInput {
                id: format!("A{a:04}"),
                category: if a % 2 == 0 { "c" } else { "d" }.into(),
                region: Some(format!("R{}", a % 7)),
                industry: None,
            })
            .collect(),
        experts: (0..experts).map(|e| format!("E{e:03}")).collect(),
        ..Default::default()
    };
    for a in 0..applicants {
        for e in 0..experts {
            for st in 0..stages {
                for i in 0..indicators {
                    input.scores.push(ScoreInput {
                        expert: format!("E{e:03}"),
                        applicant: format!("A{a:04}"),
                        stage: format!("s{st}"),
                        indicator: format!("s{st}i{i}"),
                        value: Decimal::from(4 + next() % 7),
                        reason: None,
                    });
                }
            }
        }
    }
    input
}
