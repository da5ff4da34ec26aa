import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Locale } from '../core/config';
import { projectRoot } from '../core/paths';

const actionList = z.array(z.string().trim().min(1)).min(1).max(3);
const entrySchema = z.object({ sv: actionList, en: actionList });
const fileSchema = z.record(z.string(), z.unknown());

/**
 * What to do now, per guidance topic: the 2–3 sentences of the topic's section that an answer shows first
 * (the rest of the section is one press away). Kept apart from topics.json so the wording an answer opens
 * with is reviewed on its own; every Swedish sentence is the guideline's own (a test traces each one).
 */
export class FirstActions {
  private constructor(private readonly byTopic: ReadonlyMap<string, z.infer<typeof entrySchema>>) {}

  /** Another municipality's data may have no first-actions.json: its answers then show each topic whole. */
  static load(file = path.join(projectRoot, 'src', 'guidance', 'data', 'first-actions.json')): FirstActions {
    if (!fs.existsSync(file)) return new FirstActions(new Map());
    const raw = fileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    const entries = new Map<string, z.infer<typeof entrySchema>>();
    for (const [topicId, value] of Object.entries(raw)) {
      if (topicId.startsWith('$')) continue; // "$comment"
      const entry = entrySchema.parse(value);
      if (entry.sv.length !== entry.en.length) throw new Error(`${file}: ${topicId}: sv/en counts differ`);
      entries.set(topicId, entry);
    }
    return new FirstActions(entries);
  }

  /** The topic's first actions in the locale; empty when the topic has none (the answer then shows it all). */
  of(topicId: string, locale: Locale): readonly string[] {
    return this.byTopic.get(topicId)?.[locale] ?? [];
  }

  topicIds(): string[] {
    return [...this.byTopic.keys()];
  }
}
