/** Dates written on a line, so newer statements can win. */

const DATE_PATTERNS: readonly RegExp[] = [
  /\b(\d{4})-(\d{2})-(\d{2})\b/,
  /\b(\d{1,2})(?:st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|ene|abr|ago|dic)[a-z]*\.?,? (?:de )?(\d{4})\b/i,
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b/i,
];

const MONTHS: Record<string, number> = {
  jan: 0,
  ene: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  abr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  ago: 7,
  sep: 8,
  sept: 8,
  oct: 9,
  nov: 10,
  dec: 11,
  dic: 11,
};

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
