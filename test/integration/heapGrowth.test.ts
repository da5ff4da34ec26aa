import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { mixed, newConversation, type Conversation } from '../../bench/scenarios';
import { startBot, type RunningBot } from '../support/botHarness';

/** A full garbage collection, also when mocha runs without --expose-gc. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

function heapAfterGcMb(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

const CONVERSATIONS = 4;
const WARMUP_TURNS = 400;
const MEASURED_TURNS = 2_400;
/** What the heap may grow by over the measured turns, after a full GC on both sides. */
const MAX_GROWTH_MB = 6;

/**
 * The bench's mixed load (report-dialog steps, greetings, guidance questions) in-process against the real app:
 * after a warm-up, the heap after a full GC must not keep growing with the number of turns. The fake
 * connector's recorded calls are dropped before each measurement (they are the test's, not the bot's).
 */
describe('memory: heap after a few thousand turns', function () {
  this.timeout(300_000);
  let bot: RunningBot;
  after(async () => bot?.stop());

  async function run(turns: number, conversations: Conversation[], steps: number[]): Promise<void> {
    let issued = 0;
    const deadline = Date.now() + 240_000;
    await Promise.all(
      conversations.map(async (conversation, i) => {
        while (issued < turns && Date.now() < deadline) {
          issued++;
          const lastCard = bot.connector.activitiesIn(conversation.conversationId).at(-1)
            ?.attachments?.[0]?.content;
          const { activity } = mixed.next(conversation, steps[i]!++, lastCard);
          const { status } = await bot.post(activity);
          assert.ok(status >= 200 && status < 300, `HTTP ${status}`);
        }
      }),
    );
    assert.equal(issued, turns, 'every turn ran before the deadline');
  }

  it(`grows by less than ${MAX_GROWTH_MB} MB over ${MEASURED_TURNS} mixed turns`, async () => {
    bot = await startBot({ LOG_LEVEL: 'warn' });
    const conversations = Array.from({ length: CONVERSATIONS }, () =>
      newConversation(bot.connector.url, 'heap'),
    );
    const steps = conversations.map(() => 0);
    await run(WARMUP_TURNS, conversations, steps);
    bot.connector.reset();
    const before = heapAfterGcMb();
    await run(MEASURED_TURNS, conversations, steps);
    bot.connector.reset();
    const after = heapAfterGcMb();
    assert.ok(
      after - before < MAX_GROWTH_MB,
      `heap ${before.toFixed(1)} → ${after.toFixed(1)} MB over ${MEASURED_TURNS} turns`,
    );
  });
});
