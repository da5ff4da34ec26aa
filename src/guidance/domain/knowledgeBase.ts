import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../core/paths';

/** The next-step buttons an answer may offer. */
export const TOPIC_ACTIONS = [
  'report',
  'policeReport',
  'triage',
  'meetingChecklist',
  'askSecurityChief',
] as const;
export type TopicAction = (typeof TOPIC_ACTIONS)[number];

const bilingual = z.object({ sv: z.string().min(1), en: z.string().min(1) });
const bilingualList = z.object({
  sv: z.array(z.string().min(1)).min(1),
  en: z.array(z.string().min(1)).min(1),
});

const topicSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  section: z.string().min(1),
  sectionTitle: bilingual,
  title: bilingual,
  summary: bilingual,
  steps: bilingualList,
  examples: bilingualList,
  related: z.array(z.string()),
  actions: z.array(z.enum(TOPIC_ACTIONS)),
});

export type Topic = z.infer<typeof topicSchema>;

/**
 * Labelled questions written from the guideline by independent authors (src/guidance/data/README.md): each names
 * its topic and, when it asks about one point, the index of that point (a step of the topic).
 */
export const trainingQuestionSchema = z.object({
  author: z.string().min(1),
  topic: z.string().min(1),
  point: z.number().int().min(0).nullable(),
  lang: z.enum(['sv', 'en']),
  text: z.string().min(1),
});
const trainingFileSchema = z.object({
  howMade: z.string().min(1),
  questions: z.array(trainingQuestionSchema),
});
export type TrainingQuestion = z.infer<typeof trainingQuestionSchema>;

/** The training questions' file beside topics.json; a municipality's data may leave it out. */
export const TRAINING_QUESTIONS_FILE = 'topic-questions.json';

/** The guideline as data: one topic per section or annex part, each naming its source section. */
export class KnowledgeBase {
  private readonly byId: Map<string, Topic>;

  constructor(
    readonly topics: readonly Topic[],
    readonly trainingQuestions: readonly TrainingQuestion[] = [],
  ) {
    this.byId = new Map();
    for (const topic of topics) {
      // One topic per id: a search keeps one score per id, and `get` would silently keep the last.
      if (this.byId.has(topic.id)) throw new Error(`knowledge base: topic id "${topic.id}" twice`);
      this.byId.set(topic.id, topic);
    }
    for (const question of trainingQuestions) {
      const topic = this.byId.get(question.topic);
      if (!topic) throw new Error(`training question: topic "${question.topic}" does not exist`);
      if (question.point !== null && question.point >= topic.steps.sv.length)
        throw new Error(`training question: topic ${topic.id} has no point ${question.point}`);
    }
    for (const topic of topics) {
      if (topic.steps.sv.length !== topic.steps.en.length)
        throw new Error(`topic ${topic.id}: sv/en steps differ`);
      for (const related of topic.related) {
        if (!this.byId.has(related))
          throw new Error(`topic ${topic.id}: related topic "${related}" does not exist`);
      }
    }
  }

  static load(file = path.join(projectRoot, 'src', 'guidance', 'data', 'topics.json')): KnowledgeBase {
    const topics = z.array(topicSchema).parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    const questionsFile = path.join(path.dirname(file), TRAINING_QUESTIONS_FILE);
    const questions = fs.existsSync(questionsFile)
      ? trainingFileSchema.parse(JSON.parse(fs.readFileSync(questionsFile, 'utf8'))).questions
      : [];
    return new KnowledgeBase(topics, questions);
  }

  get(id: string): Topic | undefined {
    return this.byId.get(id);
  }

  /** Every example question, both languages: ordinary questions, never about danger happening now. */
  exampleQuestions(): string[] {
    return this.topics.flatMap((topic) => [...topic.examples.sv, ...topic.examples.en]);
  }

  /** The answers' own text (titles, summaries, steps), both languages: the guideline's words. */
  answerTexts(): string[] {
    return this.topics.flatMap((topic) =>
      (['sv', 'en'] as const).flatMap((locale) => [
        topic.sectionTitle[locale],
        topic.title[locale],
        topic.summary[locale],
        ...topic.steps[locale],
      ]),
    );
  }

  /** Like get(), for ids the code itself names: a missing one is a programming error. */
  require(id: string): Topic {
    const topic = this.byId.get(id);
    if (!topic) throw new Error(`knowledge base has no topic "${id}"`);
    return topic;
  }
}
