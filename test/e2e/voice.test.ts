import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeAudioUpstream, startFakeAudioUpstream } from "../fakes/openai-audio-upstream.ts";
import { convertAudio, speakToWav, TEST_SENTENCES, wordErrors } from "../support/speech.ts";
import { axeViolations, browserSuiteMode, openSession, type Session, screenshot } from "./support.ts";

/**
 * Push-to-talk through one whole interview turn in real Chromium, whose fake microphone plays a sentence spoken by
 * espeak-ng: record (holding Space) → the offline engine's transcript in the message box, labelled low-accuracy →
 * corrected → sent → the interviewer's reply streams → its play button fetches and plays the spoken reply.
 */

const run = promisify(execFile);
const SENTENCE = TEST_SENTENCES[0] ?? "we want a mobile app for small teams";

/** Both tools come with the Debian packages `.ci/run` installs; without them the suite cannot make its microphone. */
async function haveTools(): Promise<boolean> {
  try {
    await run("espeak-ng", ["--version"]);
    await run("sox", ["--version"]);
    return true;
  } catch {
    if (process.env.CI) return true; // then fail loudly below rather than skip on CI
    process.stderr.write("\n[e2e voice] espeak-ng or sox missing: the push-to-talk browser test is skipped.\n");
    return false;
  }
}

const mode = browserSuiteMode() === "run" && (await haveTools()) ? "run" : "skip";

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, { ...init, headers: { "content-type": "application/json" } });
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface StoredMessage {
  id: string;
  role: string;
  content: string;
  status: string;
}

