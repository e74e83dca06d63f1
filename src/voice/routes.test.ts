import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  buildApp,
  newTenantAuth,
  readJson as read,
  STORES,
  sendJson,
  testConfig,
  testServices,
} from "../../test/support/services.ts";
import { convertAudio, speakToWav } from "../../test/support/speech.ts";
import { ConversationResource, MessageResource } from "../chat/schemas.ts";
import type { Services } from "../context.ts";
import { ProjectResource } from "../prd/schemas.ts";
import { wavFromPcm } from "./audio.ts";
import { createVoice } from "./engines.ts";
import { TranscriptionResource } from "./routes.ts";

const Reply = z.object({ message: MessageResource, user_message: MessageResource });
const Page = z.object({ data: z.array(MessageResource), next_cursor: z.string().nullable() });
const SENTENCE = "people should be able to share a report with their manager";
const SLOW = { timeout: 240_000 };

let dir: string;
// Copies into plain ArrayBuffer-backed arrays, the type fetch bodies and Files take.
let wav: Uint8Array<ArrayBuffer>;
let ogg: Uint8Array<ArrayBuffer>;
const silence = new Uint8Array(wavFromPcm(new Uint8Array(16_000 * 2 * 2)));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "voice-routes-"));
  wav = new Uint8Array((await speakToWav(dir, "sentence", SENTENCE)).bytes);
  ogg = new Uint8Array(await convertAudio(join(dir, "sentence.wav"), join(dir, "sentence.ogg"), ["-c:a", "libopus"]));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function form(bytes: Uint8Array<ArrayBuffer>, type: string, name: string, field = "audio"): FormData {
  const body = new FormData();
  body.set(field, new File([bytes], name, { type }));
  return body;
}

/** Server-sent events as [event, data] pairs. */
function parseSse(text: string): Array<[string, unknown]> {
  return text
    .split("\n\n")
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      return event && data ? ([event, JSON.parse(data)] as [string, unknown]) : undefined;
    })
    .filter((pair) => pair !== undefined);
}

describe("POST /v1/transcriptions", () => {
  let services: Services;
  let app: ReturnType<typeof buildApp>;

  beforeAll(async () => {
    services = await testServices({ VOICE_MAX_BYTES: String(1024 * 1024) });
    app = buildApp(services);
  });
  afterAll(async () => {
    await services.database.close();
  });

  const post = async (body: BodyInit, headers: Record<string, string> = {}) =>
    app.request("/v1/transcriptions", { method: "POST", body, headers });

  it("transcribes an audio body, a browser's multipart upload and curl's untyped file part alike", SLOW, async () => {
    const answers = [
      await post(wav, { "content-type": "audio/wav" }),
      await post(form(ogg, "audio/ogg;codecs=opus", "blob")),
      await post(form(wav, "application/octet-stream", "answer.wav")),
    ];
    const texts: string[] = [];
    for (const res of answers) {
      expect(res.status).toBe(200);
      const transcript = await read(res, TranscriptionResource);
      expect(transcript).toMatchObject({ engine: "pocketsphinx", low_accuracy: true, notice: null });
      expect(transcript.duration_seconds).toBeGreaterThan(2);
      expect(transcript.text.split(" ").length).toBeGreaterThan(2);
      texts.push(transcript.text);
    }
    // The same recording, whichever way it came, is heard the same way.
    expect(texts[2]).toBe(texts[0]);
  });

  it("answers silence with an empty transcript and a notice, not an error", SLOW, async () => {
    const res = await post(silence, { "content-type": "audio/wav" });
    expect(res.status).toBe(200);
    const transcript = await read(res, TranscriptionResource);
    expect(transcript.text).toBe("");
    expect(transcript.notice).toMatch(/No speech was recognised in 2 s/);
  });

  it("answers bad audio with a clear 4xx problem", SLOW, async () => {
    const cases: Array<[string, () => Promise<Response>, number, string]> = [
      ["empty body", () => post(new Uint8Array(), { "content-type": "audio/wav" }), 400, "bad_request"],
      ["text", () => post("hello", { "content-type": "text/plain" }), 415, "unsupported_media_type"],
      ["json", () => post("{}", { "content-type": "application/json" }), 415, "unsupported_media_type"],
      ["image part", () => post(form(wav, "image/png", "x.png")), 415, "unsupported_media_type"],
      ["no audio part", () => post(form(wav, "audio/wav", "a.wav", "file")), 422, "validation_failed"],
      [
        "malformed multipart",
        () => post("--x\r\nnonsense", { "content-type": "multipart/form-data; boundary=x" }),
        400,
        "bad_request",
      ],
      [
        "too big",
        () => post(new Uint8Array(1024 * 1024 + 1), { "content-type": "audio/wav" }),
        413,
        "payload_too_large",
      ],
      ["truncated", () => post(ogg.subarray(0, 100), { "content-type": "audio/ogg" }), 422, "validation_failed"],
      [
        "playlist",
        () => post("#EXTM3U\n#EXTINF:1,\n/etc/passwd\n", { "content-type": "audio/mpeg" }),
        422,
        "validation_failed",
      ],
    ];
    for (const [name, send, status, code] of cases) {
      const res = await send();
      expect(res.status, name).toBe(status);
      expect(res.headers.get("content-type"), name).toContain("application/problem+json");
      expect((await res.json()).code, name).toBe(code);
    }
  });

  it("answers 501 when the server has no transcription engine", async () => {
    const bare = buildApp({ ...services, voice: await createVoice(testConfig().voice, NO_PROGRAMS) });
    const res = await bare.request("/v1/transcriptions", {
      method: "POST",
      body: wav,
      headers: { "content-type": "audio/wav" },
    });
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ code: "voice_unavailable" });
  });
});

