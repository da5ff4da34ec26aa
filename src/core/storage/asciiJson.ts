/**
 * JSON with every non-ASCII character written as a \uXXXX escape. Stored values go over the wire as pure
 * ASCII because Azurite 3.35 decodes a request body chunk by chunk (`Buffer[].join("")`), corrupting any
 * multi-byte UTF-8 character that straddles a chunk boundary (seen: "å😀" state over 64 KiB came back
 * with U+FFFD). JSON.parse restores the original text exactly, surrogate pairs included.
 */
export function toAsciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
