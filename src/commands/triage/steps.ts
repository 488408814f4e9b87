import { DECISION_KINDS, KINDS_NEEDING_REASON } from '../../core/decisions/kinds.js';
import type { DecisionFields } from '../../core/decisions/merge.js';
import type { Config } from '../../core/config/schema.js';
import { findDuplicates } from '../../core/text/similarity.js';
import { assessedCriteria, assessedInputs, isKnownDistinct, startingChoice, type InputQuestion } from '../../core/analysis/triage.js';
import { parseLabelRange, parseNumberRange } from '../../core/requests/ranges.js';
import type { Criterion, Decision, ScoredRequest, ScoringModel, Transform } from '../../core/types.js';
import { askText, chooseOne, QUIT, type Answer } from '../../prompts/index.js';
import type { Session } from './session.js';

/** Title similarity from which triage offers a merge, unless the config's triage.duplicate_threshold says otherwise. */
const DUPLICATE_THRESHOLD = 0.5;

/** One question: already answered (skipped on resume), or asked, giving the fields to save; undefined when there is nothing to ask. */
export interface Step {
  isAnswered(decision: Decision): boolean;
  ask(session: Session, request: ScoredRequest, decision: Decision): Promise<Answer<DecisionFields> | undefined>;
}

export function listSteps(model: ScoringModel): Step[] {
  return [
    mergeStep,
    ...assessedCriteria(model).map(criterionStep),
    ...assessedInputs(model).map(inputStep),
    decisionStep,
    reasonStep,
    horizonStep,
  ];
}

/** Likely duplicates, without those the PM already said are distinct. */
export function listDuplicates(session: Session, request: ScoredRequest) {
  const threshold = session.config.triage?.duplicate_threshold ?? DUPLICATE_THRESHOLD;
  return findDuplicates(request, session.requests, threshold)
    .filter((d) => !isKnownDistinct(request, d.request))
    .slice(0, 5);
}

const mergeStep: Step = {
  isAnswered: (d) => d.mergeInto !== undefined,
  async ask(session, request, decision) {
    const duplicates = listDuplicates(session, request);
    if (duplicates.length === 0) return undefined;
    // "No" is an answer too: saved, so these pairs are not offered again.
    const distinct = { distinctFrom: [...(decision.distinctFrom ?? []), ...duplicates.map((d) => d.request.id)] };
    return chooseOne<DecisionFields>('Same request as another?', [
      { name: 'no, it is a request of its own', value: distinct },
      ...duplicates.map((d) => ({ name: `merge into ${d.request.id} ${d.request.title}`, value: { mergeInto: d.request.id } })),
    ]);
  },
};

function criterionStep(criterion: Criterion): Step {
  return {
    isAnswered: (d) => d.values?.[criterion.field] !== undefined && !isOpenRange(d.values[criterion.field], criterion.transform),
    async ask(session, request, decision) {
      const current = decision.values?.[criterion.field] ?? request.criteria[criterion.name]?.raw;
      const answer = await askValue(session, criterion, current);
      return typeof answer === 'symbol' ? answer : { [`values.${criterion.field}`]: answer };
    },
  };
}

/** A criterion's value: the map's keys, the integers of a short linear scale, else a typed number. */
async function askValue(session: Session, criterion: Criterion, current: number | string | undefined) {
  const message = `${criterion.name}: ${criterion.description ?? criterion.name}`;
  const choices = listChoices(criterion, session.config);
  if (choices) {
    const hasMissing = session.config.criteria?.[criterion.name]?.missing !== undefined;
    const start = startingChoice(choices, current, hasMissing ? criterion : undefined);
    return chooseOne<number | string>(
      message,
      choices.map((value) => ({ name: String(value), value })),
      start,
    );
  }
  return askNumber(message, current);
}

async function askNumber(message: string, current: number | string | undefined) {
  const text = await askText(message, {
    isRequired: false,
    ...(current === undefined ? {} : { defaultValue: String(current) }),
    validate: (t) => (Number.isFinite(Number(t)) || parseNumberRange(t) ? undefined : `expected a number or a range like 3-4, got "${t}"`),
  });
  return typeof text === 'string' && !parseNumberRange(text) ? Number(text) : text;
}

