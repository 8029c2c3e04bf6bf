//! SDK configuration: credentials, endpoints, retries and timeouts, as AWS users expect them.
//!
//! aws-config gives the standard chain (environment, shared config and credentials files,
//! `--profile`, SSO, web identity, IMDS, credential_process) and honours `AWS_ENDPOINT_URL` and
//! the per-service `AWS_ENDPOINT_URL_<SERVICE>` variables. On top of it: `--role-arn` assumes a
//! role, retries are adaptive (client-side rate limiting and backoff on throttling), and every
//! attempt has a timeout. Two adjustments for AWS-compatible servers (moto, LocalStack): S3 uses
//! path-style addressing, and S3 Control is sent to the configured URL as it is (its endpoint
//! rules put the account ID in front of the host, and `123456789012.127.0.0.1` does not resolve).

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_smithy_http_client::tls;
use aws_smithy_runtime_api::client::endpoint::EndpointFuture;
use aws_smithy_types::endpoint::Endpoint;
use std::time::Duration;

/// What to collect and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// A profile of the shared config files (`--profile`); `None`: `AWS_PROFILE` or `default`.
    pub profile: Option<String>,
    /// Regions to collect; `None`: every region enabled for the account (ec2 DescribeRegions).
    pub regions: Option<Vec<String>>,
    /// A role to assume with the base credentials before collecting.
    pub role_arn: Option<String>,
    /// How many API calls may be in flight at once.
    pub concurrency: usize,
    /// Longest wait for one HTTP attempt.
    pub attempt_timeout: Duration,
    /// Longest time for one recorded call, all its pages and retries included.
    pub call_timeout: Duration,
    /// Attempts per request (the first included) before a throttled or failed request gives up.
    pub max_attempts: u32,
    /// Draw a progress bar on standard error (only when it is a terminal).
    pub progress: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            profile: None,
            regions: None,
            role_arn: None,
            concurrency: 16,
            attempt_timeout: Duration::from_secs(30),
            call_timeout: Duration::from_secs(300),
            max_attempts: 8,
            progress: true,
        }
    }
}

/// The SDK configuration every client is made from.
pub(crate) async fn sdk_config(opts: &Options) -> SdkConfig {
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::Ring,
        ))
        .build_https();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http)
        .retry_config(
            RetryConfig::adaptive()
                .with_max_attempts(opts.max_attempts.max(1))
                .with_initial_backoff(Duration::from_millis(200))
                .with_max_backoff(Duration::from_secs(20)),
        )
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(10))
                .operation_attempt_timeout(opts.attempt_timeout)
                .build(),
        );
    if let Some(p) = &opts.profile {
        loader = loader.profile_name(p);
    }
    let base = loader.load().await;
    // Global calls go to us-east-1 when nothing names a region (the AWS CLI would refuse).
    let base = if base.region().is_none() {
        base.into_builder()
            .region(Region::from_static("us-east-1"))
            .build()
    } else {
        base
    };
    match &opts.role_arn {
        None => base,
        Some(arn) => {
            let provider = aws_config::sts::AssumeRoleProvider::builder(arn)
                .session_name("rampart-collect")
                .configure(&base)
                .build()
                .await;
            base.into_builder()
                .credentials_provider(
                    aws_credential_types::provider::SharedCredentialsProvider::new(provider),
                )
                .build()
        }
    }
}

/// The endpoint URL configured for a service (`AWS_ENDPOINT_URL_<ENV>`, else `AWS_ENDPOINT_URL`
/// or the profile's `endpoint_url`), when it is not AWS's own.
pub(crate) fn custom_endpoint(sdk: &SdkConfig, env_suffix: &str) -> Option<String> {
    if std::env::var_os("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").is_some_and(|v| v == "true") {
        return None;
    }
    std::env::var(format!("AWS_ENDPOINT_URL_{env_suffix}"))
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| sdk.endpoint_url().map(str::to_string))
}

/// An S3 client for `region`; path-style addressing on a custom endpoint (bucket names as host
/// labels do not resolve there).
pub(crate) fn s3(sdk: &SdkConfig, region: &str) -> aws_sdk_s3::Client {
    let mut b = aws_sdk_s3::config::Builder::from(sdk).region(Region::new(region.to_string()));
    if custom_endpoint(sdk, "S3").is_some() {
        b = b.force_path_style(true);
    }
    aws_sdk_s3::Client::from_conf(b.build())
}

/// An S3 Control client; on a custom endpoint, requests go to that URL as it is.
pub(crate) fn s3control(sdk: &SdkConfig, region: &str) -> aws_sdk_s3control::Client {
    let mut b =
        aws_sdk_s3control::config::Builder::from(sdk).region(Region::new(region.to_string()));
    if let Some(url) = custom_endpoint(sdk, "S3_CONTROL") {
        b = b.endpoint_resolver(FixedEndpoint(url));
    }
    aws_sdk_s3control::Client::from_conf(b.build())
}

/// Sends every request to one URL, without the account-ID host label.
#[derive(Debug)]
struct FixedEndpoint(String);

impl aws_sdk_s3control::config::endpoint::ResolveEndpoint for FixedEndpoint {
    fn resolve_endpoint<'a>(
        &'a self,
        _params: &'a aws_sdk_s3control::config::endpoint::Params,
    ) -> EndpointFuture<'a> {
        EndpointFuture::ready(Ok(Endpoint::builder().url(self.0.clone()).build()))
    }
}

/// A client of a regional service for `region`.
macro_rules! regional {
    ($sdk:expr, $krate:ident, $region:expr) => {
        $krate::Client::from_conf(
            $krate::config::Builder::from($sdk)
                .region(aws_config::Region::new($region.to_string()))
                .build(),
        )
    };
}
pub(crate) use regional;
