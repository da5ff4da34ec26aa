import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { DEFAULT_SECURITY_ROLE } from '../../src/core/config';
import { capitalise, roleNames } from '../../src/core/i18n';
import { guidanceText } from '../../src/guidance/messages';
import { alertText } from '../../src/alerts/messages';

/**
 * Issue 15, item 5: the security role has one configured name (SECURITY_CONTACT_TITLE). A fixed text that says
 * "säkerhetschef" or "security chief" would name it otherwise, so no string in the code or the card templates
 * may. Comments and identifiers may (they are not shown); the guideline's own sentences in src/guidance/data
 * stay word for word and are not scanned (they are data, quoted with their source).
 */
const OLD_NAME = /säkerhetschef|security chief/i;
const ROOT = path.resolve(__dirname, '../../..');

function filesUnder(dir: string, extension: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    return entry.isFile() && file.endsWith(extension) ? [file] : [];
  });
}

/** Every string literal and template piece in a TypeScript file, with its line (comments are not strings). */
function stringsIn(file: string): Array<{ line: number; text: string }> {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Array<{ line: number; text: string }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

describe('one name for the security role', () => {
  it('no string in src/ says "säkerhetschef" or "security chief"', () => {
    const hits = filesUnder(path.join(ROOT, 'src'), '.ts').flatMap((file) =>
      stringsIn(file)
        .filter(({ text }) => OLD_NAME.test(text))
        .map(({ line, text }) => `${path.relative(ROOT, file)}:${line}: ${text}`),
    );
    assert.deepEqual(hits, []);
  });

  it('the scan sees strings, including template pieces, and not comments', () => {
    const file = path.join(fs.mkdtempSync(path.join(ROOT, 'dist', 'role-scan-')), 'sample.ts');
    fs.writeFileSync(
      file,
      "// the security chief\nconst a = 'Säkerhetschefen';\nconst b = (x: string) => `Hej ${x}, security chief`;\n",
    );
    assert.deepEqual(
      stringsIn(file)
        .filter(({ text }) => OLD_NAME.test(text))
        .map(({ line }) => line),
      [2, 3],
    );
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  it('no card template in cards/ says it', () => {
    for (const file of filesUnder(path.join(ROOT, 'cards'), '.json'))
      assert.doesNotMatch(fs.readFileSync(file, 'utf8'), OLD_NAME, path.relative(ROOT, file));
  });

  it('gives the forms a sentence needs, in both languages', () => {
    const title = { sv: 'trygghetssamordnare', en: 'safety coordinator' };
    assert.deepEqual(roleNames(title, 'sv'), {
      indefinite: 'trygghetssamordnare',
      definite: 'trygghetssamordnaren',
      deputy: 'ställföreträdande trygghetssamordnare',
    });
    assert.deepEqual(roleNames(title, 'en'), {
      indefinite: 'safety coordinator',
      definite: 'the safety coordinator',
      deputy: 'deputy safety coordinator',
    });
    assert.equal(roleNames({ sv: 'säkerhetsansvarig', en: 'x' }, 'sv').definite, 'säkerhetsansvarigen');
    assert.equal(capitalise(roleNames(DEFAULT_SECURITY_ROLE, 'sv').definite), 'Säkerhetssamordnaren');
  });
});

describe('one definite form of the security role, sv and en', () => {
  const titles = [DEFAULT_SECURITY_ROLE, { sv: 'säkerhetschef', en: 'head of security' }];

  for (const title of titles)
    for (const locale of ['sv', 'en'] as const)
      it(`the guidance's buttons and the alerts' texts name "${title[locale]}" alike (${locale})`, () => {
        const role = roleNames(title, locale);
        const guidance = guidanceText(locale);
        // The guidance is given the role's definite form (src/app.ts), the alerts build on roleNames.
        const texts = [
          guidance.askChief(role.definite),
          guidance.alarm(role.definite),
          guidance.alarmNote(role.definite),
          alertText(locale).notStaff(role),
        ];
        const definite = locale === 'sv' ? role.definite : `the ${title.en}`;
        for (const text of texts) {
          assert.ok(text.includes(definite), `"${text}" names "${definite}"`);
          assert.doesNotMatch(text, /\bthe the\b/i, text);
        }
      });
});