/** A range is an answer still open: triage offers to settle it. */
function isOpenRange(value: number | string | undefined, transform?: Transform): boolean {
  if (typeof value !== 'string') return false;
  return (transform?.kind === 'map' ? parseLabelRange(value, transform) : parseNumberRange(value)) !== undefined;
}

/** A framework input: its scale's choices where it has one, else a typed number; the current value as the framework reads it. */
function inputStep(question: InputQuestion): Step {
  const { field, choices } = question;
  return {
    isAnswered: (d) => d.values?.[field] !== undefined && !isOpenRange(d.values[field]),
    async ask(_session, request, decision) {
      // A framework input's normalized value is the value its formula reads: a share for 80%, 2 for "high".
      const known = request.criteria[field];
      const current = decision.values?.[field] ?? (known === undefined || known.isMissing ? undefined : known.normalized);
      const message = `${field}: ${question.description}`;
      const offered = choices && withCurrent(choices, current);
      const start =
        offered &&
        startingChoice(
          offered.map((c) => c.value),
          current,
        );
      const answer = offered ? await chooseOne(message, offered, start) : await askNumber(message, current);
      return typeof answer === 'symbol' ? answer : { [`values.${field}`]: answer };
    },
  };
}

function listChoices(criterion: Criterion, config: Config): (number | string)[] | undefined {
  const t = criterion.transform;
  // The model folds map keys for matching; offer them as the config spells them.
  if (t.kind === 'map') return Object.keys(config.criteria?.[criterion.name]?.map ?? {});
  if (t.kind !== 'linear' || !Number.isInteger(t.min) || !Number.isInteger(t.max) || t.max - t.min > 10) return undefined;
  return Array.from({ length: t.max - t.min + 1 }, (_, i) => t.min + i);
}

/** The scale's choices, with the current value first when it is off the scale, so that Enter keeps it. */
function withCurrent(
  choices: NonNullable<InputQuestion['choices']>,
  current: number | string | undefined,
): NonNullable<InputQuestion['choices']> {
  const isOnScale = choices.some((c) => String(c.value) === String(current));
  return current === undefined || isOnScale ? choices : [{ name: `${current} (as now)`, value: current }, ...choices];
}

const decisionStep: Step = {
  isAnswered: (d) => d.decision !== undefined,
  async ask(session, _request, decision) {
    for (let start = decision.decision; ;) {
      const kind = await chooseOne(
        'Decision',
        DECISION_KINDS.map((value) => ({ name: value, value })),
        start,
      );
      if (typeof kind === 'symbol') return kind;
      start = kind;
      if (!KINDS_NEEDING_REASON.includes(kind)) return { decision: kind };
      // Saved together: a decline without its reason would be a file the loader refuses.
      const reason = await askText(`Reason for ${kind} (sales relays it)`, {
        isRequired: true,
        ...(decision.reason === undefined ? {} : { defaultValue: decision.reason }),
      });
      if (typeof reason === 'string') return { decision: kind, reason };
      // Said plainly, since the prompt above already shows the decision ticked.
      const next = reason === QUIT ? '' : '; decide again, or skip';
      session.context.stdout.write(`  not saved: a reason is required for ${kind}${next}\n`);
      if (reason === QUIT) return QUIT;
    }
  },
};

const reasonStep: Step = {
  isAnswered: (d) => d.reason !== undefined || d.decision === undefined,
  async ask(_session, _request, decision) {
    if (decision.decision === undefined || KINDS_NEEDING_REASON.includes(decision.decision)) return undefined;
    const reason = await askText('Reason (optional)', {
      isRequired: false,
      ...(decision.reason === undefined ? {} : { defaultValue: decision.reason }),
    });
    return typeof reason === 'string' ? { reason } : reason;
  },
};

const horizonStep: Step = {
  isAnswered: (d) => d.horizon !== undefined,
  async ask(session, request, decision) {
    if (session.model.horizons.length === 0) return undefined;
    const choices = session.model.horizons.map((h) => ({ name: h.name, value: h.name }));
    const horizon = await chooseOne('Target horizon', choices, decision.horizon ?? request.horizon);
    return typeof horizon === 'string' ? { horizon } : horizon;
  },
};
