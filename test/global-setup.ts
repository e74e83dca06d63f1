// Tests that start the server or the CLI run the compiled JavaScript, as users do: bring dist/ up to date once,
// before any test file starts, instead of letting parallel files race to rebuild it.
import { ensureServerBuilt } from "../scripts/ensure-built.mjs";

export async function setup(): Promise<void> {
  await ensureServerBuilt({ quiet: true });
}
