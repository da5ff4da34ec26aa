import assert from 'node:assert/strict';
import type { Role } from '../../../src/core/identity';
import { accessTo, isLoggedRead, mayManage, type Viewer } from '../../../src/cases/domain/access';
import { exportHtml } from '../../../src/cases/domain/exportDocument';
import { linkReasons, suggestLinks, type LinkFacts } from '../../../src/cases/domain/linking';
import { anonymisedValues, isDueForRetention } from '../../../src/cases/domain/retention';
import { computeStatistics, monthsOf, previousQuarter } from '../../../src/cases/domain/statistics';
import { nextStatuses, transitionProblem } from '../../../src/cases/domain/status';
import { SignedLinks } from '../../../src/cases/signedLinks';
import { shippedOrganisation } from '../../support/organisation';

const viewer = (id: string, roles: Role[]): Viewer => ({
  user: { userId: `29:${id}`, aadObjectId: id, name: id },
  roles,
});
const reportOfS = { reporterKey: 'anna', party: 'S' };

describe('cases: access policy', () => {
  it('gives the chief and deputy everything, a party contact only their party, the reporter their own', () => {
    assert.equal(accessTo(viewer('sara', [{ kind: 'securityChief' }]), reportOfS), 'security');
    assert.equal(accessTo(viewer('david', [{ kind: 'securityDeputy' }]), reportOfS), 'security');
    assert.equal(accessTo(viewer('karl', [{ kind: 'partyContact', party: 'S' }]), reportOfS), 'party');
    assert.equal(accessTo(viewer('anna', []), reportOfS), 'reporter');
  });

  it('refuses the contact of another party and an ordinary user', () => {
    assert.equal(accessTo(viewer('maria', [{ kind: 'partyContact', party: 'M' }]), reportOfS), 'none');
    assert.equal(accessTo(viewer('olof', []), reportOfS), 'none');
    assert.equal(
      accessTo(viewer('maria', [{ kind: 'partyContact', party: 'M' }]), { reporterKey: 'x', party: '' }),
      'none',
    );
  });

  it('lets only the security function manage, and logs every read but the reporter’s', () => {
    assert.equal(mayManage('security'), true);
    assert.equal(mayManage('party'), false);
    assert.equal(mayManage('reporter'), false);
    assert.equal(isLoggedRead(viewer('anna', []), reportOfS), false);
    assert.equal(isLoggedRead(viewer('sara', [{ kind: 'securityChief' }]), reportOfS), true);
  });
});

describe('cases: status lifecycle', () => {
  it('moves forward with a reason, reopens a closed case, and refuses the rest', () => {
    assert.deepEqual(nextStatuses('Mottagen'), ['Under handläggning', 'Polisanmäld', 'Avslutad']);
    assert.deepEqual(nextStatuses('Avslutad'), ['Under handläggning']);
    assert.equal(transitionProblem('Mottagen', 'Under handläggning', 'Ringt upp Anna'), undefined);
    assert.equal(transitionProblem('Mottagen', 'Under handläggning', ' '), 'reasonMissing');
    assert.equal(transitionProblem('Avslutad', 'Polisanmäld', 'Nytt hot'), 'notAllowed');
    assert.equal(transitionProblem('Mottagen', 'Mottagen', 'igen'), 'notAllowed');
    assert.equal(transitionProblem('Mottagen', 'Raderad', 'x'.repeat(5)), 'unknownStatus');
    assert.equal(transitionProblem('Mottagen', 'Avslutad', 'x'.repeat(1001)), 'reasonTooLong');
  });
});

