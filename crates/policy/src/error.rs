//! Errors about input: a policy that is not a policy, a request that is not a request.
//! Every message names the place (JSON path, or line and column for JSON syntax errors).

/// A policy document that cannot be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// The text is not JSON.
    #[error("policy is not valid JSON at line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    /// The JSON is not a valid policy; `path` locates the element (`Statement[2].Action`).
    #[error("invalid policy at `{path}`: {message}")]
    Invalid { path: String, message: String },
}

impl PolicyError {
    pub(crate) fn invalid(path: &str, message: impl Into<String>) -> PolicyError {
        PolicyError::Invalid {
            path: if path.is_empty() {
                "$".to_string()
            } else {
                path.to_string()
            },
            message: message.into(),
        }
    }

    pub(crate) fn from_json(e: &serde_json::Error) -> PolicyError {
        let msg = e.to_string();
        // serde_json appends " at line L column C"; drop it, we report them separately.
        let message = match msg.rfind(" at line ") {
            Some(i) => msg[..i].to_string(),
            None => msg,
        };
        PolicyError::Json {
            line: e.line(),
            column: e.column(),
            message,
        }
    }
}

/// A simulation request that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// The text is not JSON.
    #[error("request is not valid JSON at column {column}: {message}")]
    Json { column: usize, message: String },
    /// A field is missing or has the wrong type or form.
    #[error("request field `{field}`: {message}")]
    Field { field: String, message: String },
    /// A policy carried by the request is invalid.
    #[error("request field `{field}`: {source}")]
    Policy {
        field: String,
        #[source]
        source: PolicyError,
    },
}

impl RequestError {
    pub(crate) fn field(field: impl Into<String>, message: impl Into<String>) -> RequestError {
        RequestError::Field {
            field: field.into(),
            message: message.into(),
        }
    }
}
