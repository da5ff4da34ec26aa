/**
 * User text shown in a card must stay text. Templates put it in RichTextBlock/TextRun elements, which do not
 * render Markdown (so "[x](https://evil)" is not a link); this also breaks Teams' {{DATE()}}/{{TIME()}}
 * macros, which would otherwise reformat what the user wrote, and caps the length by characters.
 */
export function asUserText(text: string, maxChars = 500): string {
  const chars = Array.from(text.replace(/\{\{/g, '{\u200b{').trim());
  return chars.length <= maxChars ? chars.join('') : `${chars.slice(0, maxChars - 1).join('')}…`;
}
