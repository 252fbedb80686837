//! A memory ceiling per query (`serve --max-query-mb`).
//!
//! oxigraph builds sorts, groups and joins in memory on the thread that
//! evaluates the query, and has no budget of its own. [`Counting`] (the
//! binary's global allocator) counts what each thread allocates and frees;
//! [`Ceiling::on_this_thread`] gives the current thread a budget and a
//! cancellation token, and the allocation that goes past the budget cancels
//! the token, so the evaluation stops at its next check and its memory is
//! freed. Counting is per thread: memory one thread allocates and another
//! frees (rare in an evaluation) is counted against the first.
//!
//! Without [`Counting`] as the global allocator (a library user's own
//! binary) a ceiling never trips.

use mimalloc::MiMalloc as System;
use oxigraph::sparql::CancellationToken;
use std::alloc::{GlobalAlloc, Layout};
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many ceilings are set now, on any thread: while none is, an allocation
/// costs one atomic load more than the system's and no thread's count is kept
/// (measured: extraction ran 6–14% slower when every allocation was counted).
static ACTIVE: AtomicUsize = AtomicUsize::new(0);

/// The system allocator, counting each thread's bytes against its budget.
pub struct Counting;

thread_local! {
    /// Bytes this thread may still allocate; `isize::MAX` is no budget.
    static LEFT: Cell<isize> = const { Cell::new(isize::MAX) };
    /// Whether the budget was passed since it was set.
    static PASSED: Cell<bool> = const { Cell::new(false) };
    /// What to cancel when the budget is passed.
    static TOKEN: RefCell<Option<CancellationToken>> = const { RefCell::new(None) };
}

/// Counts `n` bytes (negative: freed) against this thread's budget.
fn charge(n: isize) {
    if ACTIVE.load(Ordering::Relaxed) == 0 {
        return;
    }
    // `try_with`: an allocation while the thread's locals are torn down is
    // not counted rather than a panic inside the allocator
    let left = LEFT.try_with(|l| {
        let left = l.get().saturating_sub(n);
        l.set(left);
        left
    });
    if n > 0 && matches!(left, Ok(l) if l < 0) {
        let first = PASSED.try_with(|p| !p.replace(true)).unwrap_or(false);
        if first {
            // cancelling stores an atomic flag: it allocates nothing
            let _ = TOKEN.try_with(|t| {
                if let Ok(t) = t.try_borrow() {
                    if let Some(t) = t.as_ref() {
                        t.cancel();
                    }
                }
            });
        }
    }
}

fn size(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

// SAFETY: every call is passed on to `System` unchanged; the counting around
// it touches only this thread's const-initialised locals and never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        charge(size(layout.size()));
        // SAFETY: the caller's contract for `alloc` is passed on as it is
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        charge(size(layout.size()));
        // SAFETY: as for `alloc`
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        charge(-size(layout.size()));
        // SAFETY: the caller's contract for `dealloc` is passed on as it is
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        charge(size(new_size) - size(layout.size()));
        // SAFETY: the caller's contract for `realloc` is passed on as it is
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// A budget on the current thread's memory, lifted when dropped.
pub struct Ceiling {
    _not_send: std::marker::PhantomData<*const ()>,
}

impl Ceiling {
    /// Gives this thread `bytes` to allocate from now on; past them `token`
    /// is cancelled. `bytes == 0` sets no budget.
    pub fn on_this_thread(bytes: usize, token: CancellationToken) -> Ceiling {
        let budget = if bytes == 0 { isize::MAX } else { size(bytes) };
        // the token is stored before the budget, so that storing it is not
        // counted against the query
        let _ = TOKEN.try_with(|t| {
            if let Ok(mut t) = t.try_borrow_mut() {
                *t = Some(token);
            }
        });
        let _ = PASSED.try_with(|p| p.set(false));
        let _ = LEFT.try_with(|l| l.set(budget));
        ACTIVE.fetch_add(1, Ordering::SeqCst);
        Ceiling {
            _not_send: std::marker::PhantomData,
        }
    }

    /// Whether the work under this ceiling went past it.
    pub fn passed(&self) -> bool {
        PASSED.try_with(|p| p.get()).unwrap_or(false)
    }
}

impl Drop for Ceiling {
    fn drop(&mut self) {
        ACTIVE.fetch_sub(1, Ordering::SeqCst);
        let _ = LEFT.try_with(|l| l.set(isize::MAX));
        let _ = PASSED.try_with(|p| p.set(false));
        let _ = TOKEN.try_with(|t| {
            if let Ok(mut t) = t.try_borrow_mut() {
                *t = None;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // the library's own tests count as the binary does
    #[global_allocator]
    static ALLOCATOR: Counting = Counting;

    #[test]
    fn a_thread_past_its_budget_cancels_its_token_and_others_go_on() {
        let token = CancellationToken::new();
        let ceiling = Ceiling::on_this_thread(1 << 20, token.clone());
        let small = std::hint::black_box(vec![0u8; 1 << 10]);
        assert!(!ceiling.passed() && !token.is_cancelled());
        let large = std::hint::black_box(vec![1u8; 2 << 20]);
        assert!(ceiling.passed() && token.is_cancelled());
        drop((small, large));
        drop(ceiling);
        // lifted: the same allocation passes no budget now
        let token = CancellationToken::new();
        let big = std::hint::black_box(vec![2u8; 4 << 20]);
        let ceiling = Ceiling::on_this_thread(0, token.clone());
        let more = std::hint::black_box(vec![3u8; 4 << 20]);
        assert!(!ceiling.passed() && !token.is_cancelled());
        drop((big, more));
        // another thread's allocations are not this thread's
        let token = CancellationToken::new();
        let ceiling = Ceiling::on_this_thread(1 << 20, token.clone());
        std::thread::spawn(|| std::hint::black_box(vec![4u8; 8 << 20]).len())
            .join()
            .unwrap();
        assert!(!ceiling.passed() && !token.is_cancelled());
    }
}
