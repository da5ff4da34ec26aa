import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths';
import { CompiledTemplate } from './compiledTemplate';

/** An expanded Adaptive Card, ready to send. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/**
 * Template name → the data it is expanded with. A capability adds its templates by declaration merging, next
 * to its card data interfaces (`declare module '../core/cards/cardRenderer' { interface CardData { … } }`),
 * so core imports no capability and `render` checks each builder's data against its template's interface.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface CardData {}
export type CardName = keyof CardData;

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Shared cards kept (every guidance topic in both languages with its variants needs a few hundred). */
const SHARED_CARDS_KEPT = 1_000;

/**
 * Expands the JSON templates in cards/ with typed data. User text only ever travels as data, never as
 * template text, so it cannot inject JSON or template expressions.
 */
export class CardRenderer {
  private readonly templates = new Map<string, CompiledTemplate>();
  private readonly shared = new Map<string, AdaptiveCard>();

  constructor(private readonly directory = path.join(projectRoot, 'cards')) {}

  render<K extends CardName>(name: K, data: CardData[K]): AdaptiveCard {
    return this.expand(name, data);
  }

  /**
   * A card that `key` determines entirely (the same guideline text, language and buttons), expanded once and
   * then shared between turns: even compiled, an expansion builds the whole card again, on the path of a
   * frightened person's question. Only for cards without personal data: what a card shares stays in memory.
   * The card is deep-frozen, so no caller can change what the next one gets; per-turn parts are added on a
   * copy (see GuidanceCards.answer). The least recently used goes when more than SHARED_CARDS_KEPT would be
   * kept.
   */
  renderShared<K extends CardName>(name: K, key: string, data: () => CardData[K]): AdaptiveCard {
    const cacheKey = `${name}\u0000${key}`;
    let card = this.shared.get(cacheKey);
    if (card) {
      // Used again: moved to the newest end, so the cards asked for most are the last to go.
      this.shared.delete(cacheKey);
    } else {
      card = deepFreeze(this.expand(name, data()));
      if (this.shared.size >= SHARED_CARDS_KEPT) this.shared.delete(this.shared.keys().next().value!);
    }
    this.shared.set(cacheKey, card);
    return card;
  }

  /** Any template with any data: only for the tests that expand every template with its samples. */
  expand(name: string, data: object): AdaptiveCard {
    return this.template(name).expand(data) as AdaptiveCard;
  }

  /**
   * Compiles every template now, one per turn of the event loop, so that nobody's first card of a kind waits
   * for its compilation (5–30 ms each; the first also starts the expression parser), and a message arriving
   * meanwhile waits for one template at most. Called once the bot answers (app.ts), not before: start-up
   * would be ~0.2 s later.
   */
  async prepare(): Promise<void> {
    for (const name of this.names()) {
      await new Promise((resolve) => setImmediate(resolve));
      this.template(name);
    }
  }

  /** Template names available in the directory (used by the tests that validate every card). */
  names(): string[] {
    return fs
      .readdirSync(this.directory)
      .filter((file) => file.endsWith('.json') && !file.endsWith('.sample.json'))
      .map((file) => file.replace(/\.json$/, ''));
  }

  /** Parsed and compiled on first use (see CompiledTemplate: the library's result, without its per-path cost). */
  private template(name: string): CompiledTemplate {
    let template = this.templates.get(name);
    if (!template) {
      if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`card name "${name}" is not a template name`);
      const json = JSON.parse(fs.readFileSync(path.join(this.directory, `${name}.json`), 'utf8'));
      template = new CompiledTemplate(json);
      this.templates.set(name, template);
    }
    return template;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export function cardAttachment(card: AdaptiveCard): { contentType: string; content: AdaptiveCard } {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}
