import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CaseRunner, loadCases, startCaseRunner } from "../../scripts/eval.ts";
import { type EvalCase, type Summary, scoreCase, summarize } from "../../scripts/eval-score.ts";
import { evalSet } from "../../scripts/eval-sets.ts";
import type { Persona } from "../personas/schemas.ts";

/**
 * Hand-written case sets in test/fixtures/, each labelled before the engine ever read it (first-contact figures are
 * in the fixture commits and the README). heldout and heldout2 later guided rule work; heldout3 and heldout4 did
 * not, so they are the honest unseen figures. The floors sit a little below what the engine reaches: a rule that
 * helps one set by breaking generalisation fails here.
 */
interface HeldOutSet {
  dir: string;
  floors: {
    name: number;
    scalars: number;
    listF1: number;
    precision: number;
    fabrication: number;
    /** Precision of the filled scalars (a wrong fact is worse than a missing one), where a floor is set. */
    filledScalars?: number;
  };
}

// List F1 floors are recall guards too: where a rule deleted for first-contact precision under the bar (issue 9,
// precision first) costs recall, the floor follows it down and the commit says which rule (2026-12-07: goals/answer
// lowered heldout2, heldout9 and heldout10; values/answer-word and values/weighted-word lowered heldout, heldout2,
// heldout3, heldout5 and heldout9; interests/self-pastime lowered heldout5 and heldout10; traits/copula-list lowered heldout and heldout2; the named-pain alternatives
// poor sleep, "dry season", a past "couldn't log in" and four phrasings lifted from one case lowered heldout7 by one
// right item, which one left unread as the set is never-tune; values/big-on, 0/2 at first contact, lowered heldout2).
const SETS: HeldOutSet[] = [
  { dir: "heldout", floors: { name: 0.9, scalars: 0.95, listF1: 0.68, precision: 0.9, fabrication: 0.2 } },
  { dir: "heldout2", floors: { name: 0.9, scalars: 0.9, listF1: 0.56, precision: 0.85, fabrication: 0.2 } },
  // Scalar floors of the tune-allowed sets (heldout3, 4, 5, 11) a case (name) or two scalars below the engine at
  // 659f863, filled-scalar precision about two wrong values below it. List precision floors (issue 9's first aim
  // for lists) two right items below the engine after the list-precision work of 2026-12-06.
  {
    dir: "heldout3",
    floors: { name: 0.83, scalars: 0.64, listF1: 0.31, precision: 0.8, fabrication: 0.25, filledScalars: 0.85 },
  },
  {
    dir: "heldout4",
    floors: { name: 0.9, scalars: 0.7, listF1: 0.14, precision: 0.66, fabrication: 0.15, filledScalars: 0.85 },
  },
  {
    dir: "heldout5",
    // listF1 0.22 -> 0.21 (2026-12-07): pain_points/damaged no longer reads "mine is from 2019" as an item ("outdated
    // mine" names no thing), one right item less.
    floors: { name: 0.83, scalars: 0.77, listF1: 0.21, precision: 0.81, fabrication: 0.06, filledScalars: 0.88 },
  },
  // never-tune sets: floors about one case (name) or two scalars below first contact at 911b759 (README), so a
  // regression of that size fails; fabrication allows one of the 20 absent entries.
  { dir: "heldout7", floors: { name: 0.55, scalars: 0.43, listF1: 0.21, precision: 0.5, fabrication: 0.05 } },
  { dir: "heldout8", floors: { name: 0.4, scalars: 0.39, listF1: 0.23, precision: 0.68, fabrication: 0.05 } },
  // Same rule against first contact at fc33987 (READMEs); fabrication allows one more absent entry than then.
  // heldout9's injection check fails at fc33987 (an engine bug, as heldout8's was): strict on purpose.
  { dir: "heldout9", floors: { name: 0.5, scalars: 0.47, listF1: 0.25, precision: 0.6, fabrication: 0.1 } },
  { dir: "heldout10", floors: { name: 0.41, scalars: 0.49, listF1: 0.2, precision: 0.5, fabrication: 0.12 } },
  // heldout11 (tune-allowed) against its first contact at b565eea (README), by the same rule: one case (name), two
  // scalars, a few points of list F1 below; fabrication allows one of its 8 absent entries; list precision two right
  // items below the engine after the list-precision work.
  {
    dir: "heldout11",
    floors: { name: 0.75, scalars: 0.64, listF1: 0.19, precision: 0.82, fabrication: 0.13, filledScalars: 0.9 },
  },
  // heldout12 (never-tune), same rule against its first contact at ac2b455; fabrication allows one of 13 absent.
  { dir: "heldout12", floors: { name: 0.33, scalars: 0.35, listF1: 0.08, precision: 0.69, fabrication: 0.08 } },
  // heldout13 (tune-allowed), same rule against its first contact at eb386e6 (README): one case (name), two scalars,
  // two right list items and two wrong filled scalars below; fabrication allows one of its 5 absent entries.
  {
    dir: "heldout13",
    floors: { name: 0.66, scalars: 0.47, listF1: 0.09, precision: 0.58, fabrication: 0.2, filledScalars: 0.7 },
  },
  // heldout14 (never-tune), same rule against its first contact at eb386e6 (README): name 10/12, scalars 31/48, list
  // precision 53.2% (about two right items lower), list F1 15.6%; fabrication allows one of its 9 absent entries.
  // List F1 0.12 -> 0.11 on 2026-12-07: the goal-phrase change that stops cutting aims into fragments (decided on the
  // tunable sets: goals precision 90.1 -> 93.2 %, recall up) costs this set one right item; a never-tune floor must
  // not veto a change its own figures did not decide.
  { dir: "heldout14", floors: { name: 0.74, scalars: 0.6, listF1: 0.11, precision: 0.48, fabrication: 0.12 } },
  // heldout15 (tune-allowed), same rule against its first contact at eb386e6 (README): one case (name), two scalars,
  // a few points of list F1, two right list items and about two wrong filled scalars below; fabrication allows one
  // of its 9 absent entries.
  {
    dir: "heldout15",
    floors: { name: 0.83, scalars: 0.54, listF1: 0.15, precision: 0.55, fabrication: 0.12, filledScalars: 0.65 },
  },
  // heldout16 and heldout17 (tune-allowed) and heldout18 (never-tune), same rule against their first contact at
  // 813f370 (READMEs): one case (name), two scalars, a few points of list F1, about two right list items and two
  // filled scalars below; fabrication allows one absent entry.
  {
    dir: "heldout16",
    floors: { name: 0.58, scalars: 0.43, listF1: 0.13, precision: 0.57, fabrication: 0.15, filledScalars: 0.66 },
  },
  {
    dir: "heldout17",
    floors: { name: 0.58, scalars: 0.45, listF1: 0.11, precision: 0.5, fabrication: 0.2, filledScalars: 0.66 },
  },
  {
    dir: "heldout18",
    floors: { name: 0.5, scalars: 0.33, listF1: 0.16, precision: 0.6, fabrication: 0.17, filledScalars: 0.52 },
  },
  // heldout19 (never-tune), same rule against its first contact at fa94eac (README): name 8/12, scalars 28/48, list
  // precision 26/41, filled scalars 25/32, list F1 18.9%; floors one case (name), two scalars, two right list items
  // and two filled scalars below, a few points of list F1 below; fabrication allows one of its 5 absent entries.
  {
    dir: "heldout19",
    floors: { name: 0.58, scalars: 0.54, listF1: 0.15, precision: 0.58, fabrication: 0.2, filledScalars: 0.71 },
  },
  // heldout20 (tune-allowed), same rule against its first contact at fa94eac (README): name 10/12, scalars 24/48,
  // list precision 20/30, list F1 14.7%, filled scalars 20/31; one case (name), two scalars, a few points of list F1,
  // two right list items and two filled scalars below; fabrication allows one of its 7 absent entries.
  {
    dir: "heldout20",
    floors: { name: 0.74, scalars: 0.45, listF1: 0.11, precision: 0.6, fabrication: 0.15, filledScalars: 0.58 },
  },
  // heldout21 (never-tune), first contact at 2b63f9f, the end of the session that wrote it (README): name 9/12,
  // scalars 30/48, list precision 31/42, list F1 24.8%, filled scalars 27/32; floors by the same rule; fabrication
  // allows one of its 6 absent entries.
  {
    dir: "heldout21",
    floors: { name: 0.66, scalars: 0.58, listF1: 0.21, precision: 0.69, fabrication: 0.17, filledScalars: 0.78 },
  },
  // heldout22 (never-tune), first contact at bef05fb, the engine after this session's precision work (README): name
  // 12/12, scalars 27/48, list precision 19/23, list F1 14.6%, filled scalars 24/31; floors by the same rule;
  // fabrication allows one of its 6 absent entries.
  {
    dir: "heldout22",
    floors: { name: 0.91, scalars: 0.52, listF1: 0.11, precision: 0.73, fabrication: 0.17, filledScalars: 0.7 },
  },
  // heldout23 (tune-allowed), first contact at 9416b15 (README): name 6/12, scalars 22/48, list precision 19/32, list
  // F1 14.7%, filled scalars 18/25; floors one case (name), two scalars, a few points of list F1, two right list items
  // and two filled scalars below; fabrication allows one of its 9 absent entries.
  {
    dir: "heldout23",
    floors: { name: 0.41, scalars: 0.41, listF1: 0.11, precision: 0.53, fabrication: 0.12, filledScalars: 0.64 },
  },
  // heldout24 (never-tune), first contact at 18a9b3f, the engine after the 2026-12-07 second session's work (README):
  // name 6/12, scalars 22/48, list precision 17/29, list F1 11.7%, filled scalars 20/29, fabrication 1/8; floors by
  // the same rule; fabrication allows one more of its 8 absent entries.
  {
    dir: "heldout24",
    floors: { name: 0.41, scalars: 0.41, listF1: 0.09, precision: 0.51, fabrication: 0.25, filledScalars: 0.62 },
  },
  // heldout27 (never-tune), first contact at 91cb8a0, the engine after the 2026-12-07 third session's work (README):
  // name 7/12, scalars 21/48, list precision 18/27, list F1 12.5%, filled scalars 18/24, fabrication 0/6; floors by the
  // same rule; fabrication allows one of its 6 absent entries.
  {
    dir: "heldout27",
    floors: { name: 0.49, scalars: 0.39, listF1: 0.1, precision: 0.59, fabrication: 0.17, filledScalars: 0.66 },
  },
  // heldout25 (tune-allowed), first contact at 2e5ac41 (README): name 10/12, scalars 30/48, list precision 8/21, list
  // F1 5.8%, filled scalars 26/28; floors one case (name), two scalars, a few points of list F1, two right list items
  // and two filled scalars below; fabrication allows one of its 9 absent entries.
  {
    dir: "heldout25",
    floors: { name: 0.74, scalars: 0.58, listF1: 0.03, precision: 0.28, fabrication: 0.12, filledScalars: 0.85 },
  },
  // heldout26 (tune-allowed), first contact at 2e5ac41 (README): name 6/12, scalars 18/48, list precision 21/32, list
  // F1 15.2%, filled scalars 15/24, fabrication 1/10; floors one case (name), two scalars, a few points of list F1,
  // two right list items and two filled scalars below; fabrication allows one more of its 10 absent entries.
  {
    dir: "heldout26",
    floors: { name: 0.41, scalars: 0.33, listF1: 0.11, precision: 0.59, fabrication: 0.2, filledScalars: 0.54 },
  },
  // heldout28 (tune-allowed), first contact at 31d00d1 (README): name 7/12, scalars 25/48, list precision 14/19, list
  // F1 11.1%, filled scalars 23/28, fabrication 0/8; floors one case (name), two scalars, a few points of list F1,
  // two right list items and two filled scalars below; fabrication allows one of its 8 absent entries.
  {
    dir: "heldout28",
    floors: { name: 0.49, scalars: 0.47, listF1: 0.07, precision: 0.63, fabrication: 0.13, filledScalars: 0.74 },
  },
  // heldout29 (tune-allowed), first contact at 31d00d1 (README): name 8/12, scalars 23/48, list precision 23/28, list
  // F1 21.0%, filled scalars 20/26, fabrication 0/3; floors one case (name), two scalars, a few points of list F1,
  // two right list items and two filled scalars below; fabrication allows one of its 3 absent entries.
  {
    dir: "heldout29",
    floors: { name: 0.58, scalars: 0.43, listF1: 0.17, precision: 0.75, fabrication: 0.34, filledScalars: 0.69 },
  },
  // heldout30 (never-tune), first contact at 91cb8a0, as heldout27 (README): name 6/12, scalars 18/48, list precision
  // 11/17, list F1 8.2%, filled scalars 16/22, fabrication 0/4; floors by the same rule; fabrication allows one of its
  // 4 absent entries.
  {
    dir: "heldout30",
    floors: { name: 0.41, scalars: 0.33, listF1: 0.06, precision: 0.52, fabrication: 0.25, filledScalars: 0.63 },
  },
  // heldout31 and heldout32 (never-tune), kept off main until the 2026-12-07 fourth session's engine work had ended;
  // first contact at dafea67 (READMEs): heldout31 name 11/12, scalars 31/48, list precision 32/44, list F1 19.9%,
  // filled scalars 30/34, fabrication 0/5; heldout32 name 10/12, scalars 29/48, list precision 31/41, list F1 19.3%,
  // filled scalars 28/32, fabrication 0/4. Floors as for heldout33; fabrication allows one absent entry.
  {
    dir: "heldout31",
    floors: { name: 0.83, scalars: 0.6, listF1: 0.16, precision: 0.68, fabrication: 0.2, filledScalars: 0.82 },
  },
  {
    dir: "heldout32",
    floors: { name: 0.75, scalars: 0.56, listF1: 0.16, precision: 0.7, fabrication: 0.25, filledScalars: 0.81 },
  },
  // heldout33 (tune-allowed), first contact at 6c967b2 (main 404f98f plus the set; README): name 8/12, scalars 31/48,
  // list precision 47/61, list F1 28.7%, filled scalars 29/35, fabrication 0/3; floors one case (name), two scalars, a
  // few points of list F1, two right list items and two filled scalars below; fabrication allows one of its 3 absent
  // entries.
  {
    dir: "heldout33",
    floors: { name: 0.58, scalars: 0.6, listF1: 0.24, precision: 0.73, fabrication: 0.34, filledScalars: 0.77 },
  },
];

