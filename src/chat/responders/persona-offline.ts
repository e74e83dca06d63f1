import { type EvidenceEntry, LIST_FIELDS, type PersonaField, SCALAR_FIELDS } from "../../personas/schemas.ts";
import type { PersonaRow } from "../../personas/store.ts";
import { contentTokens } from "../../synthesis/normalize.ts";
import type { Responder, ResponderInput } from "./types.ts";

/**
 * The offline persona: a retrieval responder. It ranks the persona's values and their evidence quotes against the
 * message (BM25 over normalised, lightly stemmed tokens, plus a boost when the question is plainly about a field),
 * answers in the first person from the best matches, quotes its source, and says so when nothing covers the question.
 */

interface Candidate {
  field: PersonaField;
  value: string;
  evidence: EvidenceEntry[];
  tokens: string[];
}

export interface Citation {
  field: string;
  source_id: string;
  quote: string;
}

export interface PersonaAnswer {
  text: string;
  citations: Citation[];
  covered: boolean;
}

// Words that say nothing about which part of the persona a question is about.
const QUESTION_WORDS = new Set(
  "what which who whom whose when where why how do does did doing done you your yours yourself are is was were be been i me my mine we us our tell about can could would should will shall have has had any some much many more most really very just there that this these those it its so please hi hello hey".split(
    " ",
  ),
);

const INTENTS: Array<[PersonaField, RegExp]> = [
  ["name", /\b(your name|who are you|call you|introduce yourself)\b/i],
  ["age", /\b(how old|your age|age|born)\b/i],
  ["occupation", /\b(job|jobs|work|working|do for a living|occupation|profession|career|employ\w*)\b/i],
  ["location", /\b(where|live|living|based|city|country|town|from)\b/i],
  ["background", /\b(background|story|grew up|history|about yourself)\b/i],
  ["interests", /\b(hobby|hobbies|free time|interest\w*|enjoy\w*|fun|weekends?|passion\w*)\b/i],
  ["goals", /\b(goals?|want to|hope|hoping|aspir\w*|plans?|dream\w*|achieve)\b/i],
  [
    "pain_points",
    /\b(frustrat\w*|annoy\w*|pain\w*|problems?|struggl\w*|hate|difficult\w*|hard|challeng\w*|bother\w*|drives? you mad)\b/i,
  ],
  ["values", /\b(values?|important|care about|matters?|believe)\b/i],
  ["skills", /\b(skills?|good at|expert\w*|strengths?|abilit\w*)\b/i],
  ["traits", /\b(personality|describe yourself|kind of person|traits?)\b/i],
  ["communication_style", /\b(communicat\w*|talk to you|contact you)\b/i],
];

const FIELD_LABELS: Record<PersonaField, string> = {
  name: "my name",
  age: "my age",
  occupation: "my work",
  location: "where I live",
  background: "my background",
  communication_style: "how I like to communicate",
  traits: "my personality",
  interests: "my interests",
  skills: "my skills",
  values: "what I value",
  goals: "my goals",
  pain_points: "what frustrates me",
};

/** Light stemming so "running" meets "run" and "shifts" meets "shift". */
function stem(token: string): string {
  if (token.length > 5 && token.endsWith("ing")) return token.slice(0, -3);
  if (token.length > 4 && token.endsWith("ed")) return token.slice(0, -2);
  if (token.length > 4 && token.endsWith("es")) return token.slice(0, -2);
  if (token.length > 3 && token.endsWith("s") && !token.endsWith("ss")) return token.slice(0, -1);
  return token;
}

const tokensOf = (text: string) => contentTokens(text).map(stem);

function candidatesOf(persona: PersonaRow): Candidate[] {
  const out: Candidate[] = [];
  for (const field of SCALAR_FIELDS) {
    const value = persona.persona[field];
    if (value === null) continue;
    const evidence = persona.evidence[field] ?? [];
    const text = String(value);
    out.push({ field, value: text, evidence, tokens: tokensOf([text, ...evidence.map((e) => e.quote)].join(" ")) });
  }
  for (const field of LIST_FIELDS) {
    persona.persona[field].forEach((value, i) => {
      const evidence = persona.evidence[field][i] ?? [];
      out.push({ field, value, evidence, tokens: tokensOf([value, ...evidence.map((e) => e.quote)].join(" ")) });
    });
  }
  return out;
}

