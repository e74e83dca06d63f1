#!/usr/bin/env node
// Runs the compiled CLI (dist/bundle/, built during `npm ci`); when the sources changed since, it is rebuilt first.
import { ensureServerBuilt } from "../scripts/ensure-built.mjs";

await ensureServerBuilt({ quiet: true });
const { main } = await import("../dist/bundle/cli.js");
process.exitCode = await main(process.argv.slice(2));
