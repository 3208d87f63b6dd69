import { describe, expect, it } from "vitest";
import { DEFAULT_LOCAL_RULE, isLocal, isLocalByPlaces } from "./local.ts";

describe("local (DOMAIN §2: home town in the same district-level unit)", () => {
  const homeTownOnly = DEFAULT_LOCAL_RULE;
  const withBirthplace = { includeBirthplace: true };
  it.each([
    // home town, birthplace, post's district, rule, expected
    [10, null, 10, homeTownOnly, true],
    [10, null, 11, homeTownOnly, false],
    [11, 10, 10, homeTownOnly, false], // born there but home town elsewhere: not local by default
    [11, 10, 10, withBirthplace, true],
    [10, 11, 10, withBirthplace, true],
    [11, 12, 10, withBirthplace, false],
    [null, 10, 10, withBirthplace, true],
    [null, null, 10, homeTownOnly, null], // home town not recorded: unknown
    [null, 10, 10, homeTownOnly, null],
    [null, null, 10, withBirthplace, null],
    [null, 11, 10, withBirthplace, false],
    [10, null, null, homeTownOnly, null], // the post has no district-level unit
  ] as const)("home town %s, birthplace %s, post in %s (%o) → %s", (home, birth, post, rule, expected) => {
    expect(isLocal({ homeTownDistrictId: home, birthplaceDistrictId: birth }, post, rule)).toBe(expected);
  });
});

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
