//! KMS: keys (`ListKeys`) with their metadata (`DescribeKey`), key policy (`GetKeyPolicy`) and
//! automatic rotation (`GetKeyRotationStatus`), and aliases (`ListAliases`).
//!
//! The per-key calls name their key in `params.KeyId` (a key ID or key ARN) and may come in any
//! order relative to `ListKeys`; they are kept by (region, key ID) and joined in `finalize`.
//! The region is part of the key because multi-Region keys share one key ID across regions.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::policy_doc::PolicyDocument;
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// KMS data of the account, per region.
#[derive(Debug, Clone)]
pub struct Kms {
    /// Keys, each with its metadata, policy and rotation status joined on.
    pub keys: Regional<Vec<Key>>,
    pub aliases: Regional<Vec<Alias>>,
    pending: Pending,
}

impl Default for Kms {
    fn default() -> Self {
        Kms {
            keys: Regional::new("kms", "ListKeys"),
            aliases: Regional::new("kms", "ListAliases"),
            pending: Pending::default(),
        }
    }
}

type KeyMap<T> = BTreeMap<(String, String), Observed<T>>;

/// Per-key results waiting for `finalize`, keyed by (region, key ID).
#[derive(Debug, Clone, Default)]
struct Pending {
    metadata: KeyMap<KeyMetadata>,
    policy: KeyMap<PolicyDocument>,
    rotation: KeyMap<bool>,
}

/// A KMS key.
#[derive(Debug, Clone)]
pub struct Key {
    pub key_id: String,
    pub key_arn: String,
    /// The region of the call that listed it.
    pub region: String,
    /// `DescribeKey`.
    pub metadata: Observed<KeyMetadata>,
    /// The key policy (`GetKeyPolicy`, policy name `default`).
    pub policy: Observed<PolicyDocument>,
    /// Automatic rotation (`GetKeyRotationStatus` `KeyRotationEnabled`). Keys that cannot rotate
    /// (asymmetric, HMAC, imported material) answer with an error, which is a gap here: look at
    /// the metadata first.
    pub rotation_enabled: Observed<bool>,
}

impl Key {
    /// The key ARN (`KeyArn` from `ListKeys`, else built from the key ID).
    pub fn arn(&self, partition: &str, account: &str) -> String {
        if !self.key_arn.is_empty() {
            return self.key_arn.clone();
        }
        format!(
            "arn:{partition}:kms:{}:{account}:key/{}",
            self.region, self.key_id
        )
    }

    /// The key is managed by the customer (not AWS). `None` while the metadata is unknown.
    pub fn is_customer_managed(&self) -> Option<bool> {
        self.metadata
            .as_ref()
            .ok()
            .map(|m| m.key_manager == "CUSTOMER")
    }
}

/// Key metadata as `DescribeKey` prints it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct KeyMetadata {
    pub key_id: String,
    pub arn: Option<String>,
    #[serde(rename = "AWSAccountId")]
    pub aws_account_id: Option<String>,
    pub creation_date: Option<Timestamp>,
    #[serde(default)]
    pub enabled: bool,
    pub description: Option<String>,
    /// `ENCRYPT_DECRYPT`, `SIGN_VERIFY`, `GENERATE_VERIFY_MAC`, `KEY_AGREEMENT`.
    pub key_usage: Option<String>,
    /// `Enabled`, `Disabled`, `PendingDeletion`, ...
    pub key_state: Option<String>,
    pub deletion_date: Option<Timestamp>,
    /// `AWS_KMS`, `EXTERNAL`, `AWS_CLOUDHSM`, `EXTERNAL_KEY_STORE`.
    pub origin: Option<String>,
    /// `AWS` or `CUSTOMER`.
    #[serde(default)]
    pub key_manager: String,
    /// `SYMMETRIC_DEFAULT`, `RSA_2048`, ... (replaces `CustomerMasterKeySpec`).
    pub key_spec: Option<String>,
    /// The deprecated name of `KeySpec`.
    pub customer_master_key_spec: Option<String>,
    pub multi_region: Option<bool>,
}

impl KeyMetadata {
    /// The key spec, from `KeySpec` or the older `CustomerMasterKeySpec`.
    pub fn spec(&self) -> Option<&str> {
        self.key_spec
            .as_deref()
            .or(self.customer_master_key_spec.as_deref())
    }

