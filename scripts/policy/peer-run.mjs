// Runs CONTRACT §4 simulation requests (JSON Lines on stdin, or the conformance corpus) through
// @cloud-copilot/iam-simulate and prints one JSON result per line:
//   {"name"|"id": ..., "decision": "Allow"|"ImplicitDeny"|"ExplicitDeny"|"error", "error"?: ...}
// The peer is AGPL-3.0: it is installed outside the repository by differential.sh and used as
// an oracle only. This file contains no code from it.
//
// Usage: node peer-run.mjs PEER_DIR [--bench] < requests.jsonl
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import path from 'node:path'

const peerDir = process.argv[2]
const bench = process.argv.includes('--bench')
const require = createRequire(path.join(peerDir, 'package.json'))
const sim = await import(require.resolve('@cloud-copilot/iam-simulate'))

function asPolicy(p) {
  if (typeof p !== 'string') return p
  const t = p.trim()
  return JSON.parse(t.startsWith('%') ? decodeURIComponent(t) : t)
}

function toSimulation(r) {
  const anonymous = r.principal === null || r.principal === undefined
  const resource = r.resource ?? '*'
  let account = r.resource_account
  if (!account) {
    const parts = resource.split(':')
    account = parts.length >= 6 && parts[4] ? parts[4] : undefined
  }
  if (!account) {
    // The peer needs an account: use the principal's (what the request means by omitting it).
    const m = /^arn:[^:]*:(?:iam|sts)::(\d{12}):/.exec(r.principal ?? '')
    account = m ? m[1] : /^\d{12}$/.test(r.principal ?? '') ? r.principal : '000000000000'
  }
  // The peer attaches RCPFullAWSAccess itself: drop that policy where the request lists it.
  const isFullAccess = (p) => {
    const st = Array.isArray(p.Statement) ? p.Statement : [p.Statement]
    return st.length === 1 && st[0].Effect === 'Allow' && st[0].Action === '*' &&
      (st[0].Resource ?? '*') === '*'
  }
  const levels = (ls, rcp) =>
    (ls ?? []).map((lvl, i) => ({
      orgIdentifier: i === 0 ? 'r-root' : `ou-level-${i}`,
      policies: lvl
        .map((p, j) => ({ name: `level${i}-${j}`, policy: asPolicy(p) }))
        .filter((p) => !(rcp && isFullAccess(p.policy))),
    }))
  const s = {
    request: {
      principal: anonymous ? sim.anonymousPrincipal : r.principal,
      action: r.action,
      resource: { resource, accountId: account },
      // The contract allows numbers and booleans; the peer takes strings.
      contextVariables: Object.fromEntries(
        Object.entries(r.context ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]),
      ),
    },
    identityPolicies: anonymous
      ? []
      : (r.identity_policies ?? []).map((p, i) => ({ name: `identity${i}`, policy: asPolicy(p) })),
    serviceControlPolicies: anonymous ? [] : levels(r.scps, false),
    resourceControlPolicies: levels(r.rcps, true),
  }
  if (r.resource_policy) s.resourcePolicy = asPolicy(r.resource_policy)
  const pb = r.permission_boundary ?? r.permissions_boundary
  if (pb && !anonymous) s.permissionBoundaryPolicies = [{ name: 'boundary', policy: asPolicy(pb) }]
  if (r.session_policy && !anonymous) s.sessionPolicy = asPolicy(r.session_policy)
  if (r.settings?.s3_block_public_access) s.additionalSettings = { s3: { blockPublicAccess: true } }
  return s
}

const DECISION = { Allowed: 'Allow', ImplicitlyDenied: 'ImplicitDeny', ExplicitlyDenied: 'ExplicitDeny' }

async function decide(r) {
  try {
    const res = await sim.runSimulation(toSimulation(r), {})
    if (res.resultType === 'error') return { decision: 'error', error: res.errors?.message ?? 'error' }
    return { decision: DECISION[res.overallResult] ?? String(res.overallResult) }
  } catch (e) {
    return { decision: 'error', error: String(e?.message ?? e) }
  }
}

const input = readFileSync(0, 'utf8')
const lines = input.split('\n').filter((l) => l.trim() !== '')
const out = []
for (const l of lines) {
  let r
  try {
    r = JSON.parse(l)
  } catch (e) {
    out.push(JSON.stringify({ decision: 'error', error: 'not JSON' }))
    continue
  }
  const d = await decide(r)
  if (!bench) out.push(JSON.stringify({ id: r.id ?? r.name ?? null, ...d }))
  else out.push(d.decision)
}
process.stdout.write(out.join('\n') + '\n')
