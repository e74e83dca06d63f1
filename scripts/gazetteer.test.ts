import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isCountry, isKnownPlace, looksLikeOrganisation } from "../src/synthesis/offline/lexicon/places.ts";
import { CITIES_FILE, citiesSource, cityNames, loadGeoCities, MIN_POPULATION } from "./gazetteer.ts";

describe("gazetteer", () => {
  it("keeps cities of the minimum population with names long enough and not everyday words, once each, sorted", () => {
    const names = cityNames([
      { name: "Northtown", population: MIN_POPULATION },
      { name: "Smallbury", population: MIN_POPULATION - 1 },
      { name: "Ash", population: 900_000 },
      { name: "Northtown", population: 2 * MIN_POPULATION },
      { name: "Eastport", population: 3 * MIN_POPULATION },
      { name: "Reading", population: 6 * MIN_POPULATION },
    ]);
    expect(names).toEqual(["Eastport", "Northtown"]);
  });

  it("cities.ts is what the generator writes from the installed GeoNames data", () => {
    expect(readFileSync(CITIES_FILE, "utf8")).toBe(citiesSource(cityNames(loadGeoCities())));
  });

  it("knows generated cities, hand-listed other names, and no town below the cut", () => {
    expect(isKnownPlace("Wolverhampton")).toBe(true);
    expect(isKnownPlace("Gothenburg")).toBe(true);
    expect(isKnownPlace("Kotor")).toBe(false);
    // A form's "Male" is a gender, not the Maldives' capital.
    expect(isKnownPlace("Male")).toBe(false);
    expect(looksLikeOrganisation("Wolverhampton")).toBe(false);
  });

  it("names countries of more than one word whole", () => {
    expect(isCountry("El Salvador")).toBe(true);
    expect(isKnownPlace("El")).toBe(false);
  });
});
