import { createHash, randomUUID } from 'node:crypto';
import type { Locale } from '../core/config';
import { isSecurityStaff, userKey, type Role, type UserIdentity } from '../core/identity';
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

  /**
   * Stores the question and queues it for every chief. `formMessageId` (the message holding the form) makes a
   * double press of the same form one question: the id is derived from it, the asker and the text.
   */
  async ask(
    asker: UserIdentity & { aadObjectId: string },
    text: string,
    locale: Locale,
    formMessageId?: string,
  ): Promise<ChiefQuestion> {
    const id = formMessageId ? uuidFrom(`${asker.aadObjectId}|${formMessageId}|${text}`) : randomUUID();
    const question: ChiefQuestion = {
      id,
      asker: { aadObjectId: asker.aadObjectId, name: asker.name },
      text,
      askedAt: this.now().toISOString(),
      locale,
      status: 'open',
    };
    const created = await this.deps.questions.create(question.id, ROW, question).then(
      () => true,
      (err: unknown) => {
        if (err instanceof ConcurrencyError) return false;
        throw err;
      },
    );
    // Already asked from this form: queue again anyway (a no-op per chief) in case a crash came in between.
    const stored = created ? question : ((await this.get(question.id)) ?? question);
    for (const chief of chiefRecipients(this.deps.roles))
      await this.deps.outbox.enqueue(
        questionPartition(stored.id),
        chief.aadObjectId,
        { kind: 'question', question: stored },
        chief,
      );
    this.deps.kick();
    return stored;
  }

  async get(questionId: string): Promise<ChiefQuestion | undefined> {
    return (await this.deps.questions.get(questionId, ROW))?.value;
  }

  async answer(user: UserIdentity, roles: Role[], questionId: string, text: string): Promise<AnswerResult> {
    if (!isSecurityStaff(roles)) return { kind: 'forbidden' };
    const by = { aadObjectId: userKey(user), name: user.name };
    let answered: ChiefQuestion;
    try {
      // Bounded ETag retries (Repository.update): someone else writing first makes it look again.
      answered = (
        await this.deps.questions.update(questionId, ROW, (current) => {
          if (!current) throw new Settled({ kind: 'unknown' });
          if (current.status === 'answered')
            throw new Settled({ kind: 'alreadyAnswered', question: current });
          return { ...current, status: 'answered', answer: { text, by, at: this.now().toISOString() } };
        })
      ).value;
    } catch (err) {
      if (err instanceof Settled) return err.result;
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

/** Ends an answer's update without writing: the question is gone or already answered. */
class Settled extends Error {
  constructor(readonly result: AnswerResult) {
    super(result.kind);
  }
}

/** A deterministic id in UUID form (version 8, RFC 9562), so it passes the same checks as a random one. */
function uuidFrom(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
