import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, testConfig, testServices } from "../../test/support/services.ts";
import { convertAudio, speakToWav, TEST_SENTENCES, wordErrors } from "../../test/support/speech.ts";
import { AppError } from "../errors.ts";
import { decodeToPcm, wavFromPcm } from "./audio.ts";
import { createVoice, findOfflinePrograms, type Voice } from "./engines.ts";
import { parseTimedOutput } from "./pocketsphinx.ts";

const NO_PROGRAMS = { ffmpeg: false, pocketsphinx: false, espeak: false };
let dir: string;
let voice: Voice;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "voice-test-"));
  voice = await createVoice(testConfig().voice);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("offline engines", () => {
  it("finds the Debian programs that .ci/run installs", async () => {
    expect(await findOfflinePrograms()).toEqual({ ffmpeg: true, pocketsphinx: true, espeak: true });
    expect(voice.transcriber).toMatchObject({ engine: "pocketsphinx", lowAccuracy: true });
    expect(voice.synthesizer).toMatchObject({ engine: "espeak-ng", formats: ["ogg", "wav"] });
  });

  it("has no engine when the programs are missing, and refuses to start when one is asked for explicitly", async () => {
    const none = NO_PROGRAMS;
    const bare = await createVoice(testConfig().voice, none);
    expect(bare.transcriber).toBeUndefined();
    expect(bare.synthesizer).toBeUndefined();
    await expect(createVoice(testConfig({ VOICE_TRANSCRIPTION: "offline" }).voice, none)).rejects.toThrow(
      /VOICE_TRANSCRIPTION=offline needs ffmpeg and pocketsphinx/,
    );
    const off = await createVoice(testConfig({ VOICE_TRANSCRIPTION: "none", VOICE_SPEECH: "none" }).voice);
    expect([off.transcriber, off.synthesizer]).toEqual([undefined, undefined]);
  });

  it("reads PocketSphinx's timed output: words without fillers or variant marks, mean posterior", () => {
    const output = [
      "we want op art",
      "<s> 0.000 0.020 0.999900",
      "we 0.030 0.140 0.4",
      "want(2) 0.150 0.550 0.6",
      "<sil> 1.640 1.750 0.989257",
      "[NOISE] 1.760 1.800 0.5",
      "</s> 2.650 3.050 1.000000",
    ].join("\n");
    expect(parseTimedOutput(output)).toEqual({ text: "we want", confidence: 0.5 });
    expect(parseTimedOutput("")).toEqual({ text: "", confidence: null });
  });

  it("speaks known sentences with espeak-ng and transcribes them back with PocketSphinx (WER reported)", {
    timeout: 300_000,
  }, async () => {
    const transcriber = voice.transcriber;
    const synthesizer = voice.synthesizer;
    if (!transcriber || !synthesizer) throw new Error("offline engines missing");
    let errors = 0;
    let words = 0;
    let audioSeconds = 0;
    let workMs = 0;
    const lines: string[] = [];
    for (const sentence of TEST_SENTENCES) {
      const spoken = await synthesizer.speak(sentence, "wav");
      expect(Buffer.from(spoken.bytes).subarray(0, 4).toString("ascii")).toBe("RIFF");
      const started = performance.now();
      const transcript = await transcriber.transcribe({ bytes: spoken.bytes, mediaType: "audio/wav" });
      workMs += performance.now() - started;
      audioSeconds += transcript.duration_seconds;
      expect(transcript.engine).toBe("pocketsphinx");
      expect(transcript.duration_seconds).toBeGreaterThan(1);
      expect(transcript.confidence).toBeGreaterThan(0);
      const score = wordErrors(sentence, transcript.text);
      errors += score.errors;
      words += score.words;
      lines.push(`  "${sentence}" -> "${transcript.text}"`);
    }
    const wer = errors / words;
    console.log(
      [
        `PocketSphinx on espeak-ng speech: WER ${wer.toFixed(2)} over ${words} words`,
        `(${(workMs / 1000 / audioSeconds).toFixed(2)} s of work per second of audio)`,
        ...lines,
      ].join("\n"),
    );
    // Loose on purpose: PocketSphinx is weak on synthesised speech (it is labelled low-accuracy). The bound still
    // fails when recognition breaks (wrong sample rate, wrong model, nothing heard: WER 1 or more).
    expect(wer).toBeLessThan(0.95);
  });

  it("decodes the formats browsers record and upload: webm/opus, ogg, mp3, m4a", { timeout: 180_000 }, async () => {
    const { path } = await speakToWav(dir, "formats", "we want a mobile app for small teams");
    const cases: Array<[string, string, string[]]> = [
      ["webm", "audio/webm;codecs=opus", ["-c:a", "libopus"]],
      ["ogg", "audio/ogg", ["-c:a", "libopus"]],
      ["mp3", "audio/mpeg", []],
      ["m4a", "audio/mp4", ["-c:a", "aac"]],
    ];
    for (const [ext, mediaType, args] of cases) {
      const bytes = await convertAudio(path, join(dir, `formats.${ext}`), args);
      const pcm = await voice.processes.job("Decoding", (scope) =>
        decodeToPcm(scope, { bytes, mediaType }, voice.limits),
      );
      expect(pcm.durationSeconds, ext).toBeGreaterThan(1.5);
      expect(pcm.durationSeconds, ext).toBeLessThan(4);
      expect(pcm.samples.length % 2, ext).toBe(0);
    }
  });
});

