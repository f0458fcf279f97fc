//! The assignment solver: a seeded, cost-ordered greedy fill, then augmenting
//! paths of a flow network until every place is filled or none can be (a maximum
//! flow), then the shortages. Integer costs only. `docs/rules.md` rule 15 gives
//! the network and what it guarantees.
//!
//! The network, per applicant a: source → TS(a,k) with capacity "fewest of kind k",
//! source → F(a) with capacity "places of any kind", F(a) → TS(a,k) unbounded;
//! TS(a,k) → AG(a,g,k) with capacity 1 (g an employer: one expert per employer);
//! AG(a,g,k) → E(e) with capacity 1 for every expert e of employer g and kind k
//! that may review a; E(e) → sink with capacity e's load limit. The residual
//! graph is searched implicitly (nodes are numbered, edges derived from the
//! current assignment), so nothing of size applicants × experts is built but one
//! byte of flags per pair.

use super::{
    ApplicantPanel, AssignError, AssignInput, AssignmentPlan, InputProblem, Organization, Pair,
    Shortage,
};
use crate::rules::draw::KeystreamWords;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet, VecDeque};

/// Domain-separation tag of the assignment's seed (version 1).
pub const ASSIGN_TAG: &str = "reviewdesk/assign/v1";

/// Kinds 0..3 are `ExpertKind`; 3 is "no kind".
const K: usize = 4;
const NONE_KIND: usize = 3;

const FORBIDDEN: u8 = 1; // conflicted, recused or banned
const PINNED: u8 = 2;
const ASSIGNED: u8 = 4;
const MATCH: u8 = 8;
const REPAIRED: u8 = 16; // banned by the repair of a mixed-kind employer

const ROOT: u32 = u32::MAX;

struct Solver {
    a_n: usize,
    e_n: usize,
    gk_n: usize,
    need: Vec<u32>,
    min: Vec<[u32; K]>,
    kind: Vec<usize>,
    group: Vec<u32>,
    gk: Vec<u32>,
    gk_kind: Vec<usize>,
    gk_members: Vec<Vec<u32>>,
    gks_of_kind: [Vec<u32>; K],
    cap: Vec<u32>,
    flags: Vec<u8>,
    tiebreak: Vec<u32>,
    match_weight: u64,
    // state
    members: Vec<Vec<u32>>,
    cnt: Vec<[u32; K]>,
    load: Vec<u32>,
    holders: Vec<Vec<u32>>,
    // search scratch
    stamp: Vec<u32>,
    parent: Vec<u32>,
    generation: u32,
}

pub(super) fn solve(input: &AssignInput) -> Result<AssignmentPlan, AssignError> {
    let mut s = Solver::new(input)?;
    let order = s.seeded_order(input.seed);
    for a in order {
        s.fill(a);
    }
    loop {
        while s.augment() {}
        if !s.repair_mixed_employers() {
            break;
        }
    }
    let shortages = s.shortages(input);
    if !shortages.is_empty() {
        return Err(AssignError::Shortage(shortages));
    }
    Ok(AssignmentPlan {
        seed: input.seed,
        panels: (0..s.a_n)
            .map(|a| {
                let mut experts: Vec<String> = s.members[a]
                    .iter()
                    .map(|&e| input.experts[e as usize].id.clone())
                    .collect();
                experts.sort();
                ApplicantPanel {
                    applicant: input.applicants[a].id.clone(),
                    experts,
                }
            })
            .collect(),
    })
}

/// The 32-byte key of the seed: SHA-256(`reviewdesk/assign/v1` ‖ 0x00 ‖ seed as
/// 8 little-endian bytes).
pub(super) fn seed_key(seed: u64) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(ASSIGN_TAG.as_bytes());
    h.update([0u8]);
    h.update(seed.to_le_bytes());
    h.finalize().into()
}

