export { noTelemetry, type DeliveryFacts, type Telemetry, type TurnIds, type TurnScope } from './telemetry';
export { OpenTelemetryTelemetry, METRICS } from './openTelemetry';
export { Pseudonymiser } from './pseudonym';
export { ScrubbingSpanProcessor, scrubPath, scrubText } from './scrub';
