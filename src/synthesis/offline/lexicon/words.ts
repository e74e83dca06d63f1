/** The lexicon's text formats: a word list, and a glossary of word forms (or phrases) and their English. */
import { COMMA_SEPARATOR, WHITESPACE, wordTable } from "../engine/text.ts";

/** A space-separated word list as words. */
export const words = (text: string): string[] => text.trim().split(WHITESPACE);

/** A comma-separated list of phrases ("Google Sheets, Power BI") as phrases. */
export const phrases = (text: string): string[] => text.trim().split(COMMA_SEPARATOR);

/** A word-by-word glossary written as "word word: english;" entries (an empty English drops the word). */
export function glossary(entries: string, forms: RegExp = WHITESPACE): Record<string, string> {
  const table = wordTable<string>({});
  for (const entry of entries.split(";")) {
    const [surface = "", english = ""] = entry.split(":");
    for (const form of surface.trim().split(forms)) if (form !== "") table[form] = english.trim();
  }
  return table;
}

/** A glossary whose forms are phrases, separated by commas: "list maker, list-maker: organized;". */
export const phraseGlossary = (entries: string): Record<string, string> => glossary(entries, COMMA_SEPARATOR);
