import { crc32 } from "node:zlib";

/**
 * PNG tEXt chunks (PNG spec 11.3.4.3): where Character Cards live (`chara` holds a V2 card, `ccv3` a V3 card, each
 * base64 of the card's UTF-8 JSON). Reading walks the chunk list once, bounds-checked, so a truncated or hostile
 * file is refused with a reason instead of throwing from a buffer read. No package covers this with types and
 * upkeep (png-chunks-extract and friends date from 2016), and the format is four fields per chunk.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export class PngError extends Error {
  override readonly name = "PngError";
}

export const isPng = (bytes: Uint8Array) => bytes.length >= 8 && SIGNATURE.equals(Buffer.from(bytes.subarray(0, 8)));

interface Chunk {
  type: string;
  data: Buffer;
}

function chunksOf(png: Buffer): Chunk[] {
  if (!isPng(png)) throw new PngError("not a PNG file (its signature is missing)");
  const chunks: Chunk[] = [];
  let at = 8;
  while (at < png.length) {
    if (at + 12 > png.length) throw new PngError("the PNG file is truncated");
    const length = png.readUInt32BE(at);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > png.length) throw new PngError("a PNG chunk runs past the end of the file");
    const type = png.toString("latin1", at + 4, at + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new PngError("the PNG file has a malformed chunk");
    const data = png.subarray(at + 8, at + 8 + length);
    if (crc32(png.subarray(at + 4, at + 8 + length)) !== png.readUInt32BE(at + 8 + length)) {
      throw new PngError(`the PNG chunk ${type} is corrupt (its checksum does not match)`);
    }
    chunks.push({ type, data });
    at = end;
    if (type === "IEND") break;
  }
  if (chunks.at(-1)?.type !== "IEND") throw new PngError("the PNG file has no end (IEND) chunk");
  return chunks;
}

/** The tEXt chunks of a PNG, keyword -> text (Latin-1, as the spec says). */
export function readPngText(png: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  for (const chunk of chunksOf(png)) {
    if (chunk.type !== "tEXt") continue;
    const nul = chunk.data.indexOf(0);
    if (nul < 1) continue;
    out.set(chunk.data.toString("latin1", 0, nul), chunk.data.toString("latin1", nul + 1));
  }
  return out;
}

function encodeChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The PNG with these tEXt chunks (replacing any with the same keyword), placed just before IEND. */
export function writePngText(png: Buffer, entries: Record<string, string>): Buffer {
  const keys = new Set(Object.keys(entries));
  const kept = chunksOf(png).filter(
    (c) => c.type !== "IEND" && !(c.type === "tEXt" && keys.has(c.data.toString("latin1", 0, c.data.indexOf(0)))),
  );
  const text = Object.entries(entries).map(([key, value]) =>
    encodeChunk("tEXt", Buffer.concat([Buffer.from(key, "latin1"), Buffer.from([0]), Buffer.from(value, "latin1")])),
  );
  return Buffer.concat([
    SIGNATURE,
    ...kept.map((c) => encodeChunk(c.type, c.data)),
    ...text,
    encodeChunk("IEND", Buffer.alloc(0)),
  ]);
}
