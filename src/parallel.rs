//! Work shared out between threads, with results in the order of the work.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The cores this machine offers; one without the `threads` feature.
pub fn cores() -> usize {
    match cfg!(feature = "threads") {
        true => std::thread::available_parallelism().map_or(1, |n| n.get()),
        false => 1,
    }
}

/// `work` on every item on up to `threads` threads, each taking the next item when it is
/// done with one (items take unequal time), with the results in the items' order.
pub fn in_order<T: Sync, R: Send>(items: &[T], threads: usize, work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads.min(items.len()).max(1);
    if threads == 1 || !cfg!(feature = "threads") {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut results = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break results };
                        results.push((index, work(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_work() {
        let items: Vec<u64> = (0..100).collect();
        // Unequal work, so that threads finish items out of order.
        let slow_square = |&n: &u64| {
            std::thread::sleep(std::time::Duration::from_micros((n % 7) * 50));
            n * n
        };
        let expected: Vec<u64> = items.iter().map(|n| n * n).collect();
        assert_eq!(in_order(&items, 4, slow_square), expected);
        assert_eq!(in_order(&items, 1, slow_square), expected);
        assert!(in_order(&[] as &[u64], 2, slow_square).is_empty());
    }
}
