/** Small text helpers the interview answer readers share. */

/** Trims list markers, wrapping quotes and a final full stop: "- “Trail maps”." -> "Trail maps". */
export const cleanItem = (s: string) =>
  s
    .trim()
    .replace(/^([-*•]|\d+[.)])\s+/, "")
    .replace(/^["'“”]+|["'“”]+$/g, "")
    .replace(/[.!]+$/, "")
    .trim();

/**
 * Upper-cases the first letter of a sentence-like item, leaving words that carry their own capitals alone
 * ("iPhone app", "eBay sync", "macOS") — capitalising them gives "IPhone app".
 */
export function capitalize(s: string): string {
  const first = s.split(/\s/, 1)[0] ?? "";
  if (/^[a-z]+[A-Z]/.test(first)) return s;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const STOP = new Set(
  "a an the and or of for to in on at by with from my our your their it its is are be we i you they on this that first".split(
    " ",
  ),
);

/** Lower-case content words with a light plural fold, for matching answers to options. */
export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [])
    .filter((w) => !STOP.has(w))
    .map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w));
}

/** Whether `phrase` occurs in `text` as whole words (case-insensitive). */
export function hasPhrase(text: string, phrase: string): boolean {
  const words = wordsOf(phrase);
  if (words.length === 0) return false;
  const haystack = ` ${wordsOf(text).join(" ")} `;
  return haystack.includes(` ${words.join(" ")} `);
}
