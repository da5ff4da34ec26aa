/**
 * Table keys may not contain / \ # ? or control characters, and Teams ids contain several of them.
 * Escape those (and the escape character itself) as ~XX so the mapping is reversible and collision-free.
 */
// eslint-disable-next-line no-control-regex -- Table keys may not contain control characters
const FORBIDDEN = /[~/\\#?\u0000-\u001f\u007f-\u009f]/g;

export function toTableKey(key: string): string {
  return key.replace(FORBIDDEN, (char) => `~${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function fromTableKey(encoded: string): string {
  return encoded.replace(/~([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Table Storage's limit on a PartitionKey or RowKey. */
export const MAX_KEY_LENGTH = 1024;
