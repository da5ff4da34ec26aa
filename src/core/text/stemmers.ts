/* eslint-disable @typescript-eslint/no-require-imports -- subpath exports without TypeScript types */
const snowballSwedish: (word: string) => string = require('@orama/stemmers/swedish').stemmer;
const snowballEnglish: (word: string) => string = require('@orama/stemmers/english').stemmer;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Remembered stems: every message stems the same few thousand words again, in three places. */
const MAX_REMEMBERED = 50_000;

function remembered(stem: (word: string) => string): (word: string) => string {
  const stems = new Map<string, string>();
  return (word) => {
    let found = stems.get(word);
    if (found === undefined) {
      found = stem(word);
      // Unknown words are unbounded (user text): start over rather than grow without limit.
      if (stems.size >= MAX_REMEMBERED) stems.clear();
      stems.set(word, found);
    }
    return found;
  };
}

/** Snowball stems (Orama's stemmers) of folded words: "hotad", "hotade" → "hot". */
export const stemSwedish = remembered(snowballSwedish);
export const stemEnglish = remembered(snowballEnglish);
