/**
 * Meeting notes and minutes list who was present, then follow one of them: a 1:1, a check-in, a steering meeting
 * where one person reports. The notes name nobody as their subject, and the sentences that do open on a name are as
 * often about the manager or the chair ("Sunita wants him to ..."). The attendee the notes keep coming back to
 * (by given name, initials or a single initial, as note-takers abbreviate whoever they write about) is the subject.
 */
import { escapeRegExp } from "../engine/text.ts";
import { add, type SourceReading } from "./introductions.ts";
import { cleanName, isOrganisationWord, isPlausibleName, NAME_SEQUENCE, nameTokens } from "./names.ts";
import { otherPersonRole, SUBJECT_ROLE_WORDS } from "./roles.ts";

/**
 * "Present: ...", "### 2024-10-07 · Attendees: ...": the line listing who was at the meeting. Not "Participants:",
 * which in a transcript is the legend of speaker labels (and its interviewer is mentioned in every label).
 */
const ATTENDEE_LINE = /(?:^|[·|]\s*)(?:present|attendees|attending|in attendance)\s*:\s*(\S.*)$/i;
/** Commas outside brackets separate the entries: "Ana Ruiz (Head, Unit 2), Ben Okoro". */
const ENTRY_SEPARATOR = /,(?![^()]*\))/;
/** An entry: an optional title, the name, then an optional role in brackets. */
const ENTRY = new RegExp(
  `^\\s*(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx|Miss|Engr|Atty)\\.?\\s+)?(${NAME_SEQUENCE})\\s*(?:\\(([^()]*)\\))?`,
  "u",
);
/**
 * "Tariq Aziz (customer)": an entry tagged as the party the notes are for. The role cue (SUBJECT_ROLE_TAG in
 * introductions.ts) already names them, and the sales team around them is mentioned as much.
 */
const SUBJECT_ROLE = new RegExp(`^(?:${SUBJECT_ROLE_WORDS})\\b`, "i");

/** Followed every few lines: fewer mentions than this name no one in particular. */
const MIN_MENTIONS = 4;
/** How far ahead of the next attendee the followed one must be. */
const LEAD_FACTOR = 2;
/** As strong as a subject role tag or a labelled speaker: the notes are about this person. */
const FOLLOWED_SCORE = 3;

interface Attendee {
  name: string;
  mentions: number;
}

/** A whole-word pattern for each way notes refer to an attendee: given name, surname, initials ("TM"), initial ("K."). */
function referencePattern(name: string, initialUnique: boolean): RegExp {
  const tokens = nameTokens(name);
  // The surname too: "Dr. Rao" is how notes refer to a senior attendee.
  const forms = [...new Set([tokens[0] ?? name, tokens.at(-1) ?? name])].map(escapeRegExp);
  const initials = tokens.map((t) => t.charAt(0)).join("");
  if (tokens.length >= 2 && initials.length >= 2) forms.push(escapeRegExp(initials));
  // Two given names and a surname are abbreviated by the given names too ("AM" for Ana María Ruiz).
  if (tokens.length >= 3) forms.push(escapeRegExp(initials.slice(0, -1)));
  // "K. wants to extend ...", "K.:": one letter and a full stop, then no letter (an initial of a full name has one).
  const single = initialUnique ? `|${escapeRegExp(initials.charAt(0))}\\.(?!\\s?\\p{Lu}[\\p{Ll}])` : "";
  return new RegExp(`(?<![\\p{L}.])(?:${forms.join("|")}(?![\\p{L}])${single})`, "gu");
}

/**
 * The attendees of a notes text who may be its subject, how often the lines after the list mention each, and how
 * many people the list names (the note-taker and people tagged with another role included).
 */
function attendeesOf(
  lines: readonly string[],
  injected: readonly boolean[],
  excluded: Set<string>,
): { attendees: Attendee[]; listed: number } {
  const none = { attendees: [], listed: 0 };
  const at = lines.findIndex((line, i) => !injected[i] && ATTENDEE_LINE.test(line));
  const list = at < 0 ? undefined : ATTENDEE_LINE.exec(lines[at] ?? "")?.[1];
  if (list === undefined) return none;
  const entries: string[] = [];
  let listed = 0;
  for (const part of list.split(ENTRY_SEPARATOR)) {
    const entry = ENTRY.exec(part);
    const name = cleanName(entry?.[1] ?? "");
    const role = entry?.[2] ?? "";
    // A listed customer makes the notes a sales team's: that cue decides, not who is mentioned most.
    if (SUBJECT_ROLE.test(role.trim())) return none;
    if (nameTokens(name).length < 2 || !isPlausibleName(name)) continue;
    listed += 1;
    if (otherPersonRole(role) !== null) continue;
    if (isOrganisationWord(nameTokens(name).at(-1) ?? "")) continue;
    if (nameTokens(name).some((t) => excluded.has(t.toLowerCase()))) continue;
    entries.push(name);
  }
  const initialOf = (name: string) => name.charAt(0);
  const body = lines.filter((_, i) => i > at && !injected[i]).join("\n");
  const attendees = entries.map((name) => {
    const unique = entries.filter((other) => initialOf(other) === initialOf(name)).length === 1;
    return { name, mentions: body.match(referencePattern(name, unique))?.length ?? 0 };
  });
  return { attendees, listed };
}

/** Adds the attendee the notes follow, when one is mentioned clearly more than any other. */
export function attendeeCandidates({ source, lines, injected, candidates, excluded }: SourceReading): void {
  const { attendees, listed } = attendeesOf(lines, injected, excluded);
  const [first, second] = attendees.sort((a, b) => b.mentions - a.mentions);
  // Of a meeting of several, the one attendee left when the others keep the notes or came in another role is
  // followed as much as one mentioned twice as often as anyone else.
  if (first === undefined || listed < 2 || first.mentions < MIN_MENTIONS) return;
  if (second !== undefined && first.mentions < LEAD_FACTOR * second.mentions) return;
  add(candidates, first.name, source, first.name, FOLLOWED_SCORE);
}