describe("bad audio", () => {
  it("answers 4xx for empty, wrong-type, huge, truncated, malformed and over-long audio", {
    timeout: 180_000,
  }, async () => {
    const transcriber = voice.transcriber;
    if (!transcriber) throw new Error("offline engine missing");
    const { bytes: wav } = await speakToWav(dir, "bad", "the users are nurses who work night shifts");
    const ogg = await convertAudio(join(dir, "bad.wav"), join(dir, "bad.ogg"), ["-c:a", "libopus"]);
    const cases: Array<[string, Uint8Array, string, number]> = [
      ["empty", new Uint8Array(), "audio/wav", 400],
      ["wrong type", wav, "text/plain", 415],
      ["no type", wav, "", 415],
      ["huge", new Uint8Array(voice.limits.maxBytes + 1), "audio/wav", 413],
      ["truncated ogg", ogg.subarray(0, 60), "audio/ogg", 422],
      ["random bytes", new Uint8Array(4000).map((_, i) => (i * 7919) % 251), "audio/webm", 422],
      ["text declared as wav", new TextEncoder().encode("hello there, not audio"), "audio/wav", 422],
    ];
    for (const [name, bytes, mediaType, status] of cases) {
      const error = await failure(transcriber.transcribe({ bytes, mediaType }));
      expect(error.status, name).toBe(status);
    }
    const short = await createVoice(testConfig({ VOICE_MAX_SECONDS: "1" }).voice);
    const long = await failure(
      short.transcriber?.transcribe({ bytes: wav, mediaType: "audio/wav" }) ?? Promise.resolve(),
    );
    expect(long.status).toBe(413);
    expect(long.message).toMatch(/at most 1 s/);
  });

  it("hears nothing in silence: an empty transcript, not an error", async () => {
    const silence = wavFromPcm(new Uint8Array(16_000 * 2 * 2));
    const transcript = await voice.transcriber?.transcribe({ bytes: silence, mediaType: "audio/wav" });
    expect(transcript).toMatchObject({ text: "", confidence: null, duration_seconds: 2 });
  });

  it("stops work past its budget and refuses work beyond the queue, without hanging", async () => {
    const { bytes } = await speakToWav(dir, "budget", TEST_SENTENCES.join(". "));
    const tight = await createVoice(
      testConfig({ VOICE_TIMEOUT_MS: "100", VOICE_PROCESSES: "1", VOICE_QUEUE_MAX: "0" }).voice,
    );
    const transcriber = tight.transcriber;
    if (!transcriber) throw new Error("offline engine missing");
    const first = failure(transcriber.transcribe({ bytes, mediaType: "audio/wav" }));
    const second = await failure(transcriber.transcribe({ bytes, mediaType: "audio/wav" }));
    expect(second.code).toBe("server_busy");
    expect(second.headers?.["Retry-After"]).toBeDefined();
    expect((await first).code).toBe("budget_exceeded");
    expect(tight.processes.stats()).toEqual({ running: 0, queued: 0 });
  });
});

describe("capabilities", () => {
  it("lists the voice engines, PocketSphinx labelled low-accuracy, and null engines when there are none", {
    timeout: 120_000,
  }, async () => {
    const services = await testServices();
    const bare = { ...services, voice: await createVoice(testConfig().voice, NO_PROGRAMS) };
    try {
      const caps = await (await buildApp(services).request("/v1/capabilities")).json();
      expect(caps.voice).toEqual({
        transcription: { engine: "pocketsphinx", model: "en-us", low_accuracy: true },
        speech: { engine: "espeak-ng", model: "en-us", formats: ["ogg", "wav"] },
        limits: { audio_bytes: 10 * 1024 * 1024, audio_seconds: 120 },
        media_types: expect.arrayContaining(["audio/webm", "audio/ogg", "audio/wav", "audio/mpeg", "audio/mp4"]),
      });
      const none = await (await buildApp(bare).request("/v1/capabilities")).json();
      expect(none.voice).toMatchObject({ transcription: null, speech: null });
    } finally {
      await services.database.close();
    }
  });
});
