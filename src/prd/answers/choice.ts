import { capitalize, cleanItem, hasPhrase, wordsOf } from "./text.ts";

/**
 * Reads the answer to a choice question. A letter ("B", "b)", "option c") or a label picks that option; free text
 * picks the option it clearly names (its label, one of its aliases, or most of its words); anything else is kept as
 * the user's own answer, never rejected. A reason after "because" / "since" / "so that" is kept as the rationale.
 */
export interface ChoiceAnswer {
  /** The option chosen, or the user's own answer when `own` is true. */
  label: string;
  own: boolean;
  rationale: string | null;
}

const LETTER = /^\s*(?:option\s+)?\(?([a-h])\)?(?:\s*$|[.):,;]\s*|\s+-\s+)/i;
const REASON = /\s*[,;—–-]?\s*\b(?:because|since|so that)\b\s+(.+)$/i;

export function readChoice(
  answer: string,
  options: string[],
  aliases: Record<string, string[]> = {},
): ChoiceAnswer | undefined {
  const text = answer.trim();
  if (!text) return undefined;
  const reason = REASON.exec(text);
  const rationale = reason?.[1] ? cleanItem(reason[1]) || null : null;
  const head = reason ? text.slice(0, reason.index) : text;

  const letter = LETTER.exec(head)?.[1];
  const byLetter = letter ? options[letter.toUpperCase().charCodeAt(0) - 65] : undefined;
  if (byLetter) return { label: byLetter, own: false, rationale };

  const scored = options.map((option) => {
    let score = 0;
    if (hasPhrase(head, option)) score += 10;
    for (const alias of aliases[option] ?? []) if (hasPhrase(head, alias)) score += 3;
    const words = new Set(wordsOf(head));
    const own = wordsOf(option);
    const shared = own.filter((w) => words.has(w)).length;
    // Most of the option's words (one of one, two of two or three): "native app" names "Native mobile app".
    if (own.length > 0 && shared / own.length >= 0.6) score += 2;
    return { option, score };
  });
  const best = Math.max(0, ...scored.map((s) => s.score));
  const winners = scored.filter((s) => s.score === best);
  const winner = winners[0];
  if (best > 0 && winners.length === 1 && winner) return { label: winner.option, own: false, rationale };
  const own = cleanItem(head);
  return own ? { label: capitalize(own), own: true, rationale } : undefined;
}
