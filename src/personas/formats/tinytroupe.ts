import { z } from "@hono/zod-openapi";
import type { PersonaResource } from "../present.ts";
import type { Persona } from "../schemas.ts";

/**
 * TinyTroupe agent specifications (`*.agent.json`, loaded with `TinyPerson.load_specification`): `{ type:
 * "TinyPerson", persona: {…} }`, where the persona dictionary uses TinyTroupe's own keys (residence, occupation
 * {title, organization, description}, style, personality.traits, preferences.interests/dislikes, skills, beliefs,
 * long_term_goals, other_facts). Each persona field maps to the key TinyTroupe reads for the same thing.
 */

const Strings = z.array(z.string()).optional();

export const TinyPersonSpec = z.object({
  type: z.literal("TinyPerson"),
  persona: z
    .object({
      name: z.string().optional(),
      age: z.union([z.number(), z.string()]).optional(),
      residence: z.string().optional(),
      occupation: z
        .union([
          z.string(),
          z.object({ title: z.string().optional(), description: z.string().optional() }).passthrough(),
        ])
        .optional(),
      style: z.string().optional(),
      personality: z.object({ traits: Strings }).passthrough().optional(),
      preferences: z.object({ interests: Strings, dislikes: Strings }).passthrough().optional(),
      skills: Strings,
      beliefs: Strings,
      long_term_goals: Strings,
      other_facts: Strings,
    })
    .passthrough(),
});
export type TinyPersonSpec = z.infer<typeof TinyPersonSpec>;

export function toTinyPerson(resource: PersonaResource) {
  const p = resource.persona;
  const present = <T>(key: string, value: T | null) => (value === null ? {} : { [key]: value });
  return {
    type: "TinyPerson" as const,
    persona: {
      name: p.name ?? "Unnamed persona",
      ...present("age", p.age),
      ...present("residence", p.location),
      ...(p.occupation ? { occupation: { title: p.occupation, organization: "", description: p.occupation } } : {}),
      ...present("style", p.communication_style),
      personality: { traits: p.traits },
      preferences: { interests: p.interests, likes: [], dislikes: p.pain_points },
      skills: p.skills,
      beliefs: p.values,
      long_term_goals: p.goals,
      other_facts: p.background ? [p.background] : [],
    },
  };
}

export function personaFromTinyPerson(spec: TinyPersonSpec): Partial<Persona> {
  const t = spec.persona;
  const age = typeof t.age === "number" ? t.age : t.age && /^\d{1,3}$/.test(t.age.trim()) ? Number(t.age) : null;
  const occupation = typeof t.occupation === "string" ? t.occupation : (t.occupation?.title ?? null);
  return {
    name: t.name?.trim() || null,
    age: age !== null && Number.isInteger(age) ? age : null,
    location: t.residence?.trim() || null,
    occupation: occupation?.trim() || null,
    communication_style: t.style?.trim() || null,
    background: t.other_facts?.length ? t.other_facts.join(" ") : null,
    traits: t.personality?.traits ?? [],
    interests: t.preferences?.interests ?? [],
    skills: t.skills ?? [],
    values: t.beliefs ?? [],
    goals: t.long_term_goals ?? [],
    pain_points: t.preferences?.dislikes ?? [],
  };
}
