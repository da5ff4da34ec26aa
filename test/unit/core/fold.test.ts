import assert from 'node:assert/strict';
import {
  fold,
  foldUnicode,
  forgetLastReading,
  heldReading,
  normalizeText,
  words,
} from '../../../src/core/text/normalize';
import { seeded } from '../../support/seeded';

describe('fold: the fast paths give what the full Unicode fold gives', () => {
  it('folds every character up to Latin Extended-B alone as the full fold does', () => {
    for (let code = 0; code < 0x250; code++) {
      const text = String.fromCharCode(code);
      assert.equal(fold(text), foldUnicode(text.toLowerCase()), `U+${code.toString(16)}`);
    }
  });

  it('folds 100 000 random mixes of ASCII, Latin letters, combining marks and other scripts the same', () => {
    const pool = [
      ...Array.from({ length: 0x250 }, (_, code) => String.fromCharCode(code)),
      ...['\u0301', '\u030a', '\u0308', 'İ', 'ẞ', 'ﬁ', 'Ǆ', 'ǅ', 'Ω', 'я', '😀', '\u0653'],
    ];
    const random = seeded(17);
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      let text = '';
      const length = 1 + Math.floor(random() * 12);
      for (let j = 0; j < length; j++) text += pool[Math.floor(random() * pool.length)];
      seen.add(text);
      assert.equal(fold(text), foldUnicode(text.toLowerCase()), JSON.stringify(text));
    }
    // One- and two-letter texts repeat by nature (604 letters to draw from): about 92 000 differ.
    assert.ok(seen.size > 90_000, `${seen.size} different texts`);
  });

  it('still folds Swedish as before', () => {
    assert.equal(
      fold('Nån HOTAR mig på fejsbuk, Åsa är rädd, Öland, café'),
      'nan hotar mig pa fejsbuk, asa ar radd, oland, cafe',
    );
    assert.equal(fold('A\u030angest'), 'angest', 'a letter and a separate combining ring');
  });
});

describe('words and normalizeText: one reading of a text, shared by its readers', () => {
  it('gives every reader the words of its own text, whatever was read before', () => {
    const texts = [
      'Nån hotar mig på fejsbuk!',
      'hjäääälp',
      'Nån hotar mig på fejsbuk!',
      '',
      'sms:a mej',
      'hjäääälp',
    ];
    const expected = new Map([
      ['Nån hotar mig på fejsbuk!', 'nagon hotar mig pa facebook'],
      ['hjäääälp', 'hjalp'],
      ['', ''],
      ['sms:a mej', 'sms mig'],
    ]);
    for (const text of texts) {
      assert.equal(normalizeText(text), expected.get(text), text);
      assert.deepEqual(words(text), expected.get(text)!.split(' ').filter(Boolean), text);
    }
  });

  it('hands out words a reader may change without changing them for the next reader', () => {
    const first = words('vi blev hotade');
    first.push('bomb');
    first[0] = 'ni';
    assert.deepEqual(words('vi blev hotade'), ['vi', 'blev', 'hotade']);
    assert.equal(normalizeText('vi blev hotade'), 'vi blev hotade');
  });

  it('forgets the text it read when asked, and reads the next one afresh', () => {
    assert.deepEqual(words('zorblattsson hotade mig'), ['zorblattsson', 'hotade', 'mig']);
    assert.equal(heldReading(), 'zorblattsson hotade mig');
    forgetLastReading();
    assert.equal(heldReading(), undefined);
    assert.equal(normalizeText('zorblattsson hotade mig'), 'zorblattsson hotade mig');
  });
});
