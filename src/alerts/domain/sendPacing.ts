/**
 * At most `limit` events in any `windowMs`: the global cap on sends per second (Teams allows about 50
 * requests per second per app and tenant). Times are monotonic milliseconds.
 */
export class SlidingWindow {
  private readonly times: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Takes a place now if there is one. */
  tryTake(now: number): boolean {
    this.forget(now);
    if (this.times.length >= this.limit) return false;
    this.times.push(now);
    return true;
  }

  /** When the next place frees up (now, if one is free). */
  nextFreeAt(now: number): number {
    this.forget(now);
    return this.times.length < this.limit ? now : this.times[0]! + this.windowMs;
  }

  private forget(now: number): void {
    while (this.times.length > 0 && this.times[0]! <= now - this.windowMs) this.times.shift();
  }
}

/**
 * Per recipient chat: one send at a time, a gap between two sends (Teams limits each conversation, e.g. 8
 * messages in 2 s), and a pause after a 429 for as long as Retry-After asks, for that chat only.
 */
export class ChatPacing {
  private readonly chats = new Map<string, { busy: boolean; notBefore: number }>();

  constructor(private readonly gapMs: number) {}

  /** When the chat may be sent to next; undefined while a send to it is running. */
  availableAt(chat: string): number | undefined {
    const state = this.chats.get(chat);
    if (!state) return 0;
    return state.busy ? undefined : state.notBefore;
  }

  begin(chat: string): void {
    const state = this.chats.get(chat) ?? { busy: false, notBefore: 0 };
    state.busy = true;
    this.chats.set(chat, state);
  }

  /** The send ended at `now`; `pauseMs` (Retry-After) keeps the chat quiet for longer than the gap. */
  end(chat: string, now: number, pauseMs = 0): void {
    const state = this.chats.get(chat);
    if (!state) return;
    state.busy = false;
    state.notBefore = Math.max(state.notBefore, now + Math.max(this.gapMs, pauseMs));
  }

  /** Chats quiet for a while are forgotten, so the map does not grow with every person ever alerted. */
  prune(now: number): void {
    for (const [chat, state] of this.chats) if (!state.busy && state.notBefore < now) this.chats.delete(chat);
  }
}
