import type { FileAnswer } from '../core/http/fileRoute';
import { isSecurityChief, isSecurityStaff, userKey, type RoleDirectory } from '../core/identity';
import type { Organisation } from '../core/organisation';
import type { CaseRepository } from './caseRepository';
import type { Viewer } from './domain/access';
import { exportHtml } from './domain/exportDocument';
import type { Period } from './domain/statistics';
import type { DownloadLinks } from './downloadLinks';
import { caseText } from './messages';
import type { LinkClaim } from './signedLinks';

export const FILES_PATH = '/api/cases/files';

const NO_STORE = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
const PLAIN = { ...NO_STORE, 'Content-Type': 'text/plain; charset=utf-8' };

export interface CaseFilesDeps {
  downloads: DownloadLinks;
  repository: CaseRepository;
  /** Today's roles: a link is honoured only while its holder still has the role it was made for. */
  roles: RoleDirectory;
  organisation: Organisation;
  /** Draws the statistics chart for a period (the viewer's role is checked again when it is drawn). */
  chartPng: (period: Period, locale: 'sv' | 'en', viewer: Viewer) => Promise<Buffer>;
  now: () => Date;
}

/** Who a link is for, as its claim records it: id, name, tenant and the security role it was made under. */
export function claimViewer(viewer: Viewer): {
  viewerKey: string;
  viewerName: string;
  role: string;
  viewerTenant?: string;
} {
  return {
    viewerKey: userKey(viewer.user),
    viewerName: viewer.user.name,
    ...(viewer.user.tenantId ? { viewerTenant: viewer.user.tenantId } : {}),
    role: isSecurityChief(viewer.roles) ? 'securityChief' : 'securityDeputy',
  };
}

/**
 * Serves a link: the statistics chart (PNG, drawn once per link), or for an export a page with one button
 * (GET redeems nothing, so a link scanner or preview cannot use the link up) whose POST hands the
 * print-ready HTML out once.
 */
export class CaseFiles {
  private readonly charts = new ChartCache();

  constructor(private readonly deps: CaseFilesDeps) {}

  async serve(method: 'GET' | 'POST', id: string): Promise<FileAnswer> {
    const post = method === 'POST';
    const claim = post ? await this.deps.downloads.redeem(id) : await this.deps.downloads.peek(id);
    if (!claim || (post && claim.kind !== 'export')) return expired();
    const viewer = this.holderOf(claim);
    if (!isSecurityStaff(viewer.roles)) return expired();
    if (claim.kind === 'chart') {
      const png = await this.charts.get(id, () =>
        this.deps.chartPng({ from: claim.from, to: claim.to }, claim.locale, viewer),
      );
      return { status: 200, body: png, headers: { ...NO_STORE, 'Content-Type': 'image/png' } };
    }
    if (!post) return { status: 200, body: openPage(), headers: OPEN_PAGE_HEADERS };
    return this.exportOf(claim, viewer);
  }

  /** The link's holder with today's roles (identity from the signed claim, never from the request). */
  private holderOf(claim: LinkClaim): Viewer {
    const user = {
      userId: claim.viewerKey,
      aadObjectId: claim.viewerKey,
      name: claim.viewerName,
      ...(claim.viewerTenant ? { tenantId: claim.viewerTenant } : {}),
    };
    return { user, roles: this.deps.roles.rolesOf(user) };
  }

  private async exportOf(claim: Extract<LinkClaim, { kind: 'export' }>, viewer: Viewer): Promise<FileAnswer> {
    const found = await this.deps.repository.open(viewer, claim.reportId, 'download');
    if (found.kind !== 'ok') return { status: 404, body: caseText('sv').notFound, headers: PLAIN };
    const { report, history } = found.view;
    const html = exportHtml(
      {
        reference: report.reference,
        status: report.status,
        createdAt: report.createdAt,
        values: report.values,
        ...(report.caseFile?.measures ? { measures: report.caseFile.measures } : {}),
        history: history.map((entry) => ({
          ...entry,
          action: caseText('sv').history[entry.action] ?? entry.action,
        })),
        exportedAt: this.deps.now().toISOString(),
        exportedBy: claim.viewerName,
      },
      'sv',
      this.deps.organisation,
    );
    return {
      status: 200,
      body: html,
      headers: {
        ...NO_STORE,
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Disposition': `inline; filename="${report.reference}.html"`,
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      },
    };
  }
}

const expired = (): FileAnswer => ({ status: 404, body: caseText('sv').link.expired, headers: PLAIN });

const OPEN_PAGE_HEADERS = {
  ...NO_STORE,
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
};

/** The export link's page: one button that POSTs back to the same address (no data on the page). */
function openPage(): string {
  const sv = caseText('sv').link;
  const en = caseText('en').link;
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${sv.openTitle}</title><style>body{font-family:sans-serif;max-width:36em;margin:2em auto;padding:0 1em}button{font-size:1.1em;padding:.6em 1.2em}</style></head>
<body><h1>${sv.openTitle}</h1><p>${sv.openIntro}</p><p lang="en">${en.openIntro}</p>
<form method="post"><button type="submit">${sv.open} / ${en.open}</button></form></body></html>`;
}

/** Charts drawn per link (a link asks for one fixed period), so a link fetched again costs no rendering. */
class ChartCache {
  private readonly entries = new Map<string, Promise<Buffer>>();
  private static readonly MAX_ENTRIES = 32;

  get(linkId: string, draw: () => Promise<Buffer>): Promise<Buffer> {
    const cached = this.entries.get(linkId);
    if (cached) return cached;
    const drawn = draw();
    this.entries.set(linkId, drawn);
    drawn.catch(() => this.entries.delete(linkId)); // a failed drawing is tried again next time
    // Oldest first out: links live minutes, so a small cache is enough.
    if (this.entries.size > ChartCache.MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return drawn;
  }
}
