//! The computation: input checks, then rules 1–13 of `docs/rules.md` in order —
//! valid experts, stage totals, aggregation, quorum, divergence, pass/fail and
//! veto, the draw, combination and gates, grades, ranking, quotas.

use super::aggregate::{self, round_half_up};
use super::draw::{draw_sample, draw_seed, hex};
use super::error::{ComputeError, InputProblem, InputProblemKind as K};
use super::input::ComputeInput;
use super::output::*;
use crate::template::{GroupField, Indicator, Level, Method, PassRule, StageKind, Template};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Per (applicant, stage): expert index → one slot per scored indicator.
type ScoreGrid = BTreeMap<usize, Vec<Option<Decimal>>>;

struct Ctx<'a> {
    t: &'a Template,
    input: &'a ComputeInput,
    apps: HashMap<&'a str, usize>,
    stage_idx: HashMap<&'a str, usize>,
    /// Scored indicators per stage, in template order.
    leaves: Vec<Vec<&'a Indicator>>,
    leaf_pos: Vec<HashMap<&'a str, usize>>,
    recused: HashSet<(usize, usize)>,
    scores: Vec<Vec<ScoreGrid>>,
    verdicts: Vec<Vec<BTreeMap<usize, bool>>>,
    /// Per applicant: veto indicator id → experts who marked it.
    vetoes: Vec<HashMap<&'a str, BTreeSet<usize>>>,
    /// Per applicant: failed the eligibility check (left out of every stage).
    ineligible: Vec<bool>,
}

/// Checks one score against its indicator: not negative, at most the maximum, a
/// multiple of the step, and with a written reason below the low-score threshold
/// (rule 1 of `docs/rules.md`). The expert desk checks each keystroke with it.
pub fn check_score_value(ind: &Indicator, v: Decimal, reason: Option<&str>) -> Result<(), K> {
    if v.is_sign_negative() && !v.is_zero() {
        Err(K::Negative(v))
    } else if v > ind.max {
        Err(K::AboveMax {
            value: v,
            max: ind.max,
        })
    } else if !(v % ind.step).is_zero() {
        Err(K::OffStep {
            value: v,
            step: ind.step,
        })
    } else if ind.low_threshold.is_some_and(|th| v < th)
        && reason.is_none_or(|r| r.trim().is_empty())
    {
        Err(K::MissingReason {
            value: v,
            threshold: ind.low_threshold.unwrap_or_default(),
        })
    } else {
        Ok(())
    }
}

struct Problems(Vec<InputProblem>);

impl Problems {
    fn push(&mut self, entry: String, kind: K) {
        self.0.push(InputProblem { entry, kind });
    }
}

fn is_hex64(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn group_value(a: &super::input::ApplicantInput, f: GroupField) -> Option<&str> {
    match f {
        GroupField::Region => a.region.as_deref(),
        GroupField::Industry => a.industry.as_deref(),
    }
}

fn group_name(f: GroupField) -> &'static str {
    match f {
        GroupField::Region => "region",
        GroupField::Industry => "industry",
    }
}

