import { z } from "@hono/zod-openapi";
import type { PersonaResource } from "../present.ts";
import { Persona } from "../schemas.ts";

/**
 * Character Card V2 (spec `chara_card_v2`) and V3 (`chara_card_v3`), the formats SillyTavern, RisuAI and other chat
 * front-ends exchange characters in. The card's free-text fields are written from the persona (a description, a
 * personality line, a first message in character); the persona itself rides along in `data.extensions.persona_studio`
 * (the specs' place for application data), so a card exported here imports back without loss.
 */

export const EXTENSION = "persona_studio";

const Extension = z.object({ format_version: z.literal(1), id: z.string().optional(), persona: Persona.partial() });

const CardData = z
  .object({
    name: z.string().max(300),
    description: z.string().optional(),
    personality: z.string().optional(),
    tags: z.array(z.string()).optional(),
    extensions: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();

export const CardV2 = z.object({ spec: z.literal("chara_card_v2"), spec_version: z.string(), data: CardData });
export const CardV3 = z.object({ spec: z.literal("chara_card_v3"), spec_version: z.string(), data: CardData });
export type CardData = z.infer<typeof CardData>;

const sentence = (s: string) => (/[.!?…]$/.test(s) ? s : `${s}.`);
const withArticle = (s: string) => (/^(a|an|the)\s/i.test(s) ? s : `${/^[aeiou]/i.test(s) ? "an" : "a"} ${s}`);
const list = (label: string, items: string[]) => (items.length ? [`${label}: ${items.join("; ")}.`] : []);

/** The card's description: who the persona is, then each list the persona has, one line each. */
function describe(p: Persona): string {
  const who = [
    p.name ?? "This person",
    p.age !== null ? `, ${p.age},` : "",
    p.occupation
      ? ` works as ${withArticle(p.occupation.charAt(0).toLowerCase() + p.occupation.slice(1))}`
      : " is a person",
    p.location ? ` in ${p.location}` : "",
  ].join("");
  return [
    sentence(who),
    ...(p.background ? [sentence(p.background)] : []),
    ...list("Interests", p.interests),
    ...list("Skills", p.skills),
    ...list("Values", p.values),
    ...list("Goals", p.goals),
    ...list("Frustrations", p.pain_points),
    ...(p.communication_style ? [`Communication style: ${sentence(p.communication_style)}`] : []),
  ].join("\n");
}

function cardData(resource: PersonaResource, sources: number) {
  const p = resource.persona;
  const name = p.name ?? "Unnamed persona";
  return {
    name,
    description: describe(p),
    personality: p.traits.join(", "),
    scenario: "",
    first_mes: `Hi, I'm ${name}${p.occupation ? `, ${withArticle(p.occupation.charAt(0).toLowerCase() + p.occupation.slice(1))}` : ""}. What would you like to know?`,
    mes_example: "",
    creator_notes:
      `A research persona built by Persona Studio from ${sources} source${sources === 1 ? "" : "s"}. Every value ` +
      "came from the sources; answer only from what the description says and admit what it does not cover.",
    system_prompt: "",
    post_history_instructions: "",
    alternate_greetings: [] as string[],
    tags: ["persona", "research persona"],
    creator: "Persona Studio",
    character_version: String(resource.version),
    extensions: { [EXTENSION]: { format_version: 1, id: resource.id, persona: p } },
  };
}

export function toCardV2(resource: PersonaResource) {
  return { spec: "chara_card_v2" as const, spec_version: "2.0", data: cardData(resource, resource.sources.length) };
}

export function toCardV3(resource: PersonaResource) {
  const seconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
  return {
    spec: "chara_card_v3" as const,
    spec_version: "3.0",
    data: {
      ...cardData(resource, resource.sources.length),
      group_only_greetings: [] as string[],
      assets: [{ type: "icon", uri: "ccdefault:", name: "main", ext: "png" }],
      source: [`persona-studio:${resource.id}`],
      creation_date: seconds(resource.created_at),
      modification_date: seconds(resource.updated_at),
    },
  };
}

const splitTraits = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((t) => t.trim().replace(/[.!]+$/, ""))
    .filter(Boolean);

/**
 * The persona in a card. A card written here carries the persona itself (its name follows the card's, in case it was
 * renamed in another app); any other card gives what it plainly says: its name, its description as the background
 * and the short items of its personality line as traits. Nothing else is guessed from the prose.
 */
export function personaFromCard(data: CardData): Partial<Persona> {
  const parsed = Extension.safeParse(data.extensions?.[EXTENSION]);
  if (parsed.success) return { ...parsed.data.persona, name: data.name.trim() || parsed.data.persona.name || null };
  const traits = data.personality ? splitTraits(data.personality) : [];
  return {
    name: data.name.trim() || null,
    background: data.description?.trim() || null,
    traits: traits.every((t) => t.length <= 60) ? traits : [],
  };
}
