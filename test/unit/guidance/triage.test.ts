import assert from 'node:assert/strict';
import { nextTriageStep, triageAnswersSchema } from '../../../src/guidance/domain/triage';

describe('guided triage', () => {
  it('asks now → hurt → channel, in that order', () => {
    assert.deepEqual(nextTriageStep({}), { kind: 'ask', question: 'happeningNow' });
    assert.deepEqual(nextTriageStep({ happeningNow: false }), { kind: 'ask', question: 'hurt' });
    assert.deepEqual(nextTriageStep({ happeningNow: false, hurt: false }), {
      kind: 'ask',
      question: 'channel',
    });
  });

  it('goes straight to the acute advice when it is happening now', () => {
    assert.deepEqual(nextTriageStep({ happeningNow: true }), { kind: 'acute' });
  });

  it('leads each channel to its own advice and carries "hurt"', () => {
    assert.deepEqual(nextTriageStep({ happeningNow: false, hurt: true, channel: 'suspicious-parcel' }), {
      kind: 'advice',
      topicId: 'suspicious-parcel',
      hurt: true,
    });
    assert.equal(
      (nextTriageStep({ happeningNow: false, hurt: false, channel: 'in-person' }) as { topicId: string })
        .topicId,
      'after-incident',
    );
  });

  it('treats card data as untrusted: unknown keys and values are refused', () => {
    assert.equal(triageAnswersSchema.safeParse({ channel: 'carrier-pigeon' }).success, false);
    assert.equal(triageAnswersSchema.safeParse({ hurt: 'yes' }).success, false);
    assert.equal(triageAnswersSchema.safeParse({ hurt: true, isAdmin: true }).success, false);
  });
});
