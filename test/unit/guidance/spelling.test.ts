import assert from 'node:assert/strict';
import { Spelling } from '../../../src/guidance/domain/spelling';

describe('spelling repairs for messages typed in a hurry', () => {
  const spelling = Spelling.fromTexts([
    'han har en kniv och han är inne i huset',
    'han har en kniv nu, han är inne i huset',
    'hjälp han står vid dörren, det är någon som slår på fönstret nu',
    'hjälp han står vid dörren, det är någon som slår på fönstret nu',
    'kommunfullmäktige ordförande kommunfullmäktige ordförande',
    'kinv', // a typo that occurs once is not taken for a word
  ]);

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

  it('collapses held-down letters ("hjäääälp")', () => {
    assert.equal(spelling.repair('hjäääälp'), 'hjalp');
  });
});
