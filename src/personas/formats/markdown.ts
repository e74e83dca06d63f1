import { mdInline } from "../../prd/render.ts";
import type { PersonaResource } from "../present.ts";
import { LIST_FIELDS, type ListField } from "../schemas.ts";

const LIST_TITLES: Record<ListField, string> = {
  traits: "Traits",
  interests: "Interests",
  skills: "Skills",
  values: "Values",
  goals: "Goals",
  pain_points: "Pain points",
};

/**
 * A one-page Markdown profile: who the persona is, each list with the quote behind every item as a footnote-like
 * "(“…”)", and the sources it was built from. Every user-provided string is escaped so it cannot start Markdown
 * structure.
 */
export function toMarkdown(resource: PersonaResource): string {
  const p = resource.persona;
  const quote = (entries: Array<{ quote: string }> | undefined) => {
    const q = entries?.[0]?.quote.replace(/\s+/g, " ").trim();
    return q ? ` — “${mdInline(q.length > 160 ? `${q.slice(0, 159)}…` : q)}”` : "";
  };
  const facts: Array<[string, string | number | null]> = [
    ["Age", p.age],
    ["Occupation", p.occupation],
    ["Location", p.location],
    ["Communication style", p.communication_style],
  ];
  const lines = [`# ${mdInline(p.name ?? "Unnamed persona")}`, ""];
  const known = facts.filter(([, v]) => v !== null);
  if (known.length) {
    for (const [label, value] of known) lines.push(`- **${label}:** ${mdInline(String(value))}`);
    lines.push("");
  }
  if (p.background) lines.push("## Background", "", mdInline(p.background), "");
  for (const field of LIST_FIELDS) {
    if (p[field].length === 0) continue;
    lines.push(`## ${LIST_TITLES[field]}`, "");
    p[field].forEach((item, i) => {
      lines.push(`- ${mdInline(item)}${quote(resource.evidence[field][i])}`);
    });
    lines.push("");
  }
  lines.push("## Sources", "");
  for (const s of resource.sources) {
    const what = s.title ? mdInline(s.title) : s.url ? mdInline(s.url) : `${s.kind} material (${s.chars} characters)`;
    lines.push(`- ${what}${s.date ? `, ${s.date}` : ""}`);
  }
  lines.push(
    "",
    `_Persona ${resource.id}, version ${resource.version}, updated ${resource.updated_at}. Built by Persona Studio: every value above is quoted from its sources._`,
  );
  return `${lines.join("\n").trimEnd()}\n`;
}
