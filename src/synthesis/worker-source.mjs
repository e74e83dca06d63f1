// The pool's thread entry when the app runs from its TypeScript sources (tests, `tsx`): threads do not inherit the
// parent's loader hooks, so this loads worker.ts through tsx. Compiled builds load worker.js directly.
import { tsImport } from "tsx/esm/api";

const worker = await tsImport("./worker.ts", import.meta.url);
export const { prepare, assemble, sentences } = worker;
