import { and, eq } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import { messageAudio, messages } from "../db/schema.ts";
import { AppError, notFound } from "../errors.ts";
import { speakableText } from "./speakable.ts";
import type { SpeechFormat, SpokenAudio } from "./types.ts";

/**
 * An assistant message, spoken: from the cache when this voice already said it in this format, else synthesised and,
 * once the message is complete (it can no longer change), cached.
 */
export async function speakMessage({
  ctx,
  conversationId,
  messageId,
  format: wanted,
  signal,
}: {
  ctx: Ctx;
  conversationId: string;
  messageId: string;
  format: SpeechFormat | undefined;
  signal?: AbortSignal;
}): Promise<SpokenAudio & { truncated: boolean; final: boolean }> {
  const synthesizer = ctx.voice.synthesizer;
  if (!synthesizer) {
    throw new AppError(
      "voice_unavailable",
      "This server cannot speak: configure a voice provider or install espeak-ng",
    );
  }
  const db = ctx.database.db;
  const [message] = await db
    .select({ role: messages.role, content: messages.content, status: messages.status })
    .from(messages)
    .where(
      and(eq(messages.tenantId, ctx.tenantId), eq(messages.conversationId, conversationId), eq(messages.id, messageId)),
    );
  if (!message) throw notFound("Message");
  if (message.role !== "assistant") {
    throw new AppError("validation_failed", "Only the assistant's replies are spoken; this message is the user's");
  }
  const format = wanted ?? synthesizer.formats[0] ?? "wav";
  if (!synthesizer.formats.includes(format)) {
    throw new AppError("validation_failed", `This server speaks in ${synthesizer.formats.join(", ")}, not ${format}`, {
      errors: [{ path: "format", message: `one of ${synthesizer.formats.join(", ")}` }],
    });
  }
  const { text, truncated } = speakableText(message.content);
  if (text === "") throw new AppError("validation_failed", "This message has no words to speak");

  const voice = synthesizer.voice;
  const key = and(
    eq(messageAudio.tenantId, ctx.tenantId),
    eq(messageAudio.messageId, messageId),
    eq(messageAudio.voice, voice),
    eq(messageAudio.format, format),
  );
  const [cached] = await db.select({ audio: messageAudio.audio }).from(messageAudio).where(key);
  const final = message.status === "complete";
  if (cached) return { bytes: new Uint8Array(cached.audio), format, truncated, final };

  const spoken = await synthesizer.speak(text, format, signal);
  if (final) {
    await db
      .insert(messageAudio)
      .values({ tenantId: ctx.tenantId, messageId, voice, format, audio: Buffer.from(spoken.bytes) })
      .onConflictDoNothing();
  }
  return { ...spoken, truncated, final };
}
