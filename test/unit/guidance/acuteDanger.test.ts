import assert from 'node:assert/strict';
import { isAcuteDanger } from '../../../src/guidance/domain/acuteDanger';

describe('acute-danger check', () => {
  const acute = [
    'han står utanför mitt hus just nu',
    'nån följer efter mig',
    'han slår mig',
    'he has a knife',
    'someone is following me',
    'det är bråk i sessionssalen nu',
    'hjälp han är här',
    'han star utanfor dorren',
    'someone is banging on my door',
  ];
  const notAcute = [
    'han hotade mig förra veckan',
    'i går stod någon utanför mitt hus',
    'vad gör jag om någon följer efter mig?',
    'what should I do if someone attacks me at a meeting',
    'han följer mig på instagram',
    'han hade en kniv på bilden han postade',
    'jag brinner för skolfrågor',
    'jag vill anmäla att jag blev förföljd i fredags',
    'nån hotar mig på fejsbuk',
    'jag fick ett konstigt paket',
    'hjälp',
    'help',
    '',
    '   ',
    '😀😀😀',
  ];
  for (const text of acute) it(`fires on "${text}"`, () => assert.equal(isAcuteDanger(text), true));
  for (const text of notAcute) it(`stays quiet on "${text}"`, () => assert.equal(isAcuteDanger(text), false));
});
