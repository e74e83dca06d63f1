/** The lexicon's two text formats: a word list, and a glossary of word forms and their English. */
import { WHITESPACE, wordTable } from "../engine/text.ts";

/** A space-separated word list as words. */
export const words = (text: string): string[] => text.trim().split(WHITESPACE);

/** A word-by-word glossary written as "word word: english;" entries (an empty English drops the word). */
export function glossary(entries: string): Record<string, string> {
  const table = wordTable<string>({});
  for (const entry of entries.split(";")) {
    const [forms = "", english = ""] = entry.split(":");
    for (const word of forms.trim().split(WHITESPACE)) if (word !== "") table[word] = english.trim();
  }
  return table;
}
