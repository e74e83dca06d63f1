/**
 * A fake OpenAI-compatible speech server on 127.0.0.1: `POST /v1/audio/transcriptions` (multipart, like OpenAI and
 * local Whisper servers) and `POST /v1/audio/speech` (JSON in, audio bytes out), for the AI SDK's transcription and
 * speech APIs to run against unchanged. Each request takes the next scripted answer, else the fallback.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface AudioRequest {
  path: string;
  contentType: string;
  authorization: string | undefined;
  body: Buffer;
}

export type AudioAnswer =
  | { kind: "transcript"; text: string; duration?: number }
  | { kind: "speech"; bytes: Uint8Array; contentType: string }
  | { kind: "error"; status: number; headers?: Record<string, string> };

export interface FakeAudioUpstream {
  /** Base URL for VOICE_BASE_URL, e.g. http://127.0.0.1:1234/v1 */
  url: string;
  requests: AudioRequest[];
  script(...answers: AudioAnswer[]): void;
  reset(): void;
  close(): Promise<void>;
}

/** What a speech request gets when nothing is scripted: a few recognisable bytes of the asked-for format. */
export const FAKE_SPEECH: Record<string, Uint8Array> = {
  opus: new TextEncoder().encode("OggS-fake-opus"),
  wav: new TextEncoder().encode("RIFF-fake-wav"),
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeAudioUpstream(): Promise<FakeAudioUpstream> {
  let queue: AudioAnswer[] = [];
  const requests: AudioRequest[] = [];
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = req.url ?? "";
    requests.push({
      path,
      contentType: req.headers["content-type"] ?? "",
      authorization: req.headers.authorization,
      body,
    });
    const answer =
      queue.shift() ??
      (path.endsWith("/audio/transcriptions")
        ? { kind: "transcript" as const, text: "hello from the fake" }
        : {
            kind: "speech" as const,
            bytes:
              FAKE_SPEECH[JSON.parse(body.toString("utf8")).response_format] ?? FAKE_SPEECH.wav ?? new Uint8Array(),
            contentType: "application/octet-stream",
          });
    if (answer.kind === "error") {
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(JSON.stringify({ error: { message: `scripted ${answer.status}`, type: "server_error" } }));
    } else if (answer.kind === "transcript") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ text: answer.text, ...(answer.duration ? { duration: answer.duration } : {}) }));
    } else {
      res.writeHead(200, { "content-type": answer.contentType });
      res.end(Buffer.from(answer.bytes));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...answers) => queue.push(...answers),
    reset: () => {
      queue = [];
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
