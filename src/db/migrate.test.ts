import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client.ts";
import { migrate, readMigrations, rowsOf } from "./migrate.ts";

describe("migrate", () => {
  it("applies every migration to a new store, nothing on an up-to-date one, and only a new one later", async () => {
    const database = await openDatabase({ dataDir: "memory://" });
    try {
      const all = readMigrations();
      expect(await migrate(database, all)).toEqual(all.map((m) => m.name));
      // The start-up path of an existing store: one read, nothing applied.
      expect(await migrate(database, all)).toEqual([]);
      const next = { name: "9999_test.sql", sql: "CREATE TABLE migrate_test (id int PRIMARY KEY);\n" };
      expect(await migrate(database, [...all, next])).toEqual([next.name]);
      const rows = await database.db.execute(sql`SELECT count(*)::int AS n FROM migrate_test`);
      expect(rowsOf<{ n: number }>(rows)[0]?.n).toBe(0);
      expect(await migrate(database, [...all, next])).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
