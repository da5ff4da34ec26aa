import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';
import { projectRoot } from '../../src/core/paths';

/**
 * The architecture rule (lint/architecture.mjs, README "Architecture") run on planted imports: it must fail on a
 * botbuilder/restify import outside src/bot and src/core/http and on a capability reaching into another one's
 * internal file, and let the allowed imports pass.
 */
describe('lint: architecture boundaries', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: projectRoot });

  async function problems(file: string, code: string, rule: string): Promise<string[]> {
    const text = `${code}\nexport const used = 1;\n`;
    const [result] = await eslint.lintText(text, { filePath: path.join(projectRoot, file) });
    return result!.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
  }

  /** Each planted file must give exactly one problem of the rule, matching its pattern. */
  function refuses(rule: string, planted: Array<[file: string, code: string, expected: RegExp]>): void {
    for (const [file, code, expected] of planted)
      it(`refuses ${code.split('\n').pop()} in ${file}`, async () => {
        const found = await problems(file, code, rule);
        assert.equal(found.length, 1, `one problem expected, got ${JSON.stringify(found)}`);
        assert.match(found[0]!, expected);
      });
  }

  function allows(rule: string, planted: Array<[file: string, code: string]>): void {
    for (const [file, code] of planted)
      it(`allows ${code.split('\n').pop()} in ${file}`, async () => {
        assert.deepEqual(await problems(file, code, rule), []);
      });
  }

  const planted: Array<[string, string, RegExp]> = [
    [
      'src/cases/planted.ts',
      "import { TurnContext } from 'botbuilder';",
      /botbuilder is spoken only in src\/bot/,
    ],
    ['src/meeting/planted.ts', "import type { Server } from 'restify';", /restify is spoken only/],
    ['src/report/domain/planted.ts', "import { CloudAdapter } from 'botbuilder-core';", /botbuilder-core/],
    ['src/core/storage/planted.ts', "import type { Storage } from 'botbuilder';", /botbuilder/],
    [
      'src/cases/planted.ts',
      "import { ReportStore } from '../report/reportStore';",
      /internal file of the 'report'/,
    ],
    [
      'src/cases/domain/planted.ts',
      "import { x } from '../../meeting/meetingStore';",
      /'meeting' capability/,
    ],
    ['src/alerts/planted.ts', "export { y } from '../guidance/guidanceCards';", /'guidance' capability/],
    ['src/core/planted.ts', "import { z } from '../cases';", /src\/core\/ imports no capability/],
    // A domain says what is wrong in codes; the words are the capability's (messages.ts), never the domain's.
    ['src/report/domain/planted.ts', "import { reportText } from '../messages';", /is domain logic/],
    ['src/alerts/domain/planted.ts', "import type { ReportStore } from '../../report';", /is domain logic/],
    ['src/report/domain/planted.ts', "import { botText } from '../../bot/messages';", /is domain logic/],
    ['src/guidance/domain/planted.ts', "import { createApp } from '../../app';", /is domain logic/],
    // The edge adapts the capabilities' ports; it reaches them through their public surface too.
    [
      'src/bot/planted.ts',
      "import type { A } from '../alerts/alertSender';",
      /internal file of the 'alerts'/,
    ],
  ];
  refuses('local/architecture', planted);

  const allowed: Array<[string, string]> = [
    ['src/bot/planted.ts', "import { TurnContext } from 'botbuilder';"],
    ['src/core/http/planted.ts', "import type { Server } from 'restify';"],
    ['src/app.ts', "import { ConversationState } from 'botbuilder';"],
    ['src/app.ts', "import { buildAlertParts } from './alerts/alertParts';"],
    ['src/bot/planted.ts', "import type { AlertSender } from '../alerts';"],
    ['src/cases/planted.ts', "import type { ReportStore } from '../report';"],
    ['src/cases/planted.ts', "import { REPORT_STEPS } from '../report/domain/bilaga4';"],
    ['src/cases/planted.ts', "import { x } from '../report/index';"],
    ['src/cases/planted.ts', "import { CaseCards } from './caseCards';"],
    ['src/cases/planted.ts', "import { userKey } from '../core/identity';"],
    ['src/report/domain/planted.ts', "import type { FieldDef } from './bilaga4';"],
    ['src/alerts/domain/planted.ts', "import { choiceTitles } from '../../report/domain/bilaga4';"],
    ['src/report/domain/planted.ts', "import { swedishDate } from '../../core/i18n/time';"],
  ];
  allows('local/architecture', allowed);

  describe('card verbs only as constants from domain/verbs.ts', () => {
    const bareVerb = /is a bare verb: use the constant from src\/\w+\/domain\/verbs\.ts/;
    refuses('local/verbs', [
      ['src/guidance/planted.ts', "export const planted = { verb: 'alerts.ask' };", bareVerb],
      ['src/alerts/planted.ts', "export const planted = (verb = 'meeting.record') => verb;", bareVerb],
      ['src/alerts/planted.ts', 'export const planted = { verb: `cases.open` };', bareVerb],
      ['src/cases/planted.ts', "export const planted = { menu: 'cases.menu' };", bareVerb],
      ['src/bot/planted.ts', "export const planted = ['report.start'];", bareVerb],
    ]);

    allows('local/verbs', [
      ['src/alerts/domain/verbs.ts', "export const ALERT_VERBS = { take: 'alerts.take' } as const;"],
      ['src/guidance/planted.ts', "export const planted = path.join('models', 'guidance.json');"],
      ['src/guidance/planted.ts', "export const planted = 'trygg.outcome';"],
      [
        'src/guidance/planted.ts',
        "import { QUESTION_VERBS } from '../alerts/domain/verbs';\nexport const planted = QUESTION_VERBS.ask;",
      ],
    ]);
  });
});
