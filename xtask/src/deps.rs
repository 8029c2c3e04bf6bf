//! The crate dependency rules of ARCHITECTURE.md, checked against `cargo metadata`.

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::process::Command;

    /// What each workspace crate may depend on among our own crates.
    const ALLOWED: &[(&str, &[&str])] = &[
        ("rampart-model", &[]),
        ("rampart-policy", &["rampart-model"]),
        ("rampart-net", &["rampart-model"]),
        (
            "rampart-checks",
            &["rampart-model", "rampart-policy", "rampart-net"],
        ),
        ("rampart-report", &["rampart-model", "rampart-checks"]),
        // The only crate that may depend on the AWS SDK.
        ("rampart-collect", &[]),
        (
            "rampart-cli",
            &[
                "rampart-model",
                "rampart-policy",
                "rampart-checks",
                "rampart-report",
                "rampart-net",
                "rampart-collect",
            ],
        ),
    ];

    #[test]
    fn crates_depend_downwards_only_and_nothing_heavy_leaks_in() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let out = Command::new(cargo)
            .args([
                "metadata",
                "--format-version",
                "1",
                "--no-deps",
                "--offline",
            ])
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
            .output()
            .expect("cargo metadata runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let mut deps: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for p in meta["packages"].as_array().expect("packages") {
            let name = p["name"].as_str().expect("name").to_string();
            let list = p["dependencies"]
                .as_array()
                .expect("deps")
                .iter()
                .filter(|d| d["kind"].is_null())
                .map(|d| d["name"].as_str().expect("dep name").to_string())
                .collect();
            deps.insert(name, list);
        }
        for (krate, allowed) in ALLOWED {
            let Some(actual) = deps.get(*krate) else {
                panic!("{krate} is missing from the workspace");
            };
            for d in actual {
                if d.starts_with("rampart-") {
                    assert!(
                        allowed.contains(&d.as_str()),
                        "{krate} must not depend on {d}"
                    );
                }
                assert!(
                    *krate == "rampart-collect"
                        || (!d.starts_with("aws-sdk-") && d != "aws-config"),
                    "{krate} must not depend on the AWS SDK ({d})"
                );
                assert!(d != "rusqlite", "{krate} must not depend on SQL ({d})");
            }
        }
    }
}
