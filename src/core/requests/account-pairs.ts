import type { AccountMention } from '../types.js';

/**
 * Every (request, account) pair of an export, with the pair's account name,
 * largest deal and first segment, kept in typed arrays and an open-addressing
 * hash table: a 1M-row export holds about a million pairs, and a Map and an
 * object per pair cost four times the memory.
 */
export class AccountPairs {
  private capacity = 1024;
  private size = 0;
  private requestOf = new Int32Array(this.capacity);
  private accountOf = new Int32Array(this.capacity);
  private dealOf = new Float64Array(this.capacity);
  /** The decay weight of the account's newest mention of the request (1 without decay). */
  private weightOf = new Float64Array(this.capacity);
  /** The request's next pair, in the order its accounts first asked; -1 ends the list. */
  private nextOf = new Int32Array(this.capacity);
  /** Indices into texts: the account's name as first spelled in the request, and its segment (-1: none). */
  private nameOf = new Int32Array(this.capacity);
  private segmentOf = new Int32Array(this.capacity);
  private readonly texts: string[] = [];
  private readonly textIds = new Map<string, number>();
  /** Pair index + 1 by hash of (request, account); 0 is an empty slot. Never more than half full. */
  private table = new Int32Array(this.capacity * 2);

  /**
   * Counts an account once per request, keeping the largest deal (NaN: none),
   * the largest decay weight and the first segment. Returns the pair's index when the pair is new.
   */
  count(request: number, account: number, name: string, deal: number, segment: string | undefined, weight = 1): number | undefined {
    const mask = this.table.length - 1;
    let slot = hashPair(request, account) & mask;
    for (let entry = this.table[slot]!; entry !== 0; entry = this.table[slot]!) {
      const pair = entry - 1;
      if (this.requestOf[pair] === request && this.accountOf[pair] === account) {
        if (deal > this.dealOf[pair]! || Number.isNaN(this.dealOf[pair]!)) this.dealOf[pair] = deal;
        if (weight > this.weightOf[pair]!) this.weightOf[pair] = weight;
        if (this.segmentOf[pair] === -1 && segment !== undefined) this.segmentOf[pair] = this.idOf(segment);
        return undefined;
      }
      slot = (slot + 1) & mask;
    }
    const pair = this.append(slot, request, account, name, deal, segment);
    this.weightOf[pair] = weight;
    return pair;
  }

  /** Links a request's new pair after its previous last one. */
  link(previous: number, next: number): void {
    this.nextOf[previous] = next;
  }

  /** Ends counting: lets go of what only finding a pair needs (a third of the memory) before the accounts are built. */
  seal(): void {
    this.table = new Int32Array(0);
    this.requestOf = new Int32Array(0);
    this.accountOf = new Int32Array(0);
  }

  /** A request's accounts, from its first pair, in the order they first asked; with decay, each with its weight. */
  accounts(first: number, isDecayed = false): AccountMention[] {
    const accounts: AccountMention[] = [];
    for (let pair = first; pair >= 0; pair = this.nextOf[pair]!) {
      const segment = this.segmentOf[pair]!;
      const account = toAccountMention(this.texts[this.nameOf[pair]!]!, this.dealOf[pair]!, segment < 0 ? undefined : this.texts[segment]);
      if (isDecayed) account.weight = this.weightOf[pair]!;
      accounts.push(account);
    }
    return accounts;
  }

  private append(slot: number, request: number, account: number, name: string, deal: number, segment: string | undefined): number {
    const pair = this.size;
    this.size += 1;
    this.table[slot] = pair + 1;
    this.requestOf[pair] = request;
    this.accountOf[pair] = account;
    this.dealOf[pair] = deal;
    this.nextOf[pair] = -1;
    this.nameOf[pair] = this.idOf(name);
    this.segmentOf[pair] = segment === undefined ? -1 : this.idOf(segment);
    if (this.size === this.capacity) this.grow();
    return pair;
  }

  /** Names and segments repeat across requests: each distinct one is stored once. */
  private idOf(text: string): number {
    let id = this.textIds.get(text);
    if (id === undefined) {
      id = this.texts.push(text) - 1;
      this.textIds.set(text, id);
    }
    return id;
  }

  private grow(): void {
    this.capacity *= 2;
    this.requestOf = resized(this.requestOf, this.capacity);
    this.accountOf = resized(this.accountOf, this.capacity);
    this.dealOf = resized(this.dealOf, this.capacity);
    this.weightOf = resized(this.weightOf, this.capacity);
    this.nextOf = resized(this.nextOf, this.capacity);
    this.nameOf = resized(this.nameOf, this.capacity);
    this.segmentOf = resized(this.segmentOf, this.capacity);
    this.table = new Int32Array(this.capacity * 2);
    const mask = this.table.length - 1;
    for (let pair = 0; pair < this.size; pair += 1) {
      let slot = hashPair(this.requestOf[pair]!, this.accountOf[pair]!) & mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & mask;
      this.table[slot] = pair + 1;
    }
  }
}

/** Written as whole literals: objects given a property later keep it out of line, 40 bytes more for each of a million accounts. */
function toAccountMention(name: string, deal: number, segment: string | undefined): AccountMention {
  if (Number.isNaN(deal)) return segment ? { name, segment } : { name };
  return segment ? { name, dealValue: deal, segment } : { name, dealValue: deal };
}

function resized<T extends Int32Array | Float64Array>(array: T, length: number): T {
  const grown = new (array.constructor as new (length: number) => T)(length);
  grown.set(array);
  return grown;
}

/** Mixes both numbers (multiplicative hashing), so consecutive requests and accounts spread over the table. */
function hashPair(request: number, account: number): number {
  return (Math.imul(request, 0x9e3779b1) ^ Math.imul(account + 0x7f4a7c15, 0x85ebca77)) >>> 0;
}
