import type { AdaptiveCard, CardRenderer } from '../core/cards';
import type { SecurityContact } from '../core/config';
import type { Organisation } from '../core/organisation';
import type { Logger } from '../core/logging/logger';
import type { ConfiguredLists } from './domain/validation';
import { normalizeText } from '../core/text/normalize';
import { ConcurrencyError, type Repository } from '../core/storage';
import type { Capability, Responder, TurnInput } from '../core/turn';
import { isIncidentStatement } from './domain/quickReport';
import { ReportCards, REPORT_VERBS } from './reportCards';
import {
  ReportService,
  type Draft,
  type ReportServiceDeps,
  type ReportView,
  type StepAction,
} from './reportService';
import { reportText } from './messages';
import type { ReferenceCounter } from './referenceNumbers';
import type { ReportStore } from './reportStore';

export interface ReportDeps {
  cards: CardRenderer;
  lists: ConfiguredLists;
  /** The municipality and its guideline, named on the police-report preparation. */
  organisation: Organisation;
  drafts: Repository<Draft>;
  reports: ReportStore;
  counters: Repository<ReferenceCounter>;
  draftExpiryDays: number;
  /** Per-person limits: a burst of reports from one person reaches the chief as one digest. */
  limits?: ReportServiceDeps['limits'];
  /** Who the reporter will hear from (shown after Skicka and in "mina rapporter"). */
  contact: SecurityContact;
  logger?: Logger;
  /** Told when a report has been submitted (its alert event is already stored durably). */
  onSubmitted?: () => void;
  now?: () => Date;
}

/** What people write to start a report or list their own (normalised: lower case, no å/ä/ö). */
const START =
  /^(jag vill |kan jag |hur )?(rapportera|anmala|report|file)( en| an| a)?( incident| handelse| incidentrapport| report)?( till kommunen| to the municipality)?$/;
const MINE = /^(mina rapporter|my reports|visa mina rapporter|show my reports)$/;
const MOVES: readonly StepAction[] = ['next', 'back', 'save', 'send', 'complete'];

/**
 * Incident report (the guideline's Bilaga 4): a card per step with progress, Back, "Spara och fortsätt
 * senare" and Cancel, a review, an idempotent submit with a reference, and the Bilaga 3 police sheet.
 */
export function createReportCapability(deps: ReportDeps): Capability {
  const service = new ReportService(deps);
  const reportCards = new ReportCards(deps.cards, deps.lists, deps.organisation, deps.contact);

  /**
   * Shows the dialog's next card. A button press replaces the pressed card in place, so the chat keeps one
   * current form instead of a trail of near-identical ones; a card that is no longer current gets "stale" as
   * a new message (its own buttons were already replaced or answer "stale" again).
   */
  async function show(view: ReportView, turn: TurnInput, reply: Responder): Promise<unknown> {
    const { locale } = turn;
    const put = (card: AdaptiveCard) => (turn.action ? reply.replaceCard(card) : reply.card(card));
    switch (view.kind) {
      case 'step':
        return put(reportCards.step(view.draft, locale));
      case 'review':
        return put(reportCards.review(view.draft, locale));
      case 'resumeOffer':
        return put(reportCards.resumeOffer(view.draft, locale));
      case 'saved':
        return put(reportCards.saved(locale, deps.draftExpiryDays));
      case 'confirmCancel':
        return put(reportCards.confirmCancel(view.draft, locale));
      case 'cancelled':
        return put(reportCards.cancelled(locale));
      case 'stale':
        return reply.card(reportCards.stale(locale));
      case 'submitting':
        return reply.text(reportText(locale).submitting);
      case 'submitted':
        deps.onSubmitted?.();
        await put(reportCards.confirmation(view.report, locale));
        return reply.card(reportCards.policeSheet(view.report, locale));
    }
  }

  /** Runs one operation; a lost ETag race (double click, two devices) shows the current state instead. */
  const handle =
    (operation: (turn: TurnInput) => Promise<ReportView>) =>
    async (turn: TurnInput, reply: Responder): Promise<void> => {
      let view: ReportView;
      try {
        view = await operation(turn);
      } catch (err) {
        if (!(err instanceof ConcurrencyError)) throw err;
        view = await service.resume(turn.user);
      }
      await show(view, turn, reply);
    };

  const data = (turn: TurnInput): Record<string, unknown> => turn.action?.data ?? {};

  return {
    name: 'report',
    personalOnly: true,
    needsIdentity: true,
    recognizesText: (turn) => {
      const text = normalizeText(turn.text ?? '');
      return MINE.test(text) || START.test(text);
    },
    actions: {
      [REPORT_VERBS.start]: handle((turn) => service.start(turn.user)),
      [REPORT_VERBS.resume]: handle((turn) => service.resume(turn.user)),
      [REPORT_VERBS.restart]: handle((turn) => service.restart(turn.user)),
      [REPORT_VERBS.step]: handle((turn) => {
        const { draftId, step, move, ...values } = data(turn);
        const action = MOVES.includes(move as StepAction) ? (move as StepAction) : 'save';
        return service.submitStep(turn.user, draftId, step, values, action, turn.locale);
      }),
      [REPORT_VERBS.edit]: handle((turn) => service.edit(turn.user, data(turn).draftId, data(turn).step)),
      [REPORT_VERBS.askCancel]: handle((turn) => service.askCancel(turn.user, data(turn).draftId)),
      [REPORT_VERBS.cancel]: handle((turn) => service.cancel(turn.user, data(turn).draftId)),
      [REPORT_VERBS.submit]: async (turn, reply) => {
        let view: ReportView;
        try {
          view = await service.submit(turn.user, data(turn).draftId, turn.locale);
        } catch (err) {
          // Never the review card back without a word: say it was not sent, and that the draft is kept.
          deps.logger?.error({ err: { name: (err as Error)?.name } }, 'report submit failed; draft kept');
          await reply.text(reportText(turn.locale).submitFailed);
          return;
        }
        await show(view, turn, reply);
      },
      [REPORT_VERBS.mine]: async (turn, reply) =>
        reply.card(reportCards.list(await service.myReports(turn.user), turn.locale)),
    },
    async onText(turn, reply) {
      const text = normalizeText(turn.text ?? '');
      if (MINE.test(text)) {
        await reply.card(reportCards.list(await service.myReports(turn.user), turn.locale));
        return true;
      }
      if (isIncidentStatement(turn.text ?? '')) {
        await handle(() => service.startQuick(turn.user, turn.text ?? ''))(turn, reply);
        return true;
      }
      if (!START.test(text)) return false;
      await handle(() => service.start(turn.user))(turn, reply);
      return true;
    },
  };
}
export {
  reportCodes,
  ReportStore,
  type HistoryEntry,
  type StoredReport,
  type ReportSubmittedEvent,
} from './reportStore';
