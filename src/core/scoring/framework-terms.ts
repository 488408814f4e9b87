/** The frameworks pm-rank scores in their own unit. */
export type FrameworkName = 'rice' | 'wsjf' | 'ice';

/** One input of a framework: the request field it reads. */
export interface FrameworkTerm {
  field: string;
  /** A divisor (effort, job size): zero or missing cannot be scored, and smaller is better. */
  isDivisor?: boolean;
}

/**
 * The inputs of each framework, in the order its formula names them. A leaf module:
 * the config schema checks tiebreaks against it, and the model types import the schema.
 */
export const FRAMEWORK_TERMS: Readonly<Record<FrameworkName, readonly FrameworkTerm[]>> = {
  rice: [{ field: 'reach' }, { field: 'impact' }, { field: 'confidence' }, { field: 'effort', isDivisor: true }],
  wsjf: [{ field: 'business_value' }, { field: 'time_criticality' }, { field: 'risk_reduction' }, { field: 'job_size', isDivisor: true }],
  ice: [{ field: 'impact' }, { field: 'confidence' }, { field: 'ease' }],
};