    /// A symmetric encryption key (the only kind with automatic rotation).
    pub fn is_symmetric(&self) -> bool {
        self.spec().is_none_or(|s| s == "SYMMETRIC_DEFAULT")
    }
}

/// A KMS alias.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Alias {
    /// `alias/name`; `alias/aws/...` for AWS managed keys.
    pub alias_name: String,
    pub alias_arn: Option<String>,
    /// Absent for AWS aliases whose key was not created yet.
    pub target_key_id: Option<String>,
    pub creation_date: Option<Timestamp>,
    pub last_updated_date: Option<Timestamp>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListedKey {
    key_id: String,
    key_arn: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListKeysResponse {
    #[serde(default)]
    keys: Vec<ListedKey>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeKeyResponse {
    key_metadata: KeyMetadata,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct KeyPolicyResponse {
    policy: PolicyDocument,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RotationResponse {
    key_rotation_enabled: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListAliasesResponse {
    #[serde(default)]
    aliases: Vec<Alias>,
}

/// The key ID in a `KeyId` parameter: a bare ID, or the part after `key/` of a key ARN.
fn key_id_of(param: &str) -> String {
    match param.rsplit_once(":key/") {
        Some((_, id)) => id.to_string(),
        None => param.to_string(),
    }
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "ListKeys" => {
            let region = cx.region()?;
            let r = region.clone();
            let v = cx.observe(body, move |resp: ListKeysResponse| {
                resp.keys
                    .into_iter()
                    .map(|k| Key {
                        key_arn: k.key_arn.unwrap_or_default(),
                        region: r.clone(),
                        metadata: Err(Gap::not_collected("kms", "DescribeKey", Some(&r))),
                        policy: Err(Gap::not_collected("kms", "GetKeyPolicy", Some(&r))),
                        rotation_enabled: Err(Gap::not_collected(
                            "kms",
                            "GetKeyRotationStatus",
                            Some(&r),
                        )),
                        key_id: k.key_id,
                    })
                    .collect::<Vec<_>>()
            })?;
            Box::new(move |inv| inv.kms.keys.merge(region, v))
        }
        "ListAliases" => {
            let region = cx.region()?;
            let r = region.clone();
            let v = cx.observe(body, move |resp: ListAliasesResponse| {
                let mut v = resp.aliases;
                for a in &mut v {
                    a.region.clone_from(&r);
                }
                v
            })?;
            Box::new(move |inv| inv.kms.aliases.merge(region, v))
        }
        "DescribeKey" | "GetKeyPolicy" | "GetKeyRotationStatus" => {
            let region = cx.region()?;
            let param = cx.param("KeyId")?;
            let id = key_id_of(&param);
            let about = |g: Gap| g.about(format!("key {id}"));
            match cx.operation {
                "DescribeKey" => {
                    let v = cx.observe(body, |r: DescribeKeyResponse| r.key_metadata)?;
                    // The response names the key even when the parameter was an alias.
                    let id = match &v {
                        Ok(m) if !m.key_id.is_empty() => m.key_id.clone(),
                        _ => id.clone(),
                    };
                    let v = v.map_err(about);
                    Box::new(move |inv| {
                        inv.kms.pending.metadata.insert((region, id), v);
                    })
                }
                "GetKeyPolicy" => {
                    let v = cx
                        .observe(body, |r: KeyPolicyResponse| r.policy)?
                        .map_err(about);
                    Box::new(move |inv| {
                        inv.kms.pending.policy.insert((region, id), v);
                    })
                }
                _ => {
                    let v = cx
                        .observe(body, |r: RotationResponse| r.key_rotation_enabled)?
                        .map_err(about);
                    Box::new(move |inv| {
                        inv.kms.pending.rotation.insert((region, id), v);
                    })
                }
            }
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Kms {
    /// Joins per-key calls onto listed keys; returns notes about calls for keys `ListKeys` did
    /// not list (ignored, but never silently).
    pub(crate) fn finalize(&mut self, regions: &[String]) -> Vec<String> {
        let mut p = std::mem::take(&mut self.pending);
        let listed: Vec<String> = self.keys.iter().map(|(r, _)| r.to_string()).collect();
        for region in listed {
            let Some(Ok(keys)) = self.keys.entry_mut(&region) else {
                continue;
            };
            for k in keys {
                let key = (region.clone(), k.key_id.clone());
                let subject = format!("key {}", k.key_id);
                let about = |g: Gap| g.about(subject.clone());
                k.metadata = p
                    .metadata
                    .remove(&key)
                    .unwrap_or_else(|| Err(about(k.metadata_gap())));
                k.policy = p.policy.remove(&key).unwrap_or_else(|| {
                    Err(about(Gap::not_collected(
                        "kms",
                        "GetKeyPolicy",
                        Some(&region),
                    )))
                });
                k.rotation_enabled = p.rotation.remove(&key).unwrap_or_else(|| {
                    Err(about(Gap::not_collected(
                        "kms",
                        "GetKeyRotationStatus",
                        Some(&region),
                    )))
                });
                if k.key_arn.is_empty()
                    && let Ok(Some(arn)) = k.metadata.as_ref().map(|m| m.arn.clone())
                {
                    k.key_arn = arn;
                }
            }
        }
        self.keys.fill(regions);
        self.aliases.fill(regions);
        let mut notes = Vec::new();
        for (op, keys) in [
            ("DescribeKey", p.metadata.keys().collect::<Vec<_>>()),
            ("GetKeyPolicy", p.policy.keys().collect()),
            ("GetKeyRotationStatus", p.rotation.keys().collect()),
        ] {
            for (region, id) in keys {
                if self.keys.get(region).is_ok() {
                    notes.push(format!(
                        "kms {op} for key `{id}` in {region}: the key is not in ListKeys; ignored"
                    ));
                }
            }
        }
        notes
    }

    /// The aliases that point at a key.
    pub fn aliases_of<'a>(&'a self, key: &'a Key) -> impl Iterator<Item = &'a Alias> + 'a {
        let list = self
            .aliases
            .get(&key.region)
            .ok()
            .map(|v| v.as_slice())
            .unwrap_or(&[]);
        list.iter()
            .filter(move |a| a.target_key_id.as_deref() == Some(key.key_id.as_str()))
    }
}

impl Key {
    fn metadata_gap(&self) -> Gap {
        Gap::not_collected("kms", "DescribeKey", Some(&self.region))
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    const K1: &str = "1234abcd-12ab-34cd-56ef-1234567890ab";
    const K2: &str = "0987dcba-09fe-87dc-65ba-ab0987654321";

    fn calls(per_key_first: bool) -> String {
        let list = format!(
            r#"{{"service": "kms", "operation": "ListKeys", "region": "us-east-1",
                "response": {{"Keys": [{{"KeyId": "{K1}", "KeyArn": "arn:aws:kms:us-east-1:123456789012:key/{K1}"}},
                                       {{"KeyId": "{K2}", "KeyArn": "arn:aws:kms:us-east-1:123456789012:key/{K2}"}}]}}}},
               {{"service": "kms", "operation": "ListAliases", "region": "us-east-1",
                "response": {{"Aliases": [{{"AliasName": "alias/app", "AliasArn": "arn:aws:kms:us-east-1:123456789012:alias/app",
                  "TargetKeyId": "{K1}", "CreationDate": "2024-01-01T00:00:00+00:00"}},
                  {{"AliasName": "alias/aws/s3", "AliasArn": "arn:aws:kms:us-east-1:123456789012:alias/aws/s3",
                  "TargetKeyId": "{K2}"}}]}}}}"#
        );
        let per = format!(
            r#"{{"service": "kms", "operation": "DescribeKey", "region": "us-east-1", "params": {{"KeyId": "{K1}"}},
                "response": {{"KeyMetadata": {{"AWSAccountId": "123456789012", "KeyId": "{K1}",
                  "Arn": "arn:aws:kms:us-east-1:123456789012:key/{K1}", "CreationDate": "2024-01-01T00:00:00+00:00",
                  "Enabled": true, "Description": "", "KeyUsage": "ENCRYPT_DECRYPT", "KeyState": "Enabled",
                  "Origin": "AWS_KMS", "KeyManager": "CUSTOMER", "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT",
                  "KeySpec": "SYMMETRIC_DEFAULT", "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"], "MultiRegion": false}}}}}},
               {{"service": "kms", "operation": "GetKeyPolicy", "region": "us-east-1",
                "params": {{"KeyId": "arn:aws:kms:us-east-1:123456789012:key/{K1}", "PolicyName": "default"}},
                "response": {{"Policy": "{{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\",\n  \"Statement\" : [ ]\n}}", "PolicyName": "default"}}}},
               {{"service": "kms", "operation": "GetKeyRotationStatus", "region": "us-east-1", "params": {{"KeyId": "{K1}"}},
                "response": {{"KeyRotationEnabled": true, "KeyId": "{K1}", "RotationPeriodInDays": 365}}}},
               {{"service": "kms", "operation": "DescribeKey", "region": "us-east-1", "params": {{"KeyId": "{K2}"}},
                "response": {{"KeyMetadata": {{"KeyId": "{K2}", "KeyManager": "AWS", "KeyState": "Enabled",
                  "Enabled": true}}}}}},
               {{"service": "kms", "operation": "GetKeyPolicy", "region": "us-east-1", "params": {{"KeyId": "{K2}"}},
                "error": {{"code": "AccessDeniedException", "message": "not authorized"}}}},
               {{"service": "kms", "operation": "GetKeyRotationStatus", "region": "eu-west-1", "params": {{"KeyId": "{K2}"}},
                "response": {{"KeyRotationEnabled": true}}}}"#
        );
        if per_key_first {
            format!("{per},{list}")
        } else {
            format!("{list},{per}")
        }
    }

    #[test]
    fn joins_per_key_calls_in_any_order() {
        for first in [false, true] {
            let inv = test_load(&calls(first)).unwrap();
            let keys = inv.kms.keys.get("us-east-1").unwrap();
            let k1 = &keys[0];
            let m = k1.metadata.as_ref().unwrap();
            assert_eq!(m.key_manager, "CUSTOMER");
            assert!(m.is_symmetric() && m.enabled);
            assert_eq!(k1.is_customer_managed(), Some(true));
            assert_eq!(
                k1.policy.as_ref().unwrap().to_value()["Id"],
                "key-default-1"
            );
            assert_eq!(k1.rotation_enabled, Ok(true));
            assert_eq!(
                k1.arn("aws", "1"),
                format!("arn:aws:kms:us-east-1:123456789012:key/{K1}")
            );
            let names: Vec<_> = inv
                .kms
                .aliases_of(k1)
                .map(|a| a.alias_name.as_str())
                .collect();
            assert_eq!(names, ["alias/app"]);

            let k2 = &keys[1];
            assert_eq!(k2.is_customer_managed(), Some(false));
            let g = k2.policy.as_ref().unwrap_err();
            assert_eq!(
                (g.kind, g.subject.as_deref()),
                (GapKind::AccessDenied, Some(&*format!("key {K2}")))
            );
            // The rotation call was recorded for another region: not this key's.
            let g = k2.rotation_enabled.as_ref().unwrap_err();
            assert_eq!(
                (g.kind, g.region.as_deref()),
                (GapKind::NotCollected, Some("us-east-1"))
            );
            assert_eq!(
                inv.kms.keys.get("eu-west-1").unwrap_err().kind,
                GapKind::NotCollected
            );
        }
    }

    #[test]
    fn not_found_and_denied_lists() {
        let inv = test_load(&format!(
            r#"{{"service": "kms", "operation": "ListKeys", "region": "eu-west-1",
                "error": {{"code": "AccessDeniedException"}}}},
               {{"service": "kms", "operation": "ListKeys", "region": "us-east-1",
                "response": {{"Keys": [{{"KeyId": "{K1}"}}]}}}},
               {{"service": "kms", "operation": "DescribeKey", "region": "us-east-1", "params": {{"KeyId": "{K1}"}},
                "error": {{"code": "NotFoundException", "message": "gone"}}}}"#
        ))
        .unwrap();
        assert_eq!(
            inv.kms.keys.get("eu-west-1").unwrap_err().kind,
            GapKind::AccessDenied
        );
        let k = &inv.kms.keys.get("us-east-1").unwrap()[0];
        let g = k.metadata.as_ref().unwrap_err();
        assert_eq!(
            (g.kind, g.code.as_deref()),
            (GapKind::CallFailed, Some("NotFoundException"))
        );
        assert_eq!(k.is_customer_managed(), None);
        assert_eq!(
            k.arn("aws", "123456789012"),
            format!("arn:aws:kms:us-east-1:123456789012:key/{K1}")
        );
    }

    #[test]
    fn bad_policy_is_an_error() {
        let e = test_load(&format!(
            r#"{{"service": "kms", "operation": "GetKeyPolicy", "region": "us-east-1", "params": {{"KeyId": "{K1}"}},
                "response": {{"Policy": "not json"}}}}"#
        ))
        .unwrap_err();
        assert_eq!(e.place.path.as_deref(), Some("response.Policy"));
    }
}
