/**
 * The data the case-management card templates (cards/case-*.json) are expanded with. Every string is already
 * localised; report answers, notes and names are plain data, clipped by `asUserText`.
 */

import type { SubmitButton } from '../core/cards';

/** A button: its title, the data it posts, whether it carries the card's inputs, and its style. */
export type CaseButton = SubmitButton;

/** A choice of a ChoiceSet, or a fact row (title and value). */
interface Choice {
  title: string;
  value: string;
}
type Fact = Choice;

/** cards/case-menu.json: filters (status, party, kind, period) and the list and statistics buttons. */
export interface CaseMenuCardData {
  title: string;
  intro: string;
  statusLabel: string;
  statusChoices: Choice[];
  partyLabel: string;
  partyChoices: Choice[];
  kindLabel: string;
  kindChoices: Choice[];
  fromLabel: string;
  from: string;
  toLabel: string;
  to: string;
  actions: CaseButton[];
}

/** cards/case-list.json: reports, one line and an "Öppna" button each. */
export interface CaseListCardData {
  title: string;
  subtitle: string | null;
  empty: string | null;
  items: Array<{ reference: string; line: string; open: CaseButton }>;
  actions: CaseButton[];
}

/** The case file on the detail card (the security staff and the chief's deputy). */
export interface CaseFileBlock {
  title: string;
  measuresTitle: string;
  measures: string;
  historyTitle: string;
  history: Array<{ line: string; detail: string | null }>;
}

/** The reports confirmed as linked to this one. */
export interface LinkedBlock {
  title: string;
  items: Array<{ reference: string; open: CaseButton }>;
}

/** Possibly related reports to confirm or dismiss as linked. */
export interface SuggestionsBlock {
  title: string;
  items: Array<{ reference: string; reasons: string; actions: CaseButton[] }>;
}

/** Status change, measures and note inputs, with what was typed put back. */
export interface ManageBlock {
  statusTitle: string;
  statusLabel: string;
  statusChoices: Choice[];
  reasonLabel: string;
  reasonPlaceholder: string;
  reason: string;
  statusButton: CaseButton;
  measuresLabel: string;
  measures: string;
  measuresButton: CaseButton;
  noteLabel: string;
  note: string;
  noteButton: CaseButton;
}

/** cards/case-detail.json: one report by Bilaga 4 section, its case file, links and what the viewer may do. */
export interface CaseDetailCardData {
  title: string;
  notice: string | null;
  noticeColor: 'Attention' | 'Good' | 'Default';
  facts: Fact[];
  sections: Array<{ title: string; answers: Array<{ label: string; value: string }> }>;
  /** null for the reporter, who sees her report but not the case file. */
  caseFile: CaseFileBlock | null;
  linked: LinkedBlock | null;
  suggestions: SuggestionsBlock | null;
  manage: ManageBlock | null;
  actions: CaseButton[];
}

/** cards/case-stats.json: counts by period, kind, channel, party and body, and the chart. */
export interface CaseStatsCardData {
  title: string;
  period: string;
  total: string;
  imageUrl: string | null;
  imageAlt: string;
  chartMissing: string | null;
  tables: Array<{ title: string; facts: Fact[] }>;
  notes: string[];
  links: Array<{ title: string; url: string }>;
  actions: CaseButton[];
}

/** cards/case-export.json: the signed, short-lived link to one report's export. */
export interface CaseExportCardData {
  title: string;
  lines: string[];
  openTitle: string;
  url: string;
}

/** cards/case-message.json: a short card with a title, some lines and buttons. */
export interface CaseMessageCardData {
  title: string;
  lines: string[];
  actions: CaseButton[];
}

declare module '../core/cards/cardRenderer' {
  interface CardData {
    'case-menu': CaseMenuCardData;
    'case-list': CaseListCardData;
    'case-detail': CaseDetailCardData;
    'case-stats': CaseStatsCardData;
    'case-export': CaseExportCardData;
    'case-message': CaseMessageCardData;
  }
}
