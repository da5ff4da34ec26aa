import assert from 'node:assert/strict';
import MiniSearch from 'minisearch';
import {
  AcuteDangerDetector,
  isAcuteDanger,
  loadAcuteExamples,
  messageTerms,
  queryTerms,
} from '../../../src/guidance/domain/acuteDanger';
import { KnowledgeBase } from '../../../src/guidance/domain/knowledgeBase';
import { sharedGuidance } from '../../support/botHarness';

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
    'ngn i källarn',
    'nu är han här',
    'valstugan brinner!!',
    'dörrhandtaget rör sig',
    'ska jag ringa eller sms:a? han kan höra mig',
    'the letter is hissing',
    'Han skjuter på oss',
    'de skjuter på torget',
    'det skjuts utanför kommunhuset',
    'han är kvar',
    'Someone is breaking into my house right now',
  ];
  const notAcute = [
    'han hotade mig förra veckan',
    'i går stod någon utanför mitt hus',
    'vad gör jag om någon följer efter mig?',
    'what should I do if someone attacks me at a meeting',
    'han följer mig på instagram',
    'han hade en kniv på bilden han postade',
    'jag brinner för skolfrågor',
    'nu är hon på semester, vem tar över?',
    'nu följer de upp ärendet',
    'nu hotar de med att lämna partiet',
    'det skjuts upp till nästa möte',
    'han skjuter skulden på mig',
    'frågan brinner hos väljarna',
    'hur gör man när lokalen brinner',
    'ska jag springa till mötet',
    'vi har precis låst dörren på partilokalen inför sommaren',
    'hör någon av er vid kansliet?',
    'hon väntar på oss utanför kommunhuset kl 18',
    'de beter sig hotfullt på mötena, vad kan vi göra',
    'jag blev nyss slagen av hur bra talet var',
    'people are coughing in the meeting room, flu season',
    'should i hide my address from the public register',
    'they are shooting a film outside the town hall',
    'hjälp mig förstå reglerna',
    'hjälp, hur anmäler jag',
    'sos alarm ringde mig',
    'folk i salen',
    'det är fast i hissen med posten',
    'han kan höra mig i telefon nu',
    'the letter has wires for the printer',
    'vi skjuter på mötet en vecka',
    'jag vet inte om han är kvar i nämnden',
    'han är kvar som ordförande',
    'jag vill anmäla att jag blev förföljd i fredags',
    'nån hotar mig på fejsbuk',
    'jag fick ett konstigt paket',
    'hjälp',
    'help',
    'ljuset brinner fortfarande i fönstret',
    'det står en kille vid entrén – det är väktaren vi bokat till ikväll',
    'nu är han borta, vad gör jag sen?',
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
    { q: 'en kvinna skriker åt mig i trapphuset nu', acute: true },
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

  it('answers a lone "hjälp" with the 112 line first (it also opens the menu)', async () => {
    assert.equal(await detector.assess('Hjälp!'), 'possible');
    assert.equal(await detector.assess('help'), 'possible');
    assert.equal(await detector.assess('hjälp med rapporten'), 'none');
  });

  it('needs more than one shared word: "blå bilar och potatis" is no danger', async () => {
    assert.equal(await detector.assess('blå bilar och potatis'), 'none');
    assert.equal(detector.acuteShare('blå bilar och potatis'), 0);
  });

  it('leans calm when the nearest messages are calm', async () => {
    assert.equal(await detector.assess('hur polisanmäler jag hot mot mig'), 'none');
  });
});

describe('acute-danger detector: precomputed weights rank like a MiniSearch search', function () {
  this.timeout(60_000);

  /** The share as computed before the weights were precomputed: one BM25 search for the whole message. */
  function searchedShare(index: MiniSearch<{ id: number; text: string }>, acute: boolean[], text: string) {
    const nearest = index
      .search(queryTerms(text).join(' '), { tokenize: (q) => q.split(' '), processTerm: (term) => term })
      .filter((hit) => hit.queryTerms.length >= 2)
      .slice(0, 10);
    if (nearest.length < 3 || !nearest.some((hit) => acute[hit.id as number])) return 0;
    const total = nearest.reduce((sum, hit) => sum + hit.score, 0);
    return nearest.reduce((sum, hit) => sum + (acute[hit.id as number] ? hit.score : 0), 0) / total;
  }

  it('gives the same share as a search over all labelled messages, for labelled and reworded messages', async () => {
    const examples = loadAcuteExamples();
    const calm = KnowledgeBase.load().exampleQuestions();
    const labelled = [...examples, ...calm.map((q) => ({ q, acute: false }))];
    const index = new MiniSearch<{ id: number; text: string }>({
      fields: ['text'],
      tokenize: (text) => [text],
      processTerm: (text) => messageTerms(text),
    });
    index.addAll(labelled.map((message, id) => ({ id, text: message.q })));
    const { dangerDetector } = await sharedGuidance();
    // Every 7th labelled message, as written and with its first word dropped and "nu" added (new texts).
    const messages = labelled
      .filter((_, i) => i % 7 === 0)
      .flatMap(({ q }) => [q, `${q.split(' ').slice(1).join(' ')} nu`]);
    const acute = labelled.map((message) => message.acute);
    let nonZero = 0;
    for (const text of messages) {
      const expected = searchedShare(index, acute, text);
      if (expected > 0) nonZero++;
      assert.ok(Math.abs(dangerDetector.acuteShare(text) - expected) < 1e-9, text);
    }
    assert.ok(nonZero > messages.length / 4, `only ${nonZero} of ${messages.length} have acute neighbours`);
  });
});

describe('acute-danger detector on messages typed in a hurry (trained detector)', function () {
  this.timeout(60_000);

  for (const text of ['hanärinneihuset', 'HJÄÄÄÄLP han står utanför'])
    it(`reads "${text}" as acute (words typed together, held-down letters)`, async () => {
      const { dangerDetector } = await sharedGuidance();
      assert.equal(await dangerDetector.assess(text), 'acute');
    });

  // A swapped or missing letter is repaired for the nearest messages only: a wrong repair costs a line.
  for (const text of ['han ahr en kinv', 'teh guy is here wiht a knife', 'hjlp nn i hset'])
    it(`puts the 112 line first for "${text}" (swapped or missing letter)`, async () => {
      const { dangerDetector } = await sharedGuidance();
      assert.notEqual(await dangerDetector.assess(text), 'none');
    });

  it('never gives the acute card because of a repair of an ordinary word', async () => {
    const { dangerDetector } = await sharedGuidance();
    for (const text of [
      'det står en bom vid infarten nu',
      'hjälpmedel för trygghet på mötet',
      'vem bestämmer om säkerhetskontroll i kommunfullmäktige',
      'the constructor is here',
    ])
      assert.notEqual(await dangerDetector.assess(text), 'acute', text);
  });
});
