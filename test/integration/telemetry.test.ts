import assert from 'node:assert/strict';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import {
  OpenTelemetryTelemetry,
  Pseudonymiser,
  ScrubbingSpanProcessor,
  scrubText,
} from '../../src/core/telemetry';
import { message, official } from '../support/activities';
import { chief, install, ROLE_ENV, submitReport, waitUntil } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { personalData, QUESTION } from '../support/telemetrySecrets';

const KEY = 'telemetry-test-key-telemetry-test-key';

/** The spans and metric points as one JSON text, to look for what must never leave the process. */
function exported(spans: ReadableSpan[], metrics: unknown): string {
  return JSON.stringify({
    spans: spans.map((span) => ({
      name: span.name,
      attributes: span.attributes,
      events: span.events,
      status: span.status,
    })),
    metrics,
  });
}

describe('telemetry (in-memory exporters)', function () {
  this.timeout(60_000);
  let bot: RunningBot | undefined;
  afterEach(async () => bot?.stop());

  function pipeline() {
    const pseudonyms = new Pseudonymiser(KEY);
    const spans = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({
      spanProcessors: [new ScrubbingSpanProcessor(pseudonyms), new SimpleSpanProcessor(spans)],
    });
    const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({
      exporter: metricExporter,
      exportIntervalMillis: 60_000,
    });
    const meterProvider = new MeterProvider({ readers: [reader] });
    const telemetry = new OpenTelemetryTelemetry(
      tracerProvider.getTracer('test'),
      meterProvider.getMeter('test'),
      pseudonyms,
    );
    const metricsByName = async (): Promise<
      Map<string, Array<{ attributes: Record<string, unknown>; value: unknown }>>
    > => {
      await reader.forceFlush();
      const byName = new Map<string, Array<{ attributes: Record<string, unknown>; value: unknown }>>();
      for (const resource of metricExporter.getMetrics())
        for (const scope of resource.scopeMetrics)
          for (const metric of scope.metrics)
            byName.set(
              metric.descriptor.name,
              metric.dataPoints.map((point) => ({ attributes: point.attributes, value: point.value })),
            );
      return byName;
    };
    return {
      telemetry,
      spans,
      metricsByName,
      pseudonyms,
      shutdown: () => Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]),
    };
  }

  it('a span per turn with capability and outcome, outbox metrics, and no text, names or raw ids', async () => {
    const otel = pipeline();
    bot = await startBot({ ...ROLE_ENV }, undefined, { telemetry: otel.telemetry });
    const chiefChat = await install(bot, chief);
    const conversationId = 'a:telemetry-question';
    await bot.post(message(QUESTION, { serviceUrl: bot.connector.url, conversationId }));
    await submitReport(bot, official);
    await waitUntil(() =>
      bot!.connector.activitiesIn(chiefChat).some((a) => JSON.stringify(a).includes('IR-')),
    );
    // One more worker pass after the delivery, so the heartbeat has counted passes.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const spans = otel.spans.getFinishedSpans();
    const turns = spans.filter((span) => span.name.startsWith('turn '));
    assert.ok(turns.length >= 10, `one span per turn (${turns.length})`);
    const question = turns.find(
      (span) => span.attributes['trygg.conversation'] === otel.pseudonyms.of(conversationId),
    );
    assert.ok(question, 'the question turn is found by its pseudonym');
    assert.equal(question.attributes['trygg.activity_type'], 'message');
    assert.ok(['guidance', 'acute-danger'].includes(String(question.attributes['trygg.capability'])));
    assert.ok(turns.some((span) => span.attributes['trygg.capability'] === 'report'));
    assert.ok(turns.every((span) => typeof span.attributes['trygg.outcome'] === 'string'));
    assert.ok(
      turns.every((span) => span.duration[0] > 0 || span.duration[1] > 0),
      'durations',
    );

    const metrics = await otel.metricsByName();
    const delivered = metrics.get('trygg.outbox.deliveries') ?? [];
    assert.ok(delivered.some((point) => point.attributes.status === 'delivered' && Number(point.value) >= 1));
    assert.ok((metrics.get('trygg.outbox.attempts') ?? []).some((point) => point.attributes.result === 'ok'));
    const latency = metrics.get('trygg.outbox.delivery_latency')?.[0]?.value as { count: number } | undefined;
    assert.ok(latency && latency.count >= 1, 'submit → delivered latency recorded');
    assert.ok(Number(metrics.get('trygg.outbox.passes')?.[0]?.value) >= 1, 'heartbeat');
    assert.ok(metrics.has('trygg.outbox.oldest_pending_age'));

    const text = exported(spans, Object.fromEntries(metrics));
    for (const secret of personalData({ conversationId, chiefChat }))
      assert.ok(!text.includes(secret), `"${secret}" left the process`);
    await otel.shutdown();
  });

  it('counts a turn that throws as a turn error, with the error kind only', async () => {
    const otel = pipeline();
    bot = await startBot({}, undefined, { telemetry: otel.telemetry });
    // Every reply fails: the turn throws, the adapter's error reply fails too.
    bot.connector.failNext({ status: 500, times: 10 });
    await bot.post(message(QUESTION, { serviceUrl: bot.connector.url }));
    await bot.app.http.inFlight.drain(10_000);
    const metrics = await otel.metricsByName();
    assert.equal(Number(metrics.get('trygg.turn.errors')?.[0]?.value), 1);
    const failed = otel.spans.getFinishedSpans().find((span) => span.attributes['trygg.outcome'] === 'error');
    assert.ok(failed, 'the turn span says error');
    assert.ok(!exported(otel.spans.getFinishedSpans(), {}).includes('070-7654321'));
    await otel.shutdown();
  });

  it('scrubs ids and query strings out of connector, storage and download URLs', () => {
    const pseudonyms = new Pseudonymiser(KEY);
    const connector = scrubText(
      'http://127.0.0.1:5000/v3/conversations/a%3Apersonal-29%3Achief/activities/1699999999',
      pseudonyms,
    );
    assert.match(
      connector,
      /^http:\/\/127\.0\.0\.1:5000\/v3\/conversations\/~[\w-]{16}\/activities\/~[\w-]{16}$/,
    );
    assert.ok(!connector.includes('chief'));
    const table = scrubText(
      "/devstoreaccount1/tfConversationRefs(PartitionKey='aaaaaaaa-0000-4000-8000-0000000000c1',RowKey='ref')?$filter=x",
      pseudonyms,
    );
    assert.equal(table, '/devstoreaccount1/tfConversationRefs()');
    assert.equal(scrubText('/api/cases/files?t=signed.token.value', pseudonyms), '/api/cases/files');
    assert.equal(
      scrubText(
        'request to https://smba.example/v3/conversations/19:abc@thread.v2 failed',
        pseudonyms,
      ).includes('19:abc'),
      false,
    );
    assert.equal(pseudonyms.of('x'), new Pseudonymiser(KEY).of('x'), 'stable with the same key');
    assert.notEqual(pseudonyms.of('x'), new Pseudonymiser('another-key-another-key-another-key').of('x'));
  });
});
