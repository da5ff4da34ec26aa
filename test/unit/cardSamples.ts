import { welcomeCardData } from '../../src/bot/welcome';

/**
 * Sample data per card template, in both languages and with edge cases, so every template is expanded and
 * validated by the tests. A new template without samples fails the suite.
 */
const samples: Record<string, () => object[]> = {
  welcome: () => [
    welcomeCardData('sv'),
    welcomeCardData('en'),
    welcomeCardData('sv', 'Jag förstod inte riktigt. Det här kan jag hjälpa dig med:'),
  ],
};

export function sampleDataFor(name: string): object[] {
  return samples[name]?.() ?? [];
}
