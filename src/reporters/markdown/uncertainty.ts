import type { UncertaintyStudy } from '../../core/analysis/uncertainty.js';
import type { RankedRequest } from '../../core/types.js';
import { describeStudy, formatRankInterval, formatShare } from '../words/format.js';
import { escapeMarkdown as md, renderMarkdownTable, requestLabel } from './text.js';

/** A request is near the line when neither in nor out of the top N holds in 9 samples of 10. */
const NEAR_LINE = [0.1, 0.9] as const;
/** Inputs listed as worth resolving first. */
const DECISIVE_SHOWN = 5;

/** The PM report's section on --uncertainty: requests near the line, and the inputs whose resolution matters most. */
export function renderUncertainty(ranked: readonly RankedRequest[], study: UncertaintyStudy): string {
  const near = ranked.flatMap((request, i) => {
    const sampled = study.requests[i]!;
    return sampled.topShare > NEAR_LINE[0] && sampled.topShare < NEAR_LINE[1] ? [{ request, sampled }] : [];
  });
  const decisive = study.inputs.filter((input) => input.decisiveness > 0).slice(0, DECISIVE_SHOWN);
  const lines = [`## How sure is the top ${study.top}?`, '', `${md(describeStudy(study))}.`, ''];
  if (near.length === 0) lines.push(`Every request is in or out of the top ${study.top} in at least 9 samples of 10.`);
  else {
    lines.push(`Requests near the line (in the top ${study.top} in 10% to 90% of samples):`, '');
    lines.push(
      renderMarkdownTable(
        ['#', 'Request', 'Rank (10th-90th)', `P(top ${study.top})`],
        near.map(({ request, sampled }) => [
          String(request.rank),
          requestLabel(request),
          formatRankInterval(sampled.interval),
          formatShare(sampled.topShare),
        ]),
      ),
    );
  }
  if (decisive.length > 0) {
    lines.push('', 'Resolve these first: each is the uncertain input that most changes who makes the line (value of information).', '');
    lines.push(
      ...decisive.map(
        (input) =>
          `- ${md(input.id)} (#${input.rank}) ${md(input.field)} ${md(input.text)}: its request's chance of the top ${study.top} differs by ${Math.round(input.decisiveness * 100)} points between the low and the high half of the range`,
      ),
    );
  }
  return lines.join('\n');
}
