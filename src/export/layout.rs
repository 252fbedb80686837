//! ForceAtlas2 layout (Jacomy et al. 2014), written here with a Barnes–Hut
//! quadtree for repulsion, so graph files open in Gephi already laid out.
//! (The `forceatlas2` crate is AGPL and cannot be used.)

use crate::analyze::Adjacency;

/// Options of [`force_atlas2`]; the defaults follow Gephi's.
#[derive(Debug, Clone, Copy)]
pub struct LayoutOptions {
    /// Repulsion strength; 0 picks by size (5 below 100 nodes, 30 above:
    /// stronger than Gephi's 2 and 10, so that leaves keep room for their labels).
    pub scaling: f64,
    pub gravity: f64,
    /// Barnes–Hut accuracy: a region farther than `size / theta` counts as one body.
    pub theta: f64,
    /// Rounds; `None` picks by graph size.
    pub iterations: Option<usize>,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            scaling: 0.0,
            gravity: 3.0,
            theta: 1.2,
            iterations: None,
        }
    }
}

struct Cell {
    mass: f64,
    cx: f64,
    cy: f64,
    size: f64,
    /// Bodies of a leaf, as a range of the permutation.
    start: usize,
    end: usize,
    children: Vec<usize>,
}

struct QuadTree {
    cells: Vec<Cell>,
    perm: Vec<usize>,
}

impl QuadTree {
    fn build(pos: &[(f64, f64)], mass: &[f64]) -> QuadTree {
        let n = pos.len();
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in pos {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        let size = (x1 - x0).max(y1 - y0).max(1e-9);
        let mut t = QuadTree {
            cells: Vec::new(),
            perm: (0..n).collect(),
        };
        t.node(pos, mass, 0, n, x0, y0, size, 0);
        t
    }

    #[allow(clippy::too_many_arguments)]
    fn node(
        &mut self,
        pos: &[(f64, f64)],
        mass: &[f64],
        start: usize,
        end: usize,
        x0: f64,
        y0: f64,
        size: f64,
        depth: usize,
    ) -> usize {
        let (mut m, mut cx, mut cy) = (0.0, 0.0, 0.0);
        for &i in &self.perm[start..end] {
            m += mass[i];
            cx += pos[i].0 * mass[i];
            cy += pos[i].1 * mass[i];
        }
        let id = self.cells.len();
        self.cells.push(Cell {
            mass: m,
            cx: cx / m,
            cy: cy / m,
            size,
            start,
            end,
            children: Vec::new(),
        });
        // coincident bodies would split forever: a depth cap keeps them in one leaf
        if end - start <= 1 || depth >= 24 {
            return id;
        }
        let half = size / 2.0;
        let (mx, my) = (x0 + half, y0 + half);
        let quadrant = |i: usize| (pos[i].0 >= mx) as usize + 2 * (pos[i].1 >= my) as usize;
        self.perm[start..end].sort_unstable_by_key(|&i| quadrant(i));
        let mut children = Vec::new();
        let mut s = start;
        for q in 0..4 {
            let mut e = s;
            while e < end && quadrant(self.perm[e]) == q {
                e += 1;
            }
            if e > s {
                let (qx, qy) = (x0 + half * (q % 2) as f64, y0 + half * (q / 2) as f64);
                children.push(self.node(pos, mass, s, e, qx, qy, half, depth + 1));
            }
            s = e;
        }
        self.cells[id].children = children;
        id
    }

    /// The repulsion on body `i`.
    fn repulsion(
        &self,
        i: usize,
        pos: &[(f64, f64)],
        mass: &[f64],
        kr: f64,
        theta: f64,
    ) -> (f64, f64) {
        let (mut fx, mut fy) = (0.0, 0.0);
        let mut stack = vec![0usize];
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c];
            let (dx, dy) = (pos[i].0 - cell.cx, pos[i].1 - cell.cy);
            let d2 = dx * dx + dy * dy;
            if cell.children.is_empty() {
                for &j in &self.perm[cell.start..cell.end] {
                    if j == i {
                        continue;
                    }
                    let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                    let d2 = (dx * dx + dy * dy).max(1e-6);
                    let f = kr * mass[i] * mass[j] / d2;
                    fx += dx * f;
                    fy += dy * f;
                }
            } else if d2 > 0.0 && cell.size * cell.size < theta * theta * d2 {
                let f = kr * mass[i] * cell.mass / d2;
                fx += dx * f;
                fy += dy * f;
            } else {
                stack.extend(cell.children.iter().copied());
            }
        }
        (fx, fy)
    }
}

