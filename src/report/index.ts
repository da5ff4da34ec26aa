import type { CardRenderer } from '../core/cards';
import type { SecurityContact } from '../core/config';
import type { Organisation } from '../core/organisation';
import type { Logger } from '../core/logging/logger';
import type { ConfiguredLists } from './domain/validation';
import { normalizeText } from '../core/text/normalize';
import type { Repository } from '../core/storage';
import type { Capability } from '../core/turn';
import { isIncidentStatement } from './domain/quickReport';
import { ReportCards } from './reportCards';
import { createReportActions } from './reportActions';
import { createReportScreens } from './reportScreens';
import { ReportService, type Draft, type ReportServiceDeps } from './reportService';
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
  now?: () => Date;
  /** The app's one report service, shared with the acute reply's draft check (one draft cache per process). */
  service?: ReportService;
}

/** What people write to start a report or list their own (normalised: lower case, no å/ä/ö). */
const START =
  /^(jag vill |kan jag |hur )?(rapportera|anmala|report|file)( en| an| a)?( incident| handelse| incidentrapport| report)?( till kommunen| to the municipality)?$/;
const MINE = /^(mina rapporter|my reports|visa mina rapporter|show my reports)$/;

/**
 * Incident report (the guideline's Bilaga 4): a card per step with progress, Back, "Spara och fortsätt
 * senare" and Cancel, a review, an idempotent submit with a reference, and the Bilaga 3 police sheet.
 */
export function createReportCapability(deps: ReportDeps): Capability {
  const service = deps.service ?? new ReportService(deps);
  const reportCards = new ReportCards(deps.cards, deps.lists, deps.organisation, deps.contact);

  const show = createReportScreens({ ...deps, cards: reportCards });
  const { actions, handle } = createReportActions({ service, cards: reportCards, show, logger: deps.logger });

  return {
    name: 'report',
    personalOnly: true,
    needsIdentity: true,
    recognizesText: (turn) => {
      const text = normalizeText(turn.text ?? '');
      return MINE.test(text) || START.test(text);
    },
    actions,
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
