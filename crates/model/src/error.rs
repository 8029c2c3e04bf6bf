//! Errors and warnings about input, each naming the file and the place in it.

use std::fmt;

/// Where in an input file something is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// 1-based line and column in the (decompressed) text, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The call (`calls[3] (iam GetAccountAuthorizationDetails)`), when the problem is in one.
    pub call: Option<String>,
    /// JSON path inside the call or document (`response.UserDetailList[0].CreateDate`).
    pub path: Option<String>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        if let Some(l) = self.line {
            write!(f, "line {l}")?;
            if let Some(c) = self.column {
                write!(f, " column {c}")?;
            }
            sep = ", ";
        }
        if let Some(c) = &self.call {
            write!(f, "{sep}{c}")?;
            sep = " ";
        }
        if let Some(p) = &self.path {
            if self.call.is_none() && !sep.is_empty() {
                sep = ", ";
            }
            write!(f, "{sep}at `{p}`")?;
        }
        Ok(())
    }
}

/// Input that cannot be loaded. The message is lowercase and names the file and place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {}{message}", place_prefix(.place))]
pub struct LoadError {
    pub file: String,
    pub place: Place,
    pub message: String,
}

fn place_prefix(p: &Place) -> String {
    let s = p.to_string();
    if s.is_empty() { s } else { format!("{s}: ") }
}

impl LoadError {
    /// An error about the file as a whole.
    pub fn file(file: &str, message: impl Into<String>) -> LoadError {
        LoadError {
            file: file.to_string(),
            place: Place::default(),
            message: message.into(),
        }
    }
}

/// Something odd but not fatal (an unknown field or operation): reported, then ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    pub place: Place,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}{}",
            self.file,
            place_prefix(&self.place),
            self.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_file_line_call_and_path() {
        let e = LoadError {
            file: "acct.json".into(),
            place: Place {
                line: Some(12),
                column: Some(30),
                call: Some("calls[3] (iam GetAccountSummary)".into()),
                path: Some("response.SummaryMap".into()),
            },
            message: "invalid type: string \"x\", expected a map".into(),
        };
        assert_eq!(
            e.to_string(),
            "acct.json: line 12 column 30, calls[3] (iam GetAccountSummary) at `response.SummaryMap`: invalid type: string \"x\", expected a map"
        );
        assert_eq!(
            LoadError::file("a.json", "empty file").to_string(),
            "a.json: empty file"
        );
    }
}
