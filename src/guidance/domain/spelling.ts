import { words } from '../../core/text/normalize';
import { STOPWORDS } from './stopwords';
import { stemEnglish, stemSwedish } from '../../core/text/stemmers';

/** Longest word piece tried when splitting words typed together. */
const MAX_PIECE = 20;
/** The only pieces of one or two letters a split may have. */
const SHORT_PIECES = new Set([
  'i',
  'o',
  'ar',
  'en',
  'pa',
  'om',
  'de',
  'vi',
  'ni',
  'du',
  'sa',
  'nu',
  'ja',
  'ha',
]);
/** How often a word must occur in the labelled messages to be a repair's result. */
const COMMON = 3;
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
 * Repairs three slips of typing on a phone in a hurry: two neighbouring letters swapped ("han ahr en kinv" →
 * "han har en kniv"), one letter left out ("hjlp" → "hjalp"), and words typed without spaces ("hanärinneihuset" →
 * "han ar inne i huset"). Cautious, because a wrong repair can turn an ordinary word into a danger word ("bom" →
 * "bomb"): a word the vocabulary knows (the labelled messages and the guideline's own text) is never touched; a
 * slip is repaired only into a common word, and only when exactly one common word is one slip away; a split
 * needs at least three pieces, one of them a small function word, no more than one piece per three letters, and
 * no two-letter piece that is not a Swedish function word (so "organisation" and "hjälpmedel" stay whole).
 */
/** The counted words a `Spelling` is built from (see `Spelling.modelOf`). */
export interface SpellingModel {
  counts: Array<[word: string, count: number]>;
  alsoKnown: string[];
  /**
   * The Swedish ("sv:…") and English ("en:…") stems of every known word (those counted and those also known):
   * made with the counts, because stemming the 6 600 words twice was some 60 ms of every start.
   */
  knownStems: string[];
}

export class Spelling {
  /** Words seen twice → their cost in a split, -log of their frequency: common words make likelier splits. */
  private readonly cost: ReadonlyMap<string, number>;
  /** Words a swapped or missing letter may be repaired into. */
  private readonly common: ReadonlySet<string>;
  /** Every word of the vocabulary, and its Swedish and English stems: a word with a known stem is not a typo. */
  private readonly known: ReadonlySet<string>;
  private readonly knownStems: ReadonlySet<string>;
  /**
   * A common word with one letter left out → the common words it comes from (a lookup, not 27 guesses). Made on
   * the first word that needs it, not at start (25 000 keys, 20–40 ms, which every start paid before the bot was
   * ready although most messages have no unknown word).
   */
  private withOneLetterLessLookup: ReadonlyMap<string, string[]> | undefined;

  private constructor(private readonly model: SpellingModel) {
    // A part missing from a saved model would be an empty set that repairs differently, not an error.
    for (const part of ['counts', 'alsoKnown', 'knownStems'] as const)
      if (!Array.isArray(model[part])) throw new Error(`spelling model: no ${part}`);
    const counts = new Map(model.counts);
    const common = [...counts].filter(([, n]) => n >= COMMON);
    const seenTwice = [...counts].filter(([, n]) => n >= 2);
    const total = seenTwice.reduce((sum, [, n]) => sum + n, 0);
    this.cost = new Map(seenTwice.map(([word, n]) => [word, Math.log(total / n)]));
    this.common = new Set(common.map(([word]) => word));
    // A typo that occurs once in the labelled messages is not a word; a word of the guideline's text is.
    this.known = new Set([...seenTwice.map(([word]) => word), ...model.alsoKnown]);
    this.knownStems = new Set(model.knownStems);
  }

  /** The stems `knownStems` holds for these known words. */
  private static stemsOf(known: Iterable<string>): string[] {
    return [...new Set([...known].flatMap((word) => [`sv:${stemSwedish(word)}`, `en:${stemEnglish(word)}`]))];
  }

  /** Builds now what the first unknown word would otherwise build (the app calls it just after it is ready). */
  prepare(): void {
    this.withOneLetterLess();
  }

  private withOneLetterLess(): ReadonlyMap<string, string[]> {
    if (this.withOneLetterLessLookup) return this.withOneLetterLessLookup;
    const shortened = new Map<string, string[]>();
    for (const word of this.common) {
      for (let i = 0; i < word.length; i++) {
        const short = word.slice(0, i) + word.slice(i + 1);
        const from = shortened.get(short) ?? [];
        if (!from.includes(word)) from.push(word);
        shortened.set(short, from);
      }
    }
    this.withOneLetterLessLookup = shortened;
    return shortened;
  }

  /** `texts`: the labelled messages (what is written in a hurry); `alsoKnown`: texts whose words are all real. */
  static fromTexts(texts: string[], alsoKnown: string[] = []): Spelling {
    return Spelling.fromModel(Spelling.modelOf(texts, alsoKnown));
  }

  /**
   * What the spelling is made of, for the build-time artifact: counting the words of 10 000 messages took
   * about 100 ms of every start, stemming the known words some 60 ms more. Words seen once are left out (they
   * are neither known nor common).
   */
  static modelOf(texts: string[], alsoKnown: string[] = []): SpellingModel {
    const counts = new Map<string, number>();
    for (const text of texts) for (const word of words(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
    const seenTwice = [...counts].filter(([, n]) => n >= 2);
    const alsoKnownWords = [...new Set(alsoKnown.flatMap((text) => words(text)))];
    return {
      counts: seenTwice,
      alsoKnown: alsoKnownWords,
      knownStems: Spelling.stemsOf([...seenTwice.map(([word]) => word), ...alsoKnownWords]),
    };
  }

  static fromModel(model: SpellingModel): Spelling {
    return new Spelling(model);
  }

  toModel(): SpellingModel {
    return this.model;
  }

  /**
   * Two readings of the text's normalised words, made in one pass: `split` only splits words typed together
   * (for uses where a wrong repair would cost more); `repaired` also mends a swapped or missing letter.
   */
  read(text: string): { split: string; repaired: string } {
    const split: string[] = [];
    const repaired: string[] = [];
    for (const word of words(text)) {
      if (this.isKnown(word) || /\d/.test(word)) {
        split.push(word);
        repaired.push(word);
        continue;
      }
      const pieces = this.split(word)?.join(' ');
      split.push(pieces ?? word);
      repaired.push(this.oneSlipAway(word) ?? pieces ?? word);
    }
    return { split: split.join(' '), repaired: repaired.join(' ') };
  }

  /** The text's normalised words with every repair applied, joined by spaces. */
  repair(text: string): string {
    return this.read(text).repaired;
  }

  /** Known as it is, or as another form of a known word ("förtroendeuppdraget" from "förtroendeuppdrag"). */
  private isKnown(word: string): boolean {
    return (
      this.known.has(word) ||
      this.knownStems.has(`sv:${stemSwedish(word)}`) ||
      this.knownStems.has(`en:${stemEnglish(word)}`)
    );
  }

  /** The one common word that a swap of two neighbouring letters, or one added letter, makes of this one. */
  private oneSlipAway(word: string): string | undefined {
    if (word.length < 3) return undefined;
    const found = new Set(word.length >= 4 ? this.withOneLetterLess().get(word) : []);
    for (let i = 0; i + 1 < word.length; i++) {
      const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (this.common.has(swapped)) found.add(swapped);
    }
    return found.size === 1 ? [...found][0] : undefined;
  }

  /** The likeliest split into known words, if it is a run-together phrase rather than a compound. */
  private split(word: string): string[] | undefined {
    if (word.length < 10) return undefined;
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
    const phrase =
      pieces.length >= 3 &&
      pieces.length * 3 <= word.length &&
      pieces.some((piece) => SMALL_WORDS.has(piece)) &&
      pieces.every((piece) => piece.length > 2 || SHORT_PIECES.has(piece));
    return phrase ? pieces : undefined;
  }
}
