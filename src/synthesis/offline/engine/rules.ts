/**
 * Rules as data: one rule is one object (id, field, cheap pre-check, pattern, named conditions, value, confidence,
 * and examples it must and must not fire on), and `runRules` is the one loop that applies a table of them to units.
 * A candidate records the id of the rule that made it, so the eval can report hits and precision per rule.
 */
import type { EvidenceKind, PersonaField } from "../../../personas/schemas.ts";
import type { NameMatcher } from "../attribution/names.ts";
import { type Candidate, fromUnit } from "./candidate.ts";
import { addressedAt, isQuestion, itemPlace } from "./context.ts";
import { CueSet, patternCues } from "./cues.ts";
import { memo, newList } from "./memo.ts";
import { allMatches, stepOver } from "./text.ts";
import { isAboutSubject, isSelf, type Unit } from "./unit.ts";

/**
 * Where a unit sits among its neighbours, for conditions that read the question it answers or its labelled line,
 * and whose persona it is (the subject's name, for rules that read a name line or a role in brackets after it).
 */
export interface Place {
  units: readonly Unit[];
  i: number;
  matcher?: NameMatcher | null;
  /** The occupation found, for the rules that infer the skills it implies. */
  occupation?: string | null;
}

/** The first sentence of its line: line-level readers run once per line. */
export function firstOfLine(unit: Unit, at: Place): boolean {
  return at.units[at.i - 1]?.line !== unit.line;
}

/** A condition of one field, named by its function's name ("answersPain"); reads the unit and its neighbours. */
export type Predicate = (unit: Unit, at: Place) => boolean;

/** The shared set of conditions a rule may name; each reads only the unit. */
const CONDITIONS = {
  /** The subject speaks about themself ("I", "my"). */
  self: isSelf,
  /** The unit is about the subject, in the first or third person (never a unit about someone else). */
  aboutSubject: isAboutSubject,
  /** A statement, not a question put to the subject. */
  statement: (unit: Unit) => !isQuestion(unit),
  /** Says "I"/"my"/"me". */
  firstPerson: (unit: Unit) => unit.firstPerson,
  /** A third-person note or bio line about the subject ("Very data-driven", "She runs a crew of nine"). */
  thirdPerson: (unit: Unit) => unit.topic === "subject" && !unit.firstPerson,
  /** A line the segmenter gave to someone: not a comment or reply under a handle it could not place. */
  attributed: (unit: Unit) => unit.speaker !== "unknown",
} satisfies Record<string, (unit: Unit) => boolean>;

export type Condition = keyof typeof CONDITIONS;

/** What a rule's value builder yields: one value (a number for age), several items of a list (nulls skipped), or nothing. */
export type Values = string | number | readonly (string | null)[] | null;

/**
 * What attribution would say about an example sentence, the sentence just above it (a signature's name line), and
 * the subject's name or the occupation found when the rule reads it.
 */
export type ExampleSetting = Partial<Unit> & {
  previous?: string;
  name?: string;
  occupation?: string;
  /** A silent example whose point is that the rule's cue or pattern does not reach it (a word in another sense). */
  unmatched?: true;
};

/** An example sentence, with what attribution would say about it when that matters. */
export type Example = string | readonly [text: string, unit: ExampleSetting];

/**
 * Marks a silent example the pattern itself must not reach. Use sparingly: every other silent example must reach the
 * rule's conditions, so that it shows one of them at work (a test the conditions can fail).
 */
export const unmatched = (text: string, setting: ExampleSetting = {}): Example => [
  text,
  { ...setting, unmatched: true },
];

/**
 * Near misses shared by the rows of a table, kept for a row only where its cue occurs, and marked unmatched: a text
 * without the row's cue never reaches its pattern, so there it would guard nothing.
 */
export function nearMisses(cue: Rule["cue"], texts: readonly string[]): Example[] {
  const cues = cue === "always" ? [""] : cue;
  return texts.filter((text) => cues.some((c) => text.toLowerCase().includes(c))).map((text) => unmatched(text));
}

