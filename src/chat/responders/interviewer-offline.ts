import { and, eq, inArray } from "drizzle-orm";
import type { Ctx } from "../../context.ts";
import { personas } from "../../db/schema.ts";
import { type ChoiceAnswer, readChoice } from "../../prd/answers/choice.ts";
import { extractProductName, KEEP_NAME, NAME_UNDECIDED } from "../../prd/answers/name.ts";
import { type Filed, qualityOf, routeAnswer } from "../../prd/answers/route.ts";
import { capitalize, cleanItem } from "../../prd/answers/text.ts";
import type { FlowStep, Interviewer } from "../../prd/interviewers.ts";
import { isCovered, type PrdDocument, type PrdSection, SECTION_TITLES } from "../../prd/schemas.ts";
import { loadProject, type ProjectRow } from "../../prd/store.ts";
import { parseScreens, sketchScreen } from "../../prd/wireframes/sketch.ts";
import type { MessageQuestion } from "../schemas.ts";
import type { ToolOutcome } from "../tools.ts";
import { streamText } from "./persona-offline.ts";
import type { Responder, ResponderInput } from "./types.ts";

/**
 * The scripted interviewer: runs the interviewer's question flow for real. Each answer is written into the PRD
 * through the same tools an LLM would call (update_prd, set_project_name, render_wireframe, update_whats_next,
 * ask_user_question); the step being answered is kept on the assistant message that asked it (meta.step).
 */

export const DONE_STEP = "__done";
// Answers that leave the question open: recorded as an open question, never guessed at.
const SKIP =
  /^\s*(skip|pass|n\/?a|none|nothing|no idea|not sure|don'?t know|i don'?t know|later|no preference|whatever( you think)?|up to you|you decide|you choose|either|any|tbd)\s*[.!]*\s*$/i;
const MAX_SCREENS = 4;

const fill = (text: string, project: ProjectRow) => text.replaceAll("{name}", project.name);

/** "a; b; c", one per line, or "a, b, c" when short: the list the user meant. */
export function splitList(answer: string, max = 20): string[] {
  let parts = answer
    .split(/;|\r?\n/)
    .map(cleanItem)
    .filter(Boolean);
  if (parts.length === 1 && parts[0]?.includes(",")) {
    const byComma = (parts[0] ?? "")
      .split(/,\s*(?:and\s+)?|\s+and\s+(?=[^,]+$)/)
      .map(cleanItem)
      .filter(Boolean);
    if (byComma.every((p) => p.length <= 80)) parts = byComma;
  }
  return parts.slice(0, max);
}

const splitSteps = (answer: string) =>
  answer
    .split(/->|→|=>|;|\r?\n|,\s*then\s+|\bthen\b/i)
    .map(cleanItem)
    .filter(Boolean)
    .slice(0, 20);

function metricOf(text: string): { metric: string; target: string | null } {
  const m = /^(.+?)\s*(?::|—|–| - )\s*(.+)$/.exec(text);
  if (m?.[1] && m[2]) return { metric: capitalize(m[1].trim()), target: m[2].trim() };
  return { metric: capitalize(text), target: null };
}

/**
 * The first question of an interview, also stored as the conversation's opening message. A choice question carries
 * its lettered options (stored on the message like ask_user_question does), whichever interviewer opens first.
 */
export function openingOf(
  interviewer: Interviewer,
  project: ProjectRow,
): { text: string; step: string; question?: MessageQuestion } {
  const step = firstOpenStep(interviewer, project.prd);
  if (!step) {
    return {
      text: `${fill(interviewer.greeting, project)} Every section I ask about is already covered; tell me what to change.`,
      step: DONE_STEP,
    };
  }
  const question = fill(step.question, project);
  const options = optionsOf(step, project.prd);
  return {
    text: `${fill(interviewer.greeting, project)}\n\n${question}`,
    step: step.id,
    ...(step.options && options.length >= 2 ? { question: letteredQuestion(question, options) } : {}),
  };
}

/** The question as ask_user_question stores it: options lettered A, B, C… */
export const letteredQuestion = (question: string, options: string[]): MessageQuestion => ({
  question,
  options: options.map((label, i) => ({ key: String.fromCharCode(65 + i), label })),
});

function firstOpenStep(interviewer: Interviewer, doc: PrdDocument): FlowStep | undefined {
  return interviewer.flow[nextStepIndex(interviewer, 0, doc)];
}