impl<'a> Ctx<'a> {
    /// Checks every entry and indexes the input. Collects every problem.
    fn build(t: &'a Template, input: &'a ComputeInput) -> Result<Self, Vec<InputProblem>> {
        let mut p = Problems(Vec::new());
        let stage_idx: HashMap<&str, usize> = t
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let leaves: Vec<Vec<&Indicator>> = t
            .stages
            .iter()
            .map(|s| t.scored_indicators(&s.id).collect())
            .collect();
        let leaf_pos: Vec<HashMap<&str, usize>> = leaves
            .iter()
            .map(|l| {
                l.iter()
                    .enumerate()
                    .map(|(i, x)| (x.id.as_str(), i))
                    .collect()
            })
            .collect();

        let mut apps = HashMap::new();
        for (i, a) in input.applicants.iter().enumerate() {
            let e = format!("applicants[{i}]");
            if a.id.is_empty() {
                p.push(format!("{e}.id"), K::Empty);
            } else if apps.insert(a.id.as_str(), i).is_some() {
                p.push(format!("{e}.id"), K::DuplicateId(a.id.clone()));
            }
            if t.category(&a.category).is_none() {
                p.push(
                    format!("{e}.category"),
                    K::UnknownCategory(a.category.clone()),
                );
            }
            for q in t
                .quotas
                .iter()
                .filter(|q| q.category.as_ref().is_none_or(|c| *c == a.category))
            {
                for &f in &q.group_by {
                    if group_value(a, f).is_none_or(|v| v.trim().is_empty()) {
                        p.push(
                            format!("{e}.{}", group_name(f)),
                            K::MissingGroupField(group_name(f)),
                        );
                    }
                }
            }
        }
        let mut experts = HashMap::new();
        for (i, x) in input.experts.iter().enumerate() {
            if x.is_empty() {
                p.push(format!("experts[{i}]"), K::Empty);
            } else if experts.insert(x.as_str(), i).is_some() {
                p.push(format!("experts[{i}]"), K::DuplicateId(x.clone()));
            }
        }

        // Resolves an (expert, applicant) pair, reporting unknown ids under entry `e()`.
        let pair = |p: &mut Problems,
                    e: &dyn Fn() -> String,
                    exp: &str,
                    app: &str|
         -> Option<(usize, usize)> {
            let xe = experts.get(exp).copied();
            let xa = apps.get(app).copied();
            if xe.is_none() {
                p.push(format!("{}.expert", e()), K::UnknownExpert(exp.to_owned()));
            }
            if xa.is_none() {
                p.push(
                    format!("{}.applicant", e()),
                    K::UnknownApplicant(app.to_owned()),
                );
            }
            Some((xe?, xa?))
        };

        let mut assigned: Option<HashSet<(usize, usize)>> = None;
        if let Some(list) = &input.assignments {
            let mut set = HashSet::new();
            let mut first = HashMap::new();
            for (i, a) in list.iter().enumerate() {
                let e = || format!("assignments[{i}]");
                if let Some(k) = pair(&mut p, &e, &a.expert, &a.applicant) {
                    if let Some(j) = first.insert(k, i) {
                        p.push(e(), K::DuplicateEntry(format!("assignments[{j}]")));
                    }
                    set.insert(k);
                }
            }
            assigned = Some(set);
        }
        let is_assigned = |k: (usize, usize)| assigned.as_ref().is_none_or(|s| s.contains(&k));

        let mut recused = HashSet::new();
        let mut first = HashMap::new();
        for (i, r) in input.recusals.iter().enumerate() {
            let e = || format!("recusals[{i}]");
            if let Some(k) = pair(&mut p, &e, &r.expert, &r.applicant) {
                if let Some(j) = first.insert(k, i) {
                    p.push(e(), K::DuplicateEntry(format!("recusals[{j}]")));
                }
                recused.insert(k);
            }
        }

        let n_apps = input.applicants.len();
        let n_stages = t.stages.len();
        let mut scores: Vec<Vec<ScoreGrid>> = vec![vec![BTreeMap::new(); n_stages]; n_apps];
        for (i, sc) in input.scores.iter().enumerate() {
            let e = || format!("scores[{i}]");
            let before = p.0.len();
            let ea = pair(&mut p, &e, &sc.expert, &sc.applicant);
            let s = stage_idx.get(sc.stage.as_str()).copied();
            let mut leaf = None;
            match s {
                None => p.push(format!("{}.stage", e()), K::UnknownStage(sc.stage.clone())),
                Some(s) if t.stages[s].kind != StageKind::Score => p.push(
                    format!("{}.stage", e()),
                    K::WrongStageKind {
                        stage: sc.stage.clone(),
                        kind: "pass_fail",
                    },
                ),
                Some(s) => match leaf_pos[s].get(sc.indicator.as_str()) {
                    None => p.push(
                        format!("{}.indicator", e()),
                        K::UnknownIndicator {
                            stage: sc.stage.clone(),
                            indicator: sc.indicator.clone(),
                        },
                    ),
                    Some(&l) => leaf = Some(l),
                },
            }
            if p.0.len() > before {
                continue;
            }
            let (s, l, (xe, xa)) = (s.unwrap_or(0), leaf.unwrap_or(0), ea.unwrap_or((0, 0)));
            let ind = leaves[s][l];
            let v = sc.value;
            if let Err(kind) = check_score_value(ind, v, sc.reason.as_deref()) {
                let field = if matches!(kind, K::MissingReason { .. }) {
                    "reason"
                } else {
                    "value"
                };
                p.push(format!("{}.{field}", e()), kind);
            } else if !is_assigned((xe, xa)) {
                p.push(
                    e(),
                    K::NotAssigned {
                        expert: sc.expert.clone(),
                        applicant: sc.applicant.clone(),
                    },
                );
            } else {
                let slots = scores[xa][s]
                    .entry(xe)
                    .or_insert_with(|| vec![None; leaves[s].len()]);
                if slots[l].is_some() {
                    // The earlier entry for the same expert, applicant, stage and indicator.
                    let j = input.scores[..i]
                        .iter()
                        .position(|o| {
                            o.expert == sc.expert
                                && o.applicant == sc.applicant
                                && o.stage == sc.stage
                                && o.indicator == sc.indicator
                        })
                        .unwrap_or(i);
                    p.push(e(), K::DuplicateEntry(format!("scores[{j}]")));
                } else {
                    slots[l] = Some(v);
                }
            }
        }

        let mut verdicts: Vec<Vec<BTreeMap<usize, bool>>> =
            vec![vec![BTreeMap::new(); n_stages]; n_apps];
        let mut verdict_first: HashMap<(usize, usize, usize), usize> = HashMap::new();
        for (i, v) in input.verdicts.iter().enumerate() {
            let e = || format!("verdicts[{i}]");
            let before = p.0.len();
            let ea = pair(&mut p, &e, &v.expert, &v.applicant);
            let s = stage_idx.get(v.stage.as_str()).copied();
            match s {
                None => p.push(format!("{}.stage", e()), K::UnknownStage(v.stage.clone())),
                Some(s) if t.stages[s].kind != StageKind::PassFail => p.push(
                    format!("{}.stage", e()),
                    K::WrongStageKind {
                        stage: v.stage.clone(),
                        kind: "score",
                    },
                ),
                Some(_) => {}
            }
            if p.0.len() > before {
                continue;
            }
            let (s, (xe, xa)) = (s.unwrap_or(0), ea.unwrap_or((0, 0)));
            if !is_assigned((xe, xa)) {
                p.push(
                    e(),
                    K::NotAssigned {
                        expert: v.expert.clone(),
                        applicant: v.applicant.clone(),
                    },
                );
            } else if let Some(j) = verdict_first.insert((xa, s, xe), i) {
                p.push(e(), K::DuplicateEntry(format!("verdicts[{j}]")));
            } else {
                verdicts[xa][s].insert(xe, v.pass);
            }
        }

        let mut vetoes: Vec<HashMap<&str, BTreeSet<usize>>> = vec![HashMap::new(); n_apps];
        let mut veto_first: HashMap<(usize, &str, usize), usize> = HashMap::new();
        for (i, v) in input.vetoes.iter().enumerate() {
            let e = || format!("vetoes[{i}]");
            let before = p.0.len();
            let ea = pair(&mut p, &e, &v.expert, &v.applicant);
            if !t.indicator(&v.indicator).is_some_and(|x| x.veto) {
                p.push(
                    format!("{}.indicator", e()),
                    K::NotVeto(v.indicator.clone()),
                );
            }
            if p.0.len() > before {
                continue;
            }
            let (xe, xa) = ea.unwrap_or((0, 0));
            if !is_assigned((xe, xa)) {
                p.push(
                    e(),
                    K::NotAssigned {
                        expert: v.expert.clone(),
                        applicant: v.applicant.clone(),
                    },
                );
            } else if let Some(j) = veto_first.insert((xa, v.indicator.as_str(), xe), i) {
                p.push(e(), K::DuplicateEntry(format!("vetoes[{j}]")));
            } else {
                vetoes[xa]
                    .entry(v.indicator.as_str())
                    .or_default()
                    .insert(xe);
            }
        }

        let mut ineligible = vec![false; n_apps];
        let mut ineligible_first = HashMap::new();
        for (i, x) in input.ineligible.iter().enumerate() {
            let e = format!("ineligible[{i}]");
            match apps.get(x.applicant.as_str()) {
                None => p.push(
                    format!("{e}.applicant"),
                    K::UnknownApplicant(x.applicant.clone()),
                ),
                Some(&a) => {
                    if let Some(j) = ineligible_first.insert(a, i) {
                        p.push(e.clone(), K::DuplicateEntry(format!("ineligible[{j}]")));
                    }
                    ineligible[a] = true;
                }
            }
            if x.items.is_empty() {
                p.push(format!("{e}.items"), K::Empty);
            }
        }

        match (t.sampled_stage(), &input.draw) {
            (Some(s), None) => p.push("draw".into(), K::DrawMissing(s.id.clone())),
            (None, Some(_)) => p.push("draw".into(), K::DrawUnused),
            (Some(_), Some(d)) => {
                if d.round_id.trim().is_empty() {
                    p.push("draw.round_id".into(), K::Empty);
                }
                if !is_hex64(&d.written_result_hash) {
                    p.push(
                        "draw.written_result_hash".into(),
                        K::BadHash(d.written_result_hash.clone()),
                    );
                }
                if d.announced.trim().is_empty() {
                    p.push("draw.announced".into(), K::Empty);
                }
            }
            (None, None) => {}
        }

        if !p.0.is_empty() {
            return Err(p.0);
        }
        Ok(Ctx {
            t,
            input,
            apps,
            stage_idx,
            leaves,
            leaf_pos,
            recused,
            scores,
            verdicts,
            vetoes,
            ineligible,
        })
    }

