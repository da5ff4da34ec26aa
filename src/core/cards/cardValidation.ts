import { cardAttachment, type AdaptiveCard } from './cardRenderer';

// The library's CommonJS bundle parses and validates without a DOM (its default entry point needs one).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

/** Teams renders Adaptive Cards up to 1.5 and refuses messages over about 28 KB. */
export const MAX_CARD_VERSION = '1.5';
export const MAX_MESSAGE_BYTES = 28 * 1024;

/** Problems that would make Teams refuse or mis-render the card; empty when it is fine. */
export function validateCard(card: AdaptiveCard): string[] {
  const problems: string[] = [];
  if (card.type !== 'AdaptiveCard') problems.push('type must be AdaptiveCard');
  if (compareVersions(String(card.version), MAX_CARD_VERSION) > 0) {
    problems.push(`version ${card.version} is above ${MAX_CARD_VERSION}`);
  }
  const bytes = Buffer.byteLength(JSON.stringify(cardAttachment(card)), 'utf8');
  if (bytes >= MAX_MESSAGE_BYTES)
    problems.push(`card is ${bytes} bytes, over the ${MAX_MESSAGE_BYTES} Teams allows`);

  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}
