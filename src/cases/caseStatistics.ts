import { readCardData } from '../core/actionData';
import type { Locale } from '../core/config';
import { isSecurityStaff } from '../core/identity';
import type { Logger } from '../core/logging/logger';
import type { Responder, TurnInput } from '../core/turn';
import { choiceTitles } from '../report/domain/bilaga4';
import type { ConfiguredLists } from '../report/domain/validation';
import { statisticsData } from './caseActionData';
import { kindChoices, type CaseCards } from './caseCards';
import { claimViewer } from './caseFiles';
import type { CaseRepository } from './caseRepository';
import { viewerOf, type CaseScreens } from './caseScreens';
import type { Viewer } from './domain/access';
import { coarsen, MIN_CELL, previousQuarter, type Period } from './domain/statistics';
import { caseText } from './messages';
import type { LinkClaim } from './signedLinks';
import { chartData, ChartUnavailableError, type StatisticsChart } from './statisticsChart';

export interface CaseStatisticsDeps {
  cards: CaseCards;
  screens: CaseScreens;
  repository: CaseRepository;
  lists: ConfiguredLists;
  chart: StatisticsChart;
  /** A link to a file the bot serves (here: the chart), made for the viewer in the claim. */
  fileUrl: (claim: LinkClaim) => Promise<string>;
  today: () => string;
  logger: Logger;
}

/** Statistics for the security function: the card with its counts, and the chart behind a short-lived link. */
export class CaseStatistics {
  constructor(private readonly deps: CaseStatisticsDeps) {}

  /**
   * The period a stats button asks for: the previous quarter, or from/to (dates parsed at the edge; checked
   * here: a start, the order, at most ten years). An empty "to" is today.
   */
  periodFrom(data: unknown): Period | undefined {
    const asked = readCardData(statisticsData, data);
    if (asked?.quarter === 'previous') return previousQuarter(this.deps.today());
    if (!asked?.from) return undefined;
    const { from } = asked;
    const to = asked.to || this.deps.today();
    if (from > to || Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 10) return undefined;
    return { from, to };
  }

  async show(turn: TurnInput, reply: Responder, period: Period | undefined): Promise<void> {
    const t = caseText(turn.locale);
    const { screens, cards } = this.deps;
    if (!isSecurityStaff(turn.roles)) return screens.refuse(turn, reply, t.notForYou);
    if (!period)
      return void (await reply.card(
        cards.message(t.statsTitle, [t.badPeriod], [screens.menuButton(turn.locale)]),
      ));
    const statistics = await this.count(viewerOf(turn), period, turn.locale);
    if (statistics === 'forbidden') return screens.refuse(turn, reply, t.notForYou);
    const imageUrl = await this.chartUrl(turn, period);
    await reply.card(cards.statistics(statistics, turn.locale, imageUrl ? { imageUrl } : null));
  }

  /** The chart as a PNG, for the file route (the viewer's role is checked again by the repository). */
  async chartPng(period: Period, locale: Locale, viewer: Viewer): Promise<Buffer> {
    const t = caseText(locale);
    const statistics = await this.count(viewer, period, locale);
    if (statistics === 'forbidden') throw new Error('forbidden');
    const data = chartData(statistics, (dimension, code) =>
      choiceTitles(dimension === 'kind' ? 'kinds' : 'channel', code, locale),
    );
    return this.deps.chart.png(data, {
      title: `${t.statsTitle} ${period.from} – ${period.to}`,
      byMonth: statistics.timeUnit === 'quarter' ? t.byQuarter : t.byMonth,
      byKind: t.byKind,
      byChannel: t.byChannel,
      byParty: t.byParty,
      byBody: t.byBody,
    });
  }

  /** The counts as they may be shown: coarsened (see `coarsen`), since the figures go on to kommunstyrelsen. */
  private async count(viewer: Viewer, period: Period, locale: Locale) {
    const t = caseText(locale);
    const exact = await this.deps.repository.statistics(viewer, period, {
      kinds: kindChoices('sv').map((c) => c.value),
      parties: this.deps.lists.parties,
    });
    if (exact === 'forbidden') return exact;
    return coarsen(exact, { other: t.otherSmall(MIN_CELL), quarter: t.quarter });
  }

  /** A link to the chart only when it can be drawn; it is drawn when the link is opened. */
  private async chartUrl(turn: TurnInput, period: Period): Promise<string | null> {
    try {
      await this.deps.chart.ready();
      return await this.deps.fileUrl({
        kind: 'chart',
        ...period,
        locale: turn.locale,
        ...claimViewer(viewerOf(turn)),
      });
    } catch (err) {
      if (!(err instanceof ChartUnavailableError)) throw err;
      this.deps.logger.warn({ reason: err.message }, 'statistics chart not rendered');
      return null;
    }
  }
}