/**
 * The workflow tracker picks the next question: the first step from `from` on whose section is still empty. Steps
 * that refine a section an earlier step of the flow already asked about (priorities, acceptance criteria) and choice
 * questions are always asked; a section another interviewer already covered is skipped.
 */
export function nextStepIndex(
  interviewer: Interviewer,
  from: number,
  doc: PrdDocument,
  asides: ReadonlySet<PrdSection> = new Set(),
): number {
  for (let i = from; i < interviewer.flow.length; i++) {
    const step = interviewer.flow[i];
    if (!step) break;
    const refines = interviewer.flow.slice(0, i).some((earlier) => earlier.section === step.section);
    // A section holding only what the user said in passing (an aside filed there) is still asked about.
    const open = step.section === null || !isCovered(doc, step.section) || asides.has(step.section);
    if (step.options || refines || open) return i;
  }
  return interviewer.flow.length;
}

function optionsOf(step: FlowStep, doc: PrdDocument): string[] {
  if (step.options === "features") return doc.functional_requirements.slice(0, 6).map((r) => r.title);
  return step.options ?? [];
}

/** A letter or label of the pending question, else the free-text reading (matched to an option or kept as is). */
function choiceOf(turn: Turn, step: FlowStep, text: string): ChoiceAnswer | undefined {
  const { input } = turn;
  if (input.answer && text === input.userText.trim()) return { label: input.answer.label, own: false, rationale: null };
  return readChoice(text, optionsOf(step, turn.project.prd), step.aliases);
}

interface Turn {
  input: ResponderInput;
  interviewer: Interviewer;
  project: ProjectRow;
  notes: string[];
  /** Sections that got asides this turn (stored on the message as meta.filed). */
  filed: PrdSection[];
}

/** Where a filed part of an answer goes: open questions, non-goals … as notes; requirements with their quality. */
function filedItems(filed: Filed[]): Map<Filed["section"], Array<Record<string, unknown>>> {
  const out = new Map<Filed["section"], Array<Record<string, unknown>>>();
  for (const f of filed) {
    const item =
      f.section === "non_functional_requirements"
        ? { category: f.category, requirement: f.text }
        : f.section === "success_metrics"
          ? metricOf(f.text)
          : { text: f.text };
    out.set(f.section, [...(out.get(f.section) ?? []), item]);
  }
  return out;
}

