import { describe, expect, it } from "vitest";
import { dateOnLine } from "./dates.ts";

const day = (text: string) => {
  const date = dateOnLine(text);
  return date === null ? null : new Date(date).toISOString().slice(0, 10);
};

describe("dateOnLine", () => {
  it.each([
    ["Minutes of 2023-11-04", "2023-11-04"],
    ["Posted 9 Sept 2022 by the editor", "2022-09-09"],
    ["Escrito el 3 de abril de 2023", "2023-04-03"],
    ["October 21, 2020 — field notes", "2020-10-21"],
    // French: "juin" and "juillet" start alike, accents in "février", "août", "décembre", and "1er" for the first.
    ["Fiche mise à jour le 4 juin 2019", "2019-06-04"],
    ["Publié le 17 juillet 2018", "2018-07-17"],
    ["Modifié le 1er février 2022", "2022-02-01"],
    ["Le 15 août 2021, à Lyon", "2021-08-15"],
    ["Dernière révision : 30 déc. 2017", "2017-12-30"],
  ])("reads %s", (line, expected) => {
    expect(day(line)).toBe(expected);
  });

  it.each(["We sold 12 jugs in 2021", "Room 4 juniors 2020", "ticket 12 mais 2021"])("finds no date in %s", (line) => {
    expect(day(line)).toBeNull();
  });
});
