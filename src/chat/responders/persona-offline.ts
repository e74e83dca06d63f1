import { type EvidenceEntry, LIST_FIELDS, type PersonaField, SCALAR_FIELDS } from "../../personas/schemas.ts";
import type { PersonaRow } from "../../personas/store.ts";
import { isNearDuplicate, normalizeText } from "../../synthesis/normalize.ts";
import { speak } from "./first-person.ts";
import {
  type Material,
  type MaterialSentence,
  materialFor,
  NO_MATERIAL,
  newIndex,
  searchIndex,
  searchMaterial,
  vocabularyOf,
} from "./material.ts";
import type { Responder, ResponderInput } from "./types.ts";

/**
 * The offline persona: a retrieval responder. It answers in the first person from the most relevant sentences of
 * the persona's own sources (ranked with BM25 by MiniSearch, see material.ts), each cited with its source; a
 * question plainly about a field (age, job, where I live) is answered from the persona's current value, which a
 * person may have set by hand. When nothing in the material or the values covers the question, it says so.
 */

interface Candidate {
  id: number;
  field: PersonaField;
  value: string;
  evidence: EvidenceEntry[];
  text: string;
}

export interface Citation {
  /** The persona field the quote evidences, or "material" for a sentence of the sources that evidences none. */
  field: string;
  source_id: string;
  quote: string;
}

export interface PersonaAnswer {
  text: string;
  citations: Citation[];
  covered: boolean;
}

export interface AnswerOptions {
  projectName?: string | undefined;
  /** The persona's indexed sources (materialFor); without them only the persona's values are used. */
  material?: Material | undefined;
  /** How many replies the persona gave before in this conversation: varies the wording between turns. */
  turn?: number | undefined;
}

const INTENTS: Array<[PersonaField, RegExp]> = [
  ["name", /\b(your name|who are you|call you|introduce yourself)\b/i],
  ["age", /\b(how old|your age|age|born)\b/i],
  ["occupation", /\b(job|jobs|work|working|do for a living|occupation|profession|career|employ\w*)\b/i],
  ["location", /\b(where (?:do|did) you (?:live|stay|come from)|live|living|based|city|country|town|from)\b/i],
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

/** Fields a question about is answered from the persona's value itself: short facts a person may have corrected. */
const FACT_FIELDS: ReadonlySet<PersonaField> = new Set(["name", "age", "occupation", "location"]);

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

const trimStop = (s: string) => s.trim().replace(/[.!?]+$/, "");
function lowerFirst(s: string): string {
  const first = s.split(/\s+/)[0] ?? "";
  // Keep names, acronyms and "I" as they are.
  if (first === "I" || /^[A-Z]{2,}/.test(first) || /^[A-Z][a-z]+[A-Z]/.test(first)) return s;
  return s.charAt(0).toLowerCase() + s.slice(1);
}
const withArticle = (s: string) => (/^(a|an|the)\s/i.test(s) ? s : `${/^[aeiou]/i.test(s) ? "an" : "a"} ${s}`);

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

const joinList = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

/** One sentence for a field's values (a list field's items together, so no line repeats per item). */
function sentenceFor(field: PersonaField, raws: string[]): string {
  const values = raws.map(trimStop);
  const v = values[0] ?? "";
  const lower = joinList(values.map(lowerFirst));
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
      return `I'd say I'm ${lower}.`;
    case "interests":
      return `I'm into ${lower}.`;
    case "skills":
      return `I'm good at ${lower}.`;
    case "values":
      return values.length === 1
        ? `${v.charAt(0).toUpperCase()}${v.slice(1)} matters a lot to me.`
        : `What matters to me: ${lower}.`;
    case "goals":
      return values.length === 1 ? `One of my goals: ${lowerFirst(v)}.` : `My goals: ${lower}.`;
    case "pain_points":
      return values.length === 1 ? `Something that frustrates me: ${lowerFirst(v)}.` : `What frustrates me: ${lower}.`;
  }
}

