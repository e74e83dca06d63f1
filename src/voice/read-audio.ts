/**
 * Audio from an HTTP request: `multipart/form-data` with an `audio` part (what browsers send with FormData), or the
 * bare audio as the body with its `audio/*` type (what `curl --data-binary` sends).
 */
import type { Context } from "hono";
import { AppError } from "../errors.ts";
import { AUDIO_MEDIA_TYPES, baseMediaType, isAcceptedAudioType } from "./audio.ts";
import type { AudioInput } from "./types.ts";

const MULTIPART = /^multipart\/form-data\s*(;|$)/i;

/** Parts with no useful type (curl's -F sends application/octet-stream) are typed by their file name. */
const TYPE_BY_EXTENSION: Record<string, string> = {
  webm: "audio/webm",
  weba: "audio/webm",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  opus: "audio/ogg",
  wav: "audio/wav",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  mp4: "audio/mp4",
  aac: "audio/aac",
};

/** Whether the request carries audio rather than JSON. */
export function isAudioRequest(contentType: string): boolean {
  return MULTIPART.test(contentType) || isAcceptedAudioType(contentType) || /^audio\//i.test(contentType);
}

export async function readAudio(c: Context): Promise<AudioInput> {
  const contentType = c.req.header("content-type") ?? "";
  if (!MULTIPART.test(contentType)) {
    return { bytes: new Uint8Array(await c.req.arrayBuffer()), mediaType: contentType };
  }
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    throw new AppError("bad_request", "The multipart/form-data body is malformed");
  }
  const part = form.get("audio");
  if (!(part instanceof Blob)) {
    throw new AppError("validation_failed", "Send the recording as a file part named `audio`", {
      errors: [{ path: "audio", message: "a file part is required" }],
    });
  }
  const declared = baseMediaType(part.type);
  const extension = part instanceof File ? (part.name.split(".").pop() ?? "").toLowerCase() : "";
  const mediaType = isAcceptedAudioType(declared) ? part.type : (TYPE_BY_EXTENSION[extension] ?? part.type);
  return { bytes: new Uint8Array(await part.arrayBuffer()), mediaType };
}

export const AUDIO_BODY_DESCRIPTION =
  `Audio as \`multipart/form-data\` with a file part named \`audio\`, or as the body itself with its type: ` +
  `${AUDIO_MEDIA_TYPES.join(", ")}.`;
