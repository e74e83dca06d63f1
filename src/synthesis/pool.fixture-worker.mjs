// A stand-in for worker.ts in pool.test.ts: "spin" never returns (like a runaway regex), anything else is echoed.
export function prepare(task) {
  if (task.texts[0] === "spin") for (;;);
  task.progress?.postMessage({ stage: "cleaning", done: 1, total: 1 });
  task.progress?.close();
  return { sources: [], warnings: task.texts };
}
export const assemble = prepare;