/** Ways of bringing in a line of the material that is quoted rather than said: never the same twice in a reply. */
const QUOTE_LEADS = [
  "As someone noted about me:",
  "In the notes about me:",
  "The way it was written down:",
  "From what's on record about me:",
];

/** Ways of saying that nothing covers the question, in character; the turn picks one so replies do not repeat. */
const NOT_COVERED = [
  (topic: string) => `I don't know — nothing I've shared covers ${topic}, and I'd rather not make something up.`,
  (topic: string) =>
    `Honestly, I don't know. ${capitalise(topic)} never came up in what I've shared, so I won't guess.`,
  (topic: string) => `I don't know, to be honest — I'd only be guessing about ${topic}, and I'd rather not.`,
];

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function fieldCandidates(persona: PersonaRow): Candidate[] {
  const out: Candidate[] = [];
  for (const field of SCALAR_FIELDS) {
    const value = persona.persona[field];
    if (value === null) continue;
    const evidence = persona.evidence[field] ?? [];
    const text = String(value);
    out.push({ id: out.length, field, value: text, evidence, text: [text, ...evidence.map((e) => e.quote)].join(" ") });
  }
  for (const field of LIST_FIELDS) {
    persona.persona[field].forEach((value, i) => {
      const evidence = persona.evidence[field][i] ?? [];
      out.push({ id: out.length, field, value, evidence, text: [value, ...evidence.map((e) => e.quote)].join(" ") });
    });
  }
  return out;
}

interface Part {
  text: string;
  citation?: Citation;
}

const citeValue = (c: Candidate): Citation | undefined => {
  const e = c.evidence[0];
  return e ? { field: c.field, source_id: e.source_id, quote: e.quote } : undefined;
};

/** Material sentences for the question: BM25 score, plus a boost for a sentence evidencing a field asked about. */
function rankMaterial(material: Material, message: string, intents: ReadonlySet<PersonaField>) {
  const scores = new Map<number, number>();
  for (const r of searchMaterial(material, message)) scores.set(r.sentence.id, r.score);
  for (const field of intents) {
    if (FACT_FIELDS.has(field)) continue;
    for (const id of material.byField.get(field) ?? []) scores.set(id, (scores.get(id) ?? 0) + 0.75);
  }
  return [...scores]
    .map(([id, score]) => ({ sentence: material.sentences[id], score }))
    .filter((r): r is { sentence: MaterialSentence; score: number } => r.sentence !== undefined)
    .sort((a, b) => b.score - a.score || a.sentence.id - b.sentence.id);
}

