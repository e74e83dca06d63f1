import type { Ctx } from "../context.ts";
import { isLlmConfigured } from "../llm/model-config.ts";
import { loadPersona, type PersonaRow } from "../personas/store.ts";
import { findInterviewer } from "../prd/interviewers.ts";
import { loadProject } from "../prd/store.ts";
import { offlineInterviewerResponder } from "./responders/interviewer-offline.ts";
import { offlinePersonaResponder } from "./responders/persona-offline.ts";
import type { Responder, Speaker } from "./responders/types.ts";
import type { ConversationRow } from "./store.ts";

/**
 * Who answers in the conversation, loaded fresh for each reply (the PRD changes between replies). `persona`: the
 * conversation's persona row when the caller has already read it in this reply.
 */
export async function loadSpeaker(
  ctx: Ctx,
  conversation: ConversationRow,
  persona?: PersonaRow | undefined,
): Promise<Speaker> {
  const db = ctx.database.db;
  if (conversation.kind === "persona" || !conversation.projectId || !conversation.interviewer) {
    if (!conversation.personaId) throw new Error("persona conversation without a persona");
    if (persona?.id === conversation.personaId) return { kind: "persona", persona };
    return { kind: "persona", persona: await loadPersona(db, ctx.tenantId, conversation.personaId) };
  }
  const project = await loadProject(db, ctx.tenantId, conversation.projectId);
  const interviewer = findInterviewer(conversation.interviewer);
  if (interviewer) return { kind: "interviewer", interviewer, project };
  return { kind: "persona", persona: await loadPersona(db, ctx.tenantId, conversation.interviewer), project };
}

export const engineOf = (ctx: Pick<Ctx, "config">): "offline" | "llm" =>
  isLlmConfigured(ctx.config.llm) ? "llm" : "offline";

/** The LLM responder when a provider is configured, else the offline engine for the speaker. */
export function responderFor(ctx: Ctx, speaker: Speaker): Responder {
  if (engineOf(ctx) === "llm")
    return { engine: "llm", respond: async (input) => (await llmResponder(ctx)).respond(input) };
  return speaker.kind === "persona" ? offlinePersonaResponder : offlineInterviewerResponder;
}

/**
 * The model's responder, built once per configuration and metrics registry (a provider and its middleware per
 * reply showed in the profile of a thousand replies starting at once). Its modules (the AI SDK) load on the first
 * LLM reply, not at start-up of offline nodes.
 */
const llmResponders = new WeakMap<Ctx["config"]["llm"], WeakMap<Ctx["metrics"], Promise<Responder>>>();

function llmResponder(ctx: Ctx): Promise<Responder> {
  const { llm } = ctx.config;
  let byMetrics = llmResponders.get(llm);
  if (!byMetrics) {
    byMetrics = new WeakMap();
    llmResponders.set(llm, byMetrics);
  }
  let responder = byMetrics.get(ctx.metrics);
  if (!responder) {
    responder = buildLlmResponder(ctx);
    byMetrics.set(ctx.metrics, responder);
    responder.catch(() => byMetrics.delete(ctx.metrics)); // a bad configuration is reported on every reply
  }
  return responder;
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
