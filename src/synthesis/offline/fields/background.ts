import { type Candidate, fromUnit } from "../engine/candidate.ts";
import { isSelf, type Unit } from "../engine/unit.ts";

export function backgroundCandidates(units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  for (const unit of units) {
    if (unit.text.length < 40 || unit.text.length > 400 || unit.quoted) continue;
    const thirdPersonBio =
      unit.topic === "subject" && unit.topicBy !== "implicit" && !unit.firstPerson && !/\?/.test(unit.text);
    const selfIntro = isSelf(unit) && /\b(?:I'm|I am|Im|soy)\s+(?:a|an|\p{Lu})/u.test(unit.text);
    // Earlier sentences introduce; later ones add detail. A small decay keeps the first one on top.
    const decay = out.length * 0.01;
    if (thirdPersonBio) out.push(fromUnit(unit, "background", unit.text, 0.6 - decay));
    else if (selfIntro) out.push(fromUnit(unit, "background", unit.text, 0.5 - decay));
    if (out.length >= 3) break;
  }
  return out;
}
