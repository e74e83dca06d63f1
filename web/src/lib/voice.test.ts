import { describe, expect, it } from "vitest";
import {
  DEFAULT_VOICE_SETTINGS,
  type KeyValueStore,
  levelOf,
  pickRecordingType,
  readVoiceSettings,
  recordingFileName,
  transcriptNotice,
  writeVoiceSettings,
} from "./voice.ts";

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe("voice settings", () => {
  it("round-trips through the store", () => {
    const store = memoryStore();
    expect(readVoiceSettings(store)).toEqual(DEFAULT_VOICE_SETTINGS);
    expect(writeVoiceSettings(store, { autoPlay: true, sendDirectly: true })).toBe(true);
    expect(readVoiceSettings(store)).toEqual({ autoPlay: true, sendDirectly: true });
  });

  it("falls back to the defaults for malformed or mistyped values, field by field", () => {
    for (const raw of ["{", "null", "[]", '"yes"', "42"]) {
      expect(readVoiceSettings(memoryStore({ "persona-studio.voice": raw })), raw).toEqual(DEFAULT_VOICE_SETTINGS);
    }
    expect(
      readVoiceSettings(memoryStore({ "persona-studio.voice": '{"autoPlay":"true","sendDirectly":true}' })),
    ).toEqual({ autoPlay: false, sendDirectly: true });
  });

  it("survives a store that throws (storage disabled)", () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(readVoiceSettings(broken)).toEqual(DEFAULT_VOICE_SETTINGS);
    expect(writeVoiceSettings(broken, { autoPlay: true, sendDirectly: false })).toBe(false);
    expect(writeVoiceSettings(undefined, { autoPlay: true, sendDirectly: false })).toBe(false);
  });
});

describe("recording format", () => {
  it("takes the first type the browser can record", () => {
    expect(pickRecordingType((t) => t.startsWith("audio/mp4"))).toBe("audio/mp4");
    expect(pickRecordingType(() => true)).toBe("audio/webm;codecs=opus");
    expect(pickRecordingType(() => false)).toBe("");
  });

  it("names the upload by its type", () => {
    expect(recordingFileName("audio/webm;codecs=opus")).toBe("recording.webm");
    expect(recordingFileName("audio/ogg; codecs=opus")).toBe("recording.ogg");
    expect(recordingFileName("audio/mp4")).toBe("recording.m4a");
    expect(recordingFileName("")).toBe("recording.webm");
  });
});

describe("level meter", () => {
  it("maps silence to 0, full scale to 1 and speech-like levels in between", () => {
    expect(levelOf([])).toBe(0);
    expect(levelOf(new Float32Array(512))).toBe(0);
    expect(levelOf(new Float32Array(512).fill(1))).toBe(1);
    const speech = Float32Array.from({ length: 512 }, (_, i) => 0.1 * Math.sin(i / 5)); // about -23 dB
    expect(levelOf(speech)).toBeGreaterThan(0.5);
    expect(levelOf(speech)).toBeLessThan(0.7);
    expect(levelOf(new Float32Array(512).fill(0.0001))).toBe(0); // -80 dB: below the floor
  });
});

describe("transcript notice", () => {
  it("labels the offline engine as low-accuracy and passes the server's notice on for silence", () => {
    expect(transcriptNotice({ engine: "pocketsphinx", lowAccuracy: true, text: "hello", notice: null })).toMatch(
      /offline by PocketSphinx, which gets many words wrong/,
    );
    expect(transcriptNotice({ engine: "openai", lowAccuracy: false, text: "hello", notice: null })).toBe(
      "Transcribed by the speech provider: check it, then send.",
    );
    expect(transcriptNotice({ engine: "openai", lowAccuracy: false, text: " ", notice: "No speech in 2 s." })).toBe(
      "No speech in 2 s.",
    );
  });
});
