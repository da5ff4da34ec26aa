import { words } from '../../core/text/normalize';
import { STOPWORDS } from './stopwords';

/** Longest word piece tried when splitting words typed together. */
const MAX_PIECE = 20;
/** Words that make a split a phrase, not a compound: function words, prepositions, "nu". */
const SMALL_WORDS = new Set([
  ...STOPWORDS,
  'vid',
  'mot',
  'fran',
  'hos',
  'bakom',
  'efter',
  'inne',
  'ute',
  'nu',
  'now',
]);

/**
 * Repairs three slips of typing on a phone in a hurry, against the words of known texts: two neighbouring
 * letters swapped ("han ahr en kinv" → "han har en kniv"), one letter left out ("hjlp" → "hjalp"), and words
 * typed without spaces ("hanärinneihuset" → "han ar inne i huset"). Only words the vocabulary does not know are
 * touched, and only when the repair is unambiguous: exactly one known word one slip away; or a split into at
 * least three known words, one of them a small function word (so a compound like "kommunfullmaktigeordforande"
 * stays whole), the likeliest split by word frequency.
 */
export class Spelling {
  /** Every word of the texts → its cost in a split, -log of its frequency: common words make likelier splits. */
  private readonly cost: ReadonlyMap<string, number>;
  /** Words seen at least twice: a typo that occurs once in the texts is not taken for a word. */
  private readonly known: ReadonlySet<string>;
  /** A known word with one letter left out → the known words it comes from: a lookup, not 27 guesses a letter. */
  private readonly withOneLetterLess: ReadonlyMap<string, string[]>;

  private constructor(counts: ReadonlyMap<string, number>) {
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    // One-letter words other than "i" and "o" (och) are split-off contractions ("I'd"): never split pieces.
    const pieces = [...counts].filter(([word]) => word.length > 1 || /^[io]$/.test(word));
    this.cost = new Map(pieces.map(([word, n]) => [word, Math.log(total / n)]));
    this.known = new Set([...counts].filter(([, n]) => n >= 2).map(([word]) => word));
    const shortened = new Map<string, string[]>();
    for (const word of this.known) {
      for (let i = 0; i < word.length; i++) {
        const short = word.slice(0, i) + word.slice(i + 1);
        const from = shortened.get(short) ?? [];
        if (!from.includes(word)) from.push(word);
        shortened.set(short, from);
      }
    }
    this.withOneLetterLess = shortened;
  }

  static fromTexts(texts: string[]): Spelling {
    const counts = new Map<string, number>();
    for (const text of texts) for (const word of words(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
    return new Spelling(counts);
  }

  /** The text's normalised words, with the repairs applied, joined by spaces. */
  repair(text: string): string {
    return words(text)
      .map((word) => (this.known.has(word) || /\d/.test(word) ? word : this.repairWord(word)))
      .join(' ');
  }

  private repairWord(word: string): string {
    return this.oneSlipAway(word) ?? this.split(word)?.join(' ') ?? word;
  }

  /** The one known word that a swap of two neighbouring letters, or one added letter, makes of this one. */
  private oneSlipAway(word: string): string | undefined {
    if (word.length < 3) return undefined;
    const found = new Set(this.withOneLetterLess.get(word));
    for (let i = 0; i + 1 < word.length; i++) {
      const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (this.known.has(swapped)) found.add(swapped);
    }
    return found.size === 1 ? [...found][0] : undefined;
  }

  /** The likeliest split into known words, if it is a run-together phrase rather than a compound. */
  private split(word: string): string[] | undefined {
    if (word.length < 8) return undefined;
    // best[end]: the cheapest split of word[0, end) into known words, and where its last word starts.
    const best: Array<{ cost: number; from: number } | undefined> = [{ cost: 0, from: 0 }];
    for (let end = 1; end <= word.length; end++) {
      for (let start = Math.max(0, end - MAX_PIECE); start < end; start++) {
        if (start === 0 && end === word.length) continue; // the run itself may occur in the texts
        const cost = this.cost.get(word.slice(start, end));
        const before = best[start];
        if (cost === undefined || !before) continue;
        if (!best[end] || before.cost + cost < best[end]!.cost)
          best[end] = { cost: before.cost + cost, from: start };
      }
    }
    if (!best[word.length]) return undefined;
    const pieces: string[] = [];
    for (let end = word.length; end > 0; end = best[end]!.from)
      pieces.unshift(word.slice(best[end]!.from, end));
    return pieces.length >= 3 && pieces.some((piece) => SMALL_WORDS.has(piece)) ? pieces : undefined;
  }
}
