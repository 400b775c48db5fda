//! Degree and attribute assortativity of a simple undirected graph: Newman (2002), "Assortative
//! mixing in networks", Phys. Rev. Lett. 89, 208701 (eq. 4), and Newman (2003), "Mixing patterns
//! in networks", Phys. Rev. E 67, 026126 (eq. 2), as networkx 3's
//! `degree_assortativity_coefficient` and `attribute_assortativity_coefficient`.
//!
//! Place in the flow: csr → **assortativity** → graph table. Each edge is counted in both
//! directions (2m ordered pairs, as networkx's mixing matrices). The sums are integers, so each
//! coefficient is one exact ratio turned into a float at the end; `None` where networkx gives NaN.
//! O(n + m).

/// Pearson correlation of the degrees at the two ends of every edge (both directions):
/// r = (M Σxy − (Σx)²) / (M Σx² − (Σx)²) with M = 2m ordered pairs. `None` when the
/// denominator is 0 (no edge, or all edge ends of one degree). O(m).
pub fn degree_assortativity(degree: &[u32], edges: &[(u32, u32)]) -> Option<f64> {
    let (mut s1, mut s2, mut sxy) = (0i128, 0i128, 0i128);
    for &(a, b) in edges {
        let (x, y) = (i128::from(degree[a as usize]), i128::from(degree[b as usize]));
        s1 += x + y;
        s2 += x * x + y * y;
        sxy += 2 * x * y;
    }
    let m = 2 * edges.len() as i128;
    ratio(m * sxy - s1 * s1, m * s2 - s1 * s1)
}

/// Newman's assortativity by a categorical attribute: r = (Σ e_ii − Σ a_i²) / (1 − Σ a_i²),
/// e_ij the share of the 2m ordered edge ends joining class i to class j and a_i = Σ_j e_ij.
/// `class[u] < classes` for every node u. `None` when every edge end is in one class (Σ a_i² = 1);
/// 0 for a graph without edges (networkx's empty mixing matrix gives (0 − 0) / (1 − 0)).
/// O(n + m + classes).
pub fn attribute_assortativity(degree: &[u32], class: &[u8], edges: &[(u32, u32)], classes: usize) -> Option<f64> {
    if edges.is_empty() {
        return Some(0.0);
    }
    let mut a = vec![0i128; classes];
    for (u, &d) in degree.iter().enumerate() {
        a[usize::from(class[u])] += i128::from(d);
    }
    let same = edges.iter().filter(|&&(x, y)| class[x as usize] == class[y as usize]).count() as i128;
    let m = 2 * edges.len() as i128;
    let sum_sq: i128 = a.iter().map(|x| x * x).sum();
    // Multiplied through by M²: (M · 2·same − Σ a²) / (M² − Σ a²).
    ratio(m * 2 * same - sum_sq, m * m - sum_sq)
}

fn ratio(num: i128, den: i128) -> Option<f64> {
    (den != 0).then(|| num as f64 / den as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn degrees(n: usize, edges: &[(u32, u32)]) -> Vec<u32> {
        let mut d = vec![0; n];
        for &(a, b) in edges {
            d[a as usize] += 1;
            d[b as usize] += 1;
        }
        d
    }

    #[test]
    fn star_path_and_degenerate_graphs() {
        // Star K1,3: every edge joins degree 3 to degree 1 → perfectly disassortative, r = −1.
        let star = [(0, 1), (0, 2), (0, 3)];
        assert_eq!(degree_assortativity(&degrees(4, &star), &star), Some(-1.0));
        // Path 0-1-2-3: ends (1,2),(2,2),(2,1) both ways: M = 6, Σx = 10, Σx² = 18, Σxy = 2(2+4+2) = 16;
        // r = (6·16 − 100) / (6·18 − 100) = −4 / 8 = −0.5 (networkx: −0.5).
        let path = [(0, 1), (1, 2), (2, 3)];
        assert_eq!(degree_assortativity(&degrees(4, &path), &path), Some(-0.5));
        // A perfect matching (all ends of degree 1) and an empty graph: NaN in networkx.
        let matching = [(0, 1), (2, 3)];
        assert_eq!(degree_assortativity(&degrees(4, &matching), &matching), None);
        assert_eq!(degree_assortativity(&[0, 0], &[]), None);
    }

    #[test]
    fn attribute_assortativity_by_hand() {
        // Path 0-1-2-3, classes A A B B: ends A–A twice, A–B twice, B–B twice over M = 6.
        // a_A = deg 0 + deg 1 = 3, a_B = 3; Σa² = 18; same-class ordered ends = 4.
        // r = (6·4 − 18) / (36 − 18) = 6/18 = 1/3 (networkx: 0.3333…).
        let path = [(0, 1), (1, 2), (2, 3)];
        let r = attribute_assortativity(&degrees(4, &path), &[0, 0, 1, 1], &path, 2).unwrap();
        assert!((r - 1.0 / 3.0).abs() < 1e-15);
        // Classes A B A B: no edge inside a class → r = (0 − 18)/18 = −1.
        assert_eq!(attribute_assortativity(&degrees(4, &path), &[0, 1, 0, 1], &path, 2), Some(-1.0));
        // All in one class: NaN in networkx; no edge at all: 0 in networkx.
        assert_eq!(attribute_assortativity(&degrees(4, &path), &[1, 1, 1, 1], &path, 2), None);
        assert_eq!(attribute_assortativity(&[0, 0], &[0, 1], &[], 2), Some(0.0));
    }
}
