//! Recording calls: each API call becomes one snapshot entry, its response or its error.
//!
//! [`Recorder::call`] holds a permit of the concurrency bound while the call runs, gives it the
//! per-call timeout, and turns an SDK error into the AWS error code and message. Nothing here
//! stops collection: a failure is data.

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use serde_json::Value;
use std::future::Future;
use std::time::Duration;
use tokio::sync::Semaphore;

/// One recorded call (CONTRACT §1).
#[derive(Debug, Clone, Serialize)]
pub struct Call {
    pub service: &'static str,
    pub operation: &'static str,
    pub region: Option<String>,
    pub params: Value,
    #[serde(flatten)]
    pub outcome: Outcome,
}

impl Call {
    /// The response, when the call succeeded.
    pub fn response(&self) -> Option<&Value> {
        match &self.outcome {
            Outcome::Response(v) => Some(v),
            Outcome::Error(_) => None,
        }
    }
}

/// What a call gave.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Response(Value),
    Error(ApiError),
}

/// A failed call: the AWS error code (`AccessDenied`, `NoSuchBucketPolicy`, ...) and message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

impl ApiError {
    pub(crate) fn new(code: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

/// The AWS error code and message of an SDK error. Errors that never reached a service answer
/// get the SDK's kind as their code (`TimeoutError`, `DispatchFailure`), which the loader
/// treats as "unknown", like access denied. An answer the SDK could not parse (an
/// AWS-compatible server replying in another protocol) is read for an XML `<Code>`, and an
/// HTTP 403 without one counts as `AccessDenied`.
impl<E> From<SdkError<E, HttpResponse>> for ApiError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    fn from(e: SdkError<E, HttpResponse>) -> ApiError {
        if let Some(code) = e.code() {
            let message = e
                .message()
                .map(str::to_string)
                .unwrap_or_else(|| describe(&e));
            return ApiError::new(code, message);
        }
        match &e {
            SdkError::ServiceError(ctx) => from_raw(ctx.raw()),
            SdkError::ResponseError(ctx) => from_raw(ctx.raw()),
            SdkError::TimeoutError(_) => ApiError::new("TimeoutError", describe(&e)),
            SdkError::DispatchFailure(_) => ApiError::new("DispatchFailure", describe(&e)),
            SdkError::ConstructionFailure(_) => ApiError::new("ConstructionFailure", describe(&e)),
            _ => ApiError::new("Unknown", describe(&e)),
        }
    }
}

/// An error and its sources as one line of their messages (`dispatch failure: other: an error
/// occurred while loading credentials: ...`), without the `Debug` dump the SDK's
/// `DisplayErrorContext` appends.
fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let m = cause.to_string();
        if !m.is_empty() && !out.contains(&m) {
            out.push_str(": ");
            out.push_str(&m);
        }
        source = cause.source();
    }
    out
}

/// The error in a response the SDK could not read.
fn from_raw(raw: &HttpResponse) -> ApiError {
    let status = raw.status().as_u16();
    let body = raw
        .body()
        .bytes()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let tag = |name: &str| {
        let open = format!("<{name}>");
        let start = body.find(&open)? + open.len();
        let len = body[start..].find(&format!("</{name}>"))?;
        Some(body[start..start + len].trim().to_string())
    };
    let code = tag("Code").unwrap_or_else(|| {
        if status == 403 {
            "AccessDenied"
        } else {
            "Unknown"
        }
        .to_string()
    });
    let message = tag("Message").unwrap_or_else(|| {
        let snippet: String = body.chars().take(200).collect();
        format!("HTTP {status}: {snippet}")
    });
    ApiError::new(&code, message)
}

/// Runs calls under the concurrency bound and the per-call timeout, and shows progress.
pub(crate) struct Recorder {
    permits: Semaphore,
    call_timeout: Duration,
    pub(crate) progress: ProgressBar,
}

impl Recorder {
    pub(crate) fn new(concurrency: usize, call_timeout: Duration, show: bool) -> Recorder {
        // A hidden bar when asked, and indicatif hides it by itself when stderr is no terminal.
        let target = if show {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let progress = ProgressBar::with_draw_target(Some(0), target);
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} collecting [{bar:30}] {pos}/{len} {wide_msg}")
        {
            progress.set_style(style.progress_chars("=> "));
        }
        progress.enable_steady_tick(Duration::from_millis(120));
        Recorder {
            permits: Semaphore::new(concurrency.max(1)),
            call_timeout,
            progress,
        }
    }

    /// Makes one call and records it. `f` returns the response body in the AWS CLI's shape.
    pub(crate) async fn call<F>(
        &self,
        service: &'static str,
        operation: &'static str,
        region: Option<&str>,
        params: Value,
        f: F,
    ) -> Call
    where
        F: Future<Output = Result<Value, ApiError>>,
    {
        let outcome = match self.permits.acquire().await {
            Err(_) => Outcome::Error(ApiError::new("Cancelled", "collection was stopped")),
            Ok(_permit) => match tokio::time::timeout(self.call_timeout, f).await {
                Ok(Ok(v)) => Outcome::Response(v),
                Ok(Err(e)) => Outcome::Error(e),
                Err(_) => Outcome::Error(ApiError::new(
                    "TimeoutError",
                    format!(
                        "no answer within {} s (pages and retries included)",
                        self.call_timeout.as_secs()
                    ),
                )),
            },
        };
        Call {
            service,
            operation,
            region: region.map(str::to_string),
            params,
            outcome,
        }
    }
}

/// Collects every page of an SDK paginator into one list of converted items.
macro_rules! pages {
    ($paginator:expr, |$page:ident| $items:expr) => {{
        let mut stream = $paginator.send();
        let mut out: Vec<serde_json::Value> = Vec::new();
        loop {
            match stream.next().await {
                None => break Ok::<_, $crate::record::ApiError>(out),
                Some(Err(e)) => break Err($crate::record::ApiError::from(e)),
                Some(Ok($page)) => out.extend($items),
            }
        }
    }};
}
pub(crate) use pages;
