// Copies the tour's screenshots (test/e2e/tour.test.ts: every main screen at 1440 and 375 px) from .screenshots/tour/,
// where each browser run writes them, to docs/screenshots/, which is checked in and shown in the README. A separate
// step so that `npm test` never rewrites checked-in files; run by `npm run screenshots` after the browser tests.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const from = join(root, ".screenshots", "tour");
const to = join(root, "docs", "screenshots");

if (!existsSync(from)) {
  process.stderr.write(`no screenshots in ${from}: run the browser tests first (npm run screenshots)\n`);
  process.exit(1);
}
// Loading states are checked by the tour but are not what a reader wants to see.
const shots = readdirSync(from).filter((f) => f.endsWith(".png") && !f.startsWith("loading-"));
mkdirSync(to, { recursive: true });
for (const old of readdirSync(to).filter((f) => f.endsWith(".png"))) rmSync(join(to, old));
for (const shot of shots) copyFileSync(join(from, shot), join(to, shot));
process.stdout.write(`${shots.length} screenshots copied to docs/screenshots/\n`);
