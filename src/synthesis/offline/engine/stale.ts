/**
 * Facts from an outdated source. Scalars let a newer dated statement win (preferNewer), but only statements that sit
 * below a date line and are confident; a page's title line, or a weaker newer wording, escaped it. List items have no
 * rival value to lose to, so an old page's plans and worries would stand beside the new ones. A dated source is stale
 * when a later-dated source restates the subject's job or place with a different value, or says their life changed
 * since (a move, a job left, "the old listing is outdated"): then the time-bound lists it fed (goals, pain points) are
 * dropped. Skills, interests, values and languages usually stay true after a move or a new job, so they are kept.
 */
import type { PersonaField } from "../../../personas/schemas.ts";
import type { Candidate } from "./candidate.ts";
import { memo, newMap, newSet } from "./memo.ts";
import { flat } from "./select.ts";
import { isAboutSubject, type Unit } from "./unit.ts";

/** Lists whose items hold only while the life they were written about lasts. */
const TIME_BOUND: ReadonlySet<PersonaField> = new Set<PersonaField>(["goals", "pain_points"]);

/**
 * Facts that, restated differently later, show the earlier source described a life since left; they are also the
 * scalars a stale source's candidates lose to a newer source's.
 */
const RESTATED: ReadonlySet<PersonaField> = new Set<PersonaField>(["occupation", "location"]);

/** As preferNewer: only a reasonably confident job or place can make another source stale. */
const MIN_CONFIDENCE = 0.6;

/**
 * The subject saying their life changed since: a later source saying so makes an earlier one describe a life since
 * left. Narrow on purpose: "moved the markdown round to 16:30", "left a comment", "quit smoking" and "our booking
 * system is outdated" are not such news.
 */
const CHANGE_CUES: readonly (readonly [RegExp, readonly PersonaField[]])[] = [
  // "I moved to Ulaanbaatar", "we moved the workshop to Split"; not a rescheduling ("we moved the call to Friday").
  // A move dates the old page's place, not its job (a nurse who moved towns is usually still a nurse).
  [
    /\b(?:I|we|she|he|they) (?:have |has |had )?(?:moved|relocated) (?:[\p{L}-]+ ){0,2}to\b(?! (?:\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day|next|tomorrow|today|tonight|later|the (?:morning|afternoon|evening|weekend|next|following)|(?:jan|febr)uary|march|april|may|june|july|august|(?:sept|nov|dec)ember|october)\b)/iu,
    ["location"],
  ],
  // "I left sales at Northwind", "I quit the night delivery route", "she left in 2022" (a name or a job-like object):
  // a name left may be an employer or a town, so both the job and the place of the old page are dated.
  [
    /\b(?:I|[Ww]e|[Ss]he|[Hh]e|[Tt]hey) (?:ha(?:ve|s|d) )?(?:left|quit) (?:\p{Lu}|(?:my|our|his|her|their|the|an?) (?:[\p{L}-]+ ){0,3}(?:job|role|post|position|company|firm|agency|route|practice|team)\b|in (?:19|20)\d\d)/u,
    ["occupation", "location"],
  ],
  // "my listing there is long outdated", "the old bio there is sadly out of date", "the profile you saw online, most
  // of what it says is out of date": within the sentence.
  [
    /\b(?:page|profile|website|site|bio|article|listing|information|info|sheet)\b[^.]{0,60}\b(?:out of date|outdated)\b/i,
    ["occupation", "location"],
  ],
  [/\bno longer (?:works?|lives?|with|at|in)\b/i, ["occupation", "location"]],
];

/** A year in the cue ("moved ... in 2012") that is not after the old source's date means the move is older news. */
const YEAR = /\b(?:19|20)\d{2}\b/g;

/** Each unit list's source dates, read once: both passes below ask for them, the scalar pass once per field. */
const DATES = new WeakMap<readonly Unit[], ReadonlyMap<string, number>>();

/** The latest date written in each source (an email quoting an older one is as new as its own header). */
function sourceDates(units: readonly Unit[]): ReadonlyMap<string, number> {
  return memo(DATES, units, () => {
    const dates = new Map<string, number>();
    for (const unit of units) {
      if (unit.date === null) continue;
      const known = dates.get(unit.source.id);
      if (known === undefined || unit.date > known) dates.set(unit.source.id, unit.date);
    }
    return dates;
  });
}

/** "Site Manager" and "Site Manager – North Depot" are one value; "QA Tester" and "game designer" two. */
function differ(fa: string, fb: string): boolean {
  return fa !== "" && fb !== "" && !fa.includes(fb) && !fb.includes(fa);
}