/** The language of a rule that reads text in another language than English. */
export type Language = "de" | "fr" | "es";

export interface Rule {
  /** Stable id, "<field>/<name>"; reported by the eval. */
  id: string;
  field: PersonaField;
  /** Set on rules that read another language ("Was mich nervt: ..."); English when absent. */
  language?: Language;
  /**
   * Cheap pre-check: the rule runs only when the lowercased unit contains one of these strings (lowercase; all cues
   * of a table are found in one scan per unit); "always" for rules that read where a unit sits (an answer, a
   * labelled line) rather than words in it.
   */
  cue: readonly string[] | "always";
  /** Non-global: the first match of a unit; global (`g`): every match. */
  pattern: RegExp;
  /** All must hold for the unit: shared conditions by name, or the field's own named predicates. */
  when: readonly (Condition | Predicate)[];
  /** The text the pattern reads; the unit's text unless given (e.g. the body of a "Pain: ..." line). Null: skip. */
  read?: (unit: Unit, at: Place) => string | null;
  /** The value (or list items) the match states; null or empty when the match turns out not to state one. */
  value: (match: RegExpExecArray, unit: Unit, at: Place) => Values;
  confidence: number;
  kind?: EvidenceKind;
  /**
   * Sentences by the subject that the rule must fire on (with the value or items it must give) and must not fire on;
   * a third element sets what attribution would say about the sentence (the question it answers, its section).
   */
  examples: {
    fires: readonly (readonly [text: string, value: string | number | readonly string[], unit?: ExampleSetting])[];
    silent: readonly Example[];
  };
}

/** A rule of `field` named `name` (its id "<field>/<name>"), written without repeating the field in each row. */
export function fieldRule(field: PersonaField, name: string, rule: Omit<Rule, "id" | "field">): Rule {
  return { id: `${field}/${name}`, field, ...rule };
}

/** Matches the whole text a rule reads, for rules whose value builder splits it into items. */
export const WHOLE = /^[\s\S]+$/;

/**
 * What `WHOLE.exec(text)` gives, made without running it: a third of the units' pattern runs are this one, and the
 * regular expression machinery costs more per call than the match itself. The rules of a table that read the same
 * text share the last one made (value builders only read a match), which saves most of a long input's allocations.
 */
let lastWhole: RegExpExecArray | null = null;

function wholeMatch(text: string): RegExpExecArray | null {
  if (text === "") return null;
  if (lastWhole === null || lastWhole.input !== text) {
    const match = [text] as unknown as RegExpExecArray;
    match.index = 0;
    match.input = text;
    match.groups = undefined;
    lastWhole = match;
  }
  return lastWhole;
}

/** The fields of one value about the person, where a value of the person addressed would replace the subject's. */
const ONE_VALUE_FIELDS: ReadonlySet<PersonaField> = new Set(["age", "occupation", "location"]);

/**
 * A rule ready to run: its conditions resolved to functions (not looked up by name for every unit), and for a global
 * pattern a copy of its own, whose `lastIndex` only the runner moves: `matchAll` would copy the pattern for every
 * unit it reads, hundreds of thousands of copies on a long input.
 */
interface Runnable {
  rule: Rule;
  when: readonly Predicate[];
  pattern: RegExp;
  /** Whether an empty match steps over a whole code point (the pattern reads code points: flag u or v). */
  codePoints: boolean;
  /** The pattern is WHOLE. */
  whole: boolean;
  /** The rule's field is one of ONE_VALUE_FIELDS (looked up once, not for every value). */
  oneValue: boolean;
  /** The matches of its pattern, when other rules of the table run the same one: found once per text. */
  shared: SharedMatches | null;
}

/** The matches of a pattern several rules of a table run, for the last text read with it. */
interface SharedMatches {
  text: string | null;
  matches: readonly RegExpExecArray[];
}

