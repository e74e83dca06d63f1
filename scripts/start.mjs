// `npm start`: brings the compiled server (dist/, bundled into dist/bundle/) and the web app up to date when their
// sources changed, then starts the server in this same process (no second Node start-up for a build check).
import { ensureBuilt } from "./ensure-built.mjs";

await ensureBuilt();
const { startServer } = await import("../dist/bundle/main.js");
await startServer();