impl Solver {
    fn new(input: &AssignInput) -> Result<Solver, AssignError> {
        let mut problems = Vec::new();
        let a_n = input.applicants.len();
        let e_n = input.experts.len();
        let mut a_ix: HashMap<&str, usize> = HashMap::new();
        for (i, a) in input.applicants.iter().enumerate() {
            if a_ix.insert(a.id.as_str(), i).is_some() {
                problems.push(InputProblem::DuplicateId(a.id.clone()));
            }
        }
        let mut e_ix: HashMap<&str, usize> = HashMap::new();
        for (i, e) in input.experts.iter().enumerate() {
            if e_ix.insert(e.id.as_str(), i).is_some() {
                problems.push(InputProblem::DuplicateId(e.id.clone()));
            }
        }
        let mut flags = vec![0u8; a_n * e_n];
        let pair_ix = |p: &Pair, problems: &mut Vec<InputProblem>| {
            let a = a_ix.get(p.applicant.as_str()).copied();
            let e = e_ix.get(p.expert.as_str()).copied();
            if a.is_none() {
                problems.push(InputProblem::UnknownApplicant(p.applicant.clone()));
            }
            if e.is_none() {
                problems.push(InputProblem::UnknownExpert(p.expert.clone()));
            }
            Some(a? * e_n + e?)
        };
        for p in input
            .conflicts
            .iter()
            .chain(&input.recusals)
            .chain(&input.bans)
        {
            if let Some(i) = pair_ix(p, &mut problems) {
                flags[i] |= FORBIDDEN;
            }
        }
        let mut pins = Vec::new();
        for p in &input.pins {
            if let Some(i) = pair_ix(p, &mut problems) {
                flags[i] |= PINNED;
                pins.push((p, i));
            }
        }
        let reason = |p: &Pair| {
            if input.conflicts.contains(p) {
                "conflicted"
            } else if input.recusals.contains(p) {
                "recused"
            } else {
                "banned"
            }
        };
        for (p, i) in &pins {
            if flags[*i] & FORBIDDEN != 0 {
                problems.push(InputProblem::PinRefused {
                    pair: (*p).clone(),
                    reason: reason(p).into(),
                });
            }
        }

        // Employers → group ids; (group, kind) → gk ids.
        let mut group_ids: HashMap<String, u32> = HashMap::new();
        let mut group = Vec::with_capacity(e_n);
        for e in &input.experts {
            let key = e
                .employer
                .as_ref()
                .and_then(Organization::group_key)
                .unwrap_or_else(|| format!("e:{}", e.id));
            let next = group_ids.len() as u32;
            group.push(*group_ids.entry(key).or_insert(next));
        }
        let kind: Vec<usize> = input
            .experts
            .iter()
            .map(|e| e.kind.map_or(NONE_KIND, |k| k.index()))
            .collect();
        let mut gk_ids: HashMap<(u32, usize), u32> = HashMap::new();
        let mut gk = Vec::with_capacity(e_n);
        let mut gk_kind = Vec::new();
        let mut gk_members: Vec<Vec<u32>> = Vec::new();
        let mut gks_of_kind: [Vec<u32>; K] = Default::default();
        for e in 0..e_n {
            let id = *gk_ids.entry((group[e], kind[e])).or_insert_with(|| {
                gk_kind.push(kind[e]);
                gk_members.push(Vec::new());
                gks_of_kind[kind[e]].push(gk_members.len() as u32 - 1);
                gk_members.len() as u32 - 1
            });
            gk_members[id as usize].push(e as u32);
            gk.push(id);
        }

        let mut need = Vec::with_capacity(a_n);
        let mut min = Vec::with_capacity(a_n);
        for a in &input.applicants {
            let mut m = [0u32; K];
            for (k, n) in &a.requirement.kinds {
                m[k.index()] = *n;
            }
            if m.iter().map(|&x| x as u64).sum::<u64>() > a.requirement.experts as u64 {
                problems.push(InputProblem::KindsExceedTotal(a.id.clone()));
            }
            need.push(a.requirement.experts);
            min.push(m);
        }

        // Pins: per applicant within its places and one per employer; per expert
        // within the load limit.
        let mut pins_of: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut pin_load = vec![0u32; e_n];
        for (_, i) in &pins {
            pins_of.entry(i / e_n).or_default().push(i % e_n);
            pin_load[i % e_n] += 1;
        }
        let mut pinned_apps: Vec<_> = pins_of.iter().collect();
        pinned_apps.sort();
        for (&a, es) in pinned_apps {
            if es.len() > need[a] as usize {
                problems.push(InputProblem::TooManyPins(input.applicants[a].id.clone()));
            }
            for (x, &e1) in es.iter().enumerate() {
                for &e2 in &es[x + 1..] {
                    if group[e1] == group[e2] {
                        problems.push(InputProblem::PinnedSameEmployer(
                            input.experts[e1].id.clone(),
                            input.experts[e2].id.clone(),
                            input.applicants[a].id.clone(),
                        ));
                    }
                }
            }
        }
        for (e, n) in pin_load.iter().enumerate() {
            if *n > input.experts[e].max_load {
                problems.push(InputProblem::PinsOverLoad(input.experts[e].id.clone()));
            }
        }
        if !problems.is_empty() {
            return Err(AssignError::Input(problems));
        }

        // Field match: any applicant topic among the expert's fields.
        let mut topic_ids: HashMap<String, u32> = HashMap::new();
        let mut intern = |s: &str| -> u32 {
            let n = topic_ids.len() as u32;
            *topic_ids.entry(s.trim().to_owned()).or_insert(n)
        };
        let topics: Vec<HashSet<u32>> = input
            .applicants
            .iter()
            .map(|a| a.topics.iter().map(|t| intern(t)).collect())
            .collect();
        let fields: Vec<Vec<u32>> = input
            .experts
            .iter()
            .map(|e| e.fields.iter().map(|t| intern(t)).collect())
            .collect();
        for a in 0..a_n {
            for e in 0..e_n {
                if fields[e].iter().any(|f| topics[a].contains(f)) {
                    flags[a * e_n + e] |= MATCH;
                }
            }
        }

        let nodes = a_n + a_n * K + a_n * gk_members.len() + e_n;
        let mut s = Solver {
            a_n,
            e_n,
            gk_n: gk_members.len(),
            need,
            min,
            kind,
            group,
            gk,
            gk_kind,
            gk_members,
            gks_of_kind,
            cap: input.experts.iter().map(|e| e.max_load).collect(),
            flags,
            tiebreak: Vec::new(),
            match_weight: input.match_weight as u64,
            members: vec![Vec::new(); a_n],
            cnt: vec![[0; K]; a_n],
            load: vec![0; e_n],
            holders: vec![Vec::new(); e_n],
            stamp: vec![0; nodes],
            parent: vec![ROOT; nodes],
            generation: 0,
        };
        for (_, i) in pins {
            s.add(i / e_n, i % e_n);
        }
        Ok(s)
    }

