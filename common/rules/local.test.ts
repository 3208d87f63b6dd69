import { describe, expect, it } from "vitest";
import { DEFAULT_LOCAL_RULE, isLocal } from "./local.ts";

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
