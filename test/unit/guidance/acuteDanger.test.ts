import assert from 'node:assert/strict';
import { AcuteDangerDetector, isAcuteDanger } from '../../../src/guidance/domain/acuteDanger';

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

describe('acute-danger detector: rules, then the nearest labelled messages', () => {
  const examples = [
    { q: 'han står utanför min dörr nu', acute: true },
    { q: 'någon bankar på dörren och skriker', acute: true },
    { q: 'mannen i trapphuset skriker åt mig', acute: true },
    { q: 'han skriker åt oss i trapphuset', acute: true },
    { q: 'han stod utanför min dörr förra året', acute: false },
  ];
  const calm = ['hur polisanmäler jag hot', 'vad gäller för försäkringen'];
  let detector: AcuteDangerDetector;

  before(async () => {
    detector = await AcuteDangerDetector.train(examples, calm);
  });

  it('calls a rule match acute', async () => {
    assert.equal(await detector.assess('he has a knife'), 'acute');
  });

  it('calls a message most like acute examples "possible" though no rule knows it', async () => {
    const text = 'en man skriker åt mig i trapphuset';
    assert.equal(isAcuteDanger(text), false);
    assert.equal(await detector.assess(text), 'possible');
  });

  it('needs more than one shared word: "blå bilar och potatis" is no danger', async () => {
    assert.equal(await detector.assess('blå bilar och potatis'), 'none');
    assert.equal(detector.acuteShare('blå bilar och potatis'), 0);
  });

  it('leans calm when the nearest messages are calm', async () => {
    assert.equal(await detector.assess('hur polisanmäler jag hot mot mig'), 'none');
  });
});
