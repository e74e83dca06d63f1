import type { Ctx } from "../context.ts";
import { AppError } from "../errors.ts";
import { transcribeAudio } from "../voice/transcribe.ts";
import type { AudioInput } from "../voice/types.ts";
import { CHAT_LIMITS, type MessageTranscript } from "./schemas.ts";
import { loadConversation } from "./store.ts";

/**
 * A spoken message: the transcript of its audio becomes the message content. Everything that can fail here fails
 * before the reply begins, so nothing is stored for audio that was bad or held no speech.
 */
export async function spokenMessage({
  ctx,
  conversationId,
  audio,
  signal,
}: {
  ctx: Ctx;
  conversationId: string;
  audio: AudioInput;
  signal?: AbortSignal;
}): Promise<{ content: string; transcript: MessageTranscript }> {
  // A missing conversation is a 404 before the audio costs a transcription.
  await loadConversation(ctx.database.db, ctx.tenantId, conversationId);
  const { text, engine, duration_seconds, confidence } = await transcribeAudio({
    ctx,
    audio,
    ...(signal ? { signal } : {}),
  });
  const content = text.trim();
  if (content === "") {
    throw new AppError(
      "no_speech",
      `No speech was recognised in ${duration_seconds} s of audio; nothing was sent. Record again, or type the message.`,
    );
  }
  if (content.length > CHAT_LIMITS.messageChars) {
    throw new AppError(
      "payload_too_large",
      `The transcript is longer than a message may be (${CHAT_LIMITS.messageChars} characters); send shorter recordings`,
    );
  }
  return { content, transcript: { engine, duration_seconds, confidence } };
}