/** Pure function of the persona, its material and the message; exported for tests and the project interviewee. */
export function answerAsPersona(persona: PersonaRow, message: string, options: AnswerOptions = {}): PersonaAnswer {
  const p = persona.persona;
  const material = options.material ?? NO_MATERIAL;
  const turn = options.turn ?? 0;
  const style = styleOf(p.communication_style);
  const intents = new Set(INTENTS.filter(([, re]) => re.test(message)).map(([field]) => field));

  const intro = [p.name ? `I'm ${p.name}` : "", p.occupation ? `, ${withArticle(lowerFirst(p.occupation))}` : ""]
    .join("")
    .trim();
  const contentWords = normalizeText(message)
    .split(" ")
    .filter((w) => w.length > 1);
  const isGreeting =
    /^\s*(hi|hello|hey|good (morning|afternoon|evening)|greetings)\b/i.test(message) && contentWords.length <= 3;
  if (isGreeting) {
    const where = p.location ? ` from ${p.location}` : "";
    return {
      text: `${style === "warm" ? "Oh, hello! " : "Hi! "}${intro ? `${intro}${where}.` : "Nice to meet you."} What would you like to know?`.trim(),
      citations: [],
      covered: true,
    };
  }

  const limit = style === "concise" ? 2 : 3;
  const parts: Part[] = [];
  const candidates = fieldCandidates(persona);

  // 1. Plain facts asked about come from the persona's current value (a hand-corrected age beats the material's).
  const answeredFacts = new Set<PersonaField>();
  for (const c of candidates) {
    if (!intents.has(c.field) || !FACT_FIELDS.has(c.field) || answeredFacts.has(c.field)) continue;
    answeredFacts.add(c.field);
    const citation = citeValue(c);
    parts.push({ text: sentenceFor(c.field, [c.value]), ...(citation ? { citation } : {}) });
  }

  // 2. Everything else from the material's own sentences, said in the first person where that is safe.
  const ranked = rankMaterial(material, message, intents).filter(
    // A sentence behind a fact already given would restate it (or contradict a value corrected by hand).
    (r) => !r.sentence.fields.some((f) => answeredFacts.has(f)),
  );
  const best = ranked[0]?.score ?? 0;
  const chosen = ranked
    .filter((r) =>
      parts.length > 0 ? r.sentence.fields.some((f) => intents.has(f)) || r.score >= 1 : r.score >= best * 0.5,
    )
    .filter((r, i, all) => all.findIndex((o) => isNearDuplicate(o.sentence.text, r.sentence.text, 0.8)) === i)
    .slice(0, Math.max(0, limit - parts.length));
  let lead = turn;
  for (const { sentence } of chosen) {
    const spoken = speak(sentence, p.name);
    const field = sentence.fields.find((f) => intents.has(f)) ?? sentence.fields[0] ?? "material";
    const text = spoken.voiced ? spoken.text : `${QUOTE_LEADS[lead++ % QUOTE_LEADS.length]} “${clip(spoken.text)}”`;
    parts.push({ text, citation: { field, source_id: sentence.sourceId, quote: sentence.text } });
  }

  // 3. No material covers it: the persona's values (set by hand, imported, or a persona without sources).
  if (parts.length === 0) {
    const index = newIndex<Candidate>();
    index.addAll(candidates);
    const scores = new Map<number, number>();
    const vocabulary = vocabularyOf(candidates.map((c) => c.text));
    for (const r of searchIndex(index, vocabulary, message)) scores.set(r.id, r.score);
    for (const c of candidates) if (intents.has(c.field)) scores.set(c.id, (scores.get(c.id) ?? 0) + 1);
    const top = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const topScore = top[0]?.[1] ?? 0;
    const picked = top
      .filter(([, score]) => score >= topScore * 0.5)
      .slice(0, 4)
      .flatMap(([id]) => candidates[id] ?? []);
    // One sentence per field, its items together.
    const fields = [...new Set(picked.map((c) => c.field))].slice(0, limit);
    for (const field of fields) {
      const items = picked.filter((c) => c.field === field);
      const citation = items.map(citeValue).find((x) => x !== undefined);
      parts.push({
        text: sentenceFor(
          field,
          items.map((c) => c.value),
        ),
        ...(citation ? { citation } : {}),
      });
    }
  }

  if (parts.length === 0) {
    const asked = [...intents].map((f) => FIELD_LABELS[f]);
    const topic = asked.length ? asked.join(" or ") : "that";
    const known = [...new Set(candidates.map((c) => c.field))].slice(0, 4).map((f) => FIELD_LABELS[f]);
    const offer = known.length ? ` I can tell you about ${joinList(known)}.` : "";
    const say = NOT_COVERED[turn % NOT_COVERED.length] ?? NOT_COVERED[0];
    return { text: `${say?.(topic) ?? ""}${offer}`.trim(), citations: [], covered: false };
  }

  // The same line is never said twice in one reply.
  const seen = new Set<string>();
  const unique = parts.filter((part) => {
    const key = normalizeText(part.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const project = options.projectName ? ` That's what I'd keep in mind for ${options.projectName}.` : "";
  return {
    text: `${OPENERS[style]}${unique.map((part) => part.text).join(" ")}${project}`.trim(),
    citations: unique.flatMap((part) => (part.citation ? [part.citation] : [])),
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
    const persona = input.speaker.persona;
    const answer = answerAsPersona(persona, input.userText, {
      projectName: input.speaker.project?.name,
      material: await materialFor(input.ctx, persona),
      turn: input.history.filter((m) => m.role === "assistant").length,
    });
    input.setMeta({ citations: answer.citations, covered: answer.covered });
    await streamText(input, answer.text);
  },
};
