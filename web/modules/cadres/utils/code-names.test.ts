import { describe, expect, it } from "vitest";
import type { Code } from "../../../../common/contracts/codes.ts";
import { type CodeLists, codeOptions, localName } from "./code-names.ts";

const code = (c: string, validFrom: string | null, validTo: string | null, isActive = true): Code => ({
  list: "religion",
  code: c,
  name: `Tôn giáo ${c}`,
  nameEn: null,
  rank: 0,
  isActive,
  validFrom,
  validTo,
  basis: null,
});

// A list renumbered on 1/1/2025: the old code 99 until then, the new 15 from then; 14 always; 13 retired.
const lists: CodeLists = new Map([
  [
    "religion",
    [
      code("13", null, null, false),
      code("14", null, null),
      code("15", "2025-01-01", null),
      code("99", null, "2025-01-01"),
    ],
  ],
]);
const offered = (options: Parameters<typeof codeOptions>[3]) =>
  codeOptions(lists, "religion", "vi", options).map((o) => o.value);

describe("code options", () => {
  it.each([
    ["every active code without a date", {}, ["14", "15", "99"]],
    ["the codes in force on a day before the renumbering", { asOf: "2024-12-31" }, ["14", "99"]],
    ["the codes in force from its first day", { asOf: "2025-01-01" }, ["14", "15"]],
    [
      "a stored value kept, even out of force or inactive",
      { asOf: "2025-06-01", keep: "99" },
      ["14", "15", "99"],
    ],
    ["an inactive stored value kept", { keep: "13" }, ["13", "14", "15", "99"]],
  ])("offers %s", (_case, options, expected) => {
    expect(offered(options)).toEqual(expected);
  });
});

describe("a code's name sent by the server", () => {
  const professional: CodeLists = new Map([
    [
      "professional",
      [
        { ...code("university", null, null), list: "professional", name: "Đại học", nameEn: "University" },
        { ...code("college", null, null), list: "professional", name: "Cao đẳng", nameEn: null },
      ],
    ],
  ]);

  it("is shown in English when the list has an English name", () => {
    const ref = { code: "university", name: "Đại học" };
    expect(localName(professional, "professional", ref, "en")).toBe("University");
    expect(localName(professional, "professional", ref, "vi")).toBe("Đại học");
  });

  it("stays Vietnamese when the list has no English name or is not loaded yet", () => {
    expect(localName(professional, "professional", { code: "college", name: "Cao đẳng" }, "en")).toBe(
      "Cao đẳng",
    );
    expect(localName(undefined, "professional", { code: "university", name: "Đại học" }, "en")).toBe(
      "Đại học",
    );
    expect(localName(professional, "professional", null, "en")).toBeUndefined();
  });
});
