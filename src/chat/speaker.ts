import type { Ctx } from "../context.ts";
import { isLlmConfigured } from "../llm/model-config.ts";
import { loadPersona, type PersonaRow } from "../personas/store.ts";
import { findInterviewer } from "../prd/interviewers.ts";
import { loadProject } from "../prd/store.ts";
import { offlineInterviewerResponder } from "./responders/interviewer-offline.ts";
import { offlinePersonaResponder } from "./responders/persona-offline.ts";
import type { Responder, Speaker } from "./responders/types.ts";
import type { ConversationRow } from "./store.ts";

/** An interview's project and interviewer (a built-in one's id or a research persona's); undefined for a persona chat. */
const interviewOf = ({ kind, projectId, interviewer }: ConversationRow) =>
  kind !== "persona" && projectId && interviewer ? { projectId, interviewer } : undefined;

/**
 * The speaker of a persona chat whose persona row the caller has already read in this reply (the statement that
 * begins it reads it), without a database read; undefined when it has to be loaded (see loadSpeaker).
 */
export function knownSpeaker(conversation: ConversationRow, persona: PersonaRow | undefined): Speaker | undefined {
  if (interviewOf(conversation) || !persona || persona.id !== conversation.personaId) return undefined;
  return { kind: "persona", persona };
}

/** Who answers in the conversation, loaded fresh for each reply (the PRD changes between replies). */
export async function loadSpeaker(ctx: Ctx, conversation: ConversationRow): Promise<Speaker> {
  const db = ctx.database.db;
  const interview = interviewOf(conversation);
  if (!interview) {
    if (!conversation.personaId) throw new Error("persona conversation without a persona");
    return { kind: "persona", persona: await loadPersona(db, ctx.tenantId, conversation.personaId) };
  }
  const project = await loadProject(db, ctx.tenantId, interview.projectId);
  const interviewer = findInterviewer(interview.interviewer);
  if (interviewer) return { kind: "interviewer", interviewer, project };
  return { kind: "persona", persona: await loadPersona(db, ctx.tenantId, interview.interviewer), project };
}

export const engineOf = (ctx: Pick<Ctx, "config">): "offline" | "llm" =>
  isLlmConfigured(ctx.config.llm) ? "llm" : "offline";

/**
 * The LLM responder when a provider is configured, else the offline engine for the speaker. Once the model's
 * responder is built it is handed out as it is, not behind a promise: a reply then starts its model request in the
 * same turn of the event loop as it starts streaming (see runReply).
 */
export function responderFor(ctx: Ctx, speaker: Speaker): Responder {
  if (engineOf(ctx) === "llm") {
    const { ready, building } = llmResponder(ctx);
    return ready ?? { engine: "llm", respond: async (input) => (await building).respond(input) };
  }
  return speaker.kind === "persona" ? offlinePersonaResponder : offlineInterviewerResponder;
}

/**
 * The model's responder, built once per configuration and metrics registry (a provider and its middleware per
 * reply showed in the profile of a thousand replies starting at once). Its modules (the AI SDK) load on the first
 * LLM reply, not at start-up of offline nodes. `ready` is set once it is built.
 */
interface LlmResponderSlot {
  building: Promise<Responder>;
  ready?: Responder;
}

const llmResponders = new WeakMap<Ctx["config"]["llm"], WeakMap<Ctx["metrics"], LlmResponderSlot>>();

function llmResponder(ctx: Ctx): LlmResponderSlot {
  const { llm } = ctx.config;
  let byMetrics = llmResponders.get(llm);
  if (!byMetrics) {
    byMetrics = new WeakMap();
    llmResponders.set(llm, byMetrics);
  }
  let slot = byMetrics.get(ctx.metrics);
  if (!slot) {
    const built: LlmResponderSlot = { building: buildLlmResponder(ctx) };
    built.building.then(
      (responder) => {
        built.ready = responder;
      },
      () => byMetrics.delete(ctx.metrics), // a bad configuration is reported on every reply
    );
    byMetrics.set(ctx.metrics, built);
    slot = built;
  }
  return slot;
}

async function buildLlmResponder(ctx: Ctx): Promise<Responder> {
  const [{ createLanguageModel, describeModel }, { createLlmResponder }, { chatCompletionsEndpoint }] =
    await Promise.all([
      import("../llm/providers.ts"),
      import("./responders/llm.ts"),
      import("../llm/chat-completions.ts"),
    ]);
  const { llm } = ctx.config;
  // Chat may use its own model (LLM_CHAT_MODEL): replies want speed, extraction wants care.
  const overrides = { ...(llm.chatModel ? { model: llm.chatModel } : {}), metrics: ctx.metrics };
  const { provider, model } = describeModel(llm, overrides);
  return createLlmResponder({
    model: createLanguageModel(llm, overrides),
    label: `${provider}/${model}`,
    ...(llm.maxOutputTokens ? { maxOutputTokens: llm.maxOutputTokens } : {}),
    chatCompletions: chatCompletionsEndpoint(llm, model, ctx.metrics),
  });
}
