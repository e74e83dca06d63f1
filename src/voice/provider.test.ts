import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { FAKE_SPEECH, type FakeAudioUpstream, startFakeAudioUpstream } from "../../test/fakes/openai-audio-upstream.ts";
import { buildApp, newTenantAuth, readJson as read, sendJson, testServices } from "../../test/support/services.ts";
import { speakToWav } from "../../test/support/speech.ts";
import { ConversationResource, MessageResource } from "../chat/schemas.ts";
import type { Services } from "../context.ts";
import { ProjectResource } from "../prd/schemas.ts";
import { TranscriptionResource } from "./routes.ts";

const Reply = z.object({ message: MessageResource, user_message: MessageResource });
const SLOW = { timeout: 180_000 };

let fake: FakeAudioUpstream;
let services: Services;
let app: ReturnType<typeof buildApp>;
let auth: Record<string, string>;
let dir: string;
let wav: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  fake = await startFakeAudioUpstream();
  services = await testServices({ AUTH_MODE: "apikey", VOICE_BASE_URL: fake.url, VOICE_API_KEY: "voice-key" });
  app = buildApp(services);
  auth = await newTenantAuth(services);
  dir = await mkdtemp(join(tmpdir(), "voice-provider-"));
  wav = new Uint8Array((await speakToWav(dir, "answer", "we want a mobile app for small teams")).bytes);
});
afterAll(async () => {
  await services.database.close();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => fake.reset());

const call = (method: string, path: string, body?: unknown) => sendJson(app, method, path, body, auth);
const upload = (path: string, body: BodyInit, type: string) =>
  app.request(path, { method: "POST", body, headers: { ...auth, "content-type": type } });
async function interview() {
  const project = await read(await call("POST", "/v1/projects", { name: "Provider voice" }), ProjectResource);
  return read(
    await call("POST", `/v1/projects/${project.id}/conversations`, { interviewer: "pm" }),
    ConversationResource,
  );
}

describe("voice through an OpenAI-compatible provider (fake upstream on loopback)", () => {
  it("prefers the provider and says it is accurate", async () => {
    const caps = await (await app.request("/v1/capabilities", { headers: auth })).json();
    expect(caps.voice.transcription).toEqual({ engine: "openai", model: "whisper-1", low_accuracy: false });
    expect(caps.voice.speech).toEqual({ engine: "openai", model: "tts-1", formats: ["ogg", "wav"] });
  });

  it("transcribes through /audio/transcriptions: audio normalised to 16 kHz WAV, the key sent", SLOW, async () => {
    fake.script({ kind: "transcript", text: " We want a mobile app for small teams. " });
    const res = await upload("/v1/transcriptions", wav, "audio/wav");
    expect(res.status).toBe(200);
    const transcript = await read(res, TranscriptionResource);
    expect(transcript).toMatchObject({
      text: "We want a mobile app for small teams.",
      engine: "openai",
      low_accuracy: false,
      confidence: null,
      notice: null,
    });
    expect(transcript.duration_seconds).toBeGreaterThan(1.5);
    const [request] = fake.requests;
    expect(request?.path).toBe("/v1/audio/transcriptions");
    expect(request?.authorization).toBe("Bearer voice-key");
    expect(request?.contentType).toMatch(/^multipart\/form-data/);
    const sent = request?.body.toString("latin1") ?? "";
    expect(sent).toContain('name="model"\r\n\r\nwhisper-1');
    // The 16 kHz mono header ffmpeg's output was wrapped in: sample rate 16000 at byte 24 of the WAV.
    const wavStart = sent.indexOf("RIFF");
    expect(request?.body.readUInt32LE(wavStart + 24)).toBe(16_000);
  });

  it("stores the provider's transcript as the user message, and replies", SLOW, async () => {
    const conversation = await interview();
    fake.script({ kind: "transcript", text: "Let's call it YardWatch", duration: 2.4 });
    const res = await upload(`/v1/conversations/${conversation.id}/messages`, wav, "audio/wav");
    expect(res.status).toBe(200);
    const reply = await read(res, Reply);
    expect(reply.user_message.content).toBe("Let's call it YardWatch");
    expect(reply.user_message.transcript).toEqual({ engine: "openai", duration_seconds: 2.4, confidence: null });
    expect(reply.message.status).toBe("complete");
  });

  it("maps provider failures to clear problems and stores nothing", SLOW, async () => {
    const conversation = await interview();
    const count = async () =>
      (await (await call("GET", `/v1/conversations/${conversation.id}/messages`)).json()).data.length;
    const before = await count();
    fake.script({ kind: "error", status: 401 });
    const rejected = await upload(`/v1/conversations/${conversation.id}/messages`, wav, "audio/wav");
    expect(rejected.status).toBe(502);
    expect(await rejected.json()).toMatchObject({ code: "upstream_error" });
    fake.script({ kind: "error", status: 429, headers: { "retry-after-ms": "10" } }, { kind: "transcript", text: "" });
    const silent = await upload(`/v1/conversations/${conversation.id}/messages`, wav, "audio/wav");
    expect(silent.status).toBe(422);
    expect(await silent.json()).toMatchObject({ code: "no_speech" });
    expect(fake.requests).toHaveLength(3); // the 429 was retried once
    expect(await count()).toBe(before);
  });

  it("speaks a reply through /audio/speech, in Ogg/Opus or WAV, and serves it from the cache after", async () => {
    const conversation = await interview();
    const messages = (await (await call("GET", `/v1/conversations/${conversation.id}/messages`)).json()).data;
    const question = messages[0];
    const path = `/v1/conversations/${conversation.id}/messages/${question.id}/audio`;
    const first = await app.request(path, { headers: auth });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("audio/ogg");
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(FAKE_SPEECH.opus);
    const sent = JSON.parse(fake.requests[0]?.body.toString("utf8") ?? "{}");
    expect(sent).toMatchObject({ model: "tts-1", voice: "alloy", response_format: "opus" });
    expect(sent.input).not.toMatch(/[*#`]/);

    const again = await app.request(path, { headers: auth });
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(FAKE_SPEECH.opus);
    expect(fake.requests).toHaveLength(1);

    const wavRes = await app.request(`${path}?format=wav`, { headers: auth });
    expect(wavRes.headers.get("content-type")).toBe("audio/wav");
    expect(JSON.parse(fake.requests[1]?.body.toString("utf8") ?? "{}").response_format).toBe("wav");

    // Another tenant cannot hear it.
    const other = await newTenantAuth(services);
    expect((await app.request(path, { headers: other })).status).toBe(404);
  });
});
