import { parseCardData } from '../core/actionData';
import type { Logger } from '../core/logging/logger';
import { ConcurrencyError } from '../core/storage';
import type { ActionHandler, TurnInput } from '../core/turn';
import { draftData, editData, stepData } from './reportActionData';
import { REPORT_VERBS, type ReportCards } from './reportCards';
import type { ReportService, ReportView } from './reportService';
import type { ShowReportView } from './reportScreens';
import { reportText } from './messages';

export interface ReportActionDeps {
  service: ReportService;
  cards: ReportCards;
  show: ShowReportView;
  logger?: Logger;
}

/** The report verbs' handlers: card data is parsed at the edge (reportActionData.ts), then the service acts. */
export function createReportActions({ service, cards, show, logger }: ReportActionDeps) {
  /** Runs one operation; a lost ETag race (double click, two devices) shows the current state instead. */
  const handle =
    (operation: (turn: TurnInput) => Promise<ReportView>): ActionHandler =>
    async (turn, reply) => {
      let view: ReportView;
      try {
        view = await operation(turn);
      } catch (err) {
        if (!(err instanceof ConcurrencyError)) throw err;
        view = await service.resume(turn.user);
      }
      await show(view, turn, reply);
    };

  const draftId = (turn: TurnInput) => parseCardData(draftData, turn.action?.data).draftId;

  const submit: ActionHandler = async (turn, reply) => {
    let view: ReportView;
    try {
      view = await service.submit(turn.user, draftId(turn));
    } catch (err) {
      // Never the review card back without a word: say it was not sent, and that the draft is kept.
      logger?.error({ err }, 'report submit failed; draft kept');
      await reply.text(reportText(turn.locale).submitFailed);
      return;
    }
    await show(view, turn, reply);
  };

  const actions: Record<string, ActionHandler> = {
    [REPORT_VERBS.start]: handle((turn) => service.start(turn.user)),
    [REPORT_VERBS.resume]: handle((turn) => service.resume(turn.user)),
    [REPORT_VERBS.restart]: handle((turn) => service.restart(turn.user)),
    [REPORT_VERBS.step]: handle((turn) => {
      const { draftId, step, move, fields } = parseCardData(stepData, turn.action?.data);
      return service.submitStep(turn.user, draftId, step, fields, move, turn.locale);
    }),
    [REPORT_VERBS.edit]: handle((turn) => {
      const { draftId, step } = parseCardData(editData, turn.action?.data);
      return service.edit(turn.user, draftId, step);
    }),
    [REPORT_VERBS.askCancel]: handle((turn) => service.askCancel(turn.user, draftId(turn))),
    [REPORT_VERBS.cancel]: handle((turn) => service.cancel(turn.user, draftId(turn))),
    [REPORT_VERBS.submit]: submit,
    [REPORT_VERBS.mine]: async (turn, reply) =>
      reply.card(cards.list(await service.myReports(turn.user), turn.locale)),
  };
  return { actions, handle };
}