/** BM25 (k1 = 1.2, b = 0.75) of each candidate for the query tokens. */
function bm25(candidates: Candidate[], query: string[]): number[] {
  const n = candidates.length;
  const avg = candidates.reduce((sum, c) => sum + c.tokens.length, 0) / Math.max(1, n);
  const df = new Map<string, number>();
  for (const c of candidates) for (const t of new Set(c.tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  return candidates.map((c) => {
    let score = 0;
    for (const t of new Set(query)) {
      const tf = c.tokens.filter((x) => x === t).length;
      if (tf === 0) continue;
      const d = df.get(t) ?? 0;
      const idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
      score += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * c.tokens.length) / Math.max(1, avg)));
    }
    return score;
  });
}

const trimStop = (s: string) => s.trim().replace(/[.!?]+$/, "");
function lowerFirst(s: string): string {
  const first = s.split(/\s+/)[0] ?? "";
  // Keep names, acronyms and "I" as they are.
  if (first === "I" || /^[A-Z]{2,}/.test(first) || /^[A-Z][a-z]+[A-Z]/.test(first)) return s;
  return s.charAt(0).toLowerCase() + s.slice(1);
}
const withArticle = (s: string) => (/^(a|an|the)\s/i.test(s) ? s : `${/^[aeiou]/i.test(s) ? "an" : "a"} ${s}`);

function sentenceFor(field: PersonaField, raw: string): string {
  const v = trimStop(raw);
  switch (field) {
    case "name":
      return `I'm ${v}.`;
    case "age":
      return `I'm ${v} years old.`;
    case "occupation":
      return `I work as ${withArticle(lowerFirst(v))}.`;
    case "location":
      return `I live in ${v}.`;
    case "background":
      return `A bit of background: ${v}.`;
    case "communication_style":
      return `I'd describe how I communicate as ${lowerFirst(v)}.`;
    case "traits":
      return `I'd say I'm ${lowerFirst(v)}.`;
    case "interests":
      return `I'm into ${lowerFirst(v)}.`;
    case "skills":
      return `I'm good at ${lowerFirst(v)}.`;
    case "values":
      return `${v.charAt(0).toUpperCase()}${v.slice(1)} matters a lot to me.`;
    case "goals":
      return `One of my goals: ${lowerFirst(v)}.`;
    case "pain_points":
      return `Something that frustrates me: ${lowerFirst(v)}.`;
  }
}

type Style = "concise" | "warm" | "formal" | "casual" | "plain";
function styleOf(communication: string | null): Style {
  const s = communication?.toLowerCase() ?? "";
  if (/\b(direct|blunt|concise|brief|terse|short|to the point)\b/.test(s)) return "concise";
  if (/\b(warm|friendly|enthusiastic|chatty|bubbly|cheerful)\b/.test(s)) return "warm";
  if (/\b(formal|polite|professional|reserved)\b/.test(s)) return "formal";
  if (/\b(casual|informal|relaxed|laid[- ]back|jok\w*|humor\w*|humour\w*)\b/.test(s)) return "casual";
  return "plain";
}

const OPENERS: Record<Style, string> = {
  concise: "",
  warm: "Oh, happy to talk about that! ",
  formal: "To answer your question: ",
  casual: "Honestly? ",
  plain: "",
};

const clip = (s: string, max = 220) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

