/** Starter models for init --preset: the weighted default and the frameworks teams already use (presets/). */
export const PRESETS = ['weighted', 'rice', 'wsjf', 'ice'] as const;
export type Preset = (typeof PRESETS)[number];
