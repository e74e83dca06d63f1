import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../src/errors.ts";
import { ERRORS_DOC, renderErrorsDoc } from "./errors-doc.ts";

describe("docs/errors.md", () => {
  it("is what `npm run docs:errors` generates from src/errors.ts (run it after changing the codes)", () => {
    expect(readFileSync(ERRORS_DOC, "utf8")).toBe(renderErrorsDoc());
  });

  it("lists every code", () => {
    const doc = renderErrorsDoc();
    for (const code of ERROR_CODES) expect(doc).toContain(`| \`${code}\` |`);
  });
});