/**
 * Dated sources that a later-dated source contradicts, each with the fields it is outdated in: both state a confident
 * job or place and the values differ (that field), or the later one says the subject's life changed (a move: the
 * place; a job or town left, "out of date": job and place) without dating the change before the earlier source.
 * Undated sources are never stale: nothing says which is older.
 */
export function staleSources(
  units: readonly Unit[],
  restatements: readonly Candidate[],
): Map<string, Set<PersonaField>> {
  const dates = sourceDates(units);
  const stale = new Map<string, Set<PersonaField>>();
  if (dates.size < 2) return stale;
  // Per field and dated source, its distinct confident values (long inputs repeat the same few thousands of times).
  const facts = new Map<PersonaField, Map<string, Set<string>>>();
  for (const c of restatements) {
    if (!RESTATED.has(c.field) || c.confidence < MIN_CONFIDENCE || !dates.has(c.source.id)) continue;
    memo(memo(facts, c.field, newMap<string, Set<string>>), c.source.id, newSet<string>).add(flat(c.value));
  }
  for (const [field, bySource] of facts) {
    for (const [oldId, oldValues] of bySource) {
      const oldDate = dates.get(oldId) ?? 0;
      const restated = [...bySource].some(
        ([id, values]) =>
          id !== oldId &&
          (dates.get(id) ?? 0) > oldDate &&
          // An old value that nothing in the newer source agrees with ("Porto" restated beside "Lisbon" is not).
          [...oldValues].some((old) => [...values].every((value) => differ(value, old))),
      );
      if (restated) memo(stale, oldId, newSet<PersonaField>).add(field);
    }
  }
  const changes: { unit: Unit; fields: readonly PersonaField[] }[] = [];
  for (const unit of units) {
    if (unit.date === null || !isAboutSubject(unit)) continue;
    for (const [cue, fields] of CHANGE_CUES) if (cue.test(unit.text)) changes.push({ unit, fields });
  }
  for (const [id, date] of dates) {
    const since = new Date(date).getUTCFullYear();
    for (const { unit, fields } of changes) {
      const later =
        unit.source.id !== id &&
        (dates.get(unit.source.id) ?? 0) > date &&
        (unit.text.match(YEAR) ?? []).every((year) => Number(year) >= since);
      if (later) for (const field of fields) memo(stale, id, newSet<PersonaField>).add(field);
    }
  }
  return stale;
}

/** A stated age holds only at its date: any newer dated source's candidate supersedes it. */
const AT_ITS_DATE: ReadonlySet<PersonaField> = new Set<PersonaField>(["age"]);

/**
 * One scalar field's candidates without those a newer dated source supersedes: a candidate from an older dated
 * source loses to any candidate from a newer one when its source is stale (occupation, location) or the field only
 * holds at its date (age: "29" on a 2021 page is not her age beside a 2025 "turned 33"; no age is shifted by
 * arithmetic). The source's own date counts, so a title line above its date line is as old as the page. A source
 * outdated in that very field (a newer one says the job or town was left, or that the page is out of date) loses its
 * value even when nothing newer states one: like an old age, an old job title is not today's. Undated sources are
 * never older: nothing says so.
 */
export function dropSupersededScalars(
  candidates: readonly Candidate[],
  units: readonly Unit[],
  stale: ReadonlyMap<string, ReadonlySet<PersonaField>>,
): Candidate[] {
  const dates = sourceDates(units);
  // A reduce, not Math.max(...): long inputs give tens of thousands of candidates.
  const newest = candidates.reduce((max, c) => Math.max(max, dates.get(c.source.id) ?? max), Number.NEGATIVE_INFINITY);
  return candidates.filter((c) => {
    if (stale.get(c.source.id)?.has(c.field)) return false;
    const date = dates.get(c.source.id);
    if (date === undefined || date >= newest) return true;
    return !(AT_ITS_DATE.has(c.field) || (RESTATED.has(c.field) && stale.has(c.source.id)));
  });
}

/** Goals and pain points of stale sources are dropped: a wrong plan is worse than a missing one. */
export function dropStaleLists(
  candidates: readonly Candidate[],
  stale: ReadonlyMap<string, ReadonlySet<PersonaField>>,
): Candidate[] {
  if (stale.size === 0) return [...candidates];
  return candidates.filter((c) => !(TIME_BOUND.has(c.field) && stale.has(c.source.id)));
}