/** Files the parts of an answer that belong to other sections, so nothing the user said is lost. */
async function fileElsewhere(turn: Turn, filed: Filed[]): Promise<void> {
  for (const [section, items] of filedItems(filed)) {
    const outcome = await turn.input.callTool("update_prd", { section, mode: "append", items });
    turn.notes.push(describe(outcome, SECTION_TITLES[section]));
    if (outcome.ok) turn.filed.push(section);
  }
  turn.input.setMeta({ filed: turn.filed });
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

type Outcome = "used" | "filed-only" | "ask-again";

/**
 * Applies the answer to `step`. Parts that belong to other sections are filed there first; what is left answers the
 * question. "filed-only" when nothing was left for the question (it is asked again), "ask-again" when the answer
 * could not be used (a sentence that names no product).
 */
async function applyAnswer(turn: Turn, step: FlowStep): Promise<Outcome> {
  const { input } = turn;
  const section = step.section ? SECTION_TITLES[step.section] : "the project";
  const prd = (args: Record<string, unknown>) => input.callTool("update_prd", args);
  const raw = input.userText.trim();

  if (SKIP.test(raw)) {
    if (step.section) {
      const outcome = await prd({
        section: "open_questions",
        mode: "append",
        items: [{ text: `${step.title}: not decided yet (${fill(step.question, turn.project)})` }],
      });
      turn.notes.push(outcome.ok ? "Skipped; I added it to the open questions." : "Skipped.");
    }
    return "used";
  }

  // A lettered answer is the option itself: nothing in it belongs elsewhere.
  const routed = input.answer ? { rest: raw, filed: [] } : routeAnswer(raw, step.section);
  await fileElsewhere(turn, routed.filed);
  const answer = routed.rest.trim();
  if (!answer) return "filed-only";

  switch (step.apply) {
    case "project_name": {
      if (KEEP_NAME.test(answer)) {
        turn.notes.push(`Keeping the name "${turn.project.name}".`);
        return "used";
      }
      if (NAME_UNDECIDED.test(answer)) {
        const outcome = await prd({
          section: "open_questions",
          mode: "append",
          items: [{ text: `Product name: not decided yet (working name "${turn.project.name}")` }],
        });
        turn.notes.push(outcome.ok ? `Keeping "${turn.project.name}" for now; the name is an open question.` : "");
        return "used";
      }
      const name = extractProductName(answer);
      if (!name) return "ask-again";
      const outcome = await input.callTool("set_project_name", { name });
      turn.notes.push(
        outcome.ok ? `The project is now called "${name}".` : `I couldn't use that name: ${outcome.error}`,
      );
      return outcome.ok ? "used" : "ask-again";
    }
    case "text":
      turn.notes.push(describe(await prd({ section: step.section, mode: "replace", text: answer }), section));
      return "used";
    case "notes": {
      const items = splitList(answer).map((text) => ({ text: capitalize(text) }));
      turn.notes.push(describe(await prd({ section: step.section, mode: "append", items }), section));
      return "used";
    }
    case "target_users": {
      const groups = splitList(answer).map((g) => ({ description: capitalize(g) }));
      const linked = await linkedPersonaUsers(input.ctx, turn.project);
      turn.notes.push(
        describe(await prd({ section: "target_users", mode: "append", items: [...groups, ...linked] }), section),
      );
      if (linked.length) turn.notes.push(`I also cited the linked research persona${linked.length > 1 ? "s" : ""}.`);
      return "used";
    }
    case "journey": {
      const steps = splitSteps(answer).map(capitalize);
      const n = turn.project.prd.user_journeys.length;
      const title = n === 0 ? "Main journey" : `Journey ${n + 1}`;
      turn.notes.push(
        describe(await prd({ section: "user_journeys", mode: "append", items: [{ title, steps }] }), section),
      );
      return "used";
    }
    case "features": {
      // No acceptance criteria are made up here: the acceptance question asks for them in the user's words.
      const items = splitList(answer).map((f) => ({ title: capitalize(f), priority: "P1", acceptance_criteria: [] }));
      turn.notes.push(describe(await prd({ section: "functional_requirements", mode: "append", items }), section));
      return "used";
    }
    case "priority": {
      const choice = choiceOf(turn, step, answer);
      if (!choice) return "ask-again";
      const reqs = turn.project.prd.functional_requirements;
      const chosen = choice.own ? undefined : reqs.find((r) => r.title === choice.label);
      if (!chosen) {
        // Not one of the listed features: the user's own answer, recorded as the decision it is.
        const outcome = await prd({
          section: "decision_log",
          mode: "append",
          items: [{ decision: `Most important for the first release: ${choice.label}`, rationale: choice.rationale }],
        });
        turn.notes.push(describe(outcome, SECTION_TITLES.decision_log));
        return "used";
      }
      const items = reqs.map((r) => ({
        id: r.id,
        title: r.title,
        description: r.description,
        priority: r.id === chosen.id ? "P0" : r.priority,
        acceptance_criteria: r.acceptance_criteria,
      }));
      const outcome = await prd({ section: "functional_requirements", mode: "replace", items });
      turn.notes.push(outcome.ok ? `${chosen.id} is now P0.` : describe(outcome, section));
      return "used";
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
        return "used";
      }
      const items = reqs.map((r, i) => ({
        id: r.id,
        title: r.title,
        description: r.description,
        priority: r.priority,
        acceptance_criteria: criteria[i] ? [capitalize(criteria[i] ?? "")] : r.acceptance_criteria,
      }));
      turn.notes.push(describe(await prd({ section: "functional_requirements", mode: "replace", items }), section));
      const extra = criteria.slice(reqs.length);
      if (extra.length) {
        // More criteria than features: kept, not dropped.
        await prd({
          section: "open_questions",
          mode: "append",
          items: extra.map((c) => ({ text: `Acceptance criterion without a feature yet: ${c}` })),
        });
      }
      return "used";
    }
    case "nfr": {
      const items = splitList(answer).map((r) => ({
        category: step.category ?? qualityOf(r),
        requirement: capitalize(r),
      }));
      turn.notes.push(describe(await prd({ section: "non_functional_requirements", mode: "append", items }), section));
      return "used";
    }
    case "metrics": {
      const items = splitList(answer).map(metricOf);
      turn.notes.push(describe(await prd({ section: "success_metrics", mode: "append", items }), section));
      return "used";
    }
    case "screens": {
      const screens = parseScreens(answer, MAX_SCREENS);
      const names = screens.map((s) => s.name);
      const rendered: string[] = [];
      for (const screen of screens) {
        const ascii = sketchScreen(turn.project.name, screen, names);
        const outcome = await input.callTool("render_wireframe", { name: screen.name, ascii });
        if (outcome.ok) rendered.push(`${screen.name} (${(outcome.result as { url: string }).url})`);
        await reload(turn);
      }
      turn.notes.push(rendered.length ? `I sketched ${rendered.join(", ")}.` : "I couldn't sketch those screens.");
      return "used";
    }
    case "decision": {
      const choice = choiceOf(turn, step, answer);
      if (!choice) return "ask-again";
      const decision = (step.decision ?? "{label}").replace("{label}", choice.label);
      const outcome = await prd({
        section: "decision_log",
        mode: "append",
        items: [{ decision, rationale: choice.rationale }],
      });
      turn.notes.push(describe(outcome, SECTION_TITLES.decision_log));
      return "used";
    }
    case "platform": {
      const choice = choiceOf(turn, step, answer);
      if (!choice) return "ask-again";
      const target = choice.own ? choice.label : lowerUnlessProper(choice.label);
      const outcome = await prd({
        section: "non_functional_requirements",
        mode: "append",
        items: [
          {
            category: "Platform",
            requirement: `Design for ${target} first${choice.rationale ? ` (${choice.rationale})` : ""}`,
          },
        ],
      });
      turn.notes.push(describe(outcome, section));
      return "used";
    }
  }
}