    /// The applicants in the order the seed gives (a Fisher–Yates shuffle of the
    /// input order driven by the ChaCha20 keystream of [`seed_key`]), and one
    /// 32-bit tie-break per pair from the same stream.
    fn seeded_order(&mut self, seed: u64) -> Vec<usize> {
        let mut words = KeystreamWords::new(&seed_key(seed));
        let mut order: Vec<usize> = (0..self.a_n).collect();
        for i in 0..self.a_n {
            let j = i + words.uniform((self.a_n - i) as u64) as usize;
            order.swap(i, j);
        }
        let pairs = self.a_n * self.e_n;
        self.tiebreak = Vec::with_capacity(pairs + 1);
        while self.tiebreak.len() < pairs {
            let w = words.next_word();
            self.tiebreak.push(w as u32);
            self.tiebreak.push((w >> 32) as u32);
        }
        order
    }

    fn cost(&self, a: usize, e: usize) -> u64 {
        let miss = if self.flags[a * self.e_n + e] & MATCH != 0 {
            0
        } else {
            self.match_weight
        };
        ((self.load[e] as u64 + miss) << 32) | self.tiebreak[a * self.e_n + e] as u64
    }

    fn group_used(&self, a: usize, g: u32) -> bool {
        self.members[a].iter().any(|&x| self.group[x as usize] == g)
    }

    fn may_add(&self, a: usize, e: usize) -> bool {
        self.flags[a * self.e_n + e] & (FORBIDDEN | ASSIGNED | REPAIRED) == 0
            && self.load[e] < self.cap[e]
            && !self.group_used(a, self.group[e])
    }

    fn add(&mut self, a: usize, e: usize) {
        self.flags[a * self.e_n + e] |= ASSIGNED;
        self.members[a].push(e as u32);
        self.cnt[a][self.kind[e]] += 1;
        self.load[e] += 1;
        self.holders[e].push(a as u32);
    }

