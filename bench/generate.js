// Writes a deterministic Salesforce-style export of N rows: every field quoted, commas inside
// names, multi-line notes, requests repeated across accounts, several amount formats.
import { closeSync, openSync, writeSync } from 'node:fs';
// The PRNG sensitivity uses, so every run writes the same bytes (npm run bench builds dist first).
import { mulberry32 } from '../dist/core/analysis/sensitivity.js';

const SEGMENTS = ['Enterprise', 'Enterprise', 'Mid-Market', 'Mid-Market', 'SMB', 'SMB', 'Startup', 'Public Sector', ''];
const EFFORTS = ['XS', 'S', 'M', 'L', 'XL'];
const STATUSES = ['New', 'Exploring', 'Planned', 'In Review'];
const WORDS = [
  'billing',
  'sync',
  'audit',
  'export',
  'SSO',
  'roles',
  'webhooks',
  'reports',
  'API',
  'mobile',
  'Gantt',
  'SAML',
  'SCIM',
  'import',
  'alerts',
  'dashboards',
  'residency',
  'tags',
];
const SUFFIXES = ['Inc.', 'GmbH', 'Ltd', 'LLC', 'S.A.', 'AB', 'Group'];

export function generate(rows, path, seed = 42) {
  const rand = mulberry32(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const requestCount = Math.min(20000, Math.max(50, Math.floor(rows / 50)));
  const accountCount = Math.min(5000, Math.max(40, Math.floor(rows / 200)));
  const requests = Array.from({ length: requestCount }, (_, i) => ({
    id: `FR-${String(i + 1).padStart(5, '0')}`,
    title: `${pick(WORDS)} ${pick(WORDS)} for ${pick(WORDS)} #${i + 1}`,
    alignment: String(1 + Math.floor(rand() * 5)),
    effort: pick(EFFORTS),
  }));
  const accounts = Array.from({ length: accountCount }, (_, i) => ({
    name: rand() < 0.3 ? `${pick(WORDS)} Partners ${i}, ${pick(SUFFIXES)}` : `${pick(WORDS)} Systems ${i}`,
    segment: pick(SEGMENTS),
    deal: Math.round(1000 + rand() * rand() * 400000),
  }));
  const fd = openSync(path, 'w');
  let buffer =
    'Opportunity Name,Account Name,Amount,Segment,Request ID,Feature Request,Strategic Alignment,Effort,Status,Close Date,Sales Notes\n';
  for (let n = 0; n < rows; n += 1) {
    // Popular requests are asked for far more often than the long tail.
    const request = requests[Math.floor(requestCount * rand() ** 2)];
    const account = accounts[Math.floor(rand() * accountCount)];
    const hasId = rand() >= 0.03;
    const amount = hasId && rand() < 0.02 ? '' : formatAmount(account.deal, rand());
    const note = noteFor(rand, pick, account);
    const cells = [
      `${account.name} - ${pick(WORDS)} upgrade`,
      account.name,
      amount,
      account.segment,
      hasId ? request.id : '',
      request.title,
      rand() < 0.2 ? '' : request.alignment,
      rand() < 0.2 ? '' : request.effort,
      pick(STATUSES),
      `${1 + Math.floor(rand() * 12)}/${1 + Math.floor(rand() * 28)}/2026`,
      note,
    ];
    buffer += cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',') + '\n';
    if (buffer.length > 1 << 20) [buffer] = [writeSync(fd, buffer) && ''];
  }
  writeSync(fd, buffer);
  closeSync(fd);
}

function formatAmount(value, r) {
  if (r < 0.55) return `$${value.toLocaleString('en-US')}.00`;
  if (r < 0.8) return String(value);
  if (r < 0.9) return `EUR ${Math.round(value / 1.08).toLocaleString('en-US')}`;
  if (r < 0.95) return `£${Math.max(1, Math.round(value / 1270))}k`;
  return `USD ${value.toLocaleString('en-US')}`;
}

function noteFor(rand, pick, account) {
  const r = rand();
  if (r < 0.3) return '';
  if (r < 0.8) return `Asked again on the QBR call, ${pick(WORDS)} and ${pick(WORDS)} blocking renewal.`;
  if (r < 0.9) return `Champion says: "we need ${pick(WORDS)}", budget approved.\nFollow-up with ${account.name} next week.`;
  return `Ops team re-keys everything by hand.\nRisk: churn, see ticket.\n- ${pick(WORDS)}\n- ${pick(WORDS)}, ${pick(WORDS)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) generate(Number(process.argv[2]), process.argv[3]);
