import { randomUUID } from 'node:crypto';
import type { Locale } from '../core/config';
import type { Role, UserIdentity } from '../core/identity';
import { ConcurrencyError, type Repository } from '../core/storage';
import type { AlertOutbox } from './alertOutbox';
import type { ChiefQuestion } from './domain/deliveryPayload';
import { chiefRecipients, type RoleSource } from './domain/recipients';

export interface ChiefQuestionsDeps {
  questions: Repository<ChiefQuestion>;
  outbox: AlertOutbox;
  roles: RoleSource;
  /** Sends what was just queued now instead of at the next poll. */
  kick: () => void;
  now?: () => Date;
}

export type AnswerResult =
  | { kind: 'answered'; question: ChiefQuestion }
  | { kind: 'alreadyAnswered'; question: ChiefQuestion }
  | { kind: 'forbidden' }
  | { kind: 'unknown' };

const ROW = 'question';
export const questionPartition = (id: string): string => `question-${id}`;

/**
 * "Fråga säkerhetschefen": a question is stored, then delivered through the outbox to every security chief;
 * the first chief to answer wins (ETag-conditional), the asker gets the answer in their 1:1 chat through the
 * outbox, and every chief's card shows who answered and when.
 */
export class ChiefQuestions {
  private readonly now: () => Date;

  constructor(private readonly deps: ChiefQuestionsDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  hasChief(): boolean {
    return chiefRecipients(this.deps.roles).length > 0;
  }

  async ask(
    asker: UserIdentity & { aadObjectId: string },
    text: string,
    locale: Locale,
  ): Promise<ChiefQuestion> {
    const question: ChiefQuestion = {
      id: randomUUID(),
      asker: { aadObjectId: asker.aadObjectId, name: asker.name },
      text,
      askedAt: this.now().toISOString(),
      locale,
      status: 'open',
    };
    await this.deps.questions.create(question.id, ROW, question);
    for (const chief of chiefRecipients(this.deps.roles))
      await this.deps.outbox.enqueue(
        questionPartition(question.id),
        chief.aadObjectId,
        { kind: 'question', question },
        chief,
      );
    this.deps.kick();
    return question;
  }

  async get(questionId: string): Promise<ChiefQuestion | undefined> {
    return (await this.deps.questions.get(questionId, ROW))?.value;
  }

  async answer(user: UserIdentity, roles: Role[], questionId: string, text: string): Promise<AnswerResult> {
    if (!roles.some((role) => role.kind === 'securityChief' || role.kind === 'securityDeputy'))
      return { kind: 'forbidden' };
    for (;;) {
      const stored = await this.deps.questions.get(questionId, ROW);
      if (!stored) return { kind: 'unknown' };
      if (stored.value.status === 'answered') return { kind: 'alreadyAnswered', question: stored.value };
      const answered: ChiefQuestion = {
        ...stored.value,
        status: 'answered',
        answer: {
          text,
          by: { aadObjectId: user.aadObjectId ?? user.userId, name: user.name },
          at: this.now().toISOString(),
        },
      };
      try {
        await this.deps.questions.replace(questionId, ROW, answered, stored.etag);
      } catch (err) {
        if (err instanceof ConcurrencyError) continue; // someone else wrote first: look again
        throw err;
      }
      await this.deps.outbox.enqueue(
        questionPartition(questionId),
        `${answered.asker.aadObjectId}~answer`,
        { kind: 'answer', question: answered },
        { aadObjectId: answered.asker.aadObjectId, role: 'asker', name: answered.asker.name },
      );
      this.deps.kick();
      return { kind: 'answered', question: answered };
    }
  }
}
