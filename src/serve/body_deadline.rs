//! A deadline on request bodies.
//!
//! hyper's header-read timeout ends with the headers: a client that sent
//! `Content-Length: 1000` and ten bytes held its connection, and so one of the
//! server's `--max-connections` slots, for as long as it liked (found by
//! tests/faults.rs). Every request body must now arrive within the same time
//! as its headers; a body still missing then ends the request with 408 and the
//! connection is closed.

use axum::body::{Body, Bytes, HttpBody};
use axum::http::StatusCode;
use axum::response::Response;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

/// A body that fails once its deadline passes before its end.
struct Timed {
    inner: Body,
    deadline: Pin<Box<tokio::time::Sleep>>,
    /// Set when the deadline cut the body, so that the answer says why.
    expired: Arc<AtomicBool>,
}

impl HttpBody for Timed {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        if let Poll::Ready(frame) = Pin::new(&mut self.inner).poll_frame(cx) {
            return Poll::Ready(frame);
        }
        if self.deadline.as_mut().poll(cx).is_ready() {
            self.expired.store(true, Ordering::SeqCst);
            return Poll::Ready(Some(Err(axum::Error::new(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the request body did not arrive in time",
            )))));
        }
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// Middleware: gives the request's body `limit` to arrive; a request whose
/// body was cut is answered 408 whatever the handler made of the error.
pub(super) async fn body_deadline(
    limit: Duration,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let expired = Arc::new(AtomicBool::new(false));
    let (parts, body) = req.into_parts();
    let timed = Timed {
        inner: body,
        deadline: Box::pin(tokio::time::sleep(limit)),
        expired: expired.clone(),
    };
    let res = next
        .run(axum::extract::Request::from_parts(parts, Body::new(timed)))
        .await;
    if expired.load(Ordering::SeqCst) {
        let mut res = super::reply::text(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the request body did not arrive within {} s of its headers; send it whole",
                limit.as_secs()
            ),
        );
        // the rest of the body may still come: do not read it
        res.headers_mut().insert(
            axum::http::header::CONNECTION,
            axum::http::HeaderValue::from_static("close"),
        );
        return res;
    }
    res
}
