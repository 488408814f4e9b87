import type { Digest, ShippedRequest } from '../core/analysis/digest.js';
import type { ModelKind, RankedRequest } from '../core/types.js';
import { describeAskers, formatMoney, formatRequestScore, plural, toSafeJson, requestName } from './words/format.js';
import { escapeMarkdown as md } from './markdown/text.js';

export interface DigestView {
  digest: Digest;
  previous: string;
  current: string;
  currency?: string;
  /** The kind of model both exports were ranked with, for the unit of their scores. */
  kind: ModelKind;
  /** The config's stale_after in days: the stale lists show only when it is set. */
  staleAfterDays?: number;
}

/** The weekly sync digest in markdown: what changed between two exports. */
export function renderDigestMarkdown(view: DigestView): string {
  const { digest } = view;
  const money = (value: number | undefined) => formatMoney(value, view.currency);
  const section = (heading: string, lines: string[]) => [`## ${heading}`, '', ...(lines.length > 0 ? lines : ['- none'])].join('\n');
  return (
    [
      `# Weekly digest: ${md(view.previous)} → ${md(view.current)}`,
      section(
        `Shipped since the last export (${digest.shipped.length})`,
        digest.shipped.map((s) => `- ${label(s.request)} (${statusChange(s)}): tell ${s.accounts.map(askerWithOwner).join(', ')}`),
      ),
      section(
        `New requests (${digest.newRequests.length})`,
        digest.newRequests.map(
          (r) => `- ${label(r)}: ${describeAskers(r)}, ${money(r.dealValue)}; ranked #${r.rank}${r.horizon ? ` (${r.horizon})` : ''}`,
        ),
      ),
      section(
        `New accounts asking (${digest.newAccounts.length})`,
        digest.newAccounts.map((n) => `- ${label(n.request)}: ${n.accounts.map((a) => md(a.name)).join(', ')} (+${money(n.addedValue)})`),
      ),
      section(
        'Biggest movers',
        digest.movers.map((m) => {
          const horizon = m.previousHorizon !== m.request.horizon ? `, ${m.previousHorizon ?? '—'} → ${m.request.horizon ?? '—'}` : '';
          return `- ${label(m.request)}: #${m.previousRank} → #${m.request.rank}${horizon} (${describeScore(m.request, view.kind)})`;
        }),
      ),
      section(
        'Newly escalated',
        digest.newlyEscalated.map((e) => `- ${label(e.request)}: ${e.rules.map(md).join(', ')}`),
      ),
      section(
        'Patterns by segment',
        digest.patterns.map(
          (p) => `- ${p.accounts.length} new ${md(p.segment)} accounts asked for ${md(p.request.title)} (${p.accounts.map(md).join(', ')})`,
        ),
      ),
      section(
        `No longer in the export (${digest.dropped.length})`,
        digest.dropped.map((r) => `- ${label(r)} (was #${r.rank})`),
      ),
      ...(view.staleAfterDays === undefined
        ? []
        : [
            section(
              `Going stale (${digest.goingStale.length})`,
              digest.goingStale.map(
                (g) =>
                  `- ${label(g.request)} (#${g.request.rank}): no mention for ${view.staleAfterDays! - g.daysLeft} days, stale ${g.daysLeft === 0 ? 'from tomorrow' : `in ${plural(g.daysLeft, 'day')}`}`,
              ),
            ),
            section(
              `Re-awakened (${digest.reawakened.length})`,
              digest.reawakened.map(
                (r) => `- ${label(r.request)} (#${r.request.rank}): asked again after ${plural(r.quietDays, 'quiet day')}`,
              ),
            ),
          ]),
    ].join('\n\n') + '\n'
  );
}

/** The digest for automation: ids, ranks and values, unrounded. */
export function renderDigestJson(view: DigestView): string {
  const { digest } = view;
  const ref = (r: RankedRequest) => ({
    id: r.id,
    title: r.title,
    rank: r.rank,
    score: r.unscorable === undefined ? r.score : null,
    horizon: r.horizon ?? null,
  });
  const output = {
    previous: view.previous,
    current: view.current,
    model: view.kind,
    currency: view.currency ?? null,
    shipped: digest.shipped.map((s) => ({
      ...ref(s.request),
      status: s.request.status ?? null,
      previous_status: s.previousStatus ?? null,
      accounts: s.accounts.map((a) => ({ name: a.name, owner: a.owner ?? null })),
    })),
    new_requests: digest.newRequests.map((r) => ({
      ...ref(r),
      deal_value: r.dealValue ?? null,
      accounts: r.accounts.map((a) => a.name),
      unattributed: r.unattributed?.mentions ?? 0,
    })),
    new_accounts: digest.newAccounts.map((n) => ({
      ...ref(n.request),
      accounts: n.accounts.map((a) => a.name),
      added_value: n.addedValue,
    })),
    movers: digest.movers.map((m) => ({ ...ref(m.request), previous_rank: m.previousRank, previous_horizon: m.previousHorizon ?? null })),
    newly_escalated: digest.newlyEscalated.map((e) => ({ ...ref(e.request), rules: e.rules })),
    patterns: digest.patterns.map((p) => ({ segment: p.segment, id: p.request.id, title: p.request.title, accounts: p.accounts })),
    dropped: digest.dropped.map(ref),
    going_stale: digest.goingStale.map((g) => ({ ...ref(g.request), days_left: g.daysLeft })),
    reawakened: digest.reawakened.map((r) => ({ ...ref(r.request), quiet_days: r.quietDays })),
  };
  return toSafeJson(output);
}

/** "score 62.5" of 100, or a framework's own number: "RICE 675", "RICE —" when it cannot score the request. */
function describeScore(request: RankedRequest, kind: ModelKind): string {
  return `${kind === 'weighted' ? 'score' : kind.toUpperCase()} ${formatRequestScore(request, { kind })}`;
}

/** "Planned → Released", or "new, Released" for a request the previous export did not have. */
function statusChange(shipped: ShippedRequest): string {
  const now = md(shipped.request.status ?? '');
  return shipped.previousStatus === undefined ? `new, ${now}` : `${md(shipped.previousStatus)} → ${now}`;
}

/** "Acme Corp (owner Dana Reyes)". */
function askerWithOwner(account: ShippedRequest['accounts'][number]): string {
  return account.owner === undefined ? md(account.name) : `${md(account.name)} (owner ${md(account.owner)})`;
}

/** "FR-101 SSO via Okta", escaped for markdown. */
function label(request: RankedRequest): string {
  return md(requestName(request));
}
