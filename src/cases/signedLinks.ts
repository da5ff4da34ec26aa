import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a link lets its holder fetch; minted only after the turn's role check passed. */
export type LinkClaim = (
  | { kind: 'export'; reportId: string; viewerKey: string; viewerName: string; role: string }
  | {
      kind: 'chart';
      from: string;
      to: string;
      locale: 'sv' | 'en';
      viewerKey: string;
      viewerName: string;
      role: string;
    }
) & { viewerTenant?: string };

/**
 * Short-lived, signed links to files the bot serves itself (a report export, a statistics chart). An Adaptive
 * Card cannot carry a file, and a Teams file upload needs the FileConsent flow (not in the Playground); a link
 * to the bot's own HTTPS host works in both. The link carries no data, only a signed claim with an expiry.
 */
export class SignedLinks {
  private readonly secret: Buffer;

  constructor(
    secret: string | undefined,
    private readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {
    // Without a configured secret, a per-process one: links then die with the process (and do not work
    // across several instances; set DOWNLOAD_LINK_SECRET there).
    this.secret = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  sign(claim: LinkClaim): string {
    const body = Buffer.from(JSON.stringify({ ...claim, exp: this.now() + this.lifetimeMs })).toString(
      'base64url',
    );
    return `${body}.${this.mac(body)}`;
  }

  /** The claim when the token is genuine and not expired; undefined otherwise. */
  verify(token: string): LinkClaim | undefined {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return undefined;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const { exp, ...claim } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkClaim & {
        exp: number;
      };
      return typeof exp === 'number' && exp > this.now() ? claim : undefined;
    } catch {
      return undefined;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
