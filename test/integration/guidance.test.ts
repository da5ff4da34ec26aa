import assert from 'node:assert/strict';
import { cardSubmit, message } from '../support/activities';
import { startBot, type RunningBot } from '../support/botHarness';
import { validateCard } from '../../src/core/cards/cardValidation';
import type { AdaptiveCard } from '../../src/core/cards';
import { heldReading } from '../../src/core/text/normalize';

type Activity = NonNullable<RunningBot['connector']['calls'][number]['activity']>;

const cardOf = (activity: Activity): AdaptiveCard => activity.attachments?.[0]?.content as AdaptiveCard;
const textOf = (activity: Activity): string => JSON.stringify(cardOf(activity) ?? activity.text);

describe('guidance over the real endpoint', function () {
  this.timeout(30_000);
  let bot: RunningBot;

  before(async () => {
    bot = await startBot();
  });
  after(async () => {
    await bot.stop();
  });

  async function ask(text: string, locale = 'sv-SE'): Promise<Activity[]> {
    const activity = message(text, { serviceUrl: bot.connector.url, locale });
    const response = await bot.post(activity);
    assert.equal(response.status, 200, text);
    return bot.connector.activitiesIn(activity.conversation.id);
  }

  async function press(value: Record<string, unknown>): Promise<Activity[]> {
    const activity = cardSubmit(value, { serviceUrl: bot.connector.url });
    await bot.post(activity);
    return bot.connector.activitiesIn(activity.conversation.id);
  }

  it('keeps nothing of a message once its turn is answered (the shared reading of its words included)', async () => {
    const text = 'zorblattsson hotar mig på fejsbuk vid kvicksilvergatan';
    const [reply] = await ask(text);
    assert.ok(reply, 'answered');
    assert.equal(heldReading(), undefined);
    // An acute message, answered by the interceptor before any capability reads it, is forgotten too.
    await ask('zorblattsson står utanför med en kniv');
    assert.equal(heldReading(), undefined);
  });

  it('answers a colloquial question with the advice and its source', async () => {
    const [reply] = await ask('nån hotar mig på fejsbuk');
    const text = textOf(reply!);
    assert.match(text, /Källa: Bilaga 5, Sociala medier/);
    assert.match(text, /skärmdump/i);
    assert.deepEqual(validateCard(cardOf(reply!)), []);
  });

  it('answers in English when the question is English', async () => {
    const [reply] = await ask('someone threatened me on the phone, what should I do?');
    assert.match(textOf(reply!), /Source: Bilaga 5/);
  });

  it('puts "ring 112" first when danger is happening now', async () => {
    const replies = await ask('han står utanför mitt hus just nu');
    assert.equal(replies.length, 2);
    assert.match(String(replies[0]!.text), /^Ring 112 nu/);
    assert.match(textOf(replies[1]!), /Bilaga 1/);
  });

  it('puts a one-line "ring 112" before the answer when a message may be about danger now', async () => {
    const replies = await ask('han har hittat hit och jag vågar inte öppna');
    assert.match(String(replies[0]!.text), /^Är du eller någon annan i fara just nu\? Ring 112\./);
    assert.ok(replies.length >= 2, 'the normal answer follows');
  });

  it('does not raise the alarm for a past event', async () => {
    const replies = await ask('han hotade mig förra veckan');
    assert.equal(replies.length, 1);
    assert.doesNotMatch(String(replies[0]!.text ?? ''), /Ring 112 nu/);
  });

  it('shows the topic menu for "meny" and a topic from its button', async () => {
    const [menu] = await ask('meny');
    assert.match(textOf(menu!), /Vad vill du veta/);
    const [answer] = await press({ verb: 'guidance.topic', topicId: 'suspicious-parcel' });
    assert.match(textOf(answer!), /Avvikande försändelser/);
  });

  it('runs the triage from "vad gör jag nu?" to the specific advice', async () => {
    const [first] = await ask('vad gör jag nu?');
    assert.match(textOf(first!), /Pågår det just nu/);
    const [second] = await press({ verb: 'guidance.triage', answers: { happeningNow: false } });
    assert.match(textOf(second!), /Är någon skadad/);
    const [third] = await press({ verb: 'guidance.triage', answers: { happeningNow: false, hurt: true } });
    assert.match(textOf(third!), /Hur kom hotet/);
    const [advice] = await press({
      verb: 'guidance.triage',
      answers: { happeningNow: false, hurt: true, channel: 'phone-threat' },
    });
    const text = textOf(advice!);
    assert.match(text, /sök alltid vård/);
    assert.match(text, /Bilaga 5, Telefon/);
    assert.match(text, /Rapportera incident/);
  });

  it('refuses forged triage and topic data without failing', async () => {
    const [restart] = await press({ verb: 'guidance.triage', answers: { channel: 'pigeon', admin: true } });
    assert.match(textOf(restart!), /Pågår det just nu/);
    const [menu] = await press({ verb: 'guidance.topic', topicId: '../../etc/passwd' });
    assert.match(textOf(menu!), /Vad vill du veta/);
  });

  it('shows the point that answers a question about one point first, then the whole topic', async () => {
    const [reply] = await ask('kan polisen ge mig personlarm');
    const text = textOf(reply!);
    assert.match(text, /Närmast din fråga[\s\S]*personlarm[\s\S]*Polisens ansvar/);
  });

  it('says it is unsure and offers choices instead of a confident wrong answer', async () => {
    const [reply] = await ask('blå bilar och potatis');
    assert.match(textOf(reply!), /inte säker/);
  });

  it('never breaks a card or renders user markdown, whatever the input', async () => {
    const hostile = [
      '',
      '   ',
      'x'.repeat(10_000),
      '😀😀😀',
      '<script>alert(1)</script><b>hej</b>',
      '[klicka här](https://evil.example) hot på facebook',
      '${title} ${$root} hotad',
      '{{DATE(2020-01-01T00:00:00Z, SHORT)}} hot',
    ];
    for (const text of hostile) {
      const replies = await ask(text);
      assert.ok(replies.length >= 1, `a reply to ${text.slice(0, 20)}`);
      for (const reply of replies.filter((r) => r.attachments)) {
        assert.deepEqual(validateCard(cardOf(reply)), []);
        assert.ok(!JSON.stringify(reply).includes('evil.example'), 'user links are never echoed');
      }
    }
  });

  it('names the security role the one configured way on the welcome card and on answers (default: Bilaga 5)', async () => {
    const welcome = textOf((await ask('hej'))[0]!);
    assert.match(welcome, /Rapportera en incident till kommunens säkerhetssamordnare\./);
    const answer = textOf((await ask('nån hotar mig på fejsbuk'))[0]!);
    assert.match(answer, /"title":"Fråga säkerhetssamordnaren"/);
    assert.doesNotMatch(answer + welcome, /säkerhetschef/);
  });
});

describe('guidance with SECURITY_CONTACT_TITLE set', function () {
  this.timeout(30_000);
  let bot: RunningBot;
  before(async () => {
    bot = await startBot({
      SECURITY_CONTACT_TITLE: 'trygghetssamordnare',
      SECURITY_CONTACT_TITLE_EN: 'safety coordinator',
    });
  });
  after(async () => bot.stop());

  it('uses that one name on the welcome card, the answers and the acute card', async () => {
    const say = async (text: string, locale = 'sv-SE') => {
      const activity = message(text, { serviceUrl: bot.connector.url, locale });
      await bot.post(activity);
      return bot.connector.activitiesIn(activity.conversation.id).map(textOf).join('\n');
    };
    assert.match(await say('hej'), /kommunens trygghetssamordnare/);
    assert.match(await say('nån hotar mig på fejsbuk'), /Fråga trygghetssamordnaren/);
    assert.match(await say('someone threatens me on facebook', 'en-US'), /Ask the safety coordinator/);
    assert.match(await say('han står utanför mitt hus just nu'), /Larma trygghetssamordnaren/);
  });
});
