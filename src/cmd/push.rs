//! `innograph push`: the store's graphs to a team's triplestore.

use crate::cli::PushArgs;
use anyhow::{Context, Result};
use innograph::remote::auth::Credentials;
use innograph::remote::push::{push, rate, PushOptions, PushProgress};
use std::io::IsTerminal;
use std::time::Instant;

pub fn run(a: &PushArgs) -> Result<()> {
    let (store, summaries) = super::open::summaries(&a.store)?;
    // a document graph is what its content hash says it is: ingest rewrites it
    // only when the hash changes
    let known = summaries
        .map(|(_, s)| {
            s.docs
                .iter()
                .filter_map(|(g, d)| {
                    Some((
                        g.clone(),
                        format!("content:{}:{}", d.hash.as_ref()?, d.quads),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let credentials = match (&a.user, &a.password) {
        (Some(u), Some(p)) => Some(Credentials {
            user: u.clone(),
            password: p.clone(),
        }),
        _ => None,
    };
    let options = PushOptions {
        endpoint: a.endpoint.clone(),
        credentials,
        all: a.all,
        attempts: 5,
        known,
    };
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} graphs {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let started = Instant::now();
    let sent = std::sync::atomic::AtomicUsize::new(0);
    let report = push(&store, &options, &|p| match p {
        PushProgress::Graphs(n) => bar.set_length(n as u64),
        PushProgress::Done { quads, sent: s } => {
            bar.inc(1);
            if s {
                let n = sent.fetch_add(quads, std::sync::atomic::Ordering::Relaxed) + quads;
                bar.set_message(format!("{n} quads sent"));
            }
        }
    });
    bar.finish_and_clear();
    let report = report.with_context(|| {
        format!(
            "cannot push the store at {} to {}",
            a.store.display(),
            a.endpoint
        )
    })?;
    eprintln!(
        "pushed {} graphs ({} quads, {:.1} MB) to {} in {:.1} s ({:.0} quads/s); {} unchanged",
        report.sent,
        report.quads,
        report.bytes as f64 / 1e6,
        a.endpoint,
        started.elapsed().as_secs_f64(),
        rate(&report, started),
        report.unchanged
    );
    Ok(())
}
