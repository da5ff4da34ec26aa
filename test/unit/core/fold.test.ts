import assert from 'node:assert/strict';
import { fold, foldUnicode } from '../../../src/core/text/normalize';
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
