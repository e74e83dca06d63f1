import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AppError, ERROR_CODES, ERROR_HELP, ERROR_STATUS, toProblem } from "../src/errors.ts";

export const ERRORS_DOC = fileURLToPath(new URL("../docs/errors.md", import.meta.url));

/** docs/errors.md, generated from the codes in src/errors.ts (`npm run docs:errors`); a test fails when it is stale. */
export function renderErrorsDoc(): string {
  const example = toProblem(
    new AppError("validation_failed", "The request body does not match the expected shape", {
      errors: [{ path: "texts/0", message: "Too big: expected string to have <=8000000 characters" }],
    }),
    "5f3c2a9e-0d7b-4a61-9c0e-2b8f1d4e6a10",
  );
  const rows = ERROR_CODES.map((code) => {
    const problem = toProblem(new AppError(code, ""), undefined);
    return `| \`${code}\` | ${ERROR_STATUS[code]} | ${problem.title} | ${ERROR_HELP[code]} |`;
  });
  return [
    "# Error codes",
    "",
    "<!-- Generated from src/errors.ts by `npm run docs:errors`; do not edit by hand. -->",
    "",
    "Every error is an RFC 9457 problem (`application/problem+json`) with a stable `code`, also listed as an enum in",
    "the OpenAPI document (`/openapi.json`, schema `Problem`). `type` is `https://persona.studio/problems/<code with",
    "dashes>`; `request_id` matches the server's log line; `errors` lists offending fields where there are some.",
    "",
    "```json",
    JSON.stringify(example, null, 2),
    "```",
    "",
    "| code | status | title | meaning and what to do |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
    "Responses with 429 and 503 carry `Retry-After` (seconds) when the server knows how long to wait; 401 carries",
    "`WWW-Authenticate`. See [operations.md](operations.md) for troubleshooting by symptom.",
    "",
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(ERRORS_DOC, renderErrorsDoc());
  process.stdout.write(`wrote ${ERRORS_DOC}\n`);
}