describe.skipIf(mode === "skip")("web app: push-to-talk in an interview (Chromium's fake microphone)", () => {
  let session: Session;
  let page: Page;
  let dir: string;
  let seconds: number;
  let slug: string;
  let interviewId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "persona-studio-voice-e2e-"));
    const spoken = await speakToWav(dir, "sentence", SENTENCE);
    // Long silence after the sentence: the fake device loops its file, and the recording (which also waits for an
    // axe run) should hold the sentence once, whole.
    const microphone = join(dir, "microphone.wav");
    await run("sox", [spoken.path, microphone, "pad", "0.3", "30"]);
    seconds = Number((await run("soxi", ["-D", spoken.path])).stdout.trim());
    session = await openSession(
      {},
      {
        chromiumArgs: [
          "--use-fake-ui-for-media-stream",
          "--use-fake-device-for-media-stream",
          `--use-file-for-fake-audio-capture=${microphone}`,
          // Replies may play without a click first (the auto-play setting is checked here too).
          "--autoplay-policy=no-user-gesture-required",
        ],
      },
    );
    page = session.page;
    const base = session.app.url;
    const project = await json<{ id: string; slug: string }>(`${base}/v1/projects`, {
      method: "POST",
      body: JSON.stringify({ name: "Team Notes" }),
    });
    slug = project.slug;
    const interview = await json<{ id: string }>(`${base}/v1/projects/${project.id}/conversations`, {
      method: "POST",
      body: JSON.stringify({ interviewer: "pm" }),
    });
    interviewId = interview.id;
  }, 300_000);

  afterAll(async () => {
    await session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // Generous: transcription and speech run child processes on a shared two-core machine.
  it("records with Space held, shows the transcript for correction, sends it, and plays the reply", {
    timeout: 300_000,
  }, async () => {
    const base = session.app.url;
    const capabilities = await json<{ voice: { transcription: { engine: string; low_accuracy: boolean } | null } }>(
      `${base}/v1/capabilities`,
    );
    expect(capabilities.voice.transcription).toMatchObject({ engine: "pocketsphinx", low_accuracy: true });

    await page.goto(`${base}/projects/${slug}`);
    await page.getByRole("heading", { name: "Team Notes", level: 1 }).waitFor();
    const log = page.getByRole("log");
    await log.locator(".bubble.assistant").first().waitFor({ timeout: 60_000 });
    await page.locator("[role=log][aria-busy=false]").waitFor();
    const repliesBefore = await log.locator(".bubble.assistant").count();

    // The offline engine is labelled as such next to the controls, and direct sending is off for it.
    await page.getByText(/Speech recognition: PocketSphinx \(offline, low accuracy/).waitFor();
    expect(await page.getByRole("checkbox", { name: "Send speech without review" }).isDisabled()).toBe(true);

    const talk = page.getByRole("button", { name: "Push to talk" });
    expect(await talk.getAttribute("aria-pressed")).toBe("false");
    await talk.focus();
    await page.keyboard.down("Space");
    await expect.poll(() => talk.getAttribute("aria-pressed"), { timeout: 60_000 }).toBe("true");
    // While recording: the level meter moves with the sentence, and the screen stays accessible.
    const meter = page.getByRole("meter", { name: "Microphone level" });
    await meter.waitFor();
    await expect
      .poll(() => meter.evaluate((m) => (m as HTMLMeterElement).value), { timeout: 60_000 })
      .toBeGreaterThan(0.2);
    const findings = await axeViolations(page, ["critical", "serious", "moderate"]);
    expect(findings.map((f) => `${f.impact} ${f.id}: ${f.targets.join(", ")}`)).toEqual([]);
    await screenshot(page, "voice-recording", { fullPage: false });
    await page.waitForTimeout(Math.round((seconds + 0.8) * 1000));
    const [transcription] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/v1/transcriptions"), { timeout: 60_000 }),
      page.keyboard.up("Space"),
    ]);
    expect(transcription.status()).toBe(200);
    expect(await talk.getAttribute("aria-pressed")).toBe("false");

    // The transcript lands in the message box, labelled as the low-accuracy engine's, for correction.
    const box = page.getByRole("textbox", { name: /^Message to / });
    await expect.poll(() => box.inputValue(), { timeout: 60_000 }).not.toBe("");
    const heard = await box.inputValue();
    await page.getByText(/Transcribed offline by PocketSphinx, which gets many words wrong/).waitFor();
    const { errors, words } = wordErrors(SENTENCE, heard);
    process.stderr.write(
      `\n[e2e voice] Chromium fake microphone → PocketSphinx: "${heard}" for "${SENTENCE}" ` +
        `(WER ${(errors / words).toFixed(2)})\n`,
    );
    const expected = new Set(SENTENCE.split(" "));
    const recognised = heard
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => expected.has(w));
    expect(recognised.length, `recognised words in "${heard}"`).toBeGreaterThanOrEqual(2);
    await screenshot(page, "voice-transcript", { fullPage: false });

    // The user corrects it, then sends; the reply streams.
    const corrected = "Team Notes: we want a mobile app for small teams";
    await box.fill(corrected);
    const [sent] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`/v1/conversations/${interviewId}/messages`) && r.request().method() === "POST",
      ),
      page.getByRole("button", { name: "Send" }).click(),
    ]);
    expect(sent.headers()["content-type"]).toContain("text/event-stream");
    await expect
      .poll(() => log.locator(".bubble.assistant").count(), { timeout: 60_000 })
      .toBeGreaterThan(repliesBefore);
    await page.locator("[role=log][aria-busy=false]").waitFor({ timeout: 60_000 });

    // What was stored is the corrected text.
    const history = await json<{ data: StoredMessage[] }>(`${base}/v1/conversations/${interviewId}/messages?limit=50`);
    const users = history.data.filter((m) => m.role === "user");
    expect(users.at(-1)?.content).toBe(corrected);
    const reply = history.data.at(-1);
    expect(reply?.role).toBe("assistant");
    expect(reply?.content.trim()).not.toBe("");

    // The reply's play button fetches it spoken and plays it to the end.
    const lastReply = log.locator(".bubble.assistant").last();
    const [audio] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/messages/${reply?.id}/audio`), { timeout: 60_000 }),
      lastReply.getByRole("button", { name: "Play reply" }).click(),
    ]);
    expect(audio.status()).toBe(200);
    expect(audio.headers()["content-type"]).toMatch(/^audio\/(ogg|wav)/);
    // The same audio from the cache: real Ogg/WAV bytes, not an empty answer.
    const again = await fetch(audio.url());
    expect(again.headers.get("content-type")).toBe(audio.headers()["content-type"]);
    const bytes = Buffer.from(await again.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(1000);
    expect(["OggS", "RIFF"]).toContain(bytes.subarray(0, 4).toString("ascii"));
    await lastReply.getByRole("button", { name: "Stop playing" }).waitFor();
    await lastReply.getByRole("button", { name: "Play reply" }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole("alert").count()).toBe(0);

    // Auto-play is a setting kept in localStorage: it survives a reload.
    const autoPlay = page.getByRole("checkbox", { name: "Auto-play replies" });
    expect(await autoPlay.isChecked()).toBe(false);
    await autoPlay.check();
    await page.reload();
    await page.getByRole("checkbox", { name: "Auto-play replies" }).waitFor();
    expect(await page.getByRole("checkbox", { name: "Auto-play replies" }).isChecked()).toBe(true);

    // Blocked media (a CSP without media-src blob:) or a failed request would show up here.
    expect(session.errors).toEqual([]);
  });
});

describe.skipIf(mode === "skip")("web app: speech sent directly, replies auto-played (a fake speech provider)", () => {
  let session: Session;
  let upstream: FakeAudioUpstream;
  let page: Page;
  let dir: string;
  let personaId: string;
  let spokenReply: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "persona-studio-voice-e2e-"));
    const spoken = await speakToWav(dir, "question", "where do you live");
    const microphone = join(dir, "microphone.wav");
    await run("sox", [spoken.path, microphone, "pad", "0.3", "30"]);
    // The provider answers speech in Ogg/Opus: real audio, so the browser can play it to the end.
    spokenReply = await convertAudio(
      (await speakToWav(dir, "reply", "I live in Denver")).path,
      join(dir, "reply.ogg"),
      ["-c:a", "libopus"],
    );
    upstream = await startFakeAudioUpstream();
    session = await openSession(
      { VOICE_BASE_URL: upstream.url, VOICE_TRANSCRIPTION: "provider", VOICE_SPEECH: "provider" },
      {
        chromiumArgs: [
          "--use-fake-ui-for-media-stream",
          "--use-fake-device-for-media-stream",
          `--use-file-for-fake-audio-capture=${microphone}`,
          "--autoplay-policy=no-user-gesture-required",
        ],
      },
    );
    page = session.page;
    const persona = await json<{ id: string }>(`${session.app.url}/v1/personas`, {
      method: "POST",
      body: JSON.stringify({ texts: ["Hi, I am Maya Chen. I work as a pediatric nurse. I live in Denver."] }),
    });
    personaId = persona.id;
  }, 300_000);

  afterAll(async () => {
    await session?.close();
    await upstream?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("records by clicks and by holding the mouse, sends the audio itself, shows it as spoken, auto-plays the reply", {
    timeout: 300_000,
  }, async () => {
    const base = session.app.url;
    await page.goto(`${base}/personas/${personaId}/chat`);
    await page.getByRole("button", { name: "Start a conversation" }).click();
    await page.getByRole("textbox", { name: "Message to Maya Chen" }).waitFor();

    // An accurate engine: not labelled low-accuracy, and direct sending may be chosen.
    await page.getByText("Speech recognition: the speech provider").waitFor();
    expect(await page.getByText(/low accuracy/).count()).toBe(0);
    const direct = page.getByRole("checkbox", { name: "Send speech without review" });
    expect(await direct.isDisabled()).toBe(false);
    await direct.check();
    await page.getByRole("checkbox", { name: "Auto-play replies" }).check();

    // Escape discards a recording: nothing is sent anywhere.
    const talk = page.getByRole("button", { name: "Push to talk" });
    await talk.click();
    await expect.poll(() => talk.getAttribute("aria-pressed"), { timeout: 60_000 }).toBe("true");
    await page.keyboard.press("Escape");
    await page.getByText("Recording discarded.").waitFor();
    expect(await talk.getAttribute("aria-pressed")).toBe("false");
    await page.waitForTimeout(500);
    expect(upstream.requests).toEqual([]);

    upstream.script(
      { kind: "transcript", text: "Where do you live?", duration: 1.4 },
      { kind: "speech", bytes: spokenReply, contentType: "audio/ogg" },
    );
    // Remember whether a reply was ever playing (it is short; it may be over before it could be looked at).
    await page.evaluate(() => {
      const w = window as unknown as { __played: boolean };
      w.__played = false;
      new MutationObserver(() => {
        if ([...document.querySelectorAll(".play-reply")].some((b) => b.textContent?.includes("Stop"))) {
          w.__played = true;
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    // Click once to start, once to stop (the toggle), as a mouse or an assistive technology would.
    await talk.click();
    await expect.poll(() => talk.getAttribute("aria-pressed"), { timeout: 60_000 }).toBe("true");
    await page.waitForTimeout(2000);
    const [sent, played] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/messages") && r.request().method() === "POST", {
        timeout: 60_000,
      }),
      // Auto-play fetches the reply's audio once the reply has been stored.
      page.waitForResponse((r) => /\/messages\/[^/]+\/audio/.test(r.url()), { timeout: 90_000 }),
      talk.click(),
    ]);
    expect(sent.status()).toBe(200);
    expect(sent.headers()["content-type"]).toContain("text/event-stream");
    expect(played.status()).toBe(200);
    expect(played.headers()["content-type"]).toBe("audio/ogg");

    // The audio went to the provider, the transcript is the stored message, marked as spoken.
    const transcription = upstream.requests.find((r) => r.path.endsWith("/audio/transcriptions"));
    expect(transcription?.contentType).toMatch(/^multipart\/form-data/);
    const log = page.getByRole("log");
    await log.getByText("Spoken, transcribed by the speech provider").waitFor();
    const conversation = /\/conversations\/([^/]+)\/messages/.exec(sent.url())?.[1] ?? "";
    const history = await json<{ data: (StoredMessage & { transcript?: { engine: string } })[] }>(
      `${base}/v1/conversations/${conversation}/messages`,
    );
    const question = history.data.find((m) => m.role === "user");
    expect(question?.content).toBe("Where do you live?");
    expect(question?.transcript?.engine).toBe("openai");
    expect(history.data.at(-1)?.content).toMatch(/Denver/);

    // It plays to the end by itself, then offers Play again.
    const lastReply = log.locator(".bubble.assistant").last();
    await lastReply.getByRole("button", { name: "Play reply" }).waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { __played: boolean }).__played)).toBe(true);
    expect(await page.getByRole("alert").filter({ hasNotText: "Recording discarded." }).count()).toBe(0);

    // Held with the mouse: recording while the button is down, sent when it is released.
    upstream.script(
      { kind: "transcript", text: "What do you do for work?", duration: 1.2 },
      { kind: "speech", bytes: spokenReply, contentType: "audio/ogg" },
    );
    const box = await talk.boundingBox();
    if (!box) throw new Error("the push-to-talk button is not on screen");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await expect.poll(() => talk.getAttribute("aria-pressed"), { timeout: 60_000 }).toBe("true");
    await page.waitForTimeout(1500);
    const [second] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/messages") && r.request().method() === "POST", {
        timeout: 60_000,
      }),
      page.mouse.up(),
    ]);
    expect(second.status()).toBe(200);
    await log.getByText("What do you do for work?").waitFor({ timeout: 60_000 });
    expect(await talk.getAttribute("aria-pressed")).toBe("false");
    expect(session.errors).toEqual([]);
  });

  it("offers only the browser's dictation when the server has no voice engine", async () => {
    // The same server, seen as one without engines: its capabilities say so.
    await page.route("**/v1/capabilities", async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { voice: Record<string, unknown> };
      await route.fulfill({ response, json: { ...body, voice: { ...body.voice, transcription: null, speech: null } } });
    });
    await page.reload();
    const log = page.getByRole("log");
    await log.locator(".bubble.assistant").first().waitFor();
    await page.getByRole("textbox", { name: "Message to Maya Chen" }).waitFor();
    const dictation = await page.evaluate(() => "SpeechRecognition" in window || "webkitSpeechRecognition" in window);
    await expect.poll(() => page.getByRole("button", { name: "Voice input" }).count()).toBe(dictation ? 1 : 0);
    expect(await page.getByRole("button", { name: "Push to talk" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Play reply" }).count()).toBe(0);
    expect(await page.getByRole("checkbox", { name: "Auto-play replies" }).count()).toBe(0);
    await page.unroute("**/v1/capabilities");
  });
});
