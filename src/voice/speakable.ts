/**
 * The words of a reply, as a voice should say them: Markdown marks, links and code fences taken out, and at most
 * SPEECH_CHARS characters (OpenAI's speech API takes 4,096), cut at a sentence end.
 */
export const SPEECH_CHARS = 4_000;

/** Each rule is one linear regular expression and what replaces it, applied in order. */
const RULES: Array<[RegExp, string]> = [
  [/```[^\n]*\n?/g, ""], // code fences (their contents are read as text)
  // Bounded lengths keep these linear: unbounded, a run of "[" before a "](" without ")" is quadratic.
  [/!\[([^\]\n]{0,300})\]\([^)\s]{0,2000}\)/g, "$1"], // images -> alt text
  [/\[([^\]\n]{0,300})\]\([^)\s]{0,2000}\)/g, "$1"], // links -> their text
  [/^[ \t]{0,3}#{1,6}[ \t]+/gm, ""], // headings
  [/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/gm, ""], // list markers
  [/^[ \t]*>[ \t]?/gm, ""], // quotes
  [/\|/g, ", "], // table cells
  [/[*_`~]+/g, ""], // emphasis and inline code
  [/^[ \t]*[-=]{3,}[ \t]*$/gm, ""], // rules and table separators
  [/\n{2,}/g, ".\n"], // paragraphs: a pause
];

/** Markdown removed is at most a few characters in ten, so this much source always fills SPEECH_CHARS. */
const SOURCE_CHARS = SPEECH_CHARS * 3;

export function speakableText(markdown: string): { text: string; truncated: boolean } {
  let text = markdown.slice(0, SOURCE_CHARS);
  for (const [pattern, replacement] of RULES) text = text.replace(pattern, replacement);
  text = text
    .replace(/[ \t]+/g, " ")
    .replace(/\.\.+\n/g, ".\n")
    .trim();
  if (text.length <= SPEECH_CHARS && markdown.length <= SOURCE_CHARS) return { text, truncated: false };
  const head = text.slice(0, SPEECH_CHARS);
  const end = Math.max(head.lastIndexOf(". "), head.lastIndexOf("? "), head.lastIndexOf("! "), head.lastIndexOf("\n"));
  return { text: (end > SPEECH_CHARS / 2 ? head.slice(0, end + 1) : head).trim(), truncated: true };
}
