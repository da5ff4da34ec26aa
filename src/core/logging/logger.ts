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
