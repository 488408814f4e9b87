import type { DecisionFields } from '../../core/decisions/merge.js';
import { findPlace, isTriaged, potentialScore } from '../../core/analysis/triage.js';
import type { ScoredRequest } from '../../core/types.js';
import type { DecisionsLock } from '../../output/decisions-lock.js';
import { BACK, QUIT, SKIP } from '../../prompts/index.js';
import { renderTriageCard } from '../../reporters/triage-card.js';
import { decisionOf, findRequest, refresh, saveAnswer, undoAnswer, type Session, type Undo } from './session.js';
import { listDuplicates, listSteps } from './steps.js';

/** Where the walk is: the request in the queue and the question about it. */
interface Place {
  index: number;
  step: number;
}

/** A question asked, and how to undo its answer when the PM goes back. */
interface Asked extends Place {
  undo?: Undo;
}

/** Asks question after question, request after request; :back returns to the last one asked (across requests) and undoes its answer. */
export async function walkQueue(session: Session, queue: readonly ScoredRequest[], lock: DecisionsLock): Promise<void> {
  const steps = listSteps(session.model);
  const history: Asked[] = [];
  let at: Place = { index: 0, step: 0 };
  let [isReturning, shown] = [false, -1];
  while (at.index < queue.length) {
    await lock.keep();
    await refresh(session);
    const request = findRequest(session, queue[at.index]!.id);
    if (at.step >= steps.length || !request || (at.step === 0 && !isReturning && isSettledMeanwhile(session, request, at.index, shown))) {
      at = { index: at.index + 1, step: 0 };
      continue;
    }
    if (shown !== at.index) session.context.stdout.write(renderCard(session, request, at.index + 1, queue.length));
    shown = at.index;
    const current = decisionOf(session, request.id);
    if (!isReturning && session.only === 'untriaged' && steps[at.step]!.isAnswered(current)) {
      at = { ...at, step: at.step + 1 };
      continue;
    }
    const answer = await steps[at.step]!.ask(session, request, current);
    isReturning = answer === BACK;
    const next = answer === BACK ? await goBack(session, history, at) : await recordAnswer(session, request.id, answer, at, history);
    if (next === QUIT) return;
    at = next;
  }
}

/** Saves an answer (a skip saves nothing, but :back returns to it too) and says where the walk goes next. */
async function recordAnswer(
  session: Session,
  id: string,
  answer: DecisionFields | typeof SKIP | typeof QUIT | undefined,
  at: Place,
  history: Asked[],
): Promise<Place | typeof QUIT> {
  if (answer === QUIT) return QUIT;
  if (answer === undefined) return { ...at, step: at.step + 1 }; // nothing to ask
  const undo = answer === SKIP ? undefined : await saveAnswer(session, id, answer);
  if (undo === QUIT) return QUIT;
  history.push({ ...at, ...(undo ? { undo } : {}) });
  const isMerged = answer !== SKIP && answer.mergeInto !== undefined;
  return isMerged ? { index: at.index + 1, step: 0 } : { ...at, step: at.step + 1 };
}

/** The last question asked, its answer taken back out of the file; the current one again when there is none. */
async function goBack(session: Session, history: Asked[], at: Place): Promise<Place | typeof QUIT> {
  const last = history.pop();
  if (!last) {
    session.context.stdout.write('  nothing to go back to: this is the first question\n');
    return at;
  }
  if (last.undo && (await undoAnswer(session, last.undo)) === QUIT) return QUIT;
  return { index: last.index, step: last.step };
}

/** In an untriaged walk, a request decided since the walk began (another session, a hand edit) is passed over, once said. */
function isSettledMeanwhile(session: Session, request: ScoredRequest, index: number, shown: number): boolean {
  if (session.only !== 'untriaged' || index === shown || !isTriaged(request)) return false;
  const by = decisionOf(session, request.id).decider;
  session.context.stdout.write(`\n${request.id} was decided meanwhile${by ? ` by ${by}` : ''}; passed over.\n`);
  return true;
}

function renderCard(session: Session, request: ScoredRequest, index: number, count: number): string {
  const potential = potentialScore(request, session.model);
  return renderTriageCard(request, {
    color: session.context.isColor,
    index,
    count,
    place: findPlace(request, session.requests),
    total: session.requests.length,
    ...(potential === undefined ? {} : { potential }),
    model: session.model,
    duplicates: listDuplicates(session, request),
    ...(session.currency === undefined ? {} : { currency: session.currency }),
  });
}
