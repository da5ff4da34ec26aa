/**
 * What the bot reports about itself, without knowing OpenTelemetry: capabilities and the outbox call these,
 * and the default does nothing. Only codes, counts and durations go in; never message text, card values,
 * names or raw ids (the OpenTelemetry implementation pseudonymises the ids it is given with a keyed HMAC).
 */
export interface Telemetry {
  /** Runs one turn inside a span (activity type, capability, outcome, duration); a throw counts as a turn error. */
  turn<T>(activityType: string, ids: TurnIds, run: (scope: TurnScope) => Promise<T>): Promise<T>;
  /**
   * Runs background work (the outbox worker's pass) without tracing: it polls storage every second, which as
   * dependencies would be hundreds of thousands of records a day. Its outcome is in the outbox metrics.
   */
  background<T>(run: () => Promise<T>): Promise<T>;
  /** One proactive send was tried: its HTTP status (undefined = no answer at all). */
  deliveryAttempt(statusCode: number | undefined): void;
  /** A delivery's status was written; final ones (delivered, unreachable, dead) are counted. */
  deliveryStatus(delivery: DeliveryFacts): void;
  /** The outbox found these deliveries due (their queue times): the oldest one's age is a gauge. */
  deliveriesDue(createdAt: string[]): void;
  /** The outbox worker finished a pass (the heartbeat), escalating this many reports. */
  outboxPass(escalated: number): void;
  /** Flushes and stops exporting (at shutdown). */
  shutdown(): Promise<void>;
}

/** Raw ids of the turn; pseudonymised before they go anywhere. */
export interface TurnIds {
  conversationId?: string;
  userId?: string;
}

export interface TurnScope {
  /** Which capability answered ("guidance", "report", …, or "acute-danger", "welcome"). */
  capability(name: string): void;
  /** How the turn ended when it did not throw ("handled", "unknownAction", "unhandledText", "acute"). */
  outcome(outcome: string): void;
}

export interface DeliveryFacts {
  status: string;
  /** Payload kind: report, meetingRisk, question, answer, unreachable. */
  kind: string;
  createdAt: string;
}

const noScope: TurnScope = { capability: () => undefined, outcome: () => undefined };

/** The default: telemetry off (no APPLICATIONINSIGHTS_CONNECTION_STRING). */
export const noTelemetry: Telemetry = {
  turn: (_type, _ids, run) => run(noScope),
  background: (run) => run(),
  deliveryAttempt: () => undefined,
  deliveryStatus: () => undefined,
  deliveriesDue: () => undefined,
  outboxPass: () => undefined,
  shutdown: async () => undefined,
};
