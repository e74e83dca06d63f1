import { describe, expect, it } from "vitest";
import { prdFileLabel, splitApiLinks } from "./api-links.ts";

describe("API paths in assistant text", () => {
  it("turns the PRD path at the end of a sentence into a PRD part, leaving the full stop as text", () => {
    expect(splitApiLinks("Read the PRD at /v1/projects/prj_1/prd?format=markdown.")).toEqual([
      { kind: "text", text: "Read the PRD at " },
      { kind: "prd", path: "/v1/projects/prj_1/prd?format=markdown", format: "markdown" },
      { kind: "text", text: "." },
    ]);
  });

  it("drops the HTTP verb written before a path", () => {
    expect(splitApiLinks("Review the PRD (GET /v1/projects/prj_1/prd?format=html)")).toEqual([
      { kind: "text", text: "Review the PRD (" },
      { kind: "prd", path: "/v1/projects/prj_1/prd?format=html", format: "html" },
      { kind: "text", text: ")" },
    ]);
  });

  it("finds each wireframe in a list", () => {
    const parts = splitApiLinks(
      "I sketched Shift list (/v1/projects/prj_1/wireframes/wfr_a.png), Swap (/v1/projects/prj_1/wireframes/wfr_b.png).",
    );
    expect(parts.filter((p) => p.kind === "wireframe").map((p) => ("path" in p ? p.path : ""))).toEqual([
      "/v1/projects/prj_1/wireframes/wfr_a.png",
      "/v1/projects/prj_1/wireframes/wfr_b.png",
    ]);
    expect(parts.map((p) => (p.kind === "text" ? p.text : "[img]")).join("")).toBe(
      "I sketched Shift list ([img]), Swap ([img]).",
    );
  });

  it("points resources the app has a screen for to that screen", () => {
    expect(splitApiLinks("See /v1/personas/per_1 now")).toEqual([
      { kind: "text", text: "See " },
      { kind: "page", path: "/v1/personas/per_1", href: "/personas/per_1", label: "the persona" },
      { kind: "text", text: " now" },
    ]);
    expect(splitApiLinks("/v1/projects/shift-swap")[0]).toMatchObject({ kind: "page", href: "/projects/shift-swap" });
  });

  it("keeps other API paths as generic parts and plain text as it is", () => {
    expect(splitApiLinks("GET /v1/interviewers")).toEqual([{ kind: "api", path: "/v1/interviewers" }]);
    expect(splitApiLinks("No paths here, just v1/ and /v2/x.")).toEqual([
      { kind: "text", text: "No paths here, just v1/ and /v2/x." },
    ]);
    expect(splitApiLinks("")).toEqual([]);
  });

  it("reads an unknown or absent format as JSON and names PRD files", () => {
    expect(splitApiLinks("/v1/projects/p/prd")[0]).toMatchObject({ kind: "prd", format: "json" });
    expect(splitApiLinks("/v1/projects/p/prd?format=pdf")[0]).toMatchObject({ kind: "prd", format: "json" });
    expect(prdFileLabel("markdown")).toBe("PRD.md");
  });
});
