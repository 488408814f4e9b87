/** Header names one language's exports use for each field, most specific first; compared after normalizeHeader. */
export type SynonymTable = Readonly<Partial<Record<string, readonly string[]>>>;
