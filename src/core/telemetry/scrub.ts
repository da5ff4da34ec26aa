import type { Attributes, AttributeValue, Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Pseudonymiser } from './pseudonym';

/**
 * Takes ids and query strings out of every span before any exporter sees it. Auto-instrumented HTTP and Azure
 * SDK spans carry URLs such as `/v3/conversations/<conversation id>/activities/<id>`,
 * `/tfConversationRefs(PartitionKey='<object id>',…)` or `/api/cases/files?t=<signed link>`: the query is
 * dropped, a path segment that is not a plain word is replaced by its keyed pseudonym, and a table entity's
 * keys are dropped. Applied to attributes set at start, later ones and events (exceptions) alike.
 */
export class ScrubbingSpanProcessor implements SpanProcessor {
  constructor(private readonly pseudonyms: Pseudonymiser) {}

  onStart(span: Span, _parentContext: Context): void {
    const scrub = (attributes: Attributes | undefined): Attributes | undefined =>
      attributes && scrubAttributes(attributes, this.pseudonyms);
    // Attributes given when the span started are already on it.
    const current = span.attributes as Attributes;
    for (const [key, value] of Object.entries(scrub({ ...current }) ?? {})) current[key] = value;
    const setAttribute = span.setAttribute.bind(span);
    span.setAttribute = (key: string, value: AttributeValue) =>
      setAttribute(key, scrubValue(value, this.pseudonyms));
    const addEvent = span.addEvent.bind(span);
    span.addEvent = ((name: string, attributesOrTime?: unknown, time?: unknown) =>
      addEvent(
        name,
        (typeof attributesOrTime === 'object' && attributesOrTime !== null && !Array.isArray(attributesOrTime)
          ? scrub(attributesOrTime as Attributes)
          : attributesOrTime) as Attributes,
        time as undefined,
      )) as Span['addEvent'];
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export function scrubAttributes(attributes: Attributes, pseudonyms: Pseudonymiser): Attributes {
  return Object.fromEntries(
    Object.entries(attributes).map(([key, value]) => [
      key,
      value === undefined ? value : scrubValue(value, pseudonyms),
    ]),
  );
}

function scrubValue(value: AttributeValue, pseudonyms: Pseudonymiser): AttributeValue {
  if (typeof value === 'string') return scrubText(value, pseudonyms);
  if (Array.isArray(value))
    return value.map((item) =>
      typeof item === 'string' ? scrubText(item, pseudonyms) : item,
    ) as AttributeValue;
  return value;
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"<>]+/g;

/** A whole value that is a path ("/v3/…", as http.target or url.path) or text with URLs in it (an error message). */
export function scrubText(text: string, pseudonyms: Pseudonymiser): string {
  if (text.startsWith('/')) return scrubPath(text, pseudonyms);
  if (/^https?:\/\/\S*$/.test(text)) return scrubUrl(text, pseudonyms);
  return text.replace(URL_IN_TEXT, (url) => scrubUrl(url, pseudonyms));
}

export function scrubUrl(url: string, pseudonyms: Pseudonymiser): string {
  const match = /^(https?:\/\/[^/?#]*)([^?#]*)/.exec(url);
  if (!match) return url;
  return `${match[1]}${scrubPath(match[2] ?? '', pseudonyms)}`;
}

/** Plain words ("v3", "conversations", "tfReports") stay; ids become pseudonyms; no query, no entity keys. */
export function scrubPath(pathAndQuery: string, pseudonyms: Pseudonymiser): string {
  const path = pathAndQuery.replace(/[?#].*$/s, '');
  return path
    .split('/')
    .map((segment) => {
      if (segment === '') return segment;
      // Letters with at most a short number at the end: an id (GUID, hex, "29:…", "a:…") never looks like that.
      const word = /^([A-Za-z][A-Za-z_]{0,60}[0-9]{0,3})(\(.*\))?$/s.exec(decodeSafely(segment));
      if (word) return word[2] ? `${word[1]}()` : word[1]!;
      return `~${pseudonyms.of(decodeSafely(segment))}`;
    })
    .join('/');
}

function decodeSafely(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
