import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { type AppEnv, ctxOf } from "../http/env.ts";
import { problems } from "../http/openapi.ts";
import { validationHook } from "../http/validation-hook.ts";
import { getSource, SourceResource } from "./get-source.ts";

const Params = z.object({
  id: z
    .string()
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "per_…" }),
  source_id: z
    .string()
    .max(100)
    .openapi({ param: { name: "source_id", in: "path" }, example: "src_…" }),
});

export const sourcesRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

sourcesRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/personas/{id}/sources/{source_id}",
    operationId: "getPersonaSource",
    tags: ["personas"],
    summary: "One of a persona's sources with its text (to show a quote where it stands)",
    request: { params: Params },
    responses: {
      200: { description: "The source", content: { "application/json": { schema: SourceResource } } },
      ...problems(401, 404),
    },
  }),
  async (c) => {
    const { id, source_id: sourceId } = c.req.valid("param");
    return c.json(await getSource({ ctx: ctxOf(c), personaId: id, sourceId }), 200);
  },
);
