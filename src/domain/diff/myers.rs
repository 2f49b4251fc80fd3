//! The shortest edit script between two sequences (Myers, "An O(ND) difference algorithm", 1986).
//!
//! Time and memory grow with the size of the difference, not with the square of the lengths, so a long
//! narrative paragraph with a few changed words costs little. A common prefix and suffix are cut first. Past
//! [`MAX_EDITS`] the middle is reported as wholly replaced: two texts that different share nothing worth
//! marking, and the bound keeps the memory of a pathological input small.

/// One step of an edit script: indexes into the old sequence (`Delete`), the new one (`Insert`) or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Equal(usize, usize),
    Delete(usize),
    Insert(usize),
}

/// Edits beyond which two sequences are treated as unrelated.
const MAX_EDITS: usize = 4096;

/// An edit script turning `old` into `new`, in order, with as few deletions and insertions as possible.
pub fn diff<T: PartialEq>(old: &[T], new: &[T]) -> Vec<Edit> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (old_mid, new_mid) = (&old[prefix..old.len() - suffix], &new[prefix..new.len() - suffix]);
    let mut edits: Vec<Edit> = (0..prefix).map(|i| Edit::Equal(i, i)).collect();
    let middle = shortest(old_mid, new_mid).unwrap_or_else(|| {
        let deletes = (0..old_mid.len()).map(Edit::Delete);
        deletes.chain((0..new_mid.len()).map(Edit::Insert)).collect()
    });
    edits.extend(middle.into_iter().map(|edit| match edit {
        Edit::Equal(i, j) => Edit::Equal(i + prefix, j + prefix),
        Edit::Delete(i) => Edit::Delete(i + prefix),
        Edit::Insert(j) => Edit::Insert(j + prefix),
    }));
    let (old_tail, new_tail) = (old.len() - suffix, new.len() - suffix);
    edits.extend((0..suffix).map(|i| Edit::Equal(old_tail + i, new_tail + i)));
    edits
}

/// The greedy forward search, keeping each round's furthest points to walk back; `None` past [`MAX_EDITS`].
fn shortest<T: PartialEq>(old: &[T], new: &[T]) -> Option<Vec<Edit>> {
    let (n, m) = (old.len() as isize, new.len() as isize);
    let max = (n + m) as usize;
    let offset = max as isize + 1;
    let mut v = vec![0isize; 2 * max + 3];
    // trace[d] holds the furthest x of every diagonal k in -d..=d after round d, at index k + d.
    let mut trace: Vec<Vec<isize>> = Vec::new();
    for d in 0..=max.min(MAX_EDITS) as isize {
        for k in (-d..=d).step_by(2) {
            let down = k == -d || (k != d && v[(offset + k - 1) as usize] < v[(offset + k + 1) as usize]);
            let mut x = if down {
                v[(offset + k + 1) as usize]
            } else {
                v[(offset + k - 1) as usize] + 1
            };
            let mut y = x - k;
            while x < n && y < m && old[x as usize] == new[y as usize] {
                x += 1;
                y += 1;
            }
            v[(offset + k) as usize] = x;
        }
        trace.push(v[(offset - d) as usize..=(offset + d) as usize].to_vec());
        let end = n - m;
        if end.abs() <= d && (end + d) % 2 == 0 && v[(offset + end) as usize] >= n {
            return Some(walk_back(&trace, n, m));
        }
    }
    None
}

/// Follows the rounds back from the end to the start, collecting the edits in reverse.
fn walk_back(trace: &[Vec<isize>], n: isize, m: isize) -> Vec<Edit> {
    let mut edits = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..trace.len() as isize).rev() {
        let previous = &trace[d as usize - 1];
        let at = |k: isize| previous[(k + d - 1) as usize];
        let k = x - y;
        let down = k == -d || (k != d && at(k - 1) < at(k + 1));
        let previous_k = if down { k + 1 } else { k - 1 };
        let previous_x = at(previous_k);
        let previous_y = previous_x - previous_k;
        // The diagonal (equal) run that followed this round's one edit.
        while x > previous_x && y > previous_y {
            x -= 1;
            y -= 1;
            edits.push(Edit::Equal(x as usize, y as usize));
        }
        if down {
            edits.push(Edit::Insert(previous_y as usize));
        } else {
            edits.push(Edit::Delete(previous_x as usize));
        }
        x = previous_x;
        y = previous_y;
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        edits.push(Edit::Equal(x as usize, y as usize));
    }
    edits.reverse();
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies an edit script to `old`, checking it reads both sequences in order.
    fn apply(old: &[char], new: &[char], edits: &[Edit]) -> Vec<char> {
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        for edit in edits {
            match *edit {
                Edit::Equal(a, b) => {
                    assert_eq!((a, b, old[a]), (i, j, new[b]));
                    out.push(old[a]);
                    i += 1;
                    j += 1;
                }
                Edit::Delete(a) => {
                    assert_eq!(a, i);
                    i += 1;
                }
                Edit::Insert(b) => {
                    assert_eq!(b, j);
                    out.push(new[b]);
                    j += 1;
                }
            }
        }
        assert_eq!((i, j), (old.len(), new.len()));
        out
    }

    #[test]
    fn scripts_are_valid_and_shortest() {
        let cases = [
            ("", "", 0),
            ("abc", "", 3),
            ("", "abc", 3),
            ("abcabba", "cbabac", 5),
            ("kissa", "kassa", 2),
            ("xaxbx", "aybyy", 6),
        ];
        for (old, new, changes) in cases {
            let (old, new): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
            let edits = diff(&old, &new);
            assert_eq!(apply(&old, &new, &edits), new);
            let changed = edits.iter().filter(|e| !matches!(e, Edit::Equal(..))).count();
            assert_eq!(changed, changes, "{old:?} → {new:?}");
        }
    }
}