describe('cases: linked incidents', () => {
  const base: LinkFacts = {
    id: 'a',
    reference: 'IR-2026-0001',
    date: '2026-03-01',
    victimKey: 'id:anna',
    channel: 'sociala-medier',
    trigger: 'decision',
    triggerDetails: 'Beslutet om skolnedläggning i Ullared',
    perpetrator: 'Man ca 50 år, kraftig, hallandsdialekt, grön jacka',
  };

  it('links the same victim, a similar perpetrator and the same trigger within the window', () => {
    const other = {
      ...base,
      id: 'b',
      reference: 'IR-2026-0002',
      date: '2026-04-15',
      perpetrator: 'man 50 ar kraftig gron jacka',
    };
    assert.deepEqual(linkReasons(base, other), [
      'sameVictim',
      'similarPerpetrator',
      'sameTrigger',
      'sameChannel',
    ]);
  });

  it('does not link on a shared channel alone, nor on a trigger outside the window', () => {
    const stranger = {
      ...base,
      id: 'c',
      reference: 'IR-2026-0003',
      victimKey: 'id:olof',
      perpetrator: 'kvinna, ung, smal',
      triggerDetails: 'Budgeten',
    };
    assert.deepEqual(linkReasons(base, stranger), []);
    const late = { ...base, id: 'd', victimKey: 'id:olof', perpetrator: '', date: '2026-12-01' };
    assert.deepEqual(linkReasons(base, late), []);
  });

  it('does not suggest a link the chief has already decided, nor the report itself', () => {
    const other = { ...base, id: 'b', reference: 'IR-2026-0002' };
    assert.equal(suggestLinks(base, [base, other], {}).length, 1);
    assert.deepEqual(suggestLinks(base, [base, other], { b: 'dismissed' }), []);
  });
});

