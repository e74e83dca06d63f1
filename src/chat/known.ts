import type { PersonaRow } from "../personas/store.ts";
import type { ConversationRow, MessageRow } from "./store.ts";

/**
 * What this node last knew of a persona conversation: the state the statement that begins its next reply would read
 * (the conversation, its history after the summary, its persona), as the node's own last reply (or the conversation's
 * creation) left it. It lets beginReply send the model request while that statement runs; it is only a guess, so
 * the request is used only when the reply, built from what the statement read, sends the very same body.
 */
export interface KnownConversation {
  tenantId: string;
  conversation: ConversationRow;
  history: MessageRow[];
  persona: PersonaRow;
}

/** The most recently used conversations, oldest first (a Map keeps insertion order). */
const known = new Map<string, KnownConversation>();
/**
 * One row per persona version for all its conversations: each conversation's state came with its own copy, and with
 * a thousand chats open with one persona those copies were ~30 KB per stream (the streams bench).
 */
const personas = new Map<string, PersonaRow>();
const KNOWN_MAX = 1_000;

export function rememberConversation(state: KnownConversation): void {
  const key = `${state.tenantId}/${state.persona.id}`;
  const shared = personas.get(key);
  const persona =
    shared &&
    shared.version === state.persona.version &&
    shared.updatedAt.getTime() === state.persona.updatedAt.getTime()
      ? shared
      : state.persona;
  if (persona !== shared) personas.set(key, persona);
  known.delete(state.conversation.id);
  known.set(state.conversation.id, { ...state, persona });
  evictOldest(known);
  evictOldest(personas);
}

function evictOldest<V>(map: Map<string, V>): void {
  if (map.size <= KNOWN_MAX) return;
  const oldest = map.keys().next();
  if (!oldest.done) map.delete(oldest.value);
}

/**
 * Takes the conversation's state out (when it is the tenant's): a reply is beginning, and until it ends and leaves
 * the new state, a second message finds nothing here, so a 409 for a reply streaming on this node never calls the
 * model.
 */
export function takeKnownConversation(tenantId: string, id: string): KnownConversation | undefined {
  const state = known.get(id);
  if (!state || state.tenantId !== tenantId) return undefined;
  known.delete(id);
  return state;
}

/** Its messages were cleared or it was deleted. */
export function forgetConversation(id: string): void {
  known.delete(id);
}