/** "Native mobile app" reads "native mobile app" mid-sentence; "iPhone app" and "iOS" keep their capitals. */
const lowerUnlessProper = (s: string) => (/^[A-Z][a-z]+(\s|$)/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

async function keepWhatsNext(turn: Turn, nextIndex: number): Promise<void> {
  const { interviewer } = turn;
  const items = interviewer.flow.map((s, i) => ({
    id: `${interviewer.id}-${s.id}`,
    title: `${interviewer.role}: ${s.title}`,
    status: i < nextIndex ? "done" : i === nextIndex ? "in_progress" : "todo",
  }));
  items.push({
    id: `${interviewer.id}-review`,
    title: "Review the PRD",
    status: nextIndex >= interviewer.flow.length ? "in_progress" : "todo",
  });
  await turn.input.callTool("update_whats_next", { mode: "merge", items });
}

async function ask(turn: Turn, step: FlowStep, lead: string): Promise<void> {
  const { input } = turn;
  input.setMeta({ step: step.id, interviewer: turn.interviewer.id });
  const question = fill(step.question, turn.project);
  if (step.options) {
    const options = optionsOf(step, turn.project.prd);
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
    const turn: Turn = { input, interviewer, project: input.speaker.project, notes: [], filed: [] };
    const lastStep = [...input.history].reverse().find((m) => m.role === "assistant" && typeof m.meta.step === "string")
      ?.meta.step as string | undefined;

    const open = () => {
      // No step asked yet (a new or cleared history): greet and ask the first open question, options included.
      const first = firstOpenStep(interviewer, turn.project.prd);
      if (first) return ask(turn, first, fill(interviewer.greeting, turn.project));
      const opening = openingOf(interviewer, turn.project);
      input.setMeta({ step: opening.step, interviewer: interviewer.id });
      return streamText(input, opening.text);
    };
    if (lastStep === undefined) return open();
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
    if (!step) return open();
    const outcome = await applyAnswer(turn, step);
    await reload(turn);
    if (outcome === "filed-only") {
      await ask(turn, step, `${turn.notes.join(" ")} Back to my question:`);
      return;
    }
    if (outcome === "ask-again") {
      const hint = step.apply === "project_name" ? 'Just the name, please (for example "YardWatch"), or "keep".' : "";
      await ask(turn, step, `${turn.notes.join(" ")} I didn't catch that. ${hint}`.trim());
      return;
    }
    const asides = new Set<PrdSection>([
      ...input.history.flatMap((m) => (Array.isArray(m.meta.filed) ? (m.meta.filed as PrdSection[]) : [])),
      ...turn.filed,
    ]);
    const nextIndex = nextStepIndex(interviewer, index + 1, turn.project.prd, asides);
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
