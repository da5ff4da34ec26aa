import { roleNames, type RoleNames } from '../../core/i18n/securityContact';
import { localDateTime } from '../../core/i18n/time';
import type { Locale } from '../../core/config';
import { withOrganisation, type Organisation } from '../../core/organisation';
import { REPORT_STEPS, type FieldDef } from '../../report/domain/bilaga4';
import { isVisible } from '../../report/domain/validation';

/** What goes into the exported document: the answers, the case file and its history, nothing else. */
export interface ExportInput {
  reference: string;
  status: string;
  createdAt: string;
  values: Readonly<Record<string, string>>;
  measures?: string;
  history: Array<{ at: string; by: string; action: string; detail?: string }>;
  exportedAt: string;
  exportedBy: string;
}

const TEXT = {
  sv: {
    title: 'Incidentrapport',
    subtitle: 'Enligt Bilaga 4, "{guidelineTitle}" ({organisation}, {guidelineNumber})',
    reference: 'Referens',
    status: 'Status',
    received: 'Mottagen',
    measures: (role: RoleNames) => `Beslutade åtgärder (${role.definite})`,
    history: 'Ärendets historik',
    when: 'När',
    who: 'Vem',
    what: 'Vad',
    empty: '–',
    classification:
      'Innehåller uppgifter om lagöverträdelser (GDPR art. 10) och kan omfattas av sekretess (OSL 21:3). Hanteras enligt kommunens rutiner.',
    footer: (at: string, by: string) => `Utskriven ${at} av ${by}.`,
  },
  en: {
    title: 'Incident report',
    subtitle: 'Following Bilaga 4 of "{guidelineTitle}" ({organisation}, {guidelineNumber})',
    reference: 'Reference',
    status: 'Status',
    received: 'Received',
    measures: (role: RoleNames) => `Decided measures (${role.indefinite})`,
    history: 'Case history',
    when: 'When',
    who: 'Who',
    what: 'What',
    empty: '–',
    classification:
      'Contains data on criminal offences (GDPR art. 10) and may be confidential (OSL 21:3). Handle according to the municipality’s routines.',
    footer: (at: string, by: string) => `Printed ${at} by ${by}.`,
  },
} as const;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function display(field: FieldDef, value: string, locale: Locale): string {
  if (!field.choices || !('fixed' in field.choices)) return value;
  const fixed = field.choices.fixed;
  return value
    .split(',')
    .map((code) => fixed.find((choice) => choice.value === code.trim())?.[locale] ?? code)
    .join(', ');
}

/**
 * One report as a print-ready HTML document in Bilaga 4's order (its sections and questions, every answer,
 * unanswered questions shown as "–" as on the paper form), then the case file and history. Everything the user
 * wrote is escaped; the page needs no scripts, fonts or images from elsewhere.
 */
export function exportHtml(input: ExportInput, locale: Locale, organisation: Organisation): string {
  const t = TEXT[locale];
  const sections = REPORT_STEPS.map((step) => {
    const rows = step.fields
      .filter((field) => !field.showIf || isVisible(field, input.values as Record<string, string>))
      .map((field) => {
        const value = input.values[field.id];
        const shown = value ? escapeHtml(display(field, value, locale)) : t.empty;
        return `<tr><th scope="row">${escapeHtml(field.label[locale])}</th><td>${shown}</td></tr>`;
      })
      .join('\n');
    return `<section><h2>${escapeHtml(step.title[locale])}</h2>\n<table>\n${rows}\n</table></section>`;
  }).join('\n');
  const history = input.history
    .map(
      (entry) =>
        `<tr><td>${escapeHtml(localDateTime(entry.at))}</td><td>${escapeHtml(entry.by)}</td><td>${escapeHtml(
          entry.action,
        )}${entry.detail ? `: ${escapeHtml(entry.detail)}` : ''}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${t.title} ${input.reference}`)}</title>
<style>
@page { size: A4; margin: 18mm 16mm; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 10.5pt; color: #000; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #000; page-break-after: avoid; }
.subtitle, .classification, footer { font-size: 9pt; color: #333; }
.classification { border: 1px solid #000; padding: 2mm; margin: 3mm 0; }
table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
th, td { border: 1px solid #999; padding: 1.5mm 2mm; vertical-align: top; text-align: left; white-space: pre-wrap; }
th { width: 45%; font-weight: normal; background: #f2f2f2; }
tr { page-break-inside: avoid; }
section { page-break-inside: auto; }
</style>
</head>
<body>
<h1>${t.title}</h1>
<p class="subtitle">${escapeHtml(withOrganisation(t.subtitle, organisation, locale))}</p>
<table>
<tr><th scope="row">${t.reference}</th><td>${escapeHtml(input.reference)}</td></tr>
<tr><th scope="row">${t.received}</th><td>${escapeHtml(localDateTime(input.createdAt))}</td></tr>
<tr><th scope="row">${t.status}</th><td>${escapeHtml(input.status)}</td></tr>
</table>
<p class="classification">${t.classification}</p>
${sections}
<section><h2>${escapeHtml(t.measures(roleNames(organisation.roles.securityChief, locale)))}</h2><table><tr><td>${input.measures ? escapeHtml(input.measures) : t.empty}</td></tr></table></section>
<section><h2>${t.history}</h2>
<table>
<tr><th>${t.when}</th><th>${t.who}</th><th>${t.what}</th></tr>
${history}
</table></section>
<footer><p>${escapeHtml(t.footer(localDateTime(input.exportedAt), input.exportedBy))}</p></footer>
</body>
</html>
`;
}
