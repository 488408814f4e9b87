import type { Mention } from '../../core/types.js';

/**
 * Mentions as JSON, for the trip from the reading thread (JSON.parse is about
 * twice as fast as structured cloning here). Request ids and account names,
 * which the grouping thread looks up on every row, cross once each, as new
 * entries of a dictionary both sides grow; rows carry their numbers, so the
 * grouping thread holds one string per id and account and its lookups reuse
 * each string's hash. Past MAX_CODES distinct texts, texts travel as themselves.
 */
const MAX_CODES = 1_000_000;

type Text = number | string;
type Row = [line: number, ids: Text[], account: Text | null, rest: Pick<Mention, 'title' | 'numbers' | 'texts' | 'day'>];
interface Batch {
  added: string[];
  rows: Row[];
}

export function createMentionEncoder(maxCodes = MAX_CODES): (mentions: readonly Mention[]) => string {
  const codes = new Map<string, number>();
  let added: string[] = [];
  const encode = (text: string): Text => {
    const code = codes.get(text);
    if (code !== undefined || codes.size >= maxCodes) return code ?? text;
    codes.set(text, codes.size);
    added.push(text);
    return codes.size - 1;
  };
  return (mentions) => {
    // Built field by field: object rest and spread cost more than the rest of the row here.
    const rows = mentions.map((m): Row => {
      const rest: Row[3] =
        m.title === undefined ? { numbers: m.numbers, texts: m.texts } : { title: m.title, numbers: m.numbers, texts: m.texts };
      if (m.day !== undefined) rest.day = m.day;
      return [m.line, m.ids.map(encode), m.account === undefined ? null : encode(m.account), rest];
    });
    const batch: Batch = { added, rows };
    added = [];
    return JSON.stringify(batch);
  };
}

export function createMentionDecoder(): (batch: string) => Mention[] {
  const dictionary: string[] = [];
  const decode = (text: Text): string => (typeof text === 'number' ? dictionary[text]! : text);
  return (json) => {
    const { added, rows } = JSON.parse(json) as Batch;
    for (const text of added) dictionary.push(text);
    return rows.map(([line, ids, account, rest]) => {
      const mention = rest as Mention;
      mention.line = line;
      mention.ids = ids.map(decode);
      if (account !== null) mention.account = decode(account);
      return mention;
    });
  };
}
