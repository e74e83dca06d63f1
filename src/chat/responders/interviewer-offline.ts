import { and, eq, inArray } from "drizzle-orm";
import type { Ctx } from "../../context.ts";
import { personas } from "../../db/schema.ts";
import type { FlowStep, Interviewer } from "../../prd/interviewers.ts";
import { isCovered, type PrdDocument, SECTION_TITLES } from "../../prd/schemas.ts";
import { loadProject, type ProjectRow } from "../../prd/store.ts";
import type { ToolOutcome } from "../tools.ts";
import { streamText } from "./persona-offline.ts";
import type { Responder, ResponderInput } from "./types.ts";

/**
 * The scripted interviewer: runs the interviewer's question flow for real. Each answer is written into the PRD
 * through the same tools an LLM would call (update_prd, set_project_name, render_wireframe, update_whats_next,
 * ask_user_question); the step being answered is kept on the assistant message that asked it (meta.step).
 */

export const DONE_STEP = "__done";
const SKIP = /^\s*(skip|pass|n\/?a|none|nothing|no idea|not sure|don'?t know|i don'?t know|later)\s*[.!]*\s*$/i;
const MAX_SCREENS = 4;

const fill = (text: string, project: ProjectRow) => text.replaceAll("{name}", project.name);
const clean = (s: string) =>
  s
    .trim()
    .replace(/^([-*•]|\d+[.)])\s+/, "")
    .replace(/^["'“”]+|["'“”]+$/g, "")
    .replace(/[.!]+$/, "")
    .trim();
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** "a; b; c", one per line, or "a, b, c" when short: the list the user meant. */
export function splitList(answer: string, max = 20): string[] {
  let parts = answer
    .split(/;|\r?\n/)
    .map(clean)
    .filter(Boolean);
  if (parts.length === 1 && parts[0]?.includes(",")) {
    const byComma = (parts[0] ?? "")
      .split(/,\s*(?:and\s+)?|\s+and\s+(?=[^,]+$)/)
      .map(clean)
      .filter(Boolean);
    if (byComma.every((p) => p.length <= 80)) parts = byComma;
  }
  return parts.slice(0, max);
}

const splitSteps = (answer: string) =>
  answer
    .split(/->|→|=>|;|\r?\n|,\s*then\s+|\bthen\b/i)
    .map(clean)
    .filter(Boolean)
    .slice(0, 20);

const NFR_CATEGORIES: Array<[string, RegExp]> = [
  ["Performance", /\b(fast|speed|latency|loads?|\d+\s?m?s|milliseconds?|seconds?|performance|respon\w+ time)\b/i],
  ["Security", /\b(secur\w*|encrypt\w*|auth\w*|password|2fa|mfa|sso)\b/i],
  ["Privacy", /\b(privacy|gdpr|pii|personal data|consent|anonymi\w*)\b/i],
  ["Accessibility", /\b(access\w*|wcag|screen reader|contrast|a11y)\b/i],
  ["Reliability", /\b(uptime|availab\w*|reliab\w*|backup|offline)\b/i],
  ["Scalability", /\b(scal\w*|concurrent|users|requests per)\b/i],
  ["Platform", /\b(ios|android|mobile|desktop|browser|web|platform)\b/i],
];
const categoryOf = (text: string) => NFR_CATEGORIES.find(([, re]) => re.test(text))?.[0] ?? null;

function metricOf(text: string): { metric: string; target: string | null } {
  const m = /^(.+?)\s*(?::|—|–| - )\s*(.+)$/.exec(text);
  if (m?.[1] && m[2]) return { metric: cap(m[1].trim()), target: m[2].trim() };
  return { metric: cap(text), target: null };
}

/** A skeleton wireframe for a named screen: header with the product, the screen's title, content, action, nav. */
export function skeletonWireframe(product: string, screen: string, allScreens: string[]): string {
  const inner = 40;
  const clip = (s: string) => (s.length > inner - 2 ? `${s.slice(0, inner - 3)}…` : s);
  const row = (s = "") => `│ ${clip(s).padEnd(inner - 2)} │`;
  const line = (l: string, r: string) => `${l}${"─".repeat(inner)}${r}`;
  const card = `┌${"─".repeat(inner - 6)}┐`;
  const cardEnd = `└${"─".repeat(inner - 6)}┘`;
  const nav = allScreens.map((s) => (s === screen ? `[${s}]` : s)).join(" | ");
  const header = `${product.slice(0, inner - 12).padEnd(inner - 10)}[ Menu ]`;
  return [
    line("┌", "┐"),
    row(header),
    line("├", "┤"),
    row(screen.toUpperCase()),
    row(),
    `│  ${card}  │`,
    `│  │ ${"Content".padEnd(inner - 8)}│  │`,
    `│  │ ${"…".padEnd(inner - 8)}│  │`,
    `│  ${cardEnd}  │`,
    row(),
    row("[ Primary action ]   [ Cancel ]"),
    line("├", "┤"),
    row(nav),
    line("└", "┘"),
  ].join("\n");
}

/** The first question of an interview, also stored as the conversation's opening message. */
export function openingOf(interviewer: Interviewer, project: ProjectRow): { text: string; step: string } {
  const step = firstOpenStep(interviewer, project.prd);
  if (!step) {
    return {
      text: `${fill(interviewer.greeting, project)} Every section I ask about is already covered; tell me what to change.`,
      step: DONE_STEP,
    };
  }
  return { text: `${fill(interviewer.greeting, project)}\n\n${fill(step.question, project)}`, step: step.id };
}

function firstOpenStep(interviewer: Interviewer, doc: PrdDocument): FlowStep | undefined {
  return interviewer.flow[nextStepIndex(interviewer, 0, doc)];
}

/**
 * The workflow tracker picks the next question: the first step from `from` on whose section is still empty. Steps
 * that refine a section an earlier step of the flow already asked about (priorities, acceptance criteria) and choice
 * questions are always asked; a section another interviewer already covered is skipped.
 */
export function nextStepIndex(interviewer: Interviewer, from: number, doc: PrdDocument): number {
  for (let i = from; i < interviewer.flow.length; i++) {
    const step = interviewer.flow[i];
    if (!step) break;
    const refines = interviewer.flow.slice(0, i).some((earlier) => earlier.section === step.section);
    if (step.section === null || step.options || refines || !isCovered(doc, step.section)) return i;
  }
  return interviewer.flow.length;
}

function resolveChoice(input: ResponderInput, options: string[]): { key: string; label: string } | undefined {
  if (input.answer) return input.answer;
  const text = input.userText.trim().toLowerCase();
  const label = options.find((o) => o.toLowerCase() === text || text.includes(o.toLowerCase()));
  return label ? { key: "", label } : undefined;
}

async function optionsOf(step: FlowStep, doc: PrdDocument): Promise<string[]> {
  if (step.options === "features") return doc.functional_requirements.slice(0, 6).map((r) => r.title);
  return step.options ?? [];
}

interface Turn {
  input: ResponderInput;
  interviewer: Interviewer;
  project: ProjectRow;
  notes: string[];
}

const describe = (outcome: ToolOutcome, what: string): string => {
  if (!outcome.ok) return `I couldn't record ${what}: ${outcome.error}`;
  const result = outcome.result as { ids?: string[]; revision?: number };
  const ids = result.ids?.length ? ` (${result.ids.join(", ")})` : "";
  return `Noted in ${what}${ids}.`;
};

async function reload(turn: Turn): Promise<ProjectRow> {
  turn.project = await loadProject(turn.input.ctx.database.db, turn.input.ctx.tenantId, turn.project.id);
  return turn.project;
}

async function linkedPersonaUsers(ctx: Ctx, project: ProjectRow) {
  const cited = new Set(project.prd.target_users.map((u) => u.persona_id));
  const ids = project.personaIds.filter((id) => !cited.has(id));
  if (ids.length === 0) return [];
  const rows = await ctx.database.db
    .select({ id: personas.id, persona: personas.persona })
    .from(personas)
    .where(and(eq(personas.tenantId, ctx.tenantId), inArray(personas.id, ids)));
  return rows.map((r) => ({
    description: [r.persona.name ?? "A research persona", r.persona.occupation].filter(Boolean).join(", "),
    persona_id: r.id,
  }));
}

/** Applies the answer to `step`; returns false when the answer could not be used (the step is asked again). */
async function applyAnswer(turn: Turn, step: FlowStep): Promise<boolean> {
  const { input } = turn;
  const answer = input.userText.trim();
  const section = step.section ? SECTION_TITLES[step.section] : "the project";
  const prd = (args: Record<string, unknown>) => input.callTool("update_prd", args);

  if (SKIP.test(answer)) {
    if (step.section) {
      const outcome = await prd({
        section: "open_questions",
        mode: "append",
        items: [{ text: `${step.title}: not decided yet (${fill(step.question, turn.project)})` }],
      });
      turn.notes.push(outcome.ok ? "Skipped; I added it to the open questions." : "Skipped.");
    }
    return true;
  }

  switch (step.apply) {
    case "project_name": {
      if (/^\s*(keep|same|no change|keep it)\b/i.test(answer)) {
        turn.notes.push(`Keeping the name "${turn.project.name}".`);
        return true;
      }
      const m =
        /\b(?:called|named|name is)\s+["“]?([^"”.!?\n]+)/i.exec(answer) ??
        /^\s*(?:it's|it is)\s+["“]?([^"”.!?\n]+)/i.exec(answer);
      const name = clean(m?.[1] ?? answer).slice(0, 100);
      const outcome = await input.callTool("set_project_name", { name });
      turn.notes.push(
        outcome.ok ? `The project is now called "${name}".` : `I couldn't use that name: ${outcome.error}`,
      );
      return outcome.ok;
    }
    case "text":
      turn.notes.push(describe(await prd({ section: step.section, mode: "replace", text: answer }), section));
      return true;
    case "notes": {
      const items = splitList(answer).map((text) => ({ text: cap(text) }));
      turn.notes.push(describe(await prd({ section: step.section, mode: "append", items }), section));
      return true;
    }
    case "target_users": {
      const groups = splitList(answer).map((g) => ({ description: cap(g) }));
      const linked = await linkedPersonaUsers(input.ctx, turn.project);
      turn.notes.push(
        describe(await prd({ section: "target_users", mode: "append", items: [...groups, ...linked] }), section),
      );
      if (linked.length) turn.notes.push(`I also cited the linked research persona${linked.length > 1 ? "s" : ""}.`);
      return true;
    }
    case "journey": {
      const steps = splitSteps(answer).map(cap);
      const n = turn.project.prd.user_journeys.length;
      const title = n === 0 ? "Main journey" : `Journey ${n + 1}`;
      turn.notes.push(
        describe(await prd({ section: "user_journeys", mode: "append", items: [{ title, steps }] }), section),
      );
      return true;
    }
    case "features": {
      const items = splitList(answer).map((f) => ({
        title: cap(f),
        priority: "P1",
        acceptance_criteria: [`A user can ${lowerFirst(f)} from start to finish without help or errors.`],
      }));
      turn.notes.push(describe(await prd({ section: "functional_requirements", mode: "append", items }), section));
      return true;
    }
    case "priority": {
      const options = await optionsOf(step, turn.project.prd);
      const choice = resolveChoice(input, options);
      if (!choice) return false;
      const items = turn.project.prd.functional_requirements.map((r) => ({
        id: r.id,
        title: r.title,
        description: r.description,
        priority: r.title === choice.label ? "P0" : r.priority,
        acceptance_criteria: r.acceptance_criteria,
      }));
      const outcome = await prd({ section: "functional_requirements", mode: "replace", items });
      const chosen = turn.project.prd.functional_requirements.find((r) => r.title === choice.label);
      turn.notes.push(outcome.ok ? `${chosen?.id ?? choice.label} is now P0.` : describe(outcome, section));
      return true;
    }
    case "acceptance": {
      const criteria = splitList(answer);
      const reqs = turn.project.prd.functional_requirements;
      if (reqs.length === 0) {
        turn.notes.push(
          describe(
            await prd({
              section: "open_questions",
              mode: "append",
              items: criteria.map((c) => ({ text: `Acceptance criterion without a feature yet: ${c}` })),
            }),
            SECTION_TITLES.open_questions,
          ),
        );
        return true;
      }
      const items = reqs.map((r, i) => ({
        id: r.id,
        title: r.title,
        description: r.description,
        priority: r.priority,
        acceptance_criteria: criteria[i] ? [cap(criteria[i] ?? "")] : r.acceptance_criteria,
      }));
      turn.notes.push(describe(await prd({ section: "functional_requirements", mode: "replace", items }), section));
      return true;
    }
    case "nfr": {
      const items = splitList(answer).map((r) => ({ category: step.category ?? categoryOf(r), requirement: cap(r) }));
      turn.notes.push(describe(await prd({ section: "non_functional_requirements", mode: "append", items }), section));
      return true;
    }
    case "metrics": {
      const items = splitList(answer).map(metricOf);
      turn.notes.push(describe(await prd({ section: "success_metrics", mode: "append", items }), section));
      return true;
    }
    case "screens": {
      const screens = [...new Set(splitList(answer).map((s) => cap(s).slice(0, 40)))].slice(0, MAX_SCREENS);
      const rendered: string[] = [];
      for (const screen of screens) {
        const ascii = skeletonWireframe(turn.project.name, screen, screens);
        const outcome = await input.callTool("render_wireframe", { name: screen, ascii });
        if (outcome.ok) rendered.push(`${screen} (${(outcome.result as { url: string }).url})`);
        await reload(turn);
      }
      turn.notes.push(rendered.length ? `I sketched ${rendered.join(", ")}.` : "I couldn't sketch those screens.");
      return true;
    }
    case "decision": {
      const choice = resolveChoice(input, await optionsOf(step, turn.project.prd));
      if (!choice) return false;
      const decision = (step.decision ?? "{label}").replace("{label}", choice.label);
      const outcome = await prd({
        section: "decision_log",
        mode: "append",
        items: [{ decision, rationale: `chosen in the ${turn.interviewer.role.toLowerCase()} interview` }],
      });
      turn.notes.push(describe(outcome, SECTION_TITLES.decision_log));
      return true;
    }
    case "platform": {
      const choice = resolveChoice(input, await optionsOf(step, turn.project.prd));
      if (!choice) return false;
      const outcome = await prd({
        section: "non_functional_requirements",
        mode: "append",
        items: [{ category: "Platform", requirement: `Design for ${choice.label.toLowerCase()} first` }],
      });
      turn.notes.push(describe(outcome, section));
      return true;
    }
  }
}

async function keepWhatsNext(turn: Turn, nextIndex: number): Promise<void> {
  const { interviewer } = turn;
  const items = interviewer.flow.map((s, i) => ({
    id: `${interviewer.id}-${s.id}`,
    title: `${interviewer.name} (${interviewer.role}): ${s.title}`,
    status: i < nextIndex ? "done" : i === nextIndex ? "in_progress" : "todo",
  }));
  items.push({
    id: `${interviewer.id}-review`,
    title: `Review the PRD (GET /v1/projects/${turn.project.id}/prd?format=markdown)`,
    status: nextIndex >= interviewer.flow.length ? "in_progress" : "todo",
  });
  await turn.input.callTool("update_whats_next", { mode: "merge", items });
}

async function ask(turn: Turn, step: FlowStep, lead: string): Promise<void> {
  const { input } = turn;
  input.setMeta({ step: step.id, interviewer: turn.interviewer.id });
  const question = fill(step.question, turn.project);
  if (step.options) {
    const options = await optionsOf(step, turn.project.prd);
    if (options.length >= 2) {
      await streamText(input, lead.trim());
      await input.callTool("ask_user_question", { question, options });
      return;
    }
  }
  await streamText(input, `${lead}${lead ? "\n\n" : ""}${question}`);
}

export const offlineInterviewerResponder: Responder = {
  engine: "offline",
  async respond(input) {
    if (input.speaker.kind !== "interviewer") throw new Error("interviewer responder needs an interviewer");
    const { interviewer } = input.speaker;
    const turn: Turn = { input, interviewer, project: input.speaker.project, notes: [] };
    const lastStep = [...input.history].reverse().find((m) => m.role === "assistant" && typeof m.meta.step === "string")
      ?.meta.step as string | undefined;

    if (lastStep === undefined) {
      const opening = openingOf(interviewer, turn.project);
      input.setMeta({ step: opening.step, interviewer: interviewer.id });
      await streamText(input, opening.text);
      return;
    }
    if (lastStep === DONE_STEP) {
      if (/\b(again|restart|start over)\b/i.test(input.userText)) {
        const first = interviewer.flow[0];
        if (first) return ask(turn, first, "Let's go through it again.");
      }
      const missing = (await reload(turn)).prd;
      const open = interviewer.sections.filter((s) => !isCovered(missing, s)).map((s) => SECTION_TITLES[s]);
      input.setMeta({ step: DONE_STEP, interviewer: interviewer.id });
      await streamText(
        input,
        `We've been through all my questions. ${open.length ? `Still empty: ${open.join(", ")}.` : "Every section I own is covered."} Say "start over" to revise your answers.`,
      );
      return;
    }

    const index = interviewer.flow.findIndex((s) => s.id === lastStep);
    const step = interviewer.flow[index];
    if (!step) {
      const opening = openingOf(interviewer, turn.project);
      input.setMeta({ step: opening.step, interviewer: interviewer.id });
      await streamText(input, opening.text);
      return;
    }
    const used = await applyAnswer(turn, step);
    await reload(turn);
    if (!used) {
      const letters = (await optionsOf(step, turn.project.prd)).map((_, i) => String.fromCharCode(65 + i)).join(", ");
      await ask(turn, step, `Please answer with one of the letters (${letters}), or say "skip".`);
      return;
    }
    const nextIndex = nextStepIndex(interviewer, index + 1, turn.project.prd);
    await keepWhatsNext(turn, nextIndex);
    const next = interviewer.flow[nextIndex];
    const lead = turn.notes.join(" ");
    if (!next) {
      input.setMeta({ step: DONE_STEP, interviewer: interviewer.id });
      const open = interviewer.sections.filter((s) => !isCovered(turn.project.prd, s)).map((s) => SECTION_TITLES[s]);
      await streamText(
        input,
        `${lead}\n\nThat was my last question. ${open.length ? `Still empty: ${open.join(", ")}.` : "Every section I own is filled in."} Read the PRD at /v1/projects/${turn.project.id}/prd?format=markdown.`,
      );
      return;
    }
    await ask(turn, next, lead);
  },
};