/** Pure function of the persona and the message; exported for tests and for the persona-in-project interviewee. */
export function answerAsPersona(
  persona: PersonaRow,
  message: string,
  options: { projectName?: string | undefined } = {},
): PersonaAnswer {
  const p = persona.persona;
  const style = styleOf(p.communication_style);
  const candidates = candidatesOf(persona);
  const query = tokensOf(message).filter((t) => !QUESTION_WORDS.has(t));
  const intents = new Set(INTENTS.filter(([, re]) => re.test(message)).map(([field]) => field));
  const scores = bm25(candidates, query).map((s, i) => s + (intents.has(candidates[i]?.field ?? "name") ? 2.5 : 0));
  const ranked = candidates
    .map((c, i) => ({ c, score: scores[i] ?? 0 }))
    .filter((r) => r.score >= 1)
    .sort((a, b) => b.score - a.score);

  const intro = [p.name ? `I'm ${p.name}` : "", p.occupation ? `, ${withArticle(lowerFirst(p.occupation))}` : ""]
    .join("")
    .trim();
  const isGreeting =
    /^\s*(hi|hello|hey|good (morning|afternoon|evening)|greetings)\b/i.test(message) && query.length <= 2;
  if (isGreeting) {
    const where = p.location ? ` from ${p.location}` : "";
    return {
      text: `${style === "warm" ? "Oh, hello! " : "Hi! "}${intro ? `${intro}${where}.` : "Nice to meet you."} What would you like to know?`.trim(),
      citations: [],
      covered: true,
    };
  }

  if (ranked.length === 0) {
    const asked = [...intents].map((f) => FIELD_LABELS[f]);
    const topic = asked.length ? asked.join(" or ") : "that";
    const known = [...new Set(candidates.map((c) => c.field))].slice(0, 4).map((f) => FIELD_LABELS[f]);
    const offer = known.length ? ` I can tell you about ${known.join(", ")}.` : "";
    return {
      text: `I don't know — what I've shared doesn't cover ${topic}, and I'd rather not make something up.${offer}`.trim(),
      citations: [],
      covered: false,
    };
  }

  const best = ranked[0]?.score ?? 0;
  // A concise persona still names a close second item of the same field ("the scheduling app" and "last-minute
  // shift changes" answer one question together); others give up to three related facts.
  // A question about several things ("where do you live, and what frustrates you?") gets the best item of each.
  const answered = new Set<PersonaField>();
  const bestPerAskedField = ranked.filter((r) => {
    if (!intents.has(r.c.field) || answered.has(r.c.field)) return false;
    answered.add(r.c.field);
    return true;
  });
  const chosen =
    bestPerAskedField.length > 1
      ? bestPerAskedField.slice(0, 3)
      : style === "concise"
        ? ranked.filter((r, i) => i === 0 || (r.c.field === ranked[0]?.c.field && r.score >= best * 0.8)).slice(0, 2)
        : ranked.filter((r) => r.score >= best * 0.5).slice(0, 3);
  const sentences = chosen.map((r) => sentenceFor(r.c.field, r.c.value));
  const top = chosen[0]?.c;
  const quote = top?.evidence[0]?.quote;
  const quoted =
    quote && style !== "concise" && !sentences.join(" ").includes(quote.trim())
      ? ` As I put it: "${clip(quote.trim())}"`
      : "";
  const project = options.projectName ? ` That's what I'd keep in mind for ${options.projectName}.` : "";
  return {
    text: `${OPENERS[style]}${sentences.join(" ")}${quoted}${project}`.trim(),
    citations: chosen.flatMap((r) =>
      r.c.evidence.slice(0, 1).map((e) => ({ field: r.c.field, source_id: e.source_id, quote: e.quote })),
    ),
    covered: true,
  };
}

/** Streams the answer in word-sized deltas, like a model would, so clients handle both engines the same way. */
export async function streamText(input: ResponderInput, text: string): Promise<void> {
  for (const piece of text.match(/\S+\s*/g) ?? [text]) {
    if (input.signal.aborted) return;
    await input.emit({ type: "text", delta: piece });
  }
}

export const offlinePersonaResponder: Responder = {
  engine: "offline",
  async respond(input) {
    if (input.speaker.kind !== "persona") throw new Error("persona responder needs a persona");
    const answer = answerAsPersona(input.speaker.persona, input.userText, {
      projectName: input.speaker.project?.name,
    });
    input.setMeta({ citations: answer.citations, covered: answer.covered });
    await streamText(input, answer.text);
  },
};
