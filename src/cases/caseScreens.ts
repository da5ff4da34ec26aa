import { parseCardData } from '../core/actionData';
import { isSecurityStaff } from '../core/identity';
import type { Locale } from '../core/config';
import type { RoleNames } from '../core/i18n';
import type { Responder, TurnInput } from '../core/turn';
import type { ConfiguredLists } from '../report/domain/validation';
import { CASE_VERBS, kindChoices, type CaseCards, type Notice } from './caseCards';
import { filterData } from './caseActionData';
import type { CaseRepository, CaseView, EditResult } from './caseRepository';
import { contactParties, type Viewer } from './domain/access';
import { caseText } from './messages';
import { REPORT_VERBS } from '../report/domain/verbs';

export const viewerOf = (turn: TurnInput): Viewer => ({ user: turn.user, roles: turn.roles });

/** The case cards a turn answers with: menu, list, detail, refusals; every read goes through the repository. */
export class CaseScreens {
  private readonly filter: ReturnType<typeof filterData>;

  constructor(
    private readonly cards: CaseCards,
    private readonly repository: CaseRepository,
    lists: ConfiguredLists,
    private readonly today: () => string,
  ) {
    this.filter = filterData(
      lists.parties,
      kindChoices('sv').map((choice) => choice.value),
    );
  }

  menuButton(locale: Locale) {
    return {
      title: caseText(locale).menu,
      payload: { verb: CASE_VERBS.menu, lang: locale },
      style: 'default' as const,
      associatedInputs: 'none' as const,
    };
  }

  /** A polite no (`line` names who may), with the way to one's own reports. */
  async refuse(turn: TurnInput, reply: Responder, line: (role: RoleNames) => string): Promise<void> {
    const t = caseText(turn.locale);
    const role = this.cards.role(turn.locale);
    const mine = {
      title: t.myReports,
      payload: { verb: REPORT_VERBS.mine, lang: turn.locale },
      style: 'default' as const,
      associatedInputs: 'none' as const,
    };
    await reply.card(this.cards.message(t.menuTitle(role), [line(role), t.ownReportsHint], [mine]));
  }

  async menu(turn: TurnInput, reply: Responder): Promise<void> {
    if (!isSecurityStaff(turn.roles)) return this.list(turn, reply);
    const today = this.today();
    await reply.card(this.cards.menu(turn.locale, { from: `${today.slice(0, 4)}-01-01`, to: today }));
  }

  /** The list the viewer's role gives: everything (security), the party's (contact), or a refusal. */
  async list(turn: TurnInput, reply: Responder): Promise<void> {
    const t = caseText(turn.locale);
    const parties = contactParties(turn.roles);
    const security = isSecurityStaff(turn.roles);
    if (!security && parties.length === 0) return this.refuse(turn, reply, t.notForYou);
    const filter = parseCardData(this.filter, turn.action?.data);
    const { items, total } = await this.repository.list(viewerOf(turn), withoutEmpty(filter));
    const title = security ? undefined : t.partyListTitle(parties.join(', '));
    await reply.card(this.cards.list(items, total, turn.locale, title, security));
  }

  async detail(
    turn: TurnInput,
    reply: Responder,
    view: CaseView,
    notice?: Notice,
    drafts?: Record<string, string>,
  ): Promise<void> {
    const { suggested, confirmed } = await this.repository.suggestions(viewerOf(turn), view);
    const extra = {
      ...(notice ? { notice } : {}),
      suggested,
      linked: confirmed,
      ...(drafts ? { drafts } : {}),
    };
    await reply.card(this.cards.detail(view, turn.locale, extra));
  }

  async notFoundOrForbidden(
    turn: TurnInput,
    reply: Responder,
    kind: 'notFound' | 'forbidden',
  ): Promise<void> {
    const t = caseText(turn.locale);
    const lines = [kind === 'notFound' ? t.notFound : t.forbidden];
    await reply.card(this.cards.message(t.menuTitle(this.cards.role(turn.locale)), lines, []));
  }

  /** After an edit: the saved card, the current version with the user's text kept, or a clear refusal. */
  async afterEdit(
    turn: TurnInput,
    reply: Responder,
    result: EditResult,
    drafts: Record<string, string>,
  ): Promise<void> {
    const t = caseText(turn.locale);
    switch (result.kind) {
      case 'saved':
        return this.detail(turn, reply, result.view, { text: t.saved, style: 'good' });
      case 'stale':
        return this.detail(turn, reply, result.view, { text: t.stale, style: 'attention' }, drafts);
      case 'invalid':
        return this.detail(
          turn,
          reply,
          result.view,
          { text: t.problems[result.problem], style: 'attention' },
          drafts,
        );
      default:
        return this.notFoundOrForbidden(turn, reply, result.kind);
    }
  }
}

/** The filter's set fields only (an empty field filters nothing). */
function withoutEmpty<T extends Record<string, string>>(filter: T): Partial<T> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== '')) as Partial<T>;
}
