import { createHash } from "node:crypto";
import { z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import type { Ctx } from "../../context.ts";
import type { Tx } from "../../db/client.ts";
import { wireframes } from "../../db/schema.ts";
import { withTransaction } from "../../db/transaction.ts";
import { AppError } from "../../errors.ts";
import { newId } from "../../ids.ts";
import { withWireframe } from "../document.ts";
import { commitRevision, loadProject, type ProjectRow } from "../store.ts";
import {
  EmptyWireframeError,
  MAX_WIREFRAME_CHARS,
  MAX_WIREFRAME_COLUMNS,
  MAX_WIREFRAME_LINES,
  MAX_WIREFRAME_PIXELS,
  renderWireframePng,
  WireframeError,
  WireframeTooLargeError,
} from "./render-png.ts";

export const WIREFRAME_LIMITS = {
  nameChars: 80,
  chars: MAX_WIREFRAME_CHARS,
  lines: MAX_WIREFRAME_LINES,
  columns: MAX_WIREFRAME_COLUMNS,
  pixels: MAX_WIREFRAME_PIXELS,
} as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** ASCII is checked for size by the renderer (413); the schema only bounds the string so huge bodies fail early. */
export const WireframeInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(WIREFRAME_LIMITS.nameChars, `at most ${WIREFRAME_LIMITS.nameChars} characters`)
      .refine((s) => !CONTROL.test(s), "must not contain control characters"),
    ascii: z.string(),
  })
  .strict();
export type WireframeInput = z.infer<typeof WireframeInput>;

export const WireframeResource = z
  .object({
    id: z.string(),
    project_id: z.string(),
    name: z.string(),
    url: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    sha256: z.string(),
    prd_revision: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Wireframe");
export type WireframeResource = z.infer<typeof WireframeResource>;

export const wireframeUrl = (projectId: string, wireframeId: string) =>
  `/v1/projects/${projectId}/wireframes/${wireframeId}.png`;

/** Renderer errors -> problems: too large is 413, nothing to draw is 422. */
export function renderOrThrow(ascii: string): Buffer {
  try {
    return renderWireframePng(ascii);
  } catch (error) {
    if (error instanceof WireframeTooLargeError) {
      throw new AppError(
        "payload_too_large",
        `The wireframe is too large: ${error.actual} ${error.limit}, at most ${error.max}`,
        {
          errors: [{ path: "ascii", message: error.message }],
        },
      );
    }
    if (error instanceof EmptyWireframeError || error instanceof WireframeError) {
      throw new AppError("validation_failed", error.message, { errors: [{ path: "ascii", message: error.message }] });
    }
    throw error;
  }
}

export async function createWireframe({
  ctx,
  idOrSlug,
  input,
}: {
  ctx: Ctx;
  idOrSlug: string;
  input: WireframeInput;
}): Promise<WireframeResource> {
  // Render before the transaction: it is pure CPU work and fails on bad input before anything is locked.
  const png = renderOrThrow(input.ascii);
  return withTransaction(ctx, async (tx) => {
    const project = await loadProject(tx, ctx.tenantId, idOrSlug, { forUpdate: true });
    return storeWireframe(ctx, tx, project, input, png, { cause: "wireframe" });
  });
}

/**
 * Stores the PNG (same name in the same project = a new rendering under the same id) and references it from the
 * PRD's wireframes section as a new revision. The project row must be locked by the caller.
 */
export async function storeWireframe(
  ctx: Ctx,
  tx: Tx,
  project: ProjectRow,
  input: WireframeInput,
  png: Buffer,
  options: { cause: string; messageId?: string },
): Promise<WireframeResource> {
  const at = ctx.clock.now();
  const sha256 = createHash("sha256").update(png).digest("hex");
  // PNG IHDR: width and height are the big-endian words at bytes 16 and 20.
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const [existing] = await tx
    .select({ id: wireframes.id, createdAt: wireframes.createdAt })
    .from(wireframes)
    .where(
      and(eq(wireframes.tenantId, ctx.tenantId), eq(wireframes.projectId, project.id), eq(wireframes.name, input.name)),
    );
  const id = existing?.id ?? newId("wireframe");
  if (existing) {
    await tx
      .update(wireframes)
      .set({ ascii: input.ascii, png, width, height, sha256, updatedAt: at })
      .where(eq(wireframes.id, id));
  } else {
    await tx.insert(wireframes).values({
      id,
      tenantId: ctx.tenantId,
      projectId: project.id,
      name: input.name,
      ascii: input.ascii,
      png,
      width,
      height,
      sha256,
      createdAt: at,
      updatedAt: at,
    });
  }
  const url = wireframeUrl(project.id, id);
  const applied = withWireframe(project.prd, project.prdCounters, { wireframe_id: id, name: input.name, url });
  const revision = await commitRevision(tx, project, applied, options.cause, at, {
    section: "wireframes",
    messageId: options.messageId,
  });
  return {
    id,
    project_id: project.id,
    name: input.name,
    url,
    width,
    height,
    sha256,
    prd_revision: revision,
    created_at: (existing?.createdAt ?? at).toISOString(),
    updated_at: at.toISOString(),
  };
}
