import { ManagedIdentityCredential } from '@azure/identity';
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { metrics, trace } from '@opentelemetry/api';
import { azureVmDetector } from '@opentelemetry/resource-detector-azure';
import type { TelemetryConfig } from '../config';
import { OpenTelemetryTelemetry } from './openTelemetry';
import { Pseudonymiser } from './pseudonym';
import { ScrubbingSpanProcessor } from './scrub';
import type { Telemetry } from './telemetry';

/**
 * Azure Monitor (Application Insights) through its OpenTelemetry distro: turn spans, HTTP and Azure SDK
 * dependencies (connector and storage) and the outbox metrics, scrubbed of ids and query strings.
 * Must run before botbuilder, restify and the Azure SDK are loaded, so their modules get instrumented:
 * src/index.ts imports the rest of the app only after this.
 *
 * Telemetry goes only to the ingestion endpoint of the connection string. Turned off, because they would
 * send elsewhere: live metrics (the LiveEndpoint), the SDK's own statsbeat (fixed Microsoft endpoints) and
 * the Azure VM resource detector (asks the instance metadata service on a link-local address).
 */
export function startAzureMonitor(config: TelemetryConfig): Telemetry {
  process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = 'true';
  process.env.APPLICATIONINSIGHTS_STATSBEAT_DISABLED = 'true';
  process.env.APPLICATIONINSIGHTS_SDKSTATS_DISABLED = 'true';
  // All settings are in code: without this the distro looks for an applicationinsights.json and logs a stack
  // trace on every start when there is none.
  if (!process.env.APPLICATIONINSIGHTS_CONFIGURATION_FILE)
    process.env.APPLICATIONINSIGHTS_CONFIGURATION_CONTENT ??= '{}';
  // The distro always runs this detector; on App Service or Container Apps it has nothing to find.
  azureVmDetector.detect = () => ({ attributes: {} });

  const pseudonyms = new Pseudonymiser(config.pseudonymKey);
  // Passed on to OpenTelemetry's HttpInstrumentation. Probes every few seconds would drown the turns.
  const httpOptions = {
    enabled: true,
    ignoreIncomingRequestHook: (request: { url?: string }) =>
      /^\/(healthz|livez|readyz)\b/.test(request.url ?? ''),
  };
  useAzureMonitor({
    azureMonitorExporterOptions: {
      connectionString: config.connectionString,
      // Application Insights with local authentication off accepts only Entra tokens (the managed identity).
      ...(config.managedIdentity
        ? {
            credential: new ManagedIdentityCredential(
              config.managedIdentity.clientId ? { clientId: config.managedIdentity.clientId } : {},
            ),
          }
        : {}),
    },
    enableLiveMetrics: false,
    // Every turn is kept (a municipality's volume is small); background polling is not traced at all.
    samplingRatio: 1,
    tracesPerSecond: 0,
    spanProcessors: [new ScrubbingSpanProcessor(pseudonyms)],
    instrumentationOptions: {
      http: httpOptions,
      azureSdk: { enabled: true },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
  });
  return new OpenTelemetryTelemetry(
    trace.getTracer('trygg-fortroendevald'),
    metrics.getMeter('trygg-fortroendevald'),
    pseudonyms,
    async () => {
      await shutdownAzureMonitor();
    },
  );
}