function runnable(rule: Rule): Runnable {
  const { pattern } = rule;
  return {
    rule,
    when: rule.when.map((condition) => (typeof condition === "function" ? condition : CONDITIONS[condition])),
    pattern: pattern.global ? new RegExp(pattern.source, pattern.flags) : pattern,
    codePoints: pattern.unicode || pattern.flags.includes("v"),
    whole: pattern === WHOLE,
    oneValue: ONE_VALUE_FIELDS.has(rule.field),
    shared: null,
  };
}

/**
 * The rules of a table ready to run. Rules that run the same pattern (same source and flags; "I teach ..." read for
 * two conditions of a job) share its matches: a unit's text is read with it once, not once per rule.
 */
function runnableRules(rules: readonly Rule[]): Runnable[] {
  const runs = rules.map(runnable);
  const byPattern = new Map<string, Runnable[]>();
  for (const run of runs) {
    const { pattern } = run.rule;
    if (!run.whole && !pattern.sticky)
      memo(byPattern, `${pattern.flags}/${pattern.source}`, newList<Runnable>).push(run);
  }
  for (const group of byPattern.values()) {
    if (group.length < 2) continue;
    const shared: SharedMatches = { text: null, matches: [] };
    for (const run of group) run.shared = shared;
  }
  return runs;
}

/** The matches of a shared pattern in `text`, as the rule's own pattern would give them (every one when global). */
function sharedMatches(run: Runnable, text: string): readonly RegExpExecArray[] {
  const shared = run.shared as SharedMatches;
  if (shared.text !== text) {
    const { pattern } = run;
    const single = pattern.global ? null : pattern.exec(text);
    // A new array, not refilled: a value builder may run the table again while an outer loop reads the old one.
    shared.matches = pattern.global ? allMatches(pattern, text) : single === null ? [] : [single];
    shared.text = text;
  }
  return shared.matches;
}

/** A table ready to run: its rules, and the positions of its "always" rules (an empty cue), ascending. */
interface RunnableTable {
  rules: readonly Runnable[];
  always: readonly number[];
}

const runnables = new WeakMap<readonly Rule[], RunnableTable>();

/** Looked up once per table run, not per unit: a WeakMap look-up per unit and table was a noticeable share. */
function runnableOf(rules: readonly Rule[]): RunnableTable {
  return memo(runnables, rules, () => ({
    rules: runnableRules(rules),
    always: rules.flatMap((rule, k) => (cuesOf(rule).includes("") ? [k] : [])),
  }));
}

/** Whether every condition holds, in the order given (put cheap ones first: the first that fails decides). */
function allHold(conditions: readonly Predicate[], unit: Unit, at: Place): boolean {
  for (const condition of conditions) if (!condition(unit, at)) return false;
  return true;
}

/**
 * The cues of a rule, one group of the cue scan; "always" is the empty cue, which every text contains. An "always"
 * rule that reads the unit's own text can match only where its pattern's literal words occur (see patternCues), so
 * those are its cue: the scan skips it, conditions and all, on the units that hold none.
 */
const cuesOf = (rule: Rule): readonly string[] => memo(ruleCues, rule, cuesOfRule);

const ruleCues = new WeakMap<Rule, readonly string[]>();

function cuesOfRule(rule: Rule): readonly string[] {
  if (rule.cue !== "always") return rule.cue;
  const own = rule.read === undefined && rule.pattern !== WHOLE ? patternCues([rule.pattern]) : "always";
  return own === "always" ? [""] : own;
}

/** A table's cue pre-checks compiled once, for `applyRules` on a unit alone. */
const compiled = new WeakMap<readonly Rule[], CueSet>();

function cueSetOf(rules: readonly Rule[]): CueSet {
  return memo(compiled, rules, () => new CueSet(rules.map(cuesOf)));
}

/**
 * The cues of every rule table `runRules` has met, in one automaton: each unit is scanned once for all tables (the
 * fields run their tables one after another over the same units), and each table takes its own rules from the
 * result. A table met for the first time joins the automaton, which is rebuilt at the next scan (so pass a table
 * that is built once, as the field files' constants are, not one built per call).
 */
