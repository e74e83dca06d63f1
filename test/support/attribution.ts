/** Texts as a persona's sources, and what attribution makes of them, for tests of the subject and its sentences. */
import { identifySubject } from "../../src/synthesis/offline/attribution/subject.ts";
import { attribute } from "../../src/synthesis/offline/attribution/units.ts";
import { isAboutSubject, isSelf, type Unit } from "../../src/synthesis/offline/engine/unit.ts";
import type { CleanSource } from "../../src/synthesis/types.ts";

export function sources(...texts: string[]): CleanSource[] {
  return texts.map((text, order) => ({ id: `s${order}`, kind: "text", text, order }));
}

export function nameOf(...texts: string[]): string | null {
  return identifySubject(sources(...texts)).name?.value ?? null;
}

/** The sentences of the texts whose units pass `keep`, as plain strings. */
export function sentencesWhere(keep: (unit: Unit) => boolean, ...texts: string[]): string[] {
  const all = sources(...texts);
  const { model } = identifySubject(all);
  return attribute(all, model, [])
    .units.filter(keep)
    .map((u) => u.text);
}

/** The subject's sentences, in the first or third person. */
export const subjectSentences = (...texts: string[]) => sentencesWhere((u) => isAboutSubject(u) || isSelf(u), ...texts);