/// Lays a graph out with ForceAtlas2: linear attraction along edges (times
/// their weight), repulsion between all nodes by degree, gravity to the
/// centre, and Gephi's adaptive speed.
///
/// # Arguments
/// * `a` — the graph; `options` — strengths and rounds.
///
/// # Returns
/// One `(x, y)` per node. Deterministic: the start is a fixed spiral.
///
/// # Complexity
/// O(I · (V log V + E)) for I rounds.
///
/// # Example
/// ```
/// use innograph::analyze::Adjacency;
/// use innograph::export::layout::{force_atlas2, LayoutOptions};
/// let a = Adjacency::from_edges(3, [(0, 1, 1.0), (1, 2, 1.0)]);
/// let pos = force_atlas2(&a, &LayoutOptions::default());
/// assert_eq!(pos.len(), 3);
/// assert!(pos.iter().all(|(x, y)| x.is_finite() && y.is_finite()));
/// ```
pub fn force_atlas2(a: &Adjacency, options: &LayoutOptions) -> Vec<(f64, f64)> {
    let n = a.len();
    // golden-angle spiral: spread out, deterministic, no two nodes at one point
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let r = 10.0 * ((i as f64) + 0.5).sqrt();
            let t = i as f64 * 2.399_963_229_728_653;
            (r * t.cos(), r * t.sin())
        })
        .collect();
    if n < 2 {
        return pos;
    }
    let mass: Vec<f64> = (0..n).map(|u| a.degree(u) as f64 + 1.0).collect();
    let kr = if options.scaling > 0.0 {
        options.scaling
    } else if n < 100 {
        5.0
    } else {
        30.0
    };
    let iterations = options.iterations.unwrap_or(if n <= 1000 {
        600
    } else if n <= 20_000 {
        200
    } else {
        60
    });
    let mut old = vec![(0.0, 0.0); n];
    let (mut speed, mut efficiency) = (1.0f64, 1.0f64);
    for _ in 0..iterations {
        let tree = QuadTree::build(&pos, &mass);
        let mut force: Vec<(f64, f64)> = (0..n)
            .map(|i| tree.repulsion(i, &pos, &mass, kr, options.theta))
            .collect();
        for (i, f) in force.iter_mut().enumerate() {
            let (x, y) = pos[i];
            let d = (x * x + y * y).sqrt();
            if d > 0.0 {
                let g = options.gravity * mass[i] / d;
                f.0 -= x * g;
                f.1 -= y * g;
            }
        }
        for (u, v, w) in a.edges() {
            let (dx, dy) = (pos[u].0 - pos[v].0, pos[u].1 - pos[v].1);
            force[u].0 -= dx * w;
            force[u].1 -= dy * w;
            force[v].0 += dx * w;
            force[v].1 += dy * w;
        }
        let (mut swinging, mut traction) = (0.0, 0.0);
        let mut swing = vec![0.0; n];
        for i in 0..n {
            let (fx, fy) = force[i];
            let (ox, oy) = old[i];
            swing[i] = mass[i] * ((fx - ox).powi(2) + (fy - oy).powi(2)).sqrt();
            swinging += swing[i];
            traction += mass[i] * ((fx + ox).powi(2) + (fy + oy).powi(2)).sqrt() / 2.0;
        }
        // Gephi's adaptive speed: fast while forces agree, slower when nodes oscillate
        let optimal = 0.05 * (n as f64).sqrt();
        let mut jt = optimal
            .sqrt()
            .max(10f64.min(optimal * traction / (n * n) as f64));
        if traction > 0.0 && swinging / traction > 2.0 {
            if efficiency > 0.05 {
                efficiency *= 0.5;
            }
            jt = jt.max(1.0);
        }
        let target = if swinging > 0.0 {
            jt * efficiency * traction / swinging
        } else {
            speed
        };
        if swinging > jt * traction {
            if efficiency > 0.05 {
                efficiency *= 0.7;
            }
        } else if speed < 1000.0 {
            efficiency *= 1.3;
        }
        speed += (target - speed).min(0.5 * speed);
        for i in 0..n {
            let factor = speed / (1.0 + (speed * swing[i]).sqrt());
            pos[i].0 += force[i].0 * factor;
            pos[i].1 += force[i].1 * factor;
        }
        old = force;
    }
    pos
}