const allCues = {
  offsets: new WeakMap<readonly Rule[], number>(),
  groups: [] as (readonly string[])[],
  set: null as CueSet | null,
  version: 0,
};

/** Tables are module constants; tables built per call (tests) would grow the automaton without end, so it restarts. */
const MAX_SHARED_RULES = 20_000;

function offsetOf(rules: readonly Rule[]): number {
  let offset = allCues.offsets.get(rules);
  if (offset === undefined) {
    if (allCues.groups.length + rules.length > MAX_SHARED_RULES) {
      allCues.offsets = new WeakMap();
      allCues.groups = [];
    }
    offset = allCues.groups.length;
    allCues.offsets.set(rules, offset);
    allCues.groups.push(...rules.map(cuesOf));
    allCues.set = null;
    allCues.version += 1;
  }
  return offset;
}

/**
 * Per list of units, each unit's rules (positions in `allCues.groups`) with a non-empty cue that occurs, found at most
 * once. The "always" rules are not stored per unit (each table knows its own): kept for every sentence of a long
 * input they were most of what the scan results held, and the garbage collector copied them all.
 */
const scanned = new WeakMap<readonly Unit[], { version: number; hits: (readonly number[] | undefined)[] }>();

function cuedOf(units: readonly Unit[]): (i: number) => readonly number[] {
  let found = scanned.get(units);
  if (found === undefined || found.version !== allCues.version) {
    found = { version: allCues.version, hits: [] };
    scanned.set(units, found);
  }
  allCues.set ??= new CueSet(allCues.groups);
  const { set } = allCues;
  const { hits } = found;
  return (i) => {
    let unitHits = hits[i];
    if (unitHits === undefined) {
      const unit = units[i];
      unitHits = unit ? set.cuedHits(lowerText(unit)) : [];
      hits[i] = unitHits;
    }
    return unitHits;
  };
}

/** The lowercased text of a unit, computed once however many rule tables read it. */
const lowered = new WeakMap<Unit, string>();

const lowerOf = (unit: Unit) => unit.text.toLowerCase();

/** Per list of units, their lowercased texts by position, kept as long as the list. */
const lowers = new WeakMap<readonly Unit[], (string | undefined)[]>();

/**
 * The units `runRules` is reading and their lowercased texts: lowerText's way in for those units, by position,
 * without a WeakMap look-up (rules ask it of most units, several times each). Null outside `runRules`.
 */
let reading: { units: readonly Unit[]; lower: (string | undefined)[] } | null = null;

export function lowerText(unit: Unit): string {
  const current = reading;
  if (current !== null && current.units[unit.index] === unit) {
    let lower = current.lower[unit.index];
    if (lower === undefined) {
      lower = unit.text.toLowerCase();
      current.lower[unit.index] = lower;
    }
    return lower;
  }
  return memo(lowered, unit, lowerOf);
}

/**
 * The first position in ascending `values` whose value is at least `min` (values.length if none): a unit's hits span
 * all tables, and stepping over the earlier tables' hits one by one was a tenth of the rule runner's time.
 */
function firstAtLeast(values: readonly number[], min: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] as number) < min) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The candidates of the cued rules whose conditions and pattern hold, in table order: the table's "always" rules
 * merged with `hits`, ascending positions of cued rules in a scan of several tables, of which this table's rules are
 * `offset` to `offset + rules.length`.
 */