    fn remove(&mut self, a: usize, e: usize) {
        self.flags[a * self.e_n + e] &= !ASSIGNED;
        self.members[a].retain(|&x| x as usize != e);
        self.cnt[a][self.kind[e]] -= 1;
        self.load[e] -= 1;
        self.holders[e].retain(|&x| x as usize != a);
    }

    /// The greedy step: the cheapest allowed expert for each missing place,
    /// required kinds first.
    fn fill(&mut self, a: usize) {
        for k in 0..NONE_KIND {
            while self.cnt[a][k] < self.min[a][k] && (self.members[a].len() as u32) < self.need[a] {
                if !self.pick(a, Some(k)) {
                    break;
                }
            }
        }
        while self.free_used(a) < self.free_places(a) {
            if !self.pick(a, None) {
                break;
            }
        }
    }

    fn pick(&mut self, a: usize, kind: Option<usize>) -> bool {
        let best = (0..self.e_n)
            .filter(|&e| kind.is_none_or(|k| self.kind[e] == k) && self.may_add(a, e))
            .min_by_key(|&e| self.cost(a, e));
        if let Some(e) = best {
            self.add(a, e);
        }
        best.is_some()
    }

    fn free_used(&self, a: usize) -> u32 {
        (0..K)
            .map(|k| self.cnt[a][k].saturating_sub(self.min[a][k]))
            .sum()
    }

    fn free_places(&self, a: usize) -> u32 {
        self.need[a] - self.min[a].iter().sum::<u32>()
    }

    // Node numbering of the implicit residual graph.
    fn n_f(&self, a: usize) -> usize {
        a
    }
    fn n_ts(&self, a: usize, k: usize) -> usize {
        self.a_n + a * K + k
    }
    fn n_ag(&self, a: usize, gk: usize) -> usize {
        self.a_n + self.a_n * K + a * self.gk_n + gk
    }
    fn n_e(&self, e: usize) -> usize {
        self.a_n + self.a_n * K + self.a_n * self.gk_n + e
    }

    fn visit(&mut self, q: &mut VecDeque<usize>, v: usize, from: u32) {
        if self.stamp[v] != self.generation {
            self.stamp[v] = self.generation;
            self.parent[v] = from;
            q.push_back(v);
        }
    }

    /// One augmenting path from any unfilled place to an expert with load to
    /// spare, applied; false when there is none (the flow is maximum).
    fn augment(&mut self) -> bool {
        self.generation += 1;
        let mut q = VecDeque::new();
        for a in 0..self.a_n {
            if self.members[a].len() as u32 >= self.need[a] {
                continue;
            }
            for k in 0..NONE_KIND {
                if self.cnt[a][k] < self.min[a][k] {
                    let v = self.n_ts(a, k);
                    self.visit(&mut q, v, ROOT);
                }
            }
            if self.free_used(a) < self.free_places(a) {
                let v = self.n_f(a);
                self.visit(&mut q, v, ROOT);
            }
        }
        let ts0 = self.a_n;
        let ag0 = ts0 + self.a_n * K;
        let e0 = ag0 + self.a_n * self.gk_n;
        while let Some(u) = q.pop_front() {
            let from = u as u32;
            if u < ts0 {
                let a = u;
                for k in 0..K {
                    let v = self.n_ts(a, k);
                    self.visit(&mut q, v, from);
                }
            } else if u < ag0 {
                let (a, k) = ((u - ts0) / K, (u - ts0) % K);
                if self.cnt[a][k] > self.min[a][k] {
                    let v = self.n_f(a);
                    self.visit(&mut q, v, from);
                }
                for i in 0..self.gks_of_kind[k].len() {
                    let gk = self.gks_of_kind[k][i] as usize;
                    let g = self.group[self.gk_members[gk][0] as usize];
                    if !self.group_used(a, g) {
                        let v = self.n_ag(a, gk);
                        self.visit(&mut q, v, from);
                    }
                }
            } else if u < e0 {
                let (a, gk) = ((u - ag0) / self.gk_n, (u - ag0) % self.gk_n);
                let holder = self.members[a]
                    .iter()
                    .copied()
                    .find(|&x| self.gk[x as usize] as usize == gk);
                if let Some(h) = holder {
                    if self.flags[a * self.e_n + h as usize] & PINNED == 0 {
                        let v = self.n_ts(a, self.gk_kind[gk]);
                        self.visit(&mut q, v, from);
                    }
                }
                for i in 0..self.gk_members[gk].len() {
                    let e = self.gk_members[gk][i] as usize;
                    if self.flags[a * self.e_n + e] & (FORBIDDEN | ASSIGNED | REPAIRED) == 0 {
                        let v = self.n_e(e);
                        self.visit(&mut q, v, from);
                    }
                }
            } else {
                let e = u - e0;
                if self.load[e] < self.cap[e] {
                    self.apply(u);
                    return true;
                }
                for i in 0..self.holders[e].len() {
                    let b = self.holders[e][i] as usize;
                    if self.flags[b * self.e_n + e] & PINNED == 0 {
                        let v = self.n_ag(b, self.gk[e] as usize);
                        self.visit(&mut q, v, from);
                    }
                }
            }
        }
        false
    }

