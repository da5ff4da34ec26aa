import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadOrganisation, type Organisation } from '../../src/core/organisation';
import { projectRoot } from '../../src/core/paths';
import { welcomeCardData } from '../../src/bot/welcome';
import { exportHtml } from '../../src/cases/domain/exportDocument';
import { KnowledgeBase } from '../../src/guidance/domain/knowledgeBase';
import { policeSheet } from '../../src/report/domain/policeSheet';

const other: Organisation = {
  name: 'Exempelby kommun',
  guideline: { title: 'Trygga politiker', number: 'KS 2030-1' },
  roles: {
    securityChief: { sv: 'säkerhetssamordnare', en: 'security coordinator' },
    partyContact: { sv: 'partiets kontaktperson', en: 'party contact' },
  },
};

function writeTemp(name: string, content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-org-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

/** Every .ts file under a folder. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('any municipality: organisation and guideline from data', () => {
  it('names no municipality in code: the name, title and number come from organisation.json', () => {
    for (const file of sourceFiles(path.join(projectRoot, 'src'))) {
      const text = fs.readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /Falkenberg|KS 2023-394/, path.relative(projectRoot, file));
    }
  });

  it("puts another municipality's name and guideline on the welcome card, the police sheet and the export", () => {
    assert.match(
      welcomeCardData('sv', other).intro,
      /förtroendevald i Exempelby kommun .*"Trygga politiker"/,
    );
    assert.match(welcomeCardData('en', other).intro, /elected officials in Exempelby kommun/);
    assert.ok(
      welcomeCardData('sv', other).items.includes(
        'Rapportera en incident till kommunens säkerhetssamordnare.',
      ),
    );
    const sheet = JSON.stringify(
      policeSheet({ victimBody: 'Kommunfullmäktige', victimParty: 'S' }, 'sv', other),
    );
    assert.match(sheet, /förtroendevald i Exempelby kommun \(Kommunfullmäktige, S\)/);
    const html = exportHtml(
      {
        reference: 'IR-2030-0001',
        status: 'Mottagen',
        createdAt: '2030-01-01T10:00:00Z',
        values: {},
        history: [],
        exportedAt: '2030-01-02T10:00:00Z',
        exportedBy: 'Test',
      },
      'sv',
      other,
    );
    assert.match(html, /&quot;Trygga politiker&quot; \(Exempelby kommun, KS 2030-1\)/);
    assert.doesNotMatch(html, /Falkenberg/);
  });

  it('refuses a file that still names the security role: its name is one setting, SECURITY_CONTACT_TITLE', () => {
    const file = writeTemp('organisation.json', other);
    assert.throws(() => loadOrganisation(file), /roles.*securityChief/);
    const roles = { partyContact: other.roles.partyContact };
    const loaded = loadOrganisation(writeTemp('organisation.json', { ...other, roles }), {
      sv: 'trygghetssamordnare',
      en: 'safety coordinator',
    });
    assert.ok(
      welcomeCardData('sv', loaded).items.includes(
        'Rapportera en incident till kommunens trygghetssamordnare.',
      ),
    );
  });

  it('refuses an organisation file without a name or guideline number, naming the field', () => {
    const file = writeTemp('organisation.json', { ...other, guideline: { title: 'Trygga politiker' } });
    assert.throws(() => loadOrganisation(file), /guideline\.number/);
    const nameless = writeTemp('organisation.json', { ...other, name: ' ' });
    assert.throws(() => loadOrganisation(nameless), /name/);
  });

  it('refuses a knowledge base whose topic lacks an English answer or a source section', () => {
    const shipped = JSON.parse(
      fs.readFileSync(path.join(projectRoot, 'src', 'guidance', 'data', 'topics.json'), 'utf8'),
    ) as Array<Record<string, unknown>>;
    const first = shipped[0]!;
    const noEnglish = [{ ...first, summary: { sv: 'Svar' } }, ...shipped.slice(1)];
    assert.throws(() => KnowledgeBase.load(writeTemp('topics.json', noEnglish)), /summary/);
    const noSection = [{ ...first, section: '' }, ...shipped.slice(1)];
    assert.throws(() => KnowledgeBase.load(writeTemp('topics.json', noSection)), /section/);
    assert.equal(KnowledgeBase.load(writeTemp('topics.json', shipped)).topics.length, shipped.length);
  });
});
