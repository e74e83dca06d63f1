import type { ListSection } from "../schemas.ts";
import { capitalize, cleanItem } from "./text.ts";

/**
 * Finds the parts of an answer that belong to another PRD section than the question asked about, so they are filed
 * there instead of being lost: "It must work offline and sync later" answering a question about screens is a
 * non-functional requirement; "Open question: do we support multiple households?" is an open question wherever it is
 * said. Each rule is data: a labelled lead ("Open question:", "Non-goal:", "Assumption:") moves its sentence and is
 * stripped; a cue (a quality the product must have, a question mark) moves the sentence as it is.
 */
export type FiledSection = Extract<
  ListSection,
  "open_questions" | "non_goals" | "scope" | "assumptions" | "success_metrics" | "non_functional_requirements"
>;

export interface Filed {
  section: FiledSection;
  text: string;
  /** Non-functional requirements: the quality named (Reliability, Performance, …). */
  category: string | null;
}

interface Rule {
  id: string;
  section: FiledSection;
  /** A lead that labels the sentence; stripped from what is filed. */
  label?: RegExp;
  /** A cue that the sentence as a whole belongs there. */
  cue?: (sentence: string) => boolean;
}

const SEP = String.raw`\s*(?::|—|–|-)\s*`;
const lead = (words: string) => new RegExp(`^(?:${words})${SEP}`, "i");

/** A quality the product must have, with the category it goes under (first match wins). */
export const QUALITIES: Array<[string, RegExp]> = [
  ["Reliability", /\b(offline|sync\w*|uptime|availab\w*|reliab\w*|backups?|no (?:signal|connection|internet))\b/i],
  [
    "Performance",
    /\b(fast|faster|speed|latency|load(?:s|ing)? in|under \d+\s?m?s|\d+\s?(?:ms|milliseconds?|seconds?))\b/i,
  ],
  ["Security", /\b(secur\w*|encrypt\w*|authenticat\w*|password\w*|2fa|mfa|sso)\b/i],
  ["Privacy", /\b(privacy|private|gdpr|hipaa|pii|personal data|consent|anonymi\w*)\b/i],
  ["Accessibility", /\b(accessib\w*|wcag|screen readers?|contrast|a11y|large text)\b/i],
  ["Scalability", /\b(scal\w*|concurrent|\d[\d,.]*\s*k?\s*(?:users|requests))\b/i],
  ["Platform", /\b(ios|iphone|android|mobile|desktop|browsers?|platforms?)\b/i],
];
export const qualityOf = (text: string) => QUALITIES.find(([, re]) => re.test(text))?.[0] ?? null;

const MODAL = /\b(must|should|has to|have to|needs? to|shall|is required to|are required to)\b/i;

const RULES: Rule[] = [
  {
    id: "labelled-open-question",
    section: "open_questions",
    label: lead("open questions?|questions?|unknowns?|risks?|tbd"),
  },
  { id: "labelled-non-goal", section: "non_goals", label: lead("non[- ]?goals?|out of scope|not in scope") },
  { id: "labelled-scope", section: "scope", label: lead("in scope|scope") },
  {
    id: "labelled-assumption",
    section: "assumptions",
    label: lead("assumptions?|we assume(?: that)?|assuming(?: that)?"),
  },
  { id: "labelled-metric", section: "success_metrics", label: lead("metrics?|kpis?|success metrics?|success") },
  {
    id: "labelled-nfr",
    section: "non_functional_requirements",
    label: lead("nfrs?|constraints?|non[- ]functional(?: requirements?)?|requirements?"),
  },
  // "It must work offline and sync later": a must/should about a quality (not about a feature a user uses).
  {
    id: "quality-requirement",
    section: "non_functional_requirements",
    cue: (s) => MODAL.test(s) && qualityOf(s) !== null && qualityOf(s) !== "Platform",
  },
  // A question the user asks back is still open.
  { id: "asked-question", section: "open_questions", cue: (s) => /\?\s*$/.test(s) },
];

/** Sentences and list items, each with the text as the user wrote it. */
function segmentsOf(answer: string): string[] {
  return answer
    .split(/(?<=[.!?…])\s+(?=[A-Z"“(])|\r?\n+|;\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface RoutedAnswer {
  /** What is left for the question that was asked (labels of its own section stripped). */
  rest: string;
  filed: Filed[];
}

/**
 * Splits off what belongs elsewhere. `current` is the section the question is about (null for the product name):
 * nothing is moved to the section being asked about. List answers keep their items separated by "; ".
 */
export function routeAnswer(answer: string, current: ListSection | "overview" | "problem" | null): RoutedAnswer {
  const kept: string[] = [];
  const filed: Filed[] = [];
  let relabelled = false;
  for (const segment of segmentsOf(answer)) {
    const rule = RULES.find((r) => (r.label ? r.label.test(segment) : (r.cue?.(segment) ?? false)));
    const text = rule?.label ? segment.replace(rule.label, "") : segment;
    if (!rule || rule.section === current) {
      relabelled ||= text !== segment;
      kept.push(text);
      continue;
    }
    const item = capitalize(cleanItem(text));
    if (!item) continue;
    filed.push({
      section: rule.section,
      text: item,
      category: rule.section === "non_functional_requirements" ? qualityOf(item) : null,
    });
  }
  // Nothing moved: the answer stays exactly as written (paragraphs and all).
  if (filed.length === 0 && !relabelled) return { rest: answer, filed };
  return { rest: kept.join(current === "overview" || current === "problem" ? " " : "; "), filed };
}
