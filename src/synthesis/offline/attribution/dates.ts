/** Dates written on a line, so newer statements can win. */

const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/;
/** "14 March 2024", "3 de abril de 2023". */
const DAY_FIRST =
  /\b(\d{1,2})(?:st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|ene|abr|ago|dic)[a-z]*\.?,? (?:de )?(\d{4})\b/i;
/** "March 14, 2024". */
const MONTH_FIRST =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b/i;

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
  const iso = ISO_DATE.exec(line);
  if (iso) return Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
  const dayFirst = DAY_FIRST.exec(line);
  const written = dayFirst ? dateOf(dayFirst[3], dayFirst[2], dayFirst[1]) : null;
  if (written !== null) return written;
  const monthFirst = MONTH_FIRST.exec(line);
  return monthFirst ? dateOf(monthFirst[3], monthFirst[1], monthFirst[2]) : null;
}

/** A date with its month written as a name; null when the name is not a month's. */
function dateOf(year = "", monthName = "", day = ""): number | null {
  const month = MONTHS[monthName.toLowerCase().slice(0, 3)];
  return month === undefined ? null : Date.UTC(Number(year), month, Number(day));
}
