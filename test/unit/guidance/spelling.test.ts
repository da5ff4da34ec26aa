import assert from 'node:assert/strict';
import sinon from 'sinon';
import { fold } from '../../../src/core/text/normalize';
import * as stemmers from '../../../src/core/text/stemmers';
import { Spelling } from '../../../src/guidance/domain/spelling';
import { sharedGuidance } from '../../support/botHarness';

describe('spelling repairs for messages typed in a hurry', () => {
  // Repairs go only into words seen at least three times; a typo that occurs once is not taken for a word.
  const labelled = [
    'han har en kniv och han är inne i huset',
    'hjälp han står vid dörren, det är någon som slår på fönstret nu',
    'kommunfullmäktige ordförande',
  ];
  const spelling = Spelling.fromTexts([...labelled, ...labelled, ...labelled, 'kinv'], ['organisation']);

  it('swaps two neighbouring letters back when that gives one known word', () => {
    assert.equal(spelling.repair('han ahr en kinv'), 'han har en kniv');
  });

  it('puts back one left-out letter', () => {
    assert.equal(spelling.repair('hjlp han star vid drren'), 'hjalp han star vid dorren');
  });

  it('splits words typed without spaces into the likeliest known words', () => {
    assert.equal(spelling.repair('hanärinneihuset'), 'han ar inne i huset');
    assert.equal(spelling.repair('detärnågonsomslårpåfönstretnu'), 'det ar nagon som slar pa fonstret nu');
  });

  it('keeps compounds, known words, numbers and unknown words as they are', () => {
    assert.equal(spelling.repair('kommunfullmäktigeordförande'), 'kommunfullmaktigeordforande');
    assert.equal(spelling.repair('Han står vid dörren'), 'han star vid dorren');
    assert.equal(spelling.repair('ring 112'), 'ring 112');
    assert.equal(spelling.repair('xyzzyq'), 'xyzzyq');
  });

  it('never touches a word of the guideline text, or another form of it', () => {
    assert.equal(spelling.repair('organisation organisationen'), 'organisation organisationen');
  });

  it('can leave swapped and missing letters alone and only split', () => {
    assert.equal(spelling.read('han ahr en kinv').split, 'han ahr en kinv');
    assert.equal(spelling.read('hanärinneihuset').split, 'han ar inne i huset');
  });

  it('collapses held-down letters ("hjäääälp")', () => {
    assert.equal(spelling.repair('hjäääälp'), 'hjalp');
  });

  it('made from its saved model, stems no word at start and repairs exactly as the one made from the texts', () => {
    // Stemming the 6 600 known words was some 60 ms of every start: the model carries their stems.
    const saved = JSON.parse(JSON.stringify(spelling.toModel())) as ReturnType<Spelling['toModel']>;
    const swedish = sinon.spy(stemmers, 'stemSwedish');
    const english = sinon.spy(stemmers, 'stemEnglish');
    let loaded: Spelling;
    try {
      loaded = Spelling.fromModel(saved);
      assert.equal(swedish.callCount + english.callCount, 0, 'no word stemmed when made from the model');
    } finally {
      swedish.restore();
      english.restore();
    }
    const messages = [
      'han ahr en kinv',
      'hjlp han star vid drren',
      'hanärinneihuset',
      'detärnågonsomslårpåfönstretnu',
      'kommunfullmäktigeordförande organisationen xyzzyq ring 112',
      'hjäääälp',
      'hna ar inen i husett',
    ];
    for (const text of messages) assert.deepEqual(loaded.read(text), spelling.read(text), text);
  });

  it('refuses a saved model missing a part (never an empty set that repairs differently)', () => {
    const saved = spelling.toModel();
    for (const part of ['knownStems', 'counts', 'alsoKnown'] as const) {
      const rest: Partial<typeof saved> = { ...saved };
      delete rest[part];
      assert.throws(() => Spelling.fromModel(rest as typeof saved), new RegExp(`spelling model: no ${part}`));
    }
  });
});

describe('spelling repairs against the real vocabulary (labelled messages and the guideline text)', function () {
  this.timeout(60_000);

  it('leaves ordinary words alone, also ones a slip away from a danger word', async () => {
    const { dangerDetector } = await sharedGuidance();
    const spelling = (dangerDetector as unknown as { spelling: Spelling }).spelling;
    const ordinary = ['organisation', 'hjälpmedel', 'tradition', 'förtroendeuppdraget', 'sammanträdet'];
    for (const word of ordinary) assert.equal(spelling.read(word).split, fold(word), word);
    assert.equal(spelling.repair('allvarlig samt sparade'), 'allvarlig samt sparade');
  });
});
