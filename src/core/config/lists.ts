/**
 * Parsers for the list-shaped environment variables. Each returns either a value or a problem sentence,
 * so config validation can report every bad variable at once.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isGuid = (value: string): boolean => GUID.test(value);

/** Splits on a separator, trims, and drops empty entries ("a, b,," → ["a", "b"]). */
export function splitList(raw: string | undefined, separator: string | RegExp = ','): string[] {
  if (!raw) return [];
  return raw
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Entra object ids (GUIDs), lower-cased so comparisons with activity ids are case-insensitive. */
export function parseObjectIds(raw: string | undefined): { ids: string[]; invalid: string[] } {
  const items = splitList(raw);
  return {
    ids: items.filter(isGuid).map((id) => id.toLowerCase()),
    invalid: items.filter((id) => !isGuid(id)),
  };
}

/** `S=<id>,<id>;M=<id>` → { S: [...], M: [...] }, with every malformed part reported. */
export function parsePartyContacts(raw: string | undefined): {
  contacts: Record<string, string[]>;
  problems: string[];
} {
  const contacts: Record<string, string[]> = {};
  const problems: string[] = [];
  for (const part of splitList(raw, ';')) {
    const [code, ids, ...rest] = part.split('=');
    const party = code?.trim() ?? '';
    if (rest.length > 0 || !party || ids === undefined) {
      problems.push(`"${part}" is not of the form PARTY=<object id>,<object id>`);
      continue;
    }
    const parsed = parseObjectIds(ids);
    parsed.invalid.forEach((id) =>
      problems.push(`"${id}" for party ${party} is not an Entra object id (GUID)`),
    );
    if (parsed.ids.length === 0) problems.push(`party ${party} has no contact object ids`);
    contacts[party] = [...(contacts[party] ?? []), ...parsed.ids];
  }
  return { contacts, problems };
}
