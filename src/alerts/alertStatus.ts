import { asUserText, type AdaptiveCard, type CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { roleNames, type RoleNames, type RoleTitle } from '../core/i18n';
import { isSecurityChief } from '../core/identity';
import type { Logger } from '../core/logging/logger';
import { normalizeText } from '../core/text/normalize';
import type { Capability, TurnInput } from '../core/turn';
import type { ConversationReferences, TenantAddress } from './conversationReferences';
import { alertRecipients, escalationRecipients, type Recipient, type RoleSource } from './domain/recipients';
import { roleLabel } from './noticeCards';

/**
 * Can the bot reach a role holder now: `chat` (it holds their 1:1 chat), `openable` (it knows where to open
 * one; that works once the app is installed for them) or `none` (no chat and no tenant to open one in).
 */
export type Reach = 'chat' | 'openable' | 'none';

export interface ReachDeps {
  references: ConversationReferences;
  roles: RoleSource;
  parties: string[];
  fallbackTenant?: TenantAddress;
}

/** Every configured security chief, deputy and party contact (once each), with whether the bot can reach them. */
export async function reachOfRoleHolders(
  deps: ReachDeps,
): Promise<Array<{ recipient: Recipient; reach: Reach }>> {
  const people = new Map<string, Recipient>();
  for (const recipient of escalationRecipients(deps.roles)) people.set(recipient.aadObjectId, recipient);
  for (const party of deps.parties)
    for (const recipient of alertRecipients(deps.roles, party))
      if (!people.has(recipient.aadObjectId)) people.set(recipient.aadObjectId, recipient);
  const canOpen = Boolean((await deps.references.tenantAddress()) ?? deps.fallbackTenant);
  const result: Array<{ recipient: Recipient; reach: Reach }> = [];
  for (const recipient of people.values()) {
    const stored = await deps.references.find(recipient.aadObjectId);
    result.push({ recipient, reach: stored ? 'chat' : canOpen ? 'openable' : 'none' });
  }
  return result;
}

/** The start-up line: how many role holders of each kind the bot can reach, never who. */
export async function logReach(deps: ReachDeps, logger: Logger): Promise<void> {
  const counts: Record<string, Record<Reach, number>> = {};
  for (const { recipient, reach } of await reachOfRoleHolders(deps)) {
    counts[recipient.role] ??= { chat: 0, openable: 0, none: 0 };
    counts[recipient.role]![reach]++;
  }
  logger.info({ roleHolders: counts }, 'alert recipients and whether the bot can reach them');
}

const TEXT = {
  sv: {
    title: 'Larmstatus',
    intro:
      'Vem larmen går till och om boten når dem nu. "Kan öppnas" fungerar först när appen är installerad för personen: be hen öppna boten i Teams en gång.',
    reach: { chat: 'Nås', openable: 'Kan öppnas', none: 'Nås inte' },
    empty: 'Inga säkerhetsroller är konfigurerade.',
    refused: (role: RoleNames) => `Bara ${role.definite} kan se larmstatus.`,
    personalOnly: 'Larmstatus visas bara i din 1:1-chatt med boten.',
  },
  en: {
    title: 'Alert status',
    intro:
      'Who alerts go to and whether the bot can reach them now. "Can be opened" works once the app is installed for the person: ask them to open the bot in Teams once.',
    reach: { chat: 'Reachable', openable: 'Can be opened', none: 'Not reachable' },
    empty: 'No security roles are configured.',
    refused: (role: RoleNames) => `Only ${role.definite} can see the alert status.`,
    personalOnly: 'The alert status is only shown in your 1:1 chat with the bot.',
  },
} as const;

const COLOR: Record<Reach, string> = { chat: 'Good', openable: 'Warning', none: 'Attention' };

export function alertStatusCard(
  cards: CardRenderer,
  people: Array<{ recipient: Recipient; reach: Reach }>,
  locale: Locale,
  role: RoleTitle,
): AdaptiveCard {
  const t = TEXT[locale];
  return cards.render('alert-status', {
    title: t.title,
    intro: t.intro,
    empty: t.empty,
    people: people.map(({ recipient, reach }) => ({
      name: recipient.name ? asUserText(recipient.name, 100) : recipient.aadObjectId,
      role: roleLabel(recipient, locale, role),
      reach: t.reach[reach],
      color: COLOR[reach],
    })),
  });
}

const COMMANDS = new Set(['larmstatus', 'alert status']);

/** The router asks this to tell a group chat where "larmstatus" works (the alerts capability is 1:1 only). */
export const isAlertStatusCommand = (turn: TurnInput): boolean =>
  COMMANDS.has(normalizeText(turn.text ?? ''));

/** "larmstatus": the security chief, in a 1:1 chat only (it names people), sees who alerts can reach. */
export function alertStatusCommand(
  deps: ReachDeps & { cards: CardRenderer; role: RoleTitle },
): NonNullable<Capability['onText']> {
  return async (turn, reply) => {
    if (!isAlertStatusCommand(turn)) return false;
    const t = TEXT[turn.locale];
    if (!isSecurityChief(turn.roles)) await reply.text(t.refused(roleNames(deps.role, turn.locale)));
    else if (turn.conversation.kind !== 'personal') await reply.text(t.personalOnly);
    else
      await reply.card(alertStatusCard(deps.cards, await reachOfRoleHolders(deps), turn.locale, deps.role));
    return true;
  };
}
