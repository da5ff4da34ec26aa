import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fold, words } from '../src/core/text/normalize';
import { stemEnglish, stemSwedish } from '../src/core/text/stemmers';
import type { KnowledgeBase, Topic } from '../src/guidance/domain/knowledgeBase';
import { STOPWORDS } from '../src/guidance/domain/stopwords';

/**
 * Grading of the held-out questions (test/guidance/heldout-2026-12/): written by authors who saw only the
 * guideline, each with the section that answers it and 1–3 short phrases from the guideline a right answer holds.
 */
const heldoutItemSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  lang: z.enum(['sv', 'en']),
  kind: z.enum(['question', 'calm', 'acute']),
  section: z.string().nullish(),
  expectedFacts: z.array(z.string()).nullish(),
});
const heldoutFileSchema = z.object({ howMade: z.string(), questions: z.array(heldoutItemSchema) });
export type HeldoutItem = z.infer<typeof heldoutItemSchema>;

/** Every *.json file of the folder (none when it does not exist), validated, with its name. */
export function loadHeldoutFiles(directory: string): Array<{ file: string; items: HeldoutItem[] }> {
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = heldoutFileSchema.safeParse(
        JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8')),
      );
      // Only the file and the field are named, never content: the held-out set must stay unread.
      if (!parsed.success)
        throw new Error(`${file}: not a held-out file (${parsed.error.issues[0]?.path.join('.')})`);
      return { file, items: parsed.data.questions };
    });
}

/** Every item of the folder's files; ids must be unique. */
export function loadHeldout(directory: string): HeldoutItem[] {
  const items = loadHeldoutFiles(directory).flatMap(({ items }) => items);
  const ids = new Set(items.map((item) => item.id));
  if (ids.size !== items.length) throw new Error('held-out ids are not unique');
  return items;
}

/**
 * A section name as a comparable key: "Bilaga 5 – Telefon" → "bilaga 5", "3.4 Polisens ansvar" → "3.4",
 * "4." → "4". Anything else is folded and kept whole.
 */
export function sectionKey(section: string): string {
  const folded = fold(section).trim();
  const annex = /^bilaga\s*(\d+)/.exec(folded);
  if (annex) return `bilaga ${annex[1]}`;
  const numbered = /^(\d+(?:\.\d+)?)/.exec(folded);
  return numbered ? numbered[1]! : folded;
}

/** The section keys a topic's source covers: "4.4–4.7" → 4.4, 4.5, 4.6, 4.7; "1–2" → 1, 2; "Bilaga 1" → bilaga 1. */
export function topicSections(topic: Pick<Topic, 'section'>): string[] {
  const range = /^(\d+)(?:\.(\d+))?\s*[–-]\s*(\d+)(?:\.(\d+))?$/.exec(topic.section.trim());
  if (!range) return [sectionKey(topic.section)];
  const [, fromMajor, fromMinor, toMajor, toMinor] = range;
  if (fromMinor === undefined || toMinor === undefined || fromMajor !== toMajor) {
    const keys: string[] = [];
    for (let major = Number(fromMajor); major <= Number(toMajor); major++) keys.push(String(major));
    return keys;
  }
  const keys: string[] = [];
  for (let minor = Number(fromMinor); minor <= Number(toMinor); minor++) keys.push(`${fromMajor}.${minor}`);
  return keys;
}

/** Both Snowball stems of the folded content words. */
const stems = (text: string): string[] =>
  words(text)
    .filter((word) => !STOPWORDS.has(word))
    .flatMap((word) => [stemSwedish(word), stemEnglish(word)]);

/**
 * Whether the text holds the phrase, fuzzy on case, diacritics and word forms: each content word of the
 * phrase must occur in the text by a Snowball stem (Swedish or English), or, for stems of five letters or
 * more, inside a word of the text (Swedish compounds: "hotbrev" holds "brev"). One word in four may be missing
 * (phrases of four words or more), since an answer may say the same thing with one other word.
 */
export function holdsPhrase(text: string, phrase: string): boolean {
  const textWords = words(text);
  const textStems = new Set(stems(text));
  const phraseWords = words(phrase).filter((word) => !STOPWORDS.has(word));
  if (phraseWords.length === 0) return fold(text).includes(fold(phrase).trim());
  const found = phraseWords.filter((word) => {
    const forms = [stemSwedish(word), stemEnglish(word)];
    if (forms.some((form) => textStems.has(form))) return true;
    return forms.some((form) => form.length >= 5 && textWords.some((w) => w.includes(form)));
  }).length;
  return phraseWords.length - found <= Math.floor(phraseWords.length / 4);
}

/** Everything an answer card shows of its topic, in both languages (the same content, so facts in either count). */
export function answerText(topic: Topic): string {
  return (['sv', 'en'] as const)
    .flatMap((locale) => [
      topic.sectionTitle[locale],
      topic.title[locale],
      topic.summary[locale],
      ...topic.steps[locale],
    ])
    .join('\n');
}

export interface Grade {
  correct: boolean;
  /** How many of the expected facts the answer holds. */
  factsHeld: number;
  sectionMatch: boolean;
}

/**
 * An answer is correct when
 *  - it holds every expected fact (whatever section it names), or
 *  - its source section is the expected one and either no other topic comes from that section, or it holds
 *    at least one expected fact (a section with several topics, such as Bilaga 5, needs the fact to tell
 *    "Brev" from "Telefon"), or the item has no expected facts.
 */
export function gradeAnswer(item: HeldoutItem, topic: Topic, knowledgeBase: KnowledgeBase): Grade {
  const facts = item.expectedFacts ?? [];
  const text = answerText(topic);
  const factsHeld = facts.filter((fact) => holdsPhrase(text, fact)).length;
  const expected = item.section ? sectionKey(item.section) : undefined;
  const sectionMatch = !!expected && topicSections(topic).includes(expected);
  const topicsOfSection = expected
    ? knowledgeBase.topics.filter((t) => topicSections(t).includes(expected)).length
    : 0;
  const allFacts = facts.length > 0 && factsHeld === facts.length;
  const bySection = sectionMatch && (topicsOfSection === 1 || factsHeld > 0 || facts.length === 0);
  return { correct: allFacts || bySection, factsHeld, sectionMatch };
}
