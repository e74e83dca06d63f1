/** Rules for communication style. */
import { type Candidate, fromUnit } from "../engine/candidate.ts";
import { trimPunctuation } from "../engine/text.ts";
import { isSelf, type Unit } from "../engine/unit.ts";

const STATED_STYLE =
  /\b(?:characteristically|typically|usually|very)\s+([\p{L}, -]{3,40}?)\s+(?:way|manner|style|tone)\b|\b(?:emails?|messages?|writing)\s+(?:is|are)\s+(?:very\s+)?([\p{L}, -]{3,40}?)[.;]/iu;

const EMOJI = /\p{Extended_Pictographic}/gu;

const LAUGH = /\[laughs?\]|\blol\b|\bhaha\w*|\bjaja\w*|😂|🤣|😄|😅|🥲/gi;

const INFORMAL = /\b(?:im|dont|cant|wont|youre|gotta|gonna|wanna|tbh|lol|cheers|hiya|yeah|nah|ok|okay)\b|!!|\?\?/gi;

export function styleCandidates(units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  for (const unit of units) {
    if (unit.topic !== "subject" && !isSelf(unit)) continue;
    const stated = STATED_STYLE.exec(unit.text);
    const phrase = stated?.[1] ?? stated?.[2];
    if (phrase) out.push(fromUnit(unit, "communication_style", trimPunctuation(phrase), 0.8));
  }
  const own = units.filter((u) => isSelf(u) && u.firstPerson && !u.quoted);
  const inferred = own.length >= 2 ? inferredStyle(own) : null;
  if (inferred) out.push(inferred);
  return out;
}

function inferredStyle(own: readonly Unit[]): Candidate | null {
  const words = own.reduce((sum, u) => sum + u.text.split(/\s+/).length, 0);
  const perSentence = words / own.length;
  const emoji = own.reduce((sum, u) => sum + (u.text.match(EMOJI)?.length ?? 0), 0);
  const laughs = own.reduce((sum, u) => sum + (u.text.match(LAUGH)?.length ?? 0), 0);
  const informal = own.reduce((sum, u) => sum + (u.text.match(INFORMAL)?.length ?? 0), 0);
  const parts: string[] = [];
  parts.push(perSentence < 11 ? "brief" : perSentence > 22 ? "detailed" : "conversational");
  if (emoji * 100 >= words * 1.5) parts.push("emoji-heavy");
  if (informal >= 2 || emoji > 0) parts.push("informal");
  const base = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : (parts[0] ?? "");
  const value = laughs >= 2 ? `${base}, with humour` : base;
  const sample = [...own].sort((a, b) => a.text.length - b.text.length)[Math.floor(own.length / 2)];
  return sample ? fromUnit(sample, "communication_style", value, 0.4, "inferred") : null;
}
