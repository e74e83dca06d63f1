import { cleanItem } from "./text.ts";

/**
 * The product name in an answer to "What is it called?": "Let's call it YardWatch", "we call it YardWatch", "It's
 * called YardWatch", "The name is YardWatch", "Working title: YardWatch", a quoted "YardWatch", or just "YardWatch".
 * Undefined when the answer is a sentence that names nothing (the question is asked again).
 */
const PATTERNS: RegExp[] = [
  /["“]([^"”\n]{1,100})["”]/,
  /\b(?:let'?s|let us|we(?:'ll| will| would|'d)?|i(?:'d| would)?|people|everyone|they)\s+call(?:s|ed)?\s+it\s+(.+)/i,
  /\bcall\s+it\s+(.+)/i,
  /\b(?:it'?s|it\s+is|it(?:'ll|\s+will)\s+be|we'?re|we\s+are|it\s+gets?)\s+(?:called|named)\s+(.+)/i,
  /\b(?:called|named)\s+(.+)/i,
  /\b(?:(?:product|project|app)\s+)?name\s*(?:is|will\s+be|should\s+be|:)\s*(.+)/i,
  /\b(?:working\s+title|code\s*name)\s*(?:is|:)?\s+(.+)/i,
  /\bgo(?:ing)?\s+with\s+(.+)/i,
  /^\s*(?:it'?s|it\s+is)\s+(.+)/i,
];

// What follows a name and is not part of it: "YardWatch for now", "YardWatch, because…", "YardWatch. It tracks…".
const TAIL =
  /\s*(?:[,;!?]|\.(?:\s|$)|\s-\s|\s+(?:for\s+now|as\s+a\s+working\s+title|though|I\s+think|maybe|probably|because|since|but|and\s+it|which)\b).*$/is;

const MAX_BARE_WORDS = 5;

export function extractProductName(answer: string): string | undefined {
  for (const pattern of PATTERNS) {
    const m = pattern.exec(answer);
    const name = m?.[1] ? cleanItem(m[1].replace(TAIL, "")) : "";
    if (name) return name.slice(0, 100);
  }
  const bare = cleanItem(answer.replace(TAIL, ""));
  if (bare && bare.split(/\s+/).length <= MAX_BARE_WORDS) return bare.slice(0, 100);
  return undefined;
}

export const KEEP_NAME = /^\s*(?:keep|same|no change|keep it|it'?s fine|fine as is|leave it)\b/i;
export const NAME_UNDECIDED =
  /\b(?:not sure|haven'?t decided|undecided|tbd|to be decided|no name yet|don'?t know yet)\b/i;
