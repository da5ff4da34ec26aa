/**
 * Text normalisation shared by the matcher and the acute-danger check: people write on phones, in a hurry,
 * often without å/ä/ö and with slang. Both the knowledge base and the question go through the same steps,
 * so "hotad pa fejsbuk" and "hotad på Facebook" meet.
 */

/** Colloquial spellings and typos, already folded (no å/ä/ö), mapped to the word the guideline uses. */
const SLANG: Readonly<Record<string, string>> = {
  fejsbuk: 'facebook',
  fejsbok: 'facebook',
  facebok: 'facebook',
  fejan: 'facebook',
  fb: 'facebook',
  insta: 'instagram',
  ig: 'instagram',
  snap: 'snapchat',
  nan: 'nagon',
  nagn: 'nagon',
  ngn: 'nagon',
  ngt: 'nagot',
  nat: 'nagot',
  nanstans: 'nagonstans',
  mail: 'mejl',
  mailet: 'mejlet',
  email: 'mejl',
  epost: 'mejl',
  smsa: 'sms',
  snuten: 'polisen',
  snutarna: 'polisen',
  aina: 'polisen',
  polisn: 'polisen',
  ploisen: 'polisen',
  pollisen: 'polisen',
  e: 'ar',
  va: 'vad',
  mej: 'mig',
  dej: 'dig',
  sej: 'sig',
  ja: 'jag',
  dom: 'de',
  u: 'you',
  pls: 'please',
  plz: 'please',
};

/** Lower-case and fold å/ä→a, ö→o, é→e (and any other accent), so missing diacritics do not matter. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Unicode normalisation twice over every message (the matcher, the acute check and the language guess
  // each read the words) was a visible part of a turn; ASCII needs none, and the Latin letters Swedish and
  // its neighbours write fold one by one to what the whole-text normalisation gives (tested for every one).
  if (!NON_ASCII.test(lower)) return lower;
  if (ONLY_LATIN.test(lower)) return lower.replace(LATIN_LETTER, foldLatinLetter);
  return foldUnicode(lower);
}

/** The full fold: decompose, drop the combining marks, compose again. */
export function foldUnicode(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
}

// Module constants: a regex literal in a function body is a new RegExp object at every call. All are global
// and used only by replace/match, which start from lastIndex 0 and leave it there.
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SMS_VERB = /sms:a/gi;
const TOKEN = /[a-z0-9]+/g;
const HELD_KEY = /([a-z])\1{2,}/g;
// eslint-disable-next-line no-control-regex -- the test is for anything outside ASCII
const NON_ASCII = /[^\u0000-\u007f]/;
// eslint-disable-next-line no-control-regex -- ASCII and the Latin-1 Supplement and Latin Extended-A/B blocks
const ONLY_LATIN = /^[\u0000-\u024f]*$/;
const LATIN_LETTER = /[\u0080-\u024f]/g;
const LATIN_FOLDED = Array.from({ length: 0x250 - 0x80 }, (_, i) =>
  foldUnicode(String.fromCharCode(0x80 + i)),
);
const foldLatinLetter = (letter: string): string => LATIN_FOLDED[letter.charCodeAt(0) - 0x80]!;

/**
 * The last text read, its words and its sentence. A free-text turn is read by every capability the router asks
 * (report, meeting, cases, contacts, alert status), by the acute check, the language guess and the matcher: 11
 * readings of a guidance question, which now tokenise it 3 times (other texts read in between take the entry). It holds a person's words, so the bot forgets it
 * when the turn ends (forgetLastReading), as the classifier forgets its memos (nlpClassifier.ts).
 */
let lastText: string | undefined;
let lastWords: readonly string[] = [];
let lastSentence = '';

/** Drops the last text read and its words: called at the end of every turn. */
export function forgetLastReading(): void {
  lastText = undefined;
  lastWords = [];
  lastSentence = '';
}

/** The text whose reading is kept, if any (for the test that nothing of a message outlives its turn). */
export function heldReading(): string | undefined {
  return lastText;
}

/** Words of the text, folded, with repeated letters and slang mapped: "Nån hotar mig på fejsbuk!" → nagon hotar mig pa facebook. */
export function words(text: string): string[] {
  return [...read(text)];
}

/** The normalised sentence (words joined by single spaces), for phrase rules. */
export function normalizeText(text: string): string {
  read(text);
  return lastSentence;
}

function read(text: string): readonly string[] {
  if (text !== lastText) {
    lastWords = tokenize(text);
    lastSentence = lastWords.join(' ');
    lastText = text;
  }
  return lastWords;
}

function tokenize(text: string): string[] {
  const tokens = fold(text.replace(SMS_VERB, 'sms')).match(TOKEN) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    // Held keys and panic ("hjäääälp", "polisennnn"): no Swedish or English word has a letter three times.
    const single = tokens[i]!.replace(HELD_KEY, '$1');
    // Own keys only: "constructor" must not find Object.prototype.constructor. Tokens and slang are [a-z0-9]
    // already, which folding leaves as they are.
    tokens[i] = Object.hasOwn(SLANG, single) ? SLANG[single]! : single;
  }
  return tokens;
}
