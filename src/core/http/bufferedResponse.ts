/**
 * Collects what the adapter wants to answer, so the HTTP handler decides when the real response goes out:
 * when the turn finishes, or earlier at the turn deadline. Late writes after that are dropped harmlessly.
 */
export class BufferedResponse {
  statusCode = 200;
  body: unknown;
  readonly headers: Record<string, string> = {};
  private ended = false;
  private readonly done: Promise<void>;
  private resolveDone!: () => void;

  constructor() {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  header(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }

  send(body?: unknown): this {
    this.body = body;
    return this;
  }

  end(): this {
    if (!this.ended) {
      this.ended = true;
      this.resolveDone();
    }
    return this;
  }

  /** Resolves when the adapter has ended the response. */
  finished(): Promise<void> {
    return this.done;
  }
}
