import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../core/paths';
import { words } from '../../core/text/normalize';

const channelWordsSchema = z.object({
  about: z.string(),
  channels: z
    .array(
      z.object({
        guidelineWords: z.string().min(1),
        words: z.array(z.string().regex(/^[a-z0-9]+$/, 'folded lower-case word')).min(1),
      }),
    )
    .min(1),
});

/** The file beside topics.json in a guideline data folder. */
export const CHANNEL_WORDS_FILE = 'channel-words.json';

/**
 * Named platforms and channels ("TikTok", "röstbrevlådan", "Gmail") mapped to the words of the guideline's
 * channel advice (Bilaga 5), so a question naming one meets that channel's advice rather than a definition.
 */
export class ChannelWords {
  private constructor(private readonly byWord: ReadonlyMap<string, string>) {}

  static load(file = path.join(projectRoot, 'src', 'guidance', 'data', CHANNEL_WORDS_FILE)): ChannelWords {
    const data = channelWordsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    const byWord = new Map<string, string>();
    for (const channel of data.channels)
      for (const word of channel.words) byWord.set(word, channel.guidelineWords);
    return new ChannelWords(byWord);
  }

  static none(): ChannelWords {
    return new ChannelWords(new Map());
  }

  /** Whether `word` names a channel (it gets the guideline's word when the examples do not know it). */
  names(word: string): boolean {
    return this.byWord.has(word);
  }

  /**
   * The question with the guideline's word for each channel it names added once at the end. Words the
   * matcher's own examples already know ("facebook", "mejl") are left to the models: adding "sociala medier"
   * for them took questions about insurance, the party or the police asked on Facebook to the channel advice
   * (dev-2026-12: 9 confident wrong answers more, 10 first-ranked right fewer).
   */
  expand(
    question: string,
    isKnown: (word: string) => boolean = () => false,
    /** `words(question)`, when the caller has them already. */
    questionWords: readonly string[] = words(question),
  ): string {
    // Most questions name no channel: no set for them.
    let added: Set<string> | undefined;
    for (const word of questionWords) {
      const guidelineWords = this.byWord.get(word);
      if (!guidelineWords || isKnown(word)) continue;
      (added ??= new Set()).add(guidelineWords);
    }
    return added ? `${question} ${[...added].join(' ')}` : question;
  }
}
