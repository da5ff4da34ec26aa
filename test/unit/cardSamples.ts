import { welcomeCardData } from '../../src/bot/welcome';
import { CardRenderer, type AdaptiveCard } from '../../src/core/cards';
import { KnowledgeBase } from '../../src/guidance/domain/knowledgeBase';
import { GuidanceCards, MENU_TOPIC_IDS } from '../../src/guidance/guidanceCards';

/** Records the data every card is rendered with, so the real card builders supply the samples. */
class RecordingRenderer extends CardRenderer {
  readonly samples = new Map<string, object[]>();
  override render<Data extends object>(name: string, data: Data): AdaptiveCard {
    this.samples.set(name, [...(this.samples.get(name) ?? []), data]);
    return super.render(name, data);
  }
}

function collectSamples(): Map<string, object[]> {
  const recorder = new RecordingRenderer();
  recorder.samples.set('welcome', [
    welcomeCardData('sv'),
    welcomeCardData('en'),
    welcomeCardData('sv', 'Jag förstod inte riktigt. Det här kan jag hjälpa dig med:'),
  ]);
  const knowledgeBase = KnowledgeBase.load();
  const guidance = new GuidanceCards(recorder, knowledgeBase);
  for (const locale of ['sv', 'en'] as const) {
    for (const topic of knowledgeBase.topics) guidance.answer(topic, locale, { preface: 'x', closing: 'y' });
    guidance.menu(locale);
    guidance.acute(locale);
    guidance.choices(MENU_TOPIC_IDS.slice(0, 3), locale);
    guidance.choices([], locale, 'empty');
    guidance.triageQuestion('happeningNow', {}, locale);
    guidance.triageQuestion('hurt', { happeningNow: false }, locale);
    guidance.triageQuestion('channel', { happeningNow: false, hurt: true }, locale);
  }
  return recorder.samples;
}

let samples: Map<string, object[]> | undefined;

/**
 * Sample data per card template, from the real card builders in both languages (every knowledge-base topic
 * included), so every template is expanded and validated. A new template without samples fails the suite.
 */
export function sampleDataFor(name: string): object[] {
  samples ??= collectSamples();
  return samples.get(name) ?? [];
}
