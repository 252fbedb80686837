//! How many dated documents mention a node, by year: a few (year, count)
//! pairs per node, kept in one short sorted vector. A `BTreeMap` allocated a
//! 160-byte leaf for each of the 490k nodes of a 500 MB corpus, for the one
//! or two years most of them hold.

/// Counts by year, ascending by year, each year once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearCounts(Vec<(i32, usize)>);

impl YearCounts {
    /// The count of year `y`.
    ///
    /// # Complexity
    /// O(log Y) for Y years.
    pub fn get(&self, y: &i32) -> Option<&usize> {
        self.0
            .binary_search_by_key(y, |&(year, _)| year)
            .ok()
            .map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, y: &i32) -> bool {
        self.get(y).is_some()
    }

    /// The years, ascending.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &i32> + '_ {
        self.0.iter().map(|(y, _)| y)
    }

    /// The counts, in the order of their years.
    pub fn values(&self) -> impl Iterator<Item = &usize> + '_ {
        self.0.iter().map(|(_, c)| c)
    }

    /// (year, count), ascending by year.
    pub fn iter(&self) -> impl Iterator<Item = (&i32, &usize)> + '_ {
        self.0.iter().map(|(y, c)| (y, c))
    }

    /// The first and the last year.
    pub fn span(&self) -> Option<(i32, i32)> {
        Some((self.0.first()?.0, self.0.last()?.0))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// As a map collects: a year given twice keeps its last count.
impl FromIterator<(i32, usize)> for YearCounts {
    fn from_iter<I: IntoIterator<Item = (i32, usize)>>(iter: I) -> YearCounts {
        let mut v: Vec<(i32, usize)> = iter.into_iter().collect();
        // stable: of equal years the last stays last, and is the one kept
        v.sort_by_key(|&(y, _)| y);
        let mut out: Vec<(i32, usize)> = Vec::with_capacity(v.len());
        for (y, c) in v {
            match out.last_mut() {
                Some(last) if last.0 == y => last.1 = c,
                _ => out.push((y, c)),
            }
        }
        out.shrink_to_fit();
        YearCounts(out)
    }
}

impl<'a> IntoIterator for &'a YearCounts {
    type Item = (&'a i32, &'a usize);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (i32, usize)>,
        fn(&'a (i32, usize)) -> (&'a i32, &'a usize),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(y, c)| (y, c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn reads_as_the_map_it_replaces() {
        let pairs = [(2023, 1), (2019, 4), (2021, 2), (2019, 5), (2020, 0)];
        let map: BTreeMap<i32, usize> = pairs.into_iter().collect();
        let y: YearCounts = pairs.into_iter().collect();
        assert_eq!(y.len(), map.len());
        assert!(y.iter().eq(map.iter()));
        assert!(y.keys().eq(map.keys()));
        assert!(y.values().eq(map.values()));
        assert!((&y).into_iter().eq(&map));
        for year in 2017..2025 {
            assert_eq!(y.get(&year), map.get(&year));
            assert_eq!(y.contains_key(&year), map.contains_key(&year));
        }
        assert_eq!(y.span(), Some((2019, 2023)));
        assert_eq!(y.keys().next_back(), Some(&2023));
        assert_eq!(YearCounts::default().span(), None);
    }
}