const NO_PROGRAMS = { ffmpeg: false, pocketsphinx: false, espeak: false };

for (const store of STORES) {
  describe(`spoken messages, on ${store.name}`, () => {
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let auth: Record<string, string>;

    beforeAll(async () => {
      services = await testServices({ DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey" });
      app = buildApp(services);
      auth = await newTenantAuth(services);
    });
    afterAll(async () => {
      await services.database.close();
    });

    const call = (method: string, path: string, body?: unknown) => sendJson(app, method, path, body, auth);
    const interview = async () => {
      const project = await read(await call("POST", "/v1/projects", { name: "Voice" }), ProjectResource);
      const res = await call("POST", `/v1/projects/${project.id}/conversations`, { interviewer: "pm" });
      return read(res, ConversationResource);
    };
    const messages = async (id: string) =>
      (await read(await call("GET", `/v1/conversations/${id}/messages`), Page)).data;
    const speak = (id: string, body: BodyInit, headers: Record<string, string> = {}) =>
      app.request(`/v1/conversations/${id}/messages`, { method: "POST", body, headers: { ...auth, ...headers } });

    it("stores the transcript as the user message and replies as for text (JSON and SSE)", SLOW, async () => {
      const conversation = await interview();
      const res = await speak(conversation.id, wav, { "content-type": "audio/wav" });
      expect(res.status).toBe(200);
      const reply = await read(res, Reply);
      expect(reply.user_message.transcript).toMatchObject({ engine: "pocketsphinx" });
      expect(reply.user_message.transcript?.duration_seconds).toBeGreaterThan(2);
      expect(reply.user_message.content.split(" ").length).toBeGreaterThan(2);
      expect(reply.message).toMatchObject({ role: "assistant", status: "complete" });
      expect(reply.message.content.length).toBeGreaterThan(0);

      const streamed = await speak(conversation.id, form(ogg, "audio/webm", "blob"), {
        accept: "text/event-stream",
      });
      expect(streamed.status).toBe(200);
      const events = parseSse(await streamed.text());
      const names = events.map(([name]) => name);
      expect(names[0]).toBe("message");
      expect(names.at(-1)).toBe("done");
      const first = events[0]?.[1] as { transcript?: { text: string; engine: string } };
      expect(first.transcript?.engine).toBe("pocketsphinx");

      const stored = await messages(conversation.id);
      const user = stored.find((m) => m.role === "user" && m.seq > reply.message.seq);
      expect(user?.content).toBe(first.transcript?.text);
      expect(user?.transcript?.engine).toBe("pocketsphinx");
      expect(stored.every((m) => m.status === "complete")).toBe(true);
    });

    it(
      "stores nothing for silence, bad audio, an unknown conversation or a server without an engine",
      SLOW,
      async () => {
        const conversation = await interview();
        const before = await messages(conversation.id);
        const silent = await speak(conversation.id, silence, { "content-type": "audio/wav" });
        expect(silent.status).toBe(422);
        expect(await silent.json()).toMatchObject({ code: "no_speech" });
        for (const [body, type, status] of [
          [new Uint8Array(), "audio/wav", 400],
          [ogg.subarray(0, 80), "audio/ogg", 422],
          ["not audio", "text/plain", 415],
        ] as const) {
          expect((await speak(conversation.id, body, { "content-type": type })).status).toBe(status);
        }
        expect((await speak("conv_nope", wav, { "content-type": "audio/wav" })).status).toBe(404);
        const bare = buildApp({ ...services, voice: await createVoice(testConfig().voice, NO_PROGRAMS) });
        const unavailable = await bare.request(`/v1/conversations/${conversation.id}/messages`, {
          method: "POST",
          body: wav,
          headers: { ...auth, "content-type": "audio/wav" },
        });
        expect(unavailable.status).toBe(501);
        expect(await messages(conversation.id)).toEqual(before);
        // The lease was never taken: a typed message still goes through at once.
        expect((await call("POST", `/v1/conversations/${conversation.id}/messages`, { content: "hello" })).status).toBe(
          200,
        );
      },
    );
  });
}
