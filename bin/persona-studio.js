#!/usr/bin/env node
// Runs the compiled CLI (dist/, built during `npm ci`); when the sources changed since, it is recompiled first.
import { ensureServerBuilt } from "../scripts/ensure-built.mjs";

await ensureServerBuilt({ quiet: true });
const { main } = await import("../dist/cli/main.js");
process.exitCode = await main(process.argv.slice(2));
