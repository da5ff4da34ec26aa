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
 * Per recipient chat: one send at a time with a gap between two sends (Teams limits each conversation, e.g.
 * 8 messages in 2 s), a pause after a 429 for as long as Retry-After asks (that chat only), and at most one
 * delivery getting ready (claim, address) while another is being sent, so a chat's sends follow each other
 * without the storage round trips in between.
 */
export class ChatPacing {
  private readonly chats = new Map<string, ChatState>();

  constructor(private readonly gapMs: number) {}

  /** When a delivery to the chat may start getting ready; undefined while one already is. */
  availableAt(chat: string): number | undefined {
    const state = this.chats.get(chat);
    if (!state) return 0;
    return state.preparing ? undefined : state.sending ? 0 : state.notBefore;
  }

  /** A delivery starts getting ready for the chat. */
  begin(chat: string): void {
    const state = this.chats.get(chat) ?? { sending: false, preparing: false, notBefore: 0 };
    state.preparing = true;
    this.chats.set(chat, state);
  }

  /** It will not be sent after all (another instance had it, or there is no chat). */
  cancel(chat: string): void {
    const state = this.chats.get(chat);
    if (state) state.preparing = false;
  }

  /** Resolves when the chat's previous send has ended and its gap or pause has passed; then it is sending. */
  async turn(chat: string, now: () => number): Promise<void> {
    const state = this.chats.get(chat)!;
    while (state.sending || state.notBefore > now()) {
      await new Promise<void>((resolve) => {
        state.wake = resolve;
        if (!state.sending) setTimeout(resolve, state.notBefore - now()).unref();
      });
      state.wake = undefined;
    }
    state.preparing = false;
    state.sending = true;
  }

  /** The send ended at `now`; `pauseMs` (Retry-After) keeps the chat quiet for longer than the gap. */
  end(chat: string, now: number, pauseMs = 0): void {
    const state = this.chats.get(chat);
    if (!state) return;
    state.sending = false;
    state.notBefore = Math.max(state.notBefore, now + Math.max(this.gapMs, pauseMs));
    state.wake?.();
  }

  /** Chats quiet for a while are forgotten, so the map does not grow with every person ever alerted. */
  prune(now: number): void {
    for (const [chat, state] of this.chats)
      if (!state.sending && !state.preparing && state.notBefore < now) this.chats.delete(chat);
  }
}

interface ChatState {
  sending: boolean;
  preparing: boolean;
  notBefore: number;
  wake?: () => void;
}
