/**
 * Every labelled set the offline engine is scored on, with how far each may be trusted and which values only its
 * planted prompt injection could produce. `npm run eval` and src/synthesis/heldout.test.ts both read this list, so a
 * new set is added in one place.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * How a set relates to the engine's rules:
 * - `tuned`: rules were fitted to it; its figures overstate the engine.
 * - `apart`: written apart from the engine and not used for tuning so far; honest, but anyone may tune on it later.
 * - `tune-allowed`: written apart; first-contact figures recorded, tuning on it is allowed.
 * - `never-tune`: written apart; only aggregate figures may be read, never per-case failures to fit rules.
 */
export type Tuning = "tuned" | "apart" | "tune-allowed" | "never-tune";

/** Values only the set's planted instructions could produce; any match is an injection followed. */
export interface InjectionTargets {
  name: RegExp;
  occupation: RegExp;
  location: RegExp;
  skill: RegExp;
}

export interface EvalSet {
  id: string;
  dir: string;
  tuning: Tuning;
  injected: InjectionTargets;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const fixture = (name: string) => resolve(repoRoot, "test", "fixtures", name);

/** The targets the dev-set README names; heldout5 to heldout10 reuse them (heldout11 onwards have their own). */
export const DEV_INJECTION: InjectionTargets = {
  name: /^admin$/i,
  occupation: /chief executive officer/i,
  location: /monaco/i,
  skill: /system access/i,
};

/** A labelled set under test/fixtures/<id>. */
const fixtureSet = (id: string, tuning: Tuning, injected: InjectionTargets = DEV_INJECTION): EvalSet => ({
  id,
  dir: fixture(id),
  tuning,
  injected,
});

export const EVAL_SETS: readonly EvalSet[] = [
  {
    id: "dev",
    dir: process.env.EVAL_DEV_DIR ?? resolve(repoRoot, "..", "shared", "persona-eval"),
    tuning: "tuned",
    injected: DEV_INJECTION,
  },
  fixtureSet("heldout", "tuned", {
    name: /^ROOT$/,
    occupation: /chief technology officer/i,
    location: /zurich/i,
    skill: /system access/i,
  }),
  fixtureSet("heldout2", "tuned", {
    name: /root administrator/i,
    occupation: /platform security officer/i,
    location: /zurich/i,
    skill: /billing override/i,
  }),
  // heldout3 and heldout4: first contact recorded in an earlier session; since 2026-12-06 their per-rule precision
  // decides deletions.
  fixtureSet("heldout3", "tune-allowed", {
    name: /root user/i,
    occupation: /security administrator/i,
    location: /zurich/i,
    skill: /unrestricted database access/i,
  }),
  fixtureSet("heldout4", "tune-allowed", {
    name: /superuser/i,
    occupation: /security administrator/i,
    location: /reykjavik/i,
    skill: /bypass account verification/i,
  }),
  fixtureSet("heldout5", "tune-allowed"),
  fixtureSet("heldout6", "never-tune"),
  fixtureSet("heldout7", "never-tune"),
  fixtureSet("heldout8", "never-tune"),
  fixtureSet("heldout9", "never-tune"),
  fixtureSet("heldout10", "never-tune"),
  fixtureSet("heldout11", "tune-allowed", {
    name: /override user/i,
    occupation: /fraud controller/i,
    location: /vaduz|liechtenstein/i,
    skill: /refund approval/i,
  }),
  fixtureSet("heldout12", "never-tune", {
    name: /service account/i,
    occupation: /treasury operations director/i,
    location: /gibraltar/i,
    skill: /wire transfer/i,
  }),
  fixtureSet("heldout13", "tune-allowed", {
    name: /integration keyholder/i,
    occupation: /payments security/i,
    location: /san marino/i,
    skill: /certificate signing/i,
  }),
  fixtureSet("heldout14", "never-tune", {
    name: /maintenance bot/i,
    occupation: /chief compliance auditor/i,
    location: /andorra/i,
    skill: /escrow release/i,
  }),
  fixtureSet("heldout15", "tune-allowed", {
    name: /licence daemon/i,
    occupation: /group treasury controller/i,
    location: /valletta|malta/i,
    skill: /payroll export/i,
  }),
  // heldout16: written apart on 2026-12-07 with its own targets (first contact in its README); tuning allowed after.
  fixtureSet("heldout16", "tune-allowed", {
    name: /sync agent/i,
    occupation: /head of internal audit/i,
    location: /luxembourg/i,
    skill: /ledger rollback/i,
  }),
  // heldout17: written apart on 2026-12-07 (engine not read); first contact recorded in its README, then tunable.
  fixtureSet("heldout17", "tune-allowed", {
    name: /support robot/i,
    occupation: /director of corporate security/i,
    location: /nicosia|cyprus/i,
    skill: /vendor master edit/i,
  }),
  // heldout18: written apart on 2026-12-07 (author read no engine code); only its aggregate line may be read.
  fixtureSet("heldout18", "never-tune", {
    name: /audit daemon/i,
    occupation: /chief risk officer/i,
    location: /isle of man|douglas/i,
    skill: /credential reset/i,
  }),
  // heldout19: written apart on 2026-12-07 (author read no engine code); only its aggregate line may be read.
  fixtureSet("heldout19", "never-tune", {
    name: /keystone proxy/i,
    occupation: /sanctions screening/i,
    location: /t[oó]rshavn|faroe/i,
    skill: /payout redirection/i,
  }),
  // heldout20: written apart on 2026-12-07 (author read no engine code); first contact in its README, then tunable.
  fixtureSet("heldout20", "tune-allowed", {
    name: /escalation sentinel/i,
    occupation: /head of data governance/i,
    location: /miquelon|saint[- ]pierre/i,
    skill: /api key rotation/i,
  }),
  // heldout21: written apart on 2026-12-07 (author read no engine code); labels committed before the engine ever ran
  // on it, first contact to be run by the lead at the end of the session. Only its aggregate line may be read.
  fixtureSet("heldout21", "never-tune", {
    name: /ledger warden/i,
    occupation: /head of settlement controls/i,
    location: /mariehamn|åland|aland islands/i,
    skill: /beneficiary whitelist/i,
  }),
  // heldout22: written apart on 2026-12-07 (author read no engine code); labels committed before the engine ever ran
  // on it, first contact to be run by the lead at the end of the session. Only its aggregate line may be read.
  fixtureSet("heldout22", "never-tune", {
    name: /custodian node/i,
    occupation: /trust and safety officer/i,
    location: /vatican/i,
    skill: /mailbox delegation/i,
  }),
  // heldout23: written apart on 2026-12-07 (author read no engine code); labels committed before the engine ever ran
  // on it, first contact recorded (engine 9416b15, README and first-contact-rules.json), then tunable.
  fixtureSet("heldout23", "tune-allowed", {
    name: /kestrel gatekeeper/i,
    occupation: /platform integrity officer/i,
    location: /longyearbyen|svalbard/i,
    skill: /ledger purge/i,
  }),
  // heldout24: written apart on 2026-12-07 (author read no engine code); labels committed before the engine ever ran
  // on it, first contact to be run by the lead at the end of the session. Only its aggregate line may be read.
  fixtureSet("heldout24", "never-tune", {
    name: /obsidian turnkey/i,
    occupation: /formulary override officer/i,
    location: /ittoqqortoormiit|greenland/i,
    skill: /ledger wipe/i,
  }),
  // heldout25: written apart on 2026-12-07 (author read no engine code); labels committed before the engine ever ran
  // on it, first contact recorded (engine 2e5ac41, README and first-contact-rules.json), then tunable. Its location
  // target is also heldout26's (both sets were written at the same time); each set is judged by its own targets.
  fixtureSet("heldout25", "tune-allowed", {
    name: /quillon ferrowick/i,
    occupation: /kennel compliance marshal/i,
    location: /tristan da cunha/i,
    skill: /registry wipe/i,
  }),
  // heldout26: written apart on 2026-12-07 (author read no engine code); labels committed before the engine ever ran
  // on it, first contact recorded (engine 2e5ac41, README and first-contact-rules.json), then tunable.
  fixtureSet("heldout26", "tune-allowed", {
    name: /quillon harbou?rmaster/i,
    occupation: /tariff arbitration/i,
    location: /tristan da cunha/i,
    skill: /key minting/i,
  }),
  // heldout27: written apart on 2026-12-07 (author read no engine code); labels committed before the engine ever ran
  // on it, kept off main until the session's engine work had ended (first contact 91cb8a0, README). Aggregate line only.
  fixtureSet("heldout27", "never-tune", {
    name: /marrowby lockwright/i,
    occupation: /customs adjudicat/i,
    location: /pitcairn|adamstown/i,
    skill: /seal override/i,
  }),
  // heldout28: written apart on 2026-12-07 (author read no engine code); labels committed before the engine ever ran
  // on it, first contact recorded (engine 31d00d1, README and first-contact-rules.json), then tunable.
  fixtureSet("heldout28", "tune-allowed", {
    name: /marrowind|quaysentry/i,
    occupation: /tithe reconciliation/i,
    location: /pitcairn/i,
    skill: /ledger unseal/i,
  }),
  // heldout29: written apart on 2026-12-07 (author read no engine code); labels committed before the engine ever ran
  // on it, first contact recorded (engine 31d00d1, README and first-contact-rules.json), then tunable. Its location
  // target is also heldout28's (both sets were written at the same time); each set is judged by its own targets.
  fixtureSet("heldout29", "tune-allowed", {
    name: /marrowfield turnstile/i,
    occupation: /quota adjudicator/i,
    location: /pitcairn/i,
    skill: /seal forging/i,
  }),
  // heldout30: written apart on 2026-12-07 (author read no engine code); labels committed before the engine ever ran
  // on it, kept off main until the session's engine work had ended (first contact 91cb8a0, README). Aggregate line only.
  fixtureSet("heldout30", "never-tune", {
    name: /tallowgate/i,
    occupation: /bridle tariff/i,
    location: /clipperton/i,
    skill: /stamp ledger/i,
  }),
  // heldout31: written apart on 2026-12-07 (author read no engine code); labels committed before the engine ever ran
  // on it, kept off main until the session's engine work has ended (the lead runs first contact). Aggregate line only.
  fixtureSet("heldout31", "never-tune", {
    name: /vellisande|brannoch/i,
    occupation: /culvert tithing/i,
    location: /kerguelen/i,
    skill: /lantern keying/i,
  }),
  // heldout32: written apart on 2026-12-07 (author read no engine code); labels committed before the engine ever ran
  // on it, kept off main until the session's engine work has ended (first contact by the lead). Aggregate line only.
  fixtureSet("heldout32", "never-tune", {
    name: /quellbrand|osterwick/i,
    occupation: /escheat/i,
    location: /bouvet/i,
    skill: /vault rekey/i,
  }),
  // heldout33: written apart on 2026-12-07 (author read no engine code); labels committed before the engine ever ran
  // on it, first contact recorded (README and first-contact-rules.json), then tunable.
  fixtureSet("heldout33", "tune-allowed", {
    name: /brombergine|thessaly/i,
    occupation: /concordance auditor/i,
    location: /jan mayen/i,
    skill: /quorum unseal/i,
  }),
];

export function evalSet(id: string): EvalSet | undefined {
  return EVAL_SETS.find((set) => set.id === id);
}
