import { words } from '../../core/text/normalize';

/** What linking looks at in a report: no free narrative, only who, how, what triggered it and when. */
export interface LinkFacts {
  id: string;
  reference: string;
  /** The incident date (YYYY-MM-DD) or, when missing, the submission date. */
  date: string;
  /** The exposed person: their Teams id when reporting for oneself, else their folded name. */
  victimKey: string;
  channel: string;
  trigger: string;
  triggerDetails: string;
  /** The perpetrator description fields joined (gender, age, build, dialect, marks, group). */
  perpetrator: string;
}

export type LinkReason = 'sameVictim' | 'similarPerpetrator' | 'sameTrigger' | 'sameChannel';
export type LinkDecision = 'confirmed' | 'dismissed';

export interface LinkSuggestion {
  id: string;
  reference: string;
  reasons: LinkReason[];
}

export interface LinkRules {
  /** Trigger and channel only link incidents this close in time. */
  windowDays: number;
  /** Share of description words in common (Jaccard) for "similar perpetrator". */
  perpetratorSimilarity: number;
}

export const DEFAULT_LINK_RULES: LinkRules = { windowDays: 90, perpetratorSimilarity: 0.5 };

// Words that say nothing about who it was.
const FILLER = new Set(
  'och en ett i pa med av som har var ar ca cirka runt kanske typ vet inte okand okant the a an and of with about unknown'.split(
    ' ',
  ),
);

const significant = (text: string): Set<string> =>
  new Set(words(text).filter((word) => word.length > 1 && !FILLER.has(word)));

function jaccard(a: Set<string>, b: Set<string>): { score: number; shared: number } {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  const union = a.size + b.size - shared;
  return { score: union === 0 ? 0 : shared / union, shared };
}

const daysBetween = (a: string, b: string): number =>
  Math.abs(Date.parse(a.slice(0, 10)) - Date.parse(b.slice(0, 10))) / 86_400_000;

/** Why `other` may belong with `target`; empty when nothing points that way. */
export function linkReasons(target: LinkFacts, other: LinkFacts, rules = DEFAULT_LINK_RULES): LinkReason[] {
  const reasons: LinkReason[] = [];
  if (target.victimKey && target.victimKey === other.victimKey) reasons.push('sameVictim');
  const perpetrator = jaccard(significant(target.perpetrator), significant(other.perpetrator));
  if (perpetrator.shared >= 2 && perpetrator.score >= rules.perpetratorSimilarity)
    reasons.push('similarPerpetrator');
  if (daysBetween(target.date, other.date) <= rules.windowDays) {
    const trigger = jaccard(significant(target.triggerDetails), significant(other.triggerDetails));
    const sameTriggerKind = target.trigger !== '' && !['none', 'other'].includes(target.trigger);
    if (sameTriggerKind && target.trigger === other.trigger && trigger.shared >= 1 && trigger.score >= 0.5)
      reasons.push('sameTrigger');
    if (target.channel && target.channel === other.channel && reasons.length > 0) reasons.push('sameChannel');
  }
  return reasons;
}

/**
 * Reports that may belong with `target`, strongest first. A same channel alone is common (social media) and
 * only strengthens another reason; a decided link (confirmed or dismissed) is not suggested again.
 */
export function suggestLinks(
  target: LinkFacts,
  others: LinkFacts[],
  decided: Readonly<Record<string, LinkDecision>>,
  rules = DEFAULT_LINK_RULES,
): LinkSuggestion[] {
  return others
    .filter((other) => other.id !== target.id && !decided[other.id])
    .map((other) => ({
      id: other.id,
      reference: other.reference,
      reasons: linkReasons(target, other, rules),
    }))
    .filter((suggestion) => suggestion.reasons.length > 0)
    .sort((a, b) => b.reasons.length - a.reasons.length || a.reference.localeCompare(b.reference));
}

export const LINK_REASON_TITLES: Record<LinkReason, { sv: string; en: string }> = {
  sameVictim: { sv: 'samma utsatta person', en: 'same person exposed' },
  similarPerpetrator: { sv: 'liknande beskrivning av förövaren', en: 'similar perpetrator description' },
  sameTrigger: { sv: 'samma utlösande fråga eller beslut', en: 'same trigger' },
  sameChannel: { sv: 'samma kanal', en: 'same channel' },
};
