import { describe, expect, it } from "vitest";
import { ApiError, humanPath, isRetryable, problemMessage } from "./problem.ts";

describe("problemMessage", () => {
  it("prefers the detail and ends it as a sentence", () => {
    expect(problemMessage({ title: "Not Found", detail: "Persona per_1 was not found" }, 404)).toBe(
      "Persona per_1 was not found.",
    );
  });

  it("lists field errors with 1-based, readable paths", () => {
    const message = problemMessage(
      {
        title: "Unprocessable",
        detail: "The request body is not valid",
        errors: [
          { path: "texts/2", message: "at most 8000000 characters" },
          { path: "urls/0", message: "must be an http(s) URL" },
        ],
      },
      422,
    );
    expect(message).toBe(
      "The request body is not valid. Text 3: at most 8000000 characters; Link 1: must be an http(s) URL.",
    );
  });

  it("falls back to plain words per status when the body is not a problem", () => {
    expect(problemMessage({}, 412)).toMatch(/changed this in the meantime/);
    expect(problemMessage(undefined, 0)).toMatch(/could not be reached/);
    expect(problemMessage({}, 418)).toBe("Request failed (418).");
  });

  it("caps a long error list", () => {
    const errors = Array.from({ length: 8 }, (_, i) => ({ path: `texts/${i}`, message: "bad" }));
    expect(problemMessage({ detail: "Invalid" }, 422)).toBe("Invalid.");
    expect(problemMessage({ detail: "Invalid", errors }, 422)).toMatch(/Text 5: bad \(and 3 more\)\.$/);
  });

  it("ApiError carries the status and reads as the message", () => {
    const error = new ApiError(401, { detail: "The API key is not valid" });
    expect(error.status).toBe(401);
    expect(error.message).toBe("The API key is not valid.");
  });
});

describe("humanPath", () => {
  it.each([
    ["", ""],
    ["texts/0", "Text 1"],
    ["persona/pain_points/4", "persona pain points 5"],
    ["content", "Message"],
  ])("%s -> %s", (path, words) => expect(humanPath(path)).toBe(words));
});

describe("isRetryable", () => {
  it("offers to try again only where the same request could succeed", () => {
    expect(isRetryable(new ApiError(404, {}))).toBe(false);
    expect(isRetryable(new ApiError(422, {}))).toBe(false);
    expect(isRetryable(new ApiError(401, {}))).toBe(false);
    expect(isRetryable(new ApiError(0, {}))).toBe(true);
    expect(isRetryable(new ApiError(429, {}))).toBe(true);
    expect(isRetryable(new ApiError(503, {}))).toBe(true);
    expect(isRetryable(new TypeError("Failed to fetch"))).toBe(true);
  });
});
