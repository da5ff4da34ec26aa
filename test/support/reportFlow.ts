import assert from 'node:assert/strict';
import { cardSubmit, message, type TestUser } from './activities';
import type { RunningBot } from './botHarness';
import { REPORT_STEPS } from '../../src/report/domain/bilaga4';
import type { ReportValues } from '../../src/report/domain/validation';
import type { Draft } from '../../src/report/reportService';

type Json = Record<string, unknown>;

/** A complete, valid set of answers for every step of the incident report (reporting for oneself). */
export const COMPLETE_ANSWERS: Json[] = [
  { reporterName: 'Anna Förtroendevald', reporterFunction: 'Ledamot', reportingFor: 'self' },
  { victimBody: 'Socialnämnden', victimParty: 'S' },
  {
    kinds: 'hot,trakasserier',
    channel: 'sociala-medier',
    description: 'En person skrev att "vi vet var du bor" under mitt inlägg om skolnedläggningen. 😟',
    hateCrimeMotive: 'no',
  },
  {
    date: '2026-11-20',
    time: '21:30',
    place: 'Facebook',
    witnesses: 'Min man såg inlägget',
    reachedRecipient: 'yes',
  },
  { perpetratorKnown: 'unknown', perpetratorCount: 'one', targetedOthers: 'unknown' },
  {
    groupAffiliation: 'no',
    trigger: 'decision',
    triggerDetails: 'Beslutet om skolnedläggning',
    experience: 'Skrämmande',
  },
  { policeContacted: 'no', policeReported: 'no', wantsPoliceReport: 'yes', needsSupport: 'no' },
  {
    receivedSupport: 'no',
    relativesInformed: 'yes',
    relativesWho: 'Min man',
    partyInformed: 'yes',
    municipalServicesInformed: 'no',
  },
];

/**
 * A stored draft with every answer (COMPLETE_ANSWERS), ready to submit: at the last step, saved now, expiring
 * in a day. `fields` sets its id and owner and may change anything else.
 */
export function completeDraft(fields: Pick<Draft, 'id' | 'ownerKey'> & Partial<Draft>): Draft {
  const at = new Date().toISOString();
  return {
    step: REPORT_STEPS.length,
    values: Object.assign({}, ...COMPLETE_ANSWERS) as ReportValues,
    errors: {},
    revealed: [],
    fromReview: false,
    createdAt: at,
    updatedAt: at,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    ...fields,
  };
}

/** Drives the report dialog over the real HTTP endpoint, like a Teams client pressing card buttons. */
export class ReportClient {
  readonly conversationId: string;
  /** How many cards there were when the last message or press was sent. */
  private cardsBeforePost = 0;

  constructor(
    private readonly bot: RunningBot,
    private readonly user?: TestUser,
    conversationId?: string,
  ) {
    this.conversationId = conversationId ?? `a:report-${Math.random().toString(36).slice(2)}`;
  }

  private options() {
    return {
      serviceUrl: this.bot.connector.url,
      conversationId: this.conversationId,
      ...(this.user ? { user: this.user } : {}),
    };
  }

  /** Cards the bot sent to this conversation, newest last. */
  cards(): Json[] {
    return this.bot.connector
      .activitiesIn(this.conversationId)
      .map((activity) => activity.attachments?.[0]?.content as Json | undefined)
      .filter((card): card is Json => !!card);
  }

  /** The newest card, which must have come after the last message or press (an older card proves nothing). */
  lastCard(): Json {
    const cards = this.cards();
    assert.ok(cards.length > this.cardsBeforePost, 'the bot answered the last message or press with a card');
    return cards.at(-1)!;
  }

  lastText(): string {
    return JSON.stringify(this.lastCard());
  }

  async say(text: string): Promise<void> {
    this.cardsBeforePost = this.cards().length;
    const response = await this.bot.post(message(text, this.options()));
    assert.equal(response.status, 200);
  }

  async press(value: Json): Promise<void> {
    this.cardsBeforePost = this.cards().length;
    const response = await this.bot.post(cardSubmit(value, this.options()));
    assert.equal(response.status, 200);
  }

  /** The data of the newest card's button with this verb (and move, for step buttons). */
  action(verb: string, move?: string): Json {
    for (const card of [...this.cards()].reverse()) {
      const found = findActions(card).find(
        (data) => data.verb === verb && (move === undefined || data.move === move),
      );
      if (found) return found;
    }
    throw new Error(`no button with verb ${verb}${move ? `/${move}` : ''} on any card`);
  }

  /** Fills the current step with `values` and presses a step button (Nästa by default). */
  async step(values: Json, move: 'next' | 'back' | 'save' = 'next'): Promise<void> {
    await this.press({ ...this.action('report.step', move), ...values });
  }

  async completeAll(answers: Json[] = COMPLETE_ANSWERS): Promise<void> {
    for (const values of answers) await this.step(values);
  }
}

/** Every Action.Submit data object on a card (actions, ActionSets, selectActions). */
export function findActions(node: unknown): Json[] {
  const found: Json[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const object = value as Json;
    if (object.type === 'Action.Submit' && typeof object.data === 'object' && object.data)
      found.push(object.data as Json);
    Object.values(object).forEach(visit);
  };
  visit(node);
  return found;
}
