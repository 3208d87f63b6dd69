import { describe, expect, it } from "vitest";
import { DEFAULT_LOCAL_RULE, isLocalByPlaces } from "./local.ts";

describe("local by places (DOMAIN §2: home town inside the territory the post leads)", () => {
  const homeTownOnly = DEFAULT_LOCAL_RULE;
  const withBirthplace = { includeBirthplace: true };
  it.each([
    // home town, birthplace, rule, expected
    ["inside", null, homeTownOnly, true],
    ["outside", null, homeTownOnly, false], // another commune, district or province
    ["overlap", null, homeTownOnly, null], // cannot be told: unknown origin
    [null, "inside", homeTownOnly, null], // birthplace not counted by default: unknown
    ["outside", "inside", homeTownOnly, false],
    ["outside", "inside", withBirthplace, true],
    ["inside", "outside", withBirthplace, true],
    ["outside", "outside", withBirthplace, false],
    [null, "outside", withBirthplace, false],
    ["outside", null, withBirthplace, false],
    ["overlap", "outside", withBirthplace, null],
    ["overlap", "inside", withBirthplace, true],
    [null, null, withBirthplace, null],
  ] as const)("home town %s, birthplace %s (%o) → %s", (home, birth, rule, expected) => {
    expect(isLocalByPlaces(home, birth, rule)).toBe(expected);
  });
});
