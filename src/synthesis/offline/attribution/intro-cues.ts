/**
 * The cheap pre-checks of the name patterns of `introductions.ts`: strings every match contains (lowercased), looked
 * for in one scan per line for all of them (four scans a line before), with the lowercased lines, read once per text
 * for both of its passes over the lines.
 */
import { CueSet, containsAny } from "../engine/cues.ts";
import { memo } from "../engine/memo.ts";

/**
 * SELF_INTRO: its openers, or a bare "im" before a space, tested apart because "im" alone occurs in most lines
 * ("time", "him").
 */
const SELF_CUES = (
  "i'm|i’m|i am|my name|me llamo|mi nombre es|soy|this is|it's|call me|ich bin|ich hei|mein name ist|" +
  "je m|je suis|moi c|mi chiamo|eu sou|me chamo|chamo-me|ik ben|mijn naam is|jag heter|jeg heter|" +
  "jeg er|nazywam się|jestem"
).split("|");

/**
 * RELATED_NAME: its relation words. The pattern is case-sensitive, so a match holds them as written; found in the
 * lowercased line they are a necessary condition still ("Husband Tom" passes the check, and the pattern says no).
 */
const RELATIVE_CUES = (
  "husband|wife|partner|friend|son|daughter|mother|father|mum|mom|dad|brother|sister|aunt|uncle|cousin|" +
  "nephew|niece|neighbo|flatmate|roommate|colleague|worker|boss|manager|supervisor|mentor|teacher|" +
  "coach|doctor|therapist|landlord|assistant|intern|founder|recruiter|editor|guru"
).split("|");

/** GUEST_INTRO: its openers. */
const GUEST_CUES = (
  "joined|talking|speaking|sitting down|chatting|here|guest|welcome|met with|meeting with|call with|" +
  "spoke |catch-up with|check-in with|1:1 with|sat down with"
).split("|");

/** FEATURE_TITLE: its openers. */
const FEATURE_CUES = (
  "meet|introducing|spotlight|profile|interview with|conversation with|q&a with|getting to know|" +
  "portrait of|entrevista|interview mit|entretien avec|reference for|reference of|recommendation for|" +
  "recommendation of"
).split("|");

/** Bits of a line's cue reading: which patterns may match the line. */
export const SELF = 1;
export const RELATIVE = 2;
export const GUEST = 4;
export const FEATURE = 8;

const LINE_CUES = new CueSet([SELF_CUES, RELATIVE_CUES, GUEST_CUES, FEATURE_CUES]);

/** Whether a lowercased text holds an opener of SELF_INTRO (for texts read alone, not as lines of a source). */
export const mayIntroduceSelf = containsAny(SELF_CUES);

interface LineCues {
  lower: readonly string[];
  /** Per line, the bits of the patterns whose cue occurs in it. */
  cues: Uint8Array;
}

const readings = new WeakMap<readonly string[], LineCues>();

function read(lines: readonly string[]): LineCues {
  const lower = lines.map((line) => line.toLowerCase());
  const cues = new Uint8Array(lines.length);
  lower.forEach((text, i) => {
    let bits = 0;
    for (const group of LINE_CUES.hits(text)) bits |= 1 << group;
    cues[i] = bits;
  });
  return { lower, cues };
}

/** The lowercased lines of a text and their cues, worked out once per list of lines. */
export function lineCues(lines: readonly string[]): LineCues {
  return memo(readings, lines, read);
}
