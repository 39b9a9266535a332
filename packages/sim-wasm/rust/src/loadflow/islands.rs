// SPDX-License-Identifier: LGPL-2.1-or-later
//! Islands: buses joined by in-service branches (union–find with path halving). An island is
//! supplied when it holds at least one slack bus; the buses of any other island get no
//! equations and are reported unsupplied, not solved.

use super::{Branch, Bus, BusKind};

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

pub struct Islands {
    /// Island number per bus, 0.. in order of each island's first bus.
    pub island: Vec<usize>,
    pub count: usize,
    /// Per bus: its island has a slack.
    pub supplied: Vec<bool>,
    /// Per bus: the first slack bus of its island (angle reference of a flat start).
    pub reference: Vec<Option<usize>>,
}

pub fn find_islands(buses: &[Bus], branches: &[Branch]) -> Islands {
    let n = buses.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for br in branches.iter().filter(|b| b.in_service) {
        let (a, b) = (find(&mut parent, br.from), find(&mut parent, br.to));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut number = vec![usize::MAX; n];
    let mut island = vec![0; n];
    let mut count = 0;
    let mut slack_of_root = vec![None; n];
    for i in 0..n {
        let root = find(&mut parent, i);
        if number[root] == usize::MAX {
            number[root] = count;
            count += 1;
        }
        island[i] = number[root];
        if buses[i].kind == BusKind::Slack && slack_of_root[root].is_none() {
            slack_of_root[root] = Some(i);
        }
    }
    let reference: Vec<Option<usize>> = (0..n)
        .map(|i| slack_of_root[find(&mut parent, i)])
        .collect();
    Islands {
        island,
        count,
        supplied: reference.iter().map(|r| r.is_some()).collect(),
        reference,
    }
}