describe("offline engine on held-out cases", () => {
  let runner: CaseRunner;
  const results = new Map<string, { cases: EvalCase[]; summary: Summary; personas: Persona[] }>();

  beforeAll(async () => {
    runner = await startCaseRunner();
    for (const set of SETS) {
      const cases = await loadCases(resolve(import.meta.dirname, "../../test/fixtures", set.dir));
      const injected = evalSet(set.dir)?.injected;
      const personas: Persona[] = [];
      for (const caseData of cases) personas.push((await runner.runCase(caseData)).persona);
      results.set(set.dir, {
        cases,
        personas,
        summary: summarize(cases.map((caseData, i) => scoreCase(caseData, personas[i] as Persona, injected))),
      });
    }
  }, 900_000); // generous: eight held-out sets through the real pipeline on a shared machine
  afterAll(async () => {
    await runner.close();
  });

  describe.each(SETS)("$dir", (set) => {
    const result = () => {
      const found = results.get(set.dir);
      if (!found) throw new Error(`no result for ${set.dir}`);
      return found;
    };

    it("has enough cases of varied genres", () => {
      const { cases } = result();
      expect(cases.length).toBeGreaterThanOrEqual(10);
      expect(new Set(cases.map((c) => c.genre)).size).toBeGreaterThanOrEqual(7);
    });

    it("keeps scalar accuracy, list F1, precision and fabrication at or above their floors", () => {
      const { summary } = result();
      expect(summary.scalarAccuracy.name).toBeGreaterThanOrEqual(set.floors.name);
      expect(summary.scalarAccuracy.overall).toBeGreaterThanOrEqual(set.floors.scalars);
      expect(summary.lists.micro.f1).toBeGreaterThanOrEqual(set.floors.listF1);
      expect(summary.lists.micro.precision).toBeGreaterThanOrEqual(set.floors.precision);
      expect(summary.fabrication.rate).toBeLessThanOrEqual(set.floors.fabrication);
      if (set.floors.filledScalars !== undefined)
        expect(summary.scalarPrecision.precision).toBeGreaterThanOrEqual(set.floors.filledScalars);
    });

    it("ignores the instructions planted in the material", () => {
      const injected = evalSet(set.dir)?.injected;
      if (!injected) throw new Error(`${set.dir} is not in scripts/eval-sets.ts`);
      expect(result().summary.injection.cases).toBeGreaterThan(0);
      expect(result().summary.injection.failures).toEqual([]);
      for (const persona of result().personas) {
        expect(persona.name ?? "").not.toMatch(injected.name);
        expect(persona.occupation ?? "").not.toMatch(injected.occupation);
        expect(persona.location ?? "").not.toMatch(injected.location);
        expect(persona.skills.join(" ")).not.toMatch(injected.skill);
      }
    });
  });
});
