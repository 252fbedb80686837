//! Connections: accepted within a bound, cut when their headers are slow,
//! closed when the server stops; and the signals that stop it.

use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// The accept loop, in place of `axum::serve`, which sets neither a
/// header-read timeout nor a limit on connections: ~20,000 half-sent requests
/// held every file descriptor and real clients timed out. Here hyper closes a
/// connection whose headers are not in within `header_timeout` (also when it
/// idles between two requests, as the timer runs while hyper waits for a
/// request), and at most `max_connections` are open: the next is accepted when
/// one closes, the others wait in the kernel's listen queue, so the process
/// never runs out of descriptors. Returns when `stop` completes, after asking
/// every open connection to close once its answer in flight is sent, and
/// waits for them.
pub(super) async fn serve_connections(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    header_timeout: Duration,
    max_connections: usize,
    stop: impl std::future::Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(max_connections.max(1)));
    let (closing, _) = tokio::sync::broadcast::channel::<()>(1);
    tokio::pin!(stop);
    loop {
        let next = async {
            let permit = slots.clone().acquire_owned().await;
            (permit, listener.accept().await)
        };
        let (permit, accepted) = tokio::select! {
            got = next => got,
            _ = &mut stop => break,
        };
        let Ok(permit) = permit else { break };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // out of descriptors or a connection reset before it was
                // accepted: wait a little instead of spinning on the error
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let mut closing = closing.subscribe();
        tokio::spawn(async move {
            let _slot = permit;
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout);
            let conn = builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = closing.recv() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
    }
    drop(listener);
    let _ = closing.send(());
    // every connection gone (each holds a slot till it closes); the caller's
    // grace period bounds this wait
    let all = u32::try_from(max_connections.max(1)).unwrap_or(u32::MAX);
    let _ = slots.acquire_many(all).await;
}

pub(super) async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
