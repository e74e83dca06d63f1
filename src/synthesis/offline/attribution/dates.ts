/** Dates written on a line, so newer statements can win. */

const DATE_PATTERNS: readonly RegExp[] = [
  /\b(\d{4})-(\d{2})-(\d{2})\b/,
  /\b(\d{1,2})(?:st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|ene|abr|ago|dic)[a-z]*\.?,? (?:de )?(\d{4})\b/i,
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b/i,
];

/** Month abbreviations (English, Spanish) by month, January first; read by their first three letters. */
const MONTHS: Record<string, number> = Object.fromEntries(
  ["jan ene", "feb", "mar", "apr abr", "may", "jun", "jul", "aug ago", "sep sept", "oct", "nov", "dec dic"].flatMap(
    (names, month) => names.split(" ").map((name) => [name, month]),
  ),
);

/** Every date pattern holds a four-digit year: a line without four digits in a row has none (most lines). */
const YEAR_DIGITS = /\d{4}/;

/** A date written on the line (ISO or "14 March 2024" styles), as ms since epoch. */
export function dateOnLine(line: string): number | null {
  if (!YEAR_DIGITS.test(line)) return null;
  const iso = DATE_PATTERNS[0]?.exec(line);
  if (iso) return Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
  const dayFirst = DATE_PATTERNS[1]?.exec(line);
  if (dayFirst) {
    const month = MONTHS[(dayFirst[2] ?? "").toLowerCase().slice(0, 3)];
    if (month !== undefined) return Date.UTC(Number(dayFirst[3]), month, Number(dayFirst[1]));
  }
  const monthFirst = DATE_PATTERNS[2]?.exec(line);
  if (monthFirst) {
    const month = MONTHS[(monthFirst[1] ?? "").toLowerCase().slice(0, 3)];
    if (month !== undefined) return Date.UTC(Number(monthFirst[3]), month, Number(monthFirst[2]));
  }
  return null;
}