    fn valid(&self, e: usize, a: usize) -> bool {
        !self.recused.contains(&(e, a))
    }
}

/// One applicant's outcome in one stage, before it becomes a [`StageResult`].
#[derive(Clone, Default)]
struct StageOut {
    in_scope: bool,
    valid: Vec<usize>,
    aggregate: Option<Decimal>,
    indicators: Vec<Decimal>,
    passes: Option<u32>,
    passed: Option<bool>,
    vetoes: Vec<String>,
}

impl StageOut {
    fn short(&self, quorum: u32) -> bool {
        self.in_scope && (self.valid.len() as u32) < quorum
    }
}

impl Ctx<'_> {
    /// Rules 1–8 for one stage over the applicants in scope.
    fn stage(
        &self,
        s: usize,
        scope: &[bool],
        flags: &mut Vec<(usize, String, usize, String, DivergenceFlag)>,
    ) -> Vec<StageOut> {
        let t = self.t;
        let st = &t.stages[s];
        let n_apps = self.input.applicants.len();
        let mut out = vec![StageOut::default(); n_apps];
        let dp = t.decimals;
        let pct = t.divergence.pct;
        let method = t.aggregation.method;
        let min_n = t.aggregation.min_n;

        match st.kind {
            StageKind::PassFail => {
                for a in (0..n_apps).filter(|&a| scope[a]) {
                    let o = &mut out[a];
                    o.in_scope = true;
                    let given: Vec<(usize, bool)> = self.verdicts[a][s]
                        .iter()
                        .filter(|(&e, _)| self.valid(e, a))
                        .map(|(&e, &p)| (e, p))
                        .collect();
                    o.valid = given.iter().map(|x| x.0).collect();
                    let n = given.len() as u32;
                    let passes = given.iter().filter(|x| x.1).count() as u32;
                    o.passes = Some(passes);
                    if n >= t.quorum {
                        o.passed = Some(match st.pass_rule {
                            PassRule::Majority => 2 * passes > n,
                            PassRule::Unanimous => passes == n,
                        });
                    }
                }
            }
            StageKind::Score => {
                // Rules 1–2: valid experts and their exact stage totals.
                let mut totals: Vec<Vec<(usize, Decimal)>> = vec![Vec::new(); n_apps];
                for a in (0..n_apps).filter(|&a| scope[a]) {
                    out[a].in_scope = true;
                    for (&e, slots) in &self.scores[a][s] {
                        if !self.valid(e, a) || slots.iter().any(Option::is_none) {
                            continue;
                        }
                        let x: Decimal = slots.iter().flatten().sum();
                        out[a].valid.push(e);
                        totals[a].push((e, x));
                    }
                }
                // Rule 4, zscore: per-expert and stage-wide statistics.
                let z = (method == Method::Zscore).then(|| {
                    let mut per: BTreeMap<usize, Vec<Decimal>> = BTreeMap::new();
                    let mut all = Vec::new();
                    for (e, x) in totals.iter().flatten() {
                        per.entry(*e).or_default().push(*x);
                        all.push(*x);
                    }
                    let stage_stats = aggregate::mean_and_sd(&all);
                    let per: HashMap<usize, Option<(Decimal, Decimal)>> = per
                        .into_iter()
                        .map(|(e, v)| {
                            let st = if v.len() as u32 >= min_n {
                                aggregate::mean_and_sd(&v)
                            } else {
                                None
                            };
                            (e, st.filter(|(_, sd)| *sd > Decimal::ZERO))
                        })
                        .collect();
                    (stage_stats, per)
                });
                for a in (0..n_apps).filter(|&a| scope[a]) {
                    let xs: Vec<Decimal> = totals[a].iter().map(|x| x.1).collect();
                    let o = &mut out[a];
                    let n = xs.len();
                    if t.aggregation.level == Level::StageTotal {
                        let agg = match &z {
                            Some((Some((mu, sigma)), per)) => {
                                let adj: Vec<Decimal> = totals[a]
                                    .iter()
                                    .map(|&(e, x)| match per.get(&e).copied().flatten() {
                                        Some((mu_e, sd_e)) => {
                                            let v = *mu + *sigma * (x - mu_e) / sd_e;
                                            v.max(Decimal::ZERO).min(st.max)
                                        }
                                        None => x,
                                    })
                                    .collect();
                                aggregate::mean(&adj)
                            }
                            _ => aggregate::plain(method, &xs, min_n),
                        };
                        if n as u32 >= t.quorum {
                            o.aggregate = agg.map(|v| round_half_up(v, dp));
                        }
                        // Rule 7 at stage level.
                        divergence(&xs, st.max, pct, |i, v, mo, d, th| {
                            flags.push((
                                s,
                                self.input.applicants[a].id.clone(),
                                0,
                                self.input.experts[totals[a][i].0].clone(),
                                DivergenceFlag {
                                    expert: self.input.experts[totals[a][i].0].clone(),
                                    applicant: self.input.applicants[a].id.clone(),
                                    stage: st.id.clone(),
                                    indicator: None,
                                    value: v.normalize(),
                                    mean_of_others: mo.normalize(),
                                    d: d.normalize(),
                                    threshold: th.normalize(),
                                },
                            ))
                        });
                    } else {
                        let mut sum = Decimal::ZERO;
                        for (l, ind) in self.leaves[s].iter().enumerate() {
                            let vals: Vec<Decimal> = o
                                .valid
                                .iter()
                                .map(|e| self.scores[a][s][e][l].unwrap_or_default())
                                .collect();
                            let agg = aggregate::plain(method, &vals, min_n)
                                .map(|v| round_half_up(v, dp));
                            if let Some(v) = agg {
                                o.indicators.push(v);
                                sum += v;
                            }
                            divergence(&vals, ind.max, pct, |i, v, mo, d, th| {
                                let ex = self.input.experts[o.valid[i]].clone();
                                flags.push((
                                    s,
                                    self.input.applicants[a].id.clone(),
                                    l,
                                    ex.clone(),
                                    DivergenceFlag {
                                        expert: ex,
                                        applicant: self.input.applicants[a].id.clone(),
                                        stage: st.id.clone(),
                                        indicator: Some(ind.id.clone()),
                                        value: v.normalize(),
                                        mean_of_others: mo.normalize(),
                                        d: d.normalize(),
                                        threshold: th.normalize(),
                                    },
                                ))
                            });
                        }
                        if n as u32 >= t.quorum && n > 0 {
                            o.aggregate = Some(sum);
                        } else {
                            o.indicators.clear();
                        }
                    }
                }
            }
        }
        // Rule 8, veto: more than half of the stage's valid experts mark one veto item.
        for a in (0..n_apps).filter(|&a| scope[a]) {
            let o = &mut out[a];
            let n = o.valid.len();
            for ind in t.veto_indicators(&st.id) {
                let marked = self.vetoes[a]
                    .get(ind.id.as_str())
                    .map(|set| o.valid.iter().filter(|e| set.contains(e)).count())
                    .unwrap_or(0);
                if n > 0 && 2 * marked > n {
                    o.vetoes.push(ind.id.clone());
                }
            }
        }
        out
    }

    /// An indicator's aggregate for a tie-break key (rule 11): the template's
    /// method on that indicator's scores from the stage's valid experts (z-score: mean).
    fn indicator_key(&self, a: usize, s: usize, l: usize, valid: &[usize]) -> Option<Decimal> {
        let vals: Vec<Decimal> = valid
            .iter()
            .map(|e| self.scores[a][s][e][l].unwrap_or_default())
            .collect();
        aggregate::plain(self.t.aggregation.method, &vals, self.t.aggregation.min_n)
            .map(|v| round_half_up(v, self.t.decimals))
    }
}

