//! Interned strings for the per-document summaries.
//!
//! The same IRIs, labels, class names and property names recur in thousands
//! of document summaries; as owned `String`s they made the summaries of a
//! 500 MB corpus the largest thing in an ingest's memory. An [`Atom`] is one
//! shared copy, serialised as a plain string, so the cache file's bytes are
//! the same as with `String`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
// FxHash: every string of a cache file is looked up here as it is read, and
// the keys are our own IRIs and labels, not attacker-chosen
use rustc_hash::FxHashSet as HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, Mutex, OnceLock};

/// An immutable string shared with every equal [`Atom`] alive in the process.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Atom(Arc<str>);

struct Pool {
    set: HashSet<Arc<str>>,
    /// Size after the last sweep: the pool sweeps when it has doubled since,
    /// so strings of summaries dropped since (a long-running `serve` replacing
    /// documents) do not stay forever, at amortised constant cost.
    swept: usize,
}

fn pool() -> &'static Mutex<Pool> {
    static POOL: OnceLock<Mutex<Pool>> = OnceLock::new();
    POOL.get_or_init(|| {
        Mutex::new(Pool {
            set: HashSet::default(),
            swept: 0,
        })
    })
}

impl Atom {
    /// The shared copy of `s`, made if there is none.
    ///
    /// # Example
    /// ```
    /// use innograph::rdf::atom::Atom;
    /// let (a, b) = (Atom::new("清华大学"), Atom::new(&String::from("清华大学")));
    /// assert_eq!(a, b);
    /// assert!(Atom::ptr_eq(&a, &b));
    /// ```
    pub fn new(s: &str) -> Atom {
        // a poisoned lock only means another thread panicked while inserting;
        // the set itself is still a valid set
        let mut p = pool().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(a) = p.set.get(s) {
            return Atom(a.clone());
        }
        if p.set.len() >= 2 * p.swept.max(4096) {
            p.set.retain(|a| Arc::strong_count(a) > 1);
            p.swept = p.set.len();
        }
        let a: Arc<str> = Arc::from(s);
        p.set.insert(a.clone());
        Atom(a)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `a` and `b` are the same shared copy.
    pub fn ptr_eq(a: &Atom, b: &Atom) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl Default for Atom {
    fn default() -> Atom {
        Atom::new("")
    }
}

impl Deref for Atom {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Atom {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<String> for Atom {
    fn from(s: String) -> Atom {
        Atom::new(&s)
    }
}

impl From<&Atom> for String {
    fn from(a: &Atom) -> String {
        a.as_str().to_string()
    }
}

impl PartialEq<str> for Atom {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl fmt::Debug for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl Serialize for Atom {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for Atom {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Atom, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Atom;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E>(self, v: &str) -> Result<Atom, E> {
                Ok(Atom::new(v))
            }
        }
        d.deserialize_str(Visit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_share_one_copy_and_unequal_do_not() {
        let a = Atom::new("https://w3id.org/innograph/id/division/320200");
        let b = Atom::from(String::from(
            "https://w3id.org/innograph/id/division/320200",
        ));
        let c = Atom::new("https://w3id.org/innograph/id/division/320205");
        assert!(Atom::ptr_eq(&a, &b));
        assert!(!Atom::ptr_eq(&a, &c));
        assert_ne!(a, c);
        assert!(a < c);
    }

    #[test]
    fn serialises_as_the_string_it_holds() {
        let a = Atom::new("未来科学城");
        let with_atom = postcard::to_stdvec(&vec![a.clone()]).unwrap();
        let with_string = postcard::to_stdvec(&vec![String::from("未来科学城")]).unwrap();
        assert_eq!(with_atom, with_string);
        let back: Vec<Atom> = postcard::from_bytes(&with_string).unwrap();
        assert!(Atom::ptr_eq(&back[0], &a));
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"未来科学城\"");
    }

    #[test]
    fn a_sweep_keeps_every_string_still_in_use() {
        let kept: Vec<Atom> = (0..3000).map(|i| Atom::new(&format!("kept-{i}"))).collect();
        for i in 0..20_000 {
            drop(Atom::new(&format!("dropped-{i}")));
        }
        for (i, a) in kept.iter().enumerate() {
            assert!(Atom::ptr_eq(a, &Atom::new(&format!("kept-{i}"))));
        }
        let live = pool().lock().unwrap().set.len();
        assert!(live < 20_000, "the pool kept {live} strings");
    }
}
