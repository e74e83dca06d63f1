/** Dates written on a line, so newer statements can win. */

const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/;

/**
 * Month names and their usual short forms (English, Spanish, French), January first. Whole words only: "juniors" and
 * "mais" are not June and May.
 */
const MONTH_NAMES: readonly string[] = [
  "january jan enero ene janvier janv",
  "february feb febrero février fevrier févr fevr fév",
  "march mar marzo mars",
  "april apr abril abr avril avr",
  "may mayo mai",
  "june jun junio juin",
  "july jul julio juillet juil",
  "august aug agosto ago août aout",
  "september sept sep septiembre setiembre septembre",
  "october oct octubre octobre",
  "november nov noviembre novembre",
  "december dec diciembre dic décembre decembre déc",
];
const MONTHS: ReadonlyMap<string, number> = new Map(
  MONTH_NAMES.flatMap((names, month) => names.split(" ").map((name) => [name, month] as const)),
);
/** Longest first, so "juillet" is not read as "juil" followed by letters. */
const MONTH = `(${[...MONTHS.keys()].sort((a, b) => b.length - a.length).join("|")})(?!\\p{L})\\.?`;

/** "14 March 2024", "3 de abril de 2023", "1er juin 2021". */
const DAY_FIRST = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th|er)?(?: de)? ${MONTH},? (?:de )?(\\d{4})\\b`, "iu");
/** "March 14, 2024". */
const MONTH_FIRST = new RegExp(`(?<!\\p{L})${MONTH} (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`, "iu");

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
  const month = MONTHS.get(monthName.toLowerCase());
  return month === undefined ? null : Date.UTC(Number(year), month, Number(day));
}