/// Rule 7: calls `flag(i, value, mean_of_others, d, threshold)` for each value
/// farther than pct % of `max` from the mean of the others (n ≥ 2).
fn divergence(
    xs: &[Decimal],
    max: Decimal,
    pct: Decimal,
    mut flag: impl FnMut(usize, Decimal, Decimal, Decimal, Decimal),
) {
    let n = xs.len();
    if n < 2 {
        return;
    }
    let sum: Decimal = xs.iter().sum();
    let threshold = pct * max / Decimal::ONE_HUNDRED;
    for (i, &x) in xs.iter().enumerate() {
        let mo = (sum - x) / Decimal::from(n - 1);
        let d = (x - mo).abs();
        if d > threshold {
            flag(i, x, mo.normalize(), d.normalize(), threshold.normalize());
        }
    }
}

/// The first stage (template order) that eliminates the applicant: it has the
/// quorum there and is vetoed, fails the pass/fail stage or is below the gate
/// (rule 9). The stages after it are not required of the applicant.
fn eliminated_at(outs: &[Vec<StageOut>], t: &Template, a: usize) -> Option<usize> {
    outs.iter().enumerate().position(|(s, o)| {
        o.get(a).is_some_and(|o| {
            o.in_scope
                && !o.short(t.quorum)
                && (!o.vetoes.is_empty()
                    || o.passed == Some(false)
                    || matches!((t.stages[s].gate, o.aggregate), (Some(g), Some(x)) if x < g))
        })
    })
}

