/**
 * Who speaks in a transcript or chat: the labels of hosts and interviewers (other people), of the interviewee (the
 * subject), and the named speaker who talks most as a name candidate.
 */
import { allMatches } from "../engine/text.ts";
import { add, introducesSelf, isBusinessName, type SourceReading, titleCase } from "./introductions.ts";
import { isPlausibleName, nameTokens, ONLY_NAME } from "./names.ts";
import { labelParty, type SubjectModel } from "./parties.ts";
import { asksIntroduction, KIN_WORDS, RELATION_WORDS } from "./roles.ts";
import {
  BRACKETED_TAIL,
  FIELD_LABELS,
  type LabelStats,
  LINE_LABEL,
  labelStats,
  NEUTRAL_LABEL,
  parseSpeech,
  speechLine,
} from "./speech.ts";

/** A label written in capitals ("MARIA GONZALEZ"), shown in title case. */
const CAPITALS = /^[\p{Lu}\s'’-]+$/u;
/** "I'm your host", "and welcome back to The Show": the speaker hosts. */
const HOST_INTRO = /\b(?:I'm|I am) (?:your|the) host\b|\bwelcome (?:back )?to (?:the )?[A-Z]/;
/**
 * "Welcome to The Show." opening the first turn: whoever speaks first and welcomes listeners to a named show hosts it.
 * Only the first turn: later, a guest may welcome the host to their town or shop.
 */
const OPENING_WELCOME = /^\s*(?:hi[,!.]?\s+|hello[,!.]?\s+)?(?:and\s+)?welcome (?:back )?to (?:the )?\p{Lu}/iu;
/** "Speakers: P = participant, I = interviewer": a legend of speaker labels. */
const SPEAKER_LEGEND = /^(?:speakers?|participants?|attendees|present|people|cast|roles|key|legend)\s*:/i;
const SPEAKER_DECL = /\b([A-Z][A-Z\d]{0,11})\s*=\s*([^,;)\n]+(?:\([^)]*\))?)/g;
/** Roles in a legend that name the person interviewed. */
const SUBJECT_ROLE = /participant|interviewee|respondent|guest|customer|user|subject/;
/** "DECLAN (husband, joined later)" in a legend: a speaker's label with a role in brackets. Global: matchAll only. */
const LABEL_WITH_ROLE = /(?<![\p{L}])(\p{Lu}[\p{L}'’-]{1,30})\s*\(([^()\n]{1,60})\)/gu;
/**
 * A bracketed role naming a relative, someone's colleague ("her manager"; a bare "teacher" may be the subject's own
 * job), or whoever runs the conversation.
 */
const OTHER_ROLE = new RegExp(
  `^(?:(?:her|his|their)\\s+(?:${RELATION_WORDS})|(?:${KIN_WORDS})|interviewer|host|moderator|facilitator|note-?taker)\\b`,
  "i",
);

const shownLabel = (label: string) => (CAPITALS.test(label) ? titleCase(label.toLowerCase()) : label);

/**
 * "MARIA GONZALEZ: ..." / "Maria Gonzalez: ..." speaking several times, and not the interviewer: the speaker who
 * talks most is who the transcript is about.
 */
export function labelCandidates({ source, lines, candidates, hosts, model }: SourceReading): void {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const speech = parseSpeech(speechLine(line), () => true);
    const label = speech?.label.replace(BRACKETED_TAIL, "").trim();
    if (!label || speech?.sticky) continue;
    const key = label.toLowerCase();
    if (hosts.has(key) || model.otherLabels.has(key) || labelParty(label, model) === "other") continue;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const named = [...counts]
    .filter(([label, n]) => {
      if (n < 2) return false;
      const value = shownLabel(label);
      return nameTokens(value).length >= 2 && ONLY_NAME.test(value) && isPlausibleName(value);
    })
    .sort((a, b) => b[1] - a[1]);
  named.forEach(([label], rank) => {
    const value = shownLabel(label);
    if (!isBusinessName(value)) add(candidates, value, source, label, rank === 0 ? 3 : 1);
  });
}

/**
 * "Speaker 1: Where do you work?" / "Speaker 2: At the port.": among up to three neutral labels, the one answering
 * (see mostWords) is the interviewee and the others are other people.
 */
function neutralSpeakers(stats: Map<string, LabelStats>, model: SubjectModel): void {
  const neutral = [...stats].filter(([label]) => NEUTRAL_LABEL.test(label));
  // An interviewer also thanks, reacts and explains between questions: a third of their turns being questions is
  // enough (an auto-transcribed interviewer asked 5 of 11 turns).
  const asks = ([label, stat]: [string, LabelStats]) =>
    model.otherLabels.has(label) || stat.questions * 3 >= stat.lines;
  const answering = mostWords(neutral.filter((entry) => !asks(entry)));
  if (answering === undefined || neutral.length > 3) return;
  for (const [label] of neutral) if (label !== answering) model.otherLabels.add(label);
  model.subjectLabels.add(answering);
}

/**
 * The one label answering, or, where several neutral labels do not ask (an auto-transcript drops question marks; a
 * spouse cuts in), the one that says more than twice the words of any other: an interviewee talks, the others prompt
 * or interject.
 */
function mostWords(answering: readonly [string, LabelStats][]): string | undefined {
  const [top, next] = [...answering].sort((a, b) => b[1].words - a[1].words);
  if (top === undefined) return undefined;
  return next === undefined || top[1].words > 2 * next[1].words ? top[0] : undefined;
}

/** Labels whose speaker introduces themselves as the host/interviewer. */
function hostLabelsOf(text: string): Set<string> {
  const hosts = new Set<string>();
  let first = true;
  for (const line of text.split("\n")) {
    const match = LINE_LABEL.exec(line);
    const label = match?.[1]?.trim().toLowerCase();
    if (match === null || !label || FIELD_LABELS.test(label)) continue;
    if (HOST_INTRO.test(line) || (first && OPENING_WELCOME.test(line.slice(match[0].length)))) hosts.add(label);
    first = false;
  }
  return hosts;
}

/**
 * "OLIVER BRANDT:" on the first turn and "BRANDT:" after it: a one-word label that is a word of exactly one longer
 * label is the same speaker, so whatever is known of either (host, someone else) holds for both. Two longer labels
 * sharing the word (a couple's surname) leave it unresolved.
 */
function sameSpeakers(labels: readonly string[], model: SubjectModel, hosts: Set<string>): void {
  for (const short of labels) {
    if (short.includes(" ")) continue;
    const longer = labels.filter((label) => label !== short && label.split(" ").includes(short));
    const [full] = longer;
    if (full === undefined || longer.length > 1) continue;
    for (const [a, b] of [
      [short, full],
      [full, short],
    ] as const) {
      if (hosts.has(a)) hosts.add(b);
      if (model.otherLabels.has(a) && !model.subjectLabels.has(b)) model.otherLabels.add(b);
    }
  }
}

/**
 * Labels of speakers who give their own name and then ask the other to say who they are ("I'm Declan, I do the
 * research for Tablewise. And you are—"): whoever opens with an introduction and asks for one runs the conversation.
 * A speaker who introduces themselves only after someone else asked them to is answering, not asking.
 */
function introducingHosts(text: string): Set<string> {
  const hosts = new Set<string>();
  const turns: { label: string; content: string; asks: boolean }[] = [];
  const askers = new Set<string>();
  for (const line of text.split("\n")) {
    const turn = speechLine(line);
    const match = LINE_LABEL.exec(turn);
    const label = match?.[1]?.trim().toLowerCase();
    if (match === null || label === undefined) continue;
    const content = turn.slice(match[0].length);
    const asks = asksIntroduction(content);
    if (asks) askers.add(label);
    turns.push({ label, content, asks });
  }
  // Whether a speaker introduced themselves (and unasked) matters only for one who asks for an introduction: the
  // others' turns are not read for one (most labelled lines of a long transcript).
  if (askers.size === 0) return hosts;
  const introduced = new Set<string>();
  const answered = new Set<string>();
  let asker: string | null = null;
  for (const { label, content, asks } of turns) {
    if (askers.has(label) && introducesSelf(content)) {
      introduced.add(label);
      if (asker !== null && asker !== label) answered.add(label);
    }
    if (asks) {
      asker = label;
      if (introduced.has(label) && !answered.has(label)) hosts.add(label);
    }
  }
  return hosts;
}

function speakerDeclarations(text: string, model: SubjectModel): void {
  for (const line of text.split("\n")) {
    if (!SPEAKER_LEGEND.test(line)) continue;
    for (const match of allMatches(SPEAKER_DECL, line)) {
      const label = (match[1] ?? "").toLowerCase();
      const role = (match[2] ?? "").toLowerCase();
      if (SUBJECT_ROLE.test(role)) model.subjectLabels.add(label);
      else model.otherLabels.add(label);
    }
    // "SIOBHÁN (farmer) · DECLAN (husband)": a relative or the interviewer is someone other than the subject.
    for (const match of allMatches(LABEL_WITH_ROLE, line)) {
      if (OTHER_ROLE.test((match[2] ?? "").trim())) model.otherLabels.add((match[1] ?? "").toLowerCase());
    }
  }
}

/**
 * Marks the labels of a source's speakers in the model (declared roles, hosts, interviewers, a lone neutral
 * interviewee) and returns the labels of those who ask rather than answer.
 */
export function speakerRoles(text: string, model: SubjectModel): Set<string> {
  speakerDeclarations(text, model);
  const hosts = hostLabelsOf(text);
  for (const host of introducingHosts(text)) hosts.add(host);
  for (const host of hosts) model.otherLabels.add(host);
  const stats = labelStats(text);
  // A speaker who mostly asks questions is interviewing, not being interviewed.
  for (const [label, stat] of stats) {
    if (stat.lines >= 2 && stat.questions * 2 >= stat.lines && !model.subjectLabels.has(label)) {
      model.otherLabels.add(label);
      hosts.add(label);
    }
  }
  neutralSpeakers(stats, model);
  sameSpeakers([...stats.keys()], model, hosts);
  return hosts;
}
