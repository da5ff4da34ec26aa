import type { CardRenderer } from '../core/cards';
import type { AlertDeliveryConfig, Locale, RoleSeeds, SecurityContact } from '../core/config';
import type { UserLimits } from '../core/limits/userLimits';
import type { Logger } from '../core/logging/logger';
import type { TableService } from '../core/storage';
import type { Telemetry } from '../core/telemetry';
import type { ReportStore } from '../report';
import type { AlertSender } from './alertSender';
import type { EscalationDelays } from './escalations';

/** What the alerts capability is built from (src/app.ts passes it in). */
export interface AlertsDeps {
  tables: TableService;
  reports: ReportStore;
  /** How the outbox reaches Teams (src/bot/proactiveSender.ts: one request per call, with a timeout). */
  sender: AlertSender;
  botAppId: string;
  cards: CardRenderer;
  roles: RoleSeeds;
  parties: string[];
  locale: Locale;
  logger: Logger;
  pollMs: number;
  escalationDelays: EscalationDelays;
  /** Who reporters are told will contact them (on "Jag tar ärendet"). */
  contact: SecurityContact;
  delivery: AlertDeliveryConfig;
  /** Per-person limits on what reaches the security chief (questions). */
  limits: UserLimits;
  telemetry?: Telemetry;
}