describe('cases: statistics', () => {
  const row = (createdAt: string, kinds: string, channel: string, party: string, body: string) => ({
    createdAt,
    kinds,
    channel,
    party,
    body,
  });
  const rows = [
    row('2026-01-05T10:00:00Z', 'hot', 'sociala-medier', 'S', 'Kommunstyrelsen'),
    row('2026-01-31T23:30:00Z', 'hot,trakasserier', 'epost', 'M', 'Socialnämnden'), // 1 Feb in Sweden
    row('2026-03-10T08:00:00Z', 'vald', 'personligen', 'S', 'Kommunstyrelsen'),
    row('2026-04-01T08:00:00Z', 'hot', 'brev', 'C', 'Valnämnden'), // outside Q1
  ];

  it('counts by month (Swedish time, empty months as zero), kind, channel, party and body', () => {
    const stats = computeStatistics(
      rows,
      { from: '2026-01-01', to: '2026-03-31' },
      { parties: ['S', 'M', 'C'] },
    );
    assert.equal(stats.total, 3);
    assert.deepEqual(stats.byMonth, [
      { key: '2026-01', count: 1 },
      { key: '2026-02', count: 1 },
      { key: '2026-03', count: 1 },
    ]);
    assert.deepEqual(stats.byKind, [
      { key: 'hot', count: 2 },
      { key: 'trakasserier', count: 1 },
      { key: 'vald', count: 1 },
    ]);
    assert.deepEqual(stats.byParty, [
      { key: 'S', count: 2 },
      { key: 'M', count: 1 },
      { key: 'C', count: 0 },
    ]);
    assert.deepEqual(stats.byBody, [
      { key: 'Kommunstyrelsen', count: 2 },
      { key: 'Socialnämnden', count: 1 },
    ]);
    assert.equal(
      stats.byChannel.reduce((sum, c) => sum + c.count, 0),
      3,
    );
  });

  it('knows quarters and month ranges', () => {
    assert.deepEqual(previousQuarter('2026-05-14'), { from: '2026-01-01', to: '2026-03-31' });
    assert.deepEqual(previousQuarter('2026-02-01'), { from: '2025-10-01', to: '2025-12-31' });
    assert.deepEqual(monthsOf({ from: '2025-11-15', to: '2026-02-01' }), [
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });
});

describe('cases: retention rule', () => {
  const rule = { days: 730, action: 'anonymise' as const };
  const now = new Date('2026-06-01T00:00:00Z');

  it('takes closed cases past the period only, once', () => {
    assert.equal(
      isDueForRetention({ status: 'Avslutad', closedAt: '2024-05-01T00:00:00Z' }, rule, now),
      true,
    );
    assert.equal(
      isDueForRetention({ status: 'Avslutad', closedAt: '2025-05-01T00:00:00Z' }, rule, now),
      false,
    );
    assert.equal(
      isDueForRetention({ status: 'Under handläggning', closedAt: '2020-01-01T00:00:00Z' }, rule, now),
      false,
    );
    assert.equal(
      isDueForRetention(
        { status: 'Avslutad', closedAt: '2020-01-01T00:00:00Z', anonymisedAt: '2026-01-01' },
        rule,
        now,
      ),
      false,
    );
  });

  it('keeps only the statistics codes and the month when anonymising', () => {
    assert.deepEqual(
      anonymisedValues({
        reporterName: 'Anna',
        description: 'vi vet var du bor',
        kinds: 'hot',
        channel: 'sms',
        victimParty: 'S',
        victimBody: 'Valnämnden',
        date: '2024-03-17',
      }),
      { kinds: 'hot', channel: 'sms', victimParty: 'S', victimBody: 'Valnämnden', date: '2024-03-01' },
    );
  });
});

describe('cases: export document', () => {
  it('follows Bilaga 4 section by section and escapes what users wrote', () => {
    const html = exportHtml(
      {
        reference: 'IR-2026-0042',
        status: 'Polisanmäld',
        createdAt: '2026-03-01T10:00:00Z',
        values: {
          reporterName: '<script>alert(1)</script>',
          reportingFor: 'self',
          kinds: 'hot,vald',
          policeReported: 'yes',
        },
        measures: 'Personlarm & samtal',
        history: [
          {
            at: '2026-03-02T10:00:00Z',
            by: 'Sara',
            action: 'Status ändrad',
            detail: 'Mottagen → Polisanmäld: "anmält"',
          },
        ],
        exportedAt: '2026-03-03T10:00:00Z',
        exportedBy: 'Sara Säkerhetschef',
      },
      'sv',
      shippedOrganisation(),
    );
    assert.ok(!html.includes('<script>'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('Hot, Våld'), 'choice codes shown as their titles');
    const order = [
      'Vem rapporterar?',
      'Vem utsattes?',
      'Vad hände?',
      'När och var?',
      'Vem eller vilka var det?',
      'Bakgrund',
      'Polis och stöd',
      'Stöd och information',
    ].map((title) => html.indexOf(`<h2>${title}</h2>`));
    assert.ok(
      order.every((index, i) => index > 0 && (i === 0 || index > order[i - 1]!)),
      `sections in Bilaga 4 order: ${order}`,
    );
    assert.ok(html.includes('Personlarm &amp; samtal'));
    assert.ok(html.includes('@page'));
  });
});

describe('cases: signed links', () => {
  it('honours a genuine link until it expires, and nothing forged or altered', () => {
    let now = 1_000_000;
    const links = new SignedLinks('s'.repeat(32), 60_000, () => now);
    const claim = {
      kind: 'export' as const,
      reportId: 'r1',
      viewerKey: 'sara',
      viewerName: 'Sara',
      role: 'securityChief',
    };
    const token = links.sign(claim);
    assert.deepEqual(links.verify(token), claim);
    const [body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claim, reportId: 'r2', exp: now + 60_000 })).toString(
      'base64url',
    );
    assert.equal(links.verify(`${forged}.${mac}`), undefined);
    assert.equal(links.verify(`${body}.${mac}x`), undefined);
    assert.equal(
      new SignedLinks('t'.repeat(32), 60_000, () => now).verify(token),
      undefined,
      'another secret',
    );
    now += 60_001;
    assert.equal(links.verify(token), undefined, 'expired');
  });
});