    /// Applies the path ending at expert node `end`: every AG → E step assigns,
    /// every E → AG step unassigns; the rest follows from the counts.
    fn apply(&mut self, end: usize) {
        let ag0 = self.a_n + self.a_n * K;
        let e0 = ag0 + self.a_n * self.gk_n;
        let mut path = vec![end];
        let mut v = end;
        while self.parent[v] != ROOT {
            v = self.parent[v] as usize;
            path.push(v);
        }
        path.reverse();
        for w in path.windows(2) {
            let (u, v) = (w[0], w[1]);
            if (ag0..e0).contains(&u) && v >= e0 {
                self.add((u - ag0) / self.gk_n, v - e0);
            } else if u >= e0 && (ag0..e0).contains(&v) {
                self.remove((v - ag0) / self.gk_n, u - e0);
            }
        }
    }

    /// Only an employer with experts of two kinds can end up twice on one
    /// applicant (the network keeps one per employer and kind): drops the later
    /// of such a pair, not a pin, and bans it for the rest of the run. True when
    /// anything was dropped.
    fn repair_mixed_employers(&mut self) -> bool {
        let mut changed = false;
        for a in 0..self.a_n {
            let mut m = self.members[a].clone();
            m.sort();
            for (i, &e1) in m.iter().enumerate() {
                for &e2 in &m[i + 1..] {
                    let (e1, e2) = (e1 as usize, e2 as usize);
                    if self.group[e1] != self.group[e2]
                        || self.flags[a * self.e_n + e1] & ASSIGNED == 0
                        || self.flags[a * self.e_n + e2] & ASSIGNED == 0
                    {
                        continue;
                    }
                    let drop = if self.flags[a * self.e_n + e2] & PINNED == 0 {
                        e2
                    } else {
                        e1
                    };
                    self.remove(a, drop);
                    self.flags[a * self.e_n + drop] |= REPAIRED;
                    changed = true;
                }
            }
        }
        changed
    }

    fn eligible_groups(&self, a: usize, kind: Option<usize>) -> u32 {
        let groups: HashSet<u32> = (0..self.e_n)
            .filter(|&e| {
                kind.is_none_or(|k| self.kind[e] == k)
                    && self.flags[a * self.e_n + e] & FORBIDDEN == 0
            })
            .map(|e| self.group[e])
            .collect();
        groups.len() as u32
    }

    fn shortages(&self, input: &AssignInput) -> Vec<Shortage> {
        let mut out = Vec::new();
        for a in 0..self.a_n {
            // Pins of other kinds can fill an applicant and still leave a kind short.
            let ap = &input.applicants[a];
            for (k, kind) in super::ExpertKind::ALL.iter().enumerate() {
                if self.cnt[a][k] < self.min[a][k] {
                    out.push(Shortage {
                        applicant: ap.id.clone(),
                        categories: ap.categories.clone(),
                        kind: Some(*kind),
                        missing: self.min[a][k] - self.cnt[a][k],
                        eligible: self.eligible_groups(a, Some(k)),
                    });
                }
            }
            let free = self.free_places(a) - self.free_used(a).min(self.free_places(a));
            if free > 0 {
                out.push(Shortage {
                    applicant: ap.id.clone(),
                    categories: ap.categories.clone(),
                    kind: None,
                    missing: free,
                    eligible: self.eligible_groups(a, None),
                });
            }
        }
        out
    }
}
