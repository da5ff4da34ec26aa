import type { Counter, Histogram, Meter, ObservableGauge, Tracer } from '@opentelemetry/api';
import type { Pseudonymiser } from './pseudonym';
import type { DeliveryFacts, Telemetry, TurnIds, TurnScope } from './telemetry';

const FINAL_STATUSES = new Set(['delivered', 'unreachable', 'dead']);

/**
 * The OpenTelemetry API and core, loaded with the first `OpenTelemetryTelemetry` (telemetry configured), not
 * with this module: every start loads this module (through the telemetry index), and loading the two packages
 * from node_modules (80 files, left out of the bundle on purpose: scripts/bundleEntry.ts) was 60–90 ms of CPU
 * of a start without telemetry. With telemetry, Azure Monitor has loaded them already.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
const openTelemetry = () => ({
  api: require('@opentelemetry/api') as typeof import('@opentelemetry/api'),
  core: require('@opentelemetry/core') as typeof import('@opentelemetry/core'),
});
/* eslint-enable @typescript-eslint/no-require-imports */

/** Metric names: the alert rules in infra/main.bicep query these, keep them in step. */
export const METRICS = {
  turnErrors: 'trygg.turn.errors',
  deliveries: 'trygg.outbox.deliveries',
  attempts: 'trygg.outbox.attempts',
  throttled: 'trygg.outbox.throttled',
  oldestPendingAge: 'trygg.outbox.oldest_pending_age',
  deliveryLatency: 'trygg.outbox.delivery_latency',
  escalations: 'trygg.outbox.escalations',
  passes: 'trygg.outbox.passes',
} as const;

/**
 * Telemetry through the OpenTelemetry API: whichever SDK is registered (Azure Monitor in production, in-memory
 * exporters in tests) receives it. Attributes are codes, counts and keyed pseudonyms only.
 */
export class OpenTelemetryTelemetry implements Telemetry {
  private readonly turnErrors: Counter;
  private readonly deliveries: Counter;
  private readonly attempts: Counter;
  private readonly throttled: Counter;
  private readonly latency: Histogram;
  private readonly escalations: Counter;
  private readonly passes: Counter;
  private readonly oldestPending: ObservableGauge;
  private oldestPendingSeconds = 0;
  private readonly otel = openTelemetry();

  constructor(
    private readonly tracer: Tracer,
    meter: Meter,
    private readonly pseudonyms: Pseudonymiser,
    private readonly onShutdown: () => Promise<void> = async () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.turnErrors = meter.createCounter(METRICS.turnErrors, { description: 'Turns that threw' });
    this.deliveries = meter.createCounter(METRICS.deliveries, {
      description: 'Deliveries that reached a final status (by status and kind)',
    });
    this.attempts = meter.createCounter(METRICS.attempts, {
      description: 'Proactive sends tried (by result)',
    });
    this.throttled = meter.createCounter(METRICS.throttled, { description: 'Sends answered 429' });
    this.latency = meter.createHistogram(METRICS.deliveryLatency, {
      description: 'From queued (report submitted) to delivered',
      unit: 'ms',
    });
    this.escalations = meter.createCounter(METRICS.escalations, { description: 'Reports escalated' });
    this.passes = meter.createCounter(METRICS.passes, { description: 'Outbox worker passes (heartbeat)' });
    this.oldestPending = meter.createObservableGauge(METRICS.oldestPendingAge, {
      description: 'Age of the oldest delivery due and not yet delivered',
      unit: 's',
    });
    this.oldestPending.addCallback((result) => result.observe(this.oldestPendingSeconds));
  }

  async turn<T>(activityType: string, ids: TurnIds, run: (scope: TurnScope) => Promise<T>): Promise<T> {
    return this.tracer.startActiveSpan(`turn ${activityType}`, async (span) => {
      span.setAttribute('trygg.activity_type', activityType);
      if (ids.conversationId) span.setAttribute('trygg.conversation', this.pseudonyms.of(ids.conversationId));
      if (ids.userId) span.setAttribute('trygg.user', this.pseudonyms.of(ids.userId));
      let outcome = 'handled';
      const scope: TurnScope = {
        capability: (name) => span.setAttribute('trygg.capability', name),
        outcome: (value) => (outcome = value),
      };
      try {
        const result = await run(scope);
        span.setAttribute('trygg.outcome', outcome);
        return result;
      } catch (err) {
        span.setAttribute('trygg.outcome', 'error');
        // The error's kind only: its message may quote user input.
        span.setStatus({
          code: this.otel.api.SpanStatusCode.ERROR,
          message: (err as Error)?.name ?? 'Error',
        });
        this.turnErrors.add(1, { activity_type: activityType });
        throw err;
      } finally {
        span.end();
      }
    });
  }

  background<T>(run: () => Promise<T>): Promise<T> {
    const { api, core } = this.otel;
    return api.context.with(core.suppressTracing(api.context.active()), run);
  }

  deliveryAttempt(statusCode: number | undefined): void {
    this.attempts.add(1, { result: resultClass(statusCode) });
    if (statusCode === 429) this.throttled.add(1);
  }

  deliveryStatus(delivery: DeliveryFacts): void {
    if (!FINAL_STATUSES.has(delivery.status)) return;
    this.deliveries.add(1, { status: delivery.status, kind: delivery.kind });
    const queuedAt = Date.parse(delivery.createdAt);
    if (delivery.status === 'delivered' && Number.isFinite(queuedAt))
      this.latency.record(Math.max(0, this.now() - queuedAt), { kind: delivery.kind });
  }

  deliveriesDue(createdAt: string[]): void {
    const oldest = Math.min(...createdAt.map((at) => Date.parse(at)).filter(Number.isFinite));
    this.oldestPendingSeconds = Number.isFinite(oldest) ? Math.max(0, (this.now() - oldest) / 1000) : 0;
  }

  outboxPass(escalated: number): void {
    this.passes.add(1);
    if (escalated > 0) this.escalations.add(escalated);
  }

  shutdown(): Promise<void> {
    return this.onShutdown();
  }
}

function resultClass(statusCode: number | undefined): string {
  if (statusCode === undefined) return 'network';
  if (statusCode < 300) return 'ok';
  if (statusCode === 429) return '429';
  return statusCode >= 500 ? '5xx' : '4xx';
}
