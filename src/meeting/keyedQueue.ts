/**
 * Runs tasks one after another per key (here: per meeting), across concurrent turns of this process.
 * The shared checklist card is re-read and re-sent inside it, so the last update Teams receives carries the
 * latest state: without it, a slow update computed before a later tick could land last and hide that tick.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with queued or running tasks (for tests: the map must not grow without bound). */
  get size(): number {
    return this.tails.size;
  }
}
