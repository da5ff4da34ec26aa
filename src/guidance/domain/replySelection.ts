import type { Locale } from '../../core/config';
import { words } from '../../core/text/normalize';
import type { TopicMatcher } from './topicMatcher';

/** Long messages are matched on their beginning: enough to find the topic, bounded cost per turn. */
export const MAX_MATCHED_CHARS = 1_000;

const MENU_WORDS = new Set([
  'meny',
  'menu',
  'hjalp',
  'help',
  'amnen',
  'topics',
  'visa amnen',
  'alla amnen',
  'all topics',
  'show topics',
]);
const TRIAGE_PHRASES = new Set([
  'vad gor jag nu',
  'vad ska jag gora nu',
  'vad gor jag',
  'jag har blivit hotad',
  'jag blev hotad',
  'jag ar hotad',
  'what do i do now',
  'what should i do now',
  'i have been threatened',
  'i ve been threatened',
  'i was threatened',
]);

/** What the guidance capability answers a free-text message with (after the acute-danger check). */
export type GuidanceReply =
  | { kind: 'empty' }
  | { kind: 'menu' }
  | { kind: 'triage' }
  /** One answer: the topic, and the index of its step that answers the question when one clearly does. */
  | { kind: 'answer'; topicId: string; point?: number }
  /** Not sure: the closest topics as buttons. */
  | { kind: 'choices'; topicIds: string[] };

/**
 * The one decision between a message and the guidance reply, shared by the capability and `npm run eval:qa`,
 * so the evaluation grades exactly what a user would get.
 */
export async function selectGuidanceReply(
  matcher: TopicMatcher,
  text: string,
  locale: Locale,
): Promise<GuidanceReply> {
  const textWords = words(text);
  const normalized = textWords.join(' ');
  if (!normalized) return { kind: 'empty' };
  if (MENU_WORDS.has(normalized)) return { kind: 'menu' };
  if (TRIAGE_PHRASES.has(normalized)) return { kind: 'triage' };
  const asked = text.slice(0, MAX_MATCHED_CHARS);
  // A message within the limit is matched whole: its words are those just read.
  const result = await matcher.match(asked, locale, 3, asked === text ? textWords : words(asked));
  const best = result.ranked[0];
  if (best && result.confident) {
    return {
      kind: 'answer',
      topicId: best.topicId,
      ...(result.point !== undefined ? { point: result.point } : {}),
    };
  }
  return { kind: 'choices', topicIds: result.ranked.slice(0, 3).map((r) => r.topicId) };
}
