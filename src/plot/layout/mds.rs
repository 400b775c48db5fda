//! Pivot MDS: a start for stress majorization from the distances to a few pivots.
//!
//! Brandes & Pich (2007), "Eigensolver methods for progressive multidimensional scaling of large
//! data", Graph Drawing 2006, LNCS 4372: choose k pivots by max–min distance, double-centre the
//! n × k matrix C of squared distances, and place node i at (C v₁, C v₂)ᵢ where v₁, v₂ are the
//! leading eigenvectors of CᵀC (found by power iteration from a fixed start, so the result is
//! deterministic). With k = n this is classical MDS. Cost O(k·(n + m) + k²·n).

use super::graph::LocalGraph;
use super::Point;
use std::collections::VecDeque;

/// Largest number of pivots.
pub const PIVOTS: usize = 50;

/// Pivots chosen by max–min hop distance, starting from node 0, with each pivot's distance row.
/// Unreachable nodes count as one hop farther than the farthest reachable one.
pub fn pivots(g: &LocalGraph, k: usize) -> (Vec<usize>, Vec<Vec<f64>>) {
    let n = g.len();
    let k = k.min(n);
    let (mut pivots, mut rows) = (Vec::with_capacity(k), Vec::with_capacity(k));
    let mut nearest = vec![f64::INFINITY; n];
    let (mut dist, mut queue) = (Vec::new(), VecDeque::new());
    let mut next = 0usize;
    for _ in 0..k {
        g.bfs(next, &mut dist, &mut queue);
        let far = dist.iter().filter(|&&d| d != u32::MAX).max().copied().unwrap_or(0);
        let row: Vec<f64> =
            dist.iter().map(|&d| if d == u32::MAX { f64::from(far) + 1.0 } else { f64::from(d) }).collect();
        for (m, &d) in nearest.iter_mut().zip(&row) {
            *m = m.min(d);
        }
        pivots.push(next);
        rows.push(row);
        // The next pivot: farthest from all chosen ones (smallest index on ties).
        let mut best = (0.0, usize::MAX);
        for (v, &m) in nearest.iter().enumerate() {
            if m > best.0 {
                best = (m, v);
            }
        }
        if best.1 == usize::MAX {
            break;
        }
        next = best.1;
    }
    (pivots, rows)
}

/// Pivot MDS positions of the nodes of `g` (assumed connected; one unit ≈ one hop).
pub fn pivot_mds(g: &LocalGraph) -> Vec<Point> {
    let n = g.len();
    if n <= 2 {
        return (0..n).map(|i| [i as f64, 0.0]).collect();
    }
    let (_, rows) = pivots(g, PIVOTS);
    let k = rows.len();
    // C (n × k, column-major by pivot), double-centred squared distances.
    let mut c: Vec<Vec<f64>> = rows.iter().map(|r| r.iter().map(|d| d * d).collect()).collect();
    let col_mean: Vec<f64> = c.iter().map(|col| col.iter().sum::<f64>() / n as f64).collect();
    let row_mean: Vec<f64> = (0..n).map(|i| c.iter().map(|col| col[i]).sum::<f64>() / k as f64).collect();
    let all = col_mean.iter().sum::<f64>() / k as f64;
    for (j, col) in c.iter_mut().enumerate() {
        for (i, x) in col.iter_mut().enumerate() {
            *x = -0.5 * (*x - row_mean[i] - col_mean[j] + all);
        }
    }
    // B = CᵀC (k × k).
    let mut b = vec![0.0; k * k];
    for a in 0..k {
        for e in a..k {
            let s: f64 = c[a].iter().zip(&c[e]).map(|(x, y)| x * y).sum();
            b[a * k + e] = s;
            b[e * k + a] = s;
        }
    }
    let v1 = power_iteration(&b, k, None);
    let v2 = power_iteration(&b, k, Some(&v1));
    let mut pos: Vec<Point> = (0..n)
        .map(|i| {
            let x: f64 = (0..k).map(|j| c[j][i] * v1[j]).sum();
            let y: f64 = (0..k).map(|j| c[j][i] * v2[j]).sum();
            [x, y]
        })
        .collect();
    // Scale so that an edge is one unit long on average.
    let (mut len, mut m) = (0.0, 0usize);
    for v in 0..n {
        for &w in g.neighbors(v) {
            let w = w as usize;
            len += (pos[v][0] - pos[w][0]).hypot(pos[v][1] - pos[w][1]);
            m += 1;
        }
    }
    if len > 1e-12 && m > 0 {
        let s = m as f64 / len;
        pos.iter_mut().for_each(|p| *p = [p[0] * s, p[1] * s]);
    }
    pos
}

/// The leading eigenvector of the symmetric `k × k` matrix `b` (orthogonal to `other` if given),
/// by 200 steps of power iteration from a fixed start.
fn power_iteration(b: &[f64], k: usize, other: Option<&[f64]>) -> Vec<f64> {
    let mut v: Vec<f64> = (0..k).map(|i| 1.0 + (i as f64 * 0.618_033_988_7).fract()).collect();
    let mut w = vec![0.0; k];
    for _ in 0..200 {
        if let Some(o) = other {
            let dot: f64 = v.iter().zip(o).map(|(a, b)| a * b).sum();
            v.iter_mut().zip(o).for_each(|(a, b)| *a -= dot * b);
        }
        let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm < 1e-300 {
            break;
        }
        v.iter_mut().for_each(|x| *x /= norm);
        for (i, wi) in w.iter_mut().enumerate() {
            *wi = (0..k).map(|j| b[i * k + j] * v[j]).sum();
        }
        std::mem::swap(&mut v, &mut w);
    }
    if let Some(o) = other {
        let dot: f64 = v.iter().zip(o).map(|(a, b)| a * b).sum();
        v.iter_mut().zip(o).for_each(|(a, b)| *a -= dot * b);
    }
    let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt().max(1e-300);
    v.iter().map(|x| x / norm).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_laid_out_on_a_line_with_unit_edges() {
        // A path of 6 nodes: classical MDS recovers it exactly (one dimension).
        let g = LocalGraph::new(6, &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]);
        let p = pivot_mds(&g);
        let d = |i: usize, j: usize| (p[i][0] - p[j][0]).hypot(p[i][1] - p[j][1]);
        for i in 0..5 {
            assert!((d(i, i + 1) - 1.0).abs() < 1e-6, "{p:?}");
        }
        assert!((d(0, 5) - 5.0).abs() < 1e-6);
    }

    #[test]
    fn pivots_are_spread() {
        // Path 0..=4: first pivot 0, then the farthest, 4, then the middle, 2.
        let g = LocalGraph::new(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        assert_eq!(pivots(&g, 3).0, vec![0, 4, 2]);
    }
}