function applyCued(
  table: RunnableTable,
  hits: readonly number[],
  offset: number,
  unit: Unit,
  at: Place,
  out: Candidate[],
): void {
  const { rules, always } = table;
  const end = offset + rules.length;
  let a = 0;
  let h = firstAtLeast(hits, offset);
  for (;;) {
    const nextAlways = a < always.length ? (always[a] as number) : rules.length;
    const nextHit = h < hits.length && (hits[h] as number) < end ? (hits[h] as number) - offset : rules.length;
    const k = Math.min(nextAlways, nextHit);
    if (k >= rules.length) return;
    if (k === nextAlways) a += 1;
    if (k === nextHit) h += 1;
    const runnable = rules[k] as Runnable;
    const { rule, when, pattern, codePoints, whole } = runnable;
    if (!allHold(when, unit, at)) continue;
    const text = rule.read ? rule.read(unit, at) : unit.text;
    if (text === null) continue;
    if (runnable.shared !== null) {
      for (const match of sharedMatches(runnable, text)) emit(runnable, match, unit, at, out);
      continue;
    }
    if (!pattern.global) {
      const match = whole ? wholeMatch(text) : pattern.exec(text);
      if (match) emit(runnable, match, unit, at, out);
      continue;
    }
    // Every match, as matchAll gives them, on the rule's own copy of its pattern.
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      if (match[0] === "") pattern.lastIndex = stepOver(text, pattern.lastIndex, codePoints);
      const next = pattern.lastIndex;
      emit(runnable, match, unit, at, out);
      // A value builder that runs this table again (on another unit) moved the shared copy's lastIndex.
      pattern.lastIndex = next;
    }
  }
}

/**
 * The candidates a rule's match gives. Most matches of a long input give nothing (a value builder that finds its
 * words missing), so nothing is allocated for them: no array around a single value, none for an empty result.
 */
function emit(runnable: Runnable, match: RegExpExecArray, unit: Unit, at: Place, out: Candidate[]): void {
  const found = runnable.rule.value(match, unit, at);
  if (found === null || found === undefined) return;
  if (typeof found === "string" || typeof found === "number") {
    emitValue(runnable, match, unit, found, out);
    return;
  }
  for (let k = 0; k < found.length; k += 1) {
    const value = found[k];
    if (value !== null) emitValue(runnable, match, unit, value as string, out);
  }
}

/** One candidate of a rule's match, unless the value is empty or belongs to the person addressed. */
function emitValue(
  { rule, oneValue }: Runnable,
  match: RegExpExecArray,
  unit: Unit,
  value: string | number,
  out: Candidate[],
): void {
  if (value === "") return;
  if (oneValue && addressedAt(match.input, itemPlace(match, String(value)))) return;
  // Not a spread copy of a fresh object: long inputs make hundreds of thousands of candidates.
  const candidate = fromUnit(unit, rule.field, value, rule.confidence, rule.kind);
  candidate.rule = rule.id;
  out.push(candidate);
}

/**
 * Applies the rules to one unit: every value of each rule whose cue, conditions and pattern all hold, in table
 * order. Only the rules whose cue occurs are looked at, so a table's cost per unit does not grow with its size.
 */
export function applyRules(
  rules: readonly Rule[],
  unit: Unit,
  lower = lowerText(unit),
  at: Place = { units: [unit], i: 0 },
): Candidate[] {
  const out: Candidate[] = [];
  applyCued(runnableOf(rules), cueSetOf(rules).cuedHits(lower), 0, unit, at, out);
  return out;
}

/**
 * The one rule loop: every rule over every unit; a unit is lowercased and scanned for cues once for all tables.
 * `matcher` is the subject's name, for the rules that read it.
 */
export function runRules(
  rules: readonly Rule[],
  units: readonly Unit[],
  matcher: NameMatcher | null = null,
): Candidate[] {
  const offset = offsetOf(rules);
  const outer = reading;
  reading = { units, lower: memo(lowers, units, newList<string | undefined>) };
  try {
    const cued = cuedOf(units);
    const out: Candidate[] = [];
    // One place, moved along the units (no rule keeps it): not an object per unit and table.
    const at: Place = { units, i: 0, matcher };
    const table = runnableOf(rules);
    for (let i = 0; i < units.length; i += 1) {
      at.i = i;
      applyCued(table, cued(i), offset, units[i] as Unit, at, out);
    }
    return out;
  } finally {
    reading = outer;
  }
}