/// `outs`: the applicant's stage outcomes with their stage index; `cut`: the
/// stage that eliminated it, whose later stages may be short of quorum.
fn status_of(
    outs: &[(usize, &StageOut)],
    cut: Option<usize>,
    t: &Template,
    gate_fail: bool,
    ineligible: bool,
) -> ApplicantStatus {
    let required = |s: usize| cut.is_none_or(|c| s <= c);
    if ineligible {
        ApplicantStatus::Ineligible
    } else if outs.iter().any(|(s, o)| o.short(t.quorum) && required(*s)) {
        ApplicantStatus::InsufficientQuorum
    } else if outs.iter().any(|(_, o)| !o.vetoes.is_empty()) {
        ApplicantStatus::Vetoed
    } else if outs.iter().any(|(_, o)| o.passed == Some(false)) {
        ApplicantStatus::FailedStage
    } else if gate_fail {
        ApplicantStatus::FailedGate
    } else {
        ApplicantStatus::Graded
    }
}

/// Computes the results of a round under a template: rules 1–13 of `docs/rules.md`.
/// Pure: the same template and input always give the same result.
pub fn compute(t: &Template, input: &ComputeInput) -> Result<ComputeResult, ComputeError> {
    t.validate().map_err(ComputeError::Template)?;
    let cx = Ctx::build(t, input).map_err(ComputeError::Input)?;
    let n_apps = input.applicants.len();
    let sampled = t.stages.iter().position(|s| s.sample.is_some());
    // An ineligible applicant is in no stage's scope: its entries are checked, then ignored.
    let all: Vec<bool> = cx.ineligible.iter().map(|x| !x).collect();
    let mut flags = Vec::new();

    let mut outs: Vec<Vec<StageOut>> = vec![Vec::new(); t.stages.len()];
    for s in (0..t.stages.len()).filter(|&s| Some(s) != sampled) {
        outs[s] = cx.stage(s, &all, &mut flags);
    }

    let gate_fail = |outs: &Vec<Vec<StageOut>>, a: usize| {
        t.stages.iter().enumerate().any(|(s, st)| {
            matches!((st.gate, outs[s].get(a).and_then(|o| o.aggregate)), (Some(g), Some(x)) if x < g)
        })
    };
    let status = |outs: &Vec<Vec<StageOut>>, a: usize| {
        let per: Vec<(usize, &StageOut)> = outs
            .iter()
            .enumerate()
            .filter_map(|(s, o)| o.get(a).map(|o| (s, o)))
            .collect();
        let cut = eliminated_at(outs, t, a);
        status_of(&per, cut, t, gate_fail(outs, a), cx.ineligible[a])
    };

    // Rule 13: the draw over the candidates of the unsampled stages.
    let mut draw = None;
    if let (Some(s), Some(d)) = (sampled, &input.draw) {
        let mut candidates: Vec<&str> = (0..n_apps)
            .filter(|&a| status(&outs, a) == ApplicantStatus::Graded)
            .map(|a| input.applicants[a].id.as_str())
            .collect();
        candidates.sort();
        let n = candidates.len();
        let spec = t.stages[s]
            .sample
            .as_ref()
            .expect("sampled stage has a sample");
        let k = match (spec.count, spec.pct) {
            (Some(c), _) => c as usize,
            (None, Some(p)) => (p * Decimal::from(n) / Decimal::ONE_HUNDRED)
                .ceil()
                .try_into()
                .unwrap_or(usize::MAX),
            (None, None) => 0,
        }
        .min(n);
        let seed = draw_seed(&d.round_id, &d.written_result_hash, &d.announced);
        let sample = draw_sample(&seed, &candidates, k);
        let mut scope = vec![false; n_apps];
        for id in &sample {
            scope[cx.apps[id]] = true;
        }
        // Entries for the sampled stage must concern sampled applicants.
        let st = &t.stages[s];
        let mut p = Vec::new();
        let not_sampled = |app: &str| !scope[cx.apps[app]];
        let np = |app: &str| K::NotSampled {
            applicant: app.to_owned(),
            stage: st.id.clone(),
        };
        for (i, x) in input.scores.iter().enumerate() {
            if x.stage == st.id && not_sampled(&x.applicant) {
                p.push(InputProblem {
                    entry: format!("scores[{i}]"),
                    kind: np(&x.applicant),
                });
            }
        }
        for (i, x) in input.verdicts.iter().enumerate() {
            if x.stage == st.id && not_sampled(&x.applicant) {
                p.push(InputProblem {
                    entry: format!("verdicts[{i}]"),
                    kind: np(&x.applicant),
                });
            }
        }
        for (i, x) in input.vetoes.iter().enumerate() {
            if t.indicator(&x.indicator)
                .is_some_and(|ind| ind.stage == st.id)
                && not_sampled(&x.applicant)
            {
                p.push(InputProblem {
                    entry: format!("vetoes[{i}]"),
                    kind: np(&x.applicant),
                });
            }
        }
        if !p.is_empty() {
            return Err(ComputeError::Input(p));
        }
        outs[s] = cx.stage(s, &scope, &mut flags);
        draw = Some(DrawResult {
            stage: st.id.clone(),
            seed: hex(&seed),
            candidates: candidates.iter().map(|c| c.to_string()).collect(),
            k: k as u32,
            sample: sample.iter().map(|c| c.to_string()).collect(),
        });
    }

    // Rules 6, 8, 9: status and final score.
    let mut results: Vec<ApplicantResult> = Vec::with_capacity(n_apps);
    for a in 0..n_apps {
        let status = status(&outs, a);
        let cut = eliminated_at(&outs, t, a);
        let weighted: Option<Vec<(Decimal, Decimal, Decimal)>> = t
            .stages
            .iter()
            .enumerate()
            .filter(|(_, st)| st.kind == StageKind::Score && st.weight > Decimal::ZERO)
            .map(|(s, st)| outs[s][a].aggregate.map(|x| (st.weight, x, st.max)))
            .collect();
        let final_score = weighted.map(|terms| round_half_up(combine(&terms), t.decimals));
        // Rule 10: grades.
        let lowest = t.grades.len() - 1;
        let band = match status {
            ApplicantStatus::InsufficientQuorum | ApplicantStatus::Ineligible => None,
            ApplicantStatus::Graded => final_score
                .and_then(|f| t.grades.iter().position(|g| g.min <= f))
                .or(Some(lowest)),
            _ => Some(lowest),
        };
        let pass = status == ApplicantStatus::Graded && band.is_some_and(|b| t.band_passes(b));
        let stages = t
            .stages
            .iter()
            .enumerate()
            .map(|(s, st)| {
                let o = &outs[s][a];
                StageResult {
                    stage: st.id.clone(),
                    status: if cx.ineligible[a] {
                        StageStatus::NotReviewed
                    } else if !o.in_scope {
                        StageStatus::Skipped
                    } else if o.short(t.quorum) && cut.is_some_and(|c| s > c) {
                        StageStatus::NotRequired
                    } else if o.short(t.quorum) {
                        StageStatus::InsufficientQuorum
                    } else {
                        StageStatus::Ok
                    },
                    valid_experts: o.valid.len() as u32,
                    aggregate: o.aggregate,
                    indicators: cx.leaves[s]
                        .iter()
                        .zip(&o.indicators)
                        .map(|(i, v)| IndicatorAggregate {
                            indicator: i.id.clone(),
                            aggregate: *v,
                        })
                        .collect(),
                    passes: o.passes,
                    passed: o.passed,
                    vetoes: o.vetoes.clone(),
                }
            })
            .collect();
        results.push(ApplicantResult {
            id: input.applicants[a].id.clone(),
            category: input.applicants[a].category.clone(),
            status,
            stages,
            final_score,
            grade: band.map(|b| t.grades[b].id.clone()),
            pass,
            rank: None,
            selected: false,
            failed_items: input
                .ineligible
                .iter()
                .find(|x| x.applicant == input.applicants[a].id)
                .map(|x| x.items.clone())
                .unwrap_or_default(),
        });
    }

    // Rule 11: ranking within each category; rule 12: quotas.
    let keys: Vec<Vec<Option<Decimal>>> = (0..n_apps)
        .map(|a| {
            t.tie_breaks
                .iter()
                .map(|tb| {
                    let s = cx.stage_idx[tb.stage.as_str()];
                    let o = &outs[s][a];
                    match &tb.indicator {
                        None => o.aggregate,
                        Some(ind) if o.in_scope && !o.short(t.quorum) => {
                            cx.indicator_key(a, s, cx.leaf_pos[s][ind.as_str()], &o.valid)
                        }
                        Some(_) => None,
                    }
                })
                .collect()
        })
        .collect();
    let mut order: Vec<usize> = Vec::with_capacity(n_apps);
    for cat in &t.categories {
        let mut graded: Vec<usize> = (0..n_apps)
            .filter(|&a| {
                results[a].category == cat.id && results[a].status == ApplicantStatus::Graded
            })
            .collect();
        graded.sort_by(|&x, &y| {
            // Descending final, then each key descending (absent last), then id ascending.
            results[y]
                .final_score
                .cmp(&results[x].final_score)
                .then_with(|| keys[y].cmp(&keys[x]))
                .then_with(|| results[x].id.as_bytes().cmp(results[y].id.as_bytes()))
        });
        let in_cat = |a: usize, ineligible: bool| {
            results[a].category == cat.id
                && results[a].status != ApplicantStatus::Graded
                && (results[a].status == ApplicantStatus::Ineligible) == ineligible
        };
        let by_id = |x: &usize, y: &usize| results[*x].id.as_bytes().cmp(results[*y].id.as_bytes());
        let mut rest: Vec<usize> = (0..n_apps).filter(|&a| in_cat(a, false)).collect();
        rest.sort_by(by_id);
        // Ineligible applicants are ranked nowhere: listed last, by id.
        let mut unranked: Vec<usize> = (0..n_apps).filter(|&a| in_cat(a, true)).collect();
        unranked.sort_by(by_id);
        let quotas: Vec<(usize, &crate::template::Quota)> = t
            .quotas
            .iter()
            .enumerate()
            .filter(|(_, q)| q.category.as_ref().is_none_or(|c| *c == cat.id))
            .collect();
        let mut filled: HashMap<(usize, Vec<&str>), u32> = HashMap::new();
        for (rank, &a) in graded.iter().chain(&rest).enumerate() {
            results[a].rank = Some(rank as u32 + 1);
            if !results[a].pass {
                continue;
            }
            let app = &input.applicants[a];
            let groups: Vec<(usize, Vec<&str>)> = quotas
                .iter()
                .map(|(qi, q)| {
                    (
                        *qi,
                        q.group_by
                            .iter()
                            .map(|&f| group_value(app, f).unwrap_or(""))
                            .collect(),
                    )
                })
                .collect();
            let room = groups
                .iter()
                .zip(&quotas)
                .all(|(g, (_, q))| filled.get(g).copied().unwrap_or(0) < q.k);
            if room {
                for g in groups {
                    *filled.entry(g).or_insert(0) += 1;
                }
                results[a].selected = true;
            } else {
                results[a].status = ApplicantStatus::QuotaExceeded;
            }
        }
        order.extend(graded.iter().chain(&rest).chain(&unranked));
    }
    let mut slots: Vec<Option<ApplicantResult>> = results.into_iter().map(Some).collect();
    let applicants = order.into_iter().filter_map(|a| slots[a].take()).collect();

    flags.sort_by(|x, y| (x.0, &x.1, x.2, &x.3).cmp(&(y.0, &y.1, y.2, &y.3)));
    Ok(ComputeResult {
        template: t.id.clone(),
        template_version: t.version,
        method: t.aggregation.method,
        level: t.aggregation.level,
        decimals: t.decimals,
        applicants,
        divergence: flags.into_iter().map(|f| f.4).collect(),
        draw,
    })
}

/// Rule 9's final before rounding: Σ w·A/max over `(w, A, max)` as one exact
/// quotient — `Σ w·A·Π(other maxima) / Π(maxima)` — so the only division is the
/// last one and an exact half (78.945) stays exact for 四舍五入. Should a product
/// overflow (maxima far beyond any template's), the terms are divided one by one.
fn combine(terms: &[(Decimal, Decimal, Decimal)]) -> Decimal {
    let exact = || -> Option<Decimal> {
        let denominator = terms
            .iter()
            .try_fold(Decimal::ONE, |d, (_, _, max)| d.checked_mul(*max))?;
        let mut numerator = Decimal::ZERO;
        for (i, (w, x, _)) in terms.iter().enumerate() {
            let others = terms
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .try_fold(Decimal::ONE, |d, (_, (_, _, max))| d.checked_mul(*max))?;
            numerator = numerator.checked_add(w.checked_mul(*x)?.checked_mul(others)?)?;
        }
        numerator.checked_div(denominator)
    };
    exact().unwrap_or_else(|| terms.iter().map(|(w, x, max)| *w * *x / *max).sum())
}
