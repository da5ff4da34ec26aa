import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs (pino: fast, maintained, with redaction built in). Message text and card values are
 * never logged by the bot; the redact list is a second line of defence for fields that could carry them.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'trygg-fortroendevald' },
      serializers: { err: errorFields },
      redact: {
        paths: [
          'text',
          'value',
          '*.text',
          '*.value',
          'activity.text',
          'activity.value',
          'err.config',
          'err.request',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/**
 * What a log line says of an error: its name, message, code and stack, never its other properties (an Azure
 * RestError carries the request and response, which may hold stored data). Log `{ err }` and this applies.
 */
export function errorFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error))
    return typeof err === 'object' && err !== null
      ? (err as Record<string, unknown>)
      : { message: String(err) };
  const { code, statusCode } = err as Error & { code?: unknown; statusCode?: unknown };
  return {
    name: err.name,
    message: err.message,
    ...(code !== undefined ? { code } : {}),
    ...(statusCode !== undefined ? { statusCode } : {}),
    ...(err.stack ? { stack: err.stack } : {}),
  };
}
