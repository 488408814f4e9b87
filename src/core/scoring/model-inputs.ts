import { FRAMEWORK_TERMS } from './framework-terms.js';
import { assertNever, type Criterion, type ScoringModel } from '../types.js';

/** The fields a model's score reads: its criteria's fields, or its framework's inputs, in the model's order. */
export function scoredFields(model: ScoringModel): string[] {
  switch (model.kind) {
    case 'weighted':
      return model.criteria.map((c) => c.field);
    case 'rice':
    case 'wsjf':
    case 'ice':
      return FRAMEWORK_TERMS[model.kind].map((t) => t.field);
    default:
      return assertNever(model);
  }
}

/** The weighted criteria of a model; none for a framework, which scores its own inputs rather than criteria. */
export function criteriaOf(model: ScoringModel): readonly Criterion[] {
  return model.kind === 'weighted' ? model.criteria : [];
}
