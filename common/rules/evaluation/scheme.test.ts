import { describe, expect, it } from "vitest";
import { STAFF_TYPES } from "../../enums/cadres.ts";
import { HANOI_COMPLETION_BANDS } from "./hanoi-3814-form.ts";
import { leavesOf, type SchemeChoice, schemeInForce, templateProblems } from "./scheme.ts";
import { DEFAULT_SCHEME_CHOICES, HANOI_3814_MONTHLY_2022, SHIPPED_TEMPLATES } from "./templates.ts";

describe("shipped scheme templates", () => {
  it.each(SHIPPED_TEMPLATES.map((t) => [t.code, t.validFrom, t] as const))(
    "%s from %s adds up and orders its bands",
    (_code, _from, t) => {
      expect(templateProblems(t)).toEqual([]);
      expect(t.citation.length).toBeGreaterThan(10);
    },
  );

  it("reads the Hà Nội district form: 20 discipline & ethics + 70 task results + 10 bonus", () => {
    const t = HANOI_3814_MONTHLY_2022;
    expect(t.criteria.map((n) => [n.code, n.maxPoints])).toEqual([
      ["I", 20],
      ["II", 70],
      ["III", 10],
    ]);
    const leaves = leavesOf(t.criteria);
    // I.1: three lines of 2; I.2: 3+3+2+2+2+2; II.1: ten lines of 2; II.2: the completion share; III: the bonus
    expect(leaves.filter((l) => l.kind === "item").map((l) => l.maxPoints)).toEqual([
      2, 2, 2, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 50,
    ]);
    expect(leaves.filter((l) => l.kind === "deduction").map((l) => l.code)).toEqual([
      "I.x",
      "II.1.x",
      "II.2.x",
    ]);
    expect(leaves.filter((l) => l.kind === "deduction").every((l) => l.needsReason)).toBe(true);
    const bonus = leaves.find((l) => l.kind === "bonus");
    expect(bonus).toMatchObject({ code: "III.1", maxPoints: 10, needsReason: true, decidedBy: "head" });
  });

  it("maps the completion share to the 50-point block as DOMAIN says", () => {
    expect(HANOI_COMPLETION_BANDS.map((b) => [b.minSharePercent, b.minPoints, b.maxPoints])).toEqual([
      [90, 45, 50],
      [80, 40, 45],
      [70, 35, 40],
      [0, 0, 35],
    ]);
  });

  it("finds a template whose group does not add up", () => {
    const broken = {
      ...HANOI_3814_MONTHLY_2022,
      criteria: [
        { ...HANOI_3814_MONTHLY_2022.criteria[0]!, maxPoints: 25 },
        ...HANOI_3814_MONTHLY_2022.criteria.slice(1),
      ],
    };
    expect(templateProblems(broken)).toContain("I: children add up to 20, not 25");
  });
});

describe("the scheme in force for a staff type on a date", () => {
  it.each([
    ["civil_servant", "2021-06-30", "state", "decree-90-annual", "2020-08-13"],
    ["civil_servant", "2022-01-01", "state", "hanoi-3814-monthly", "2022-01-01"],
    ["civil_servant", "2025-12-31", "state", "hanoi-3814-monthly", "2022-01-01"],
    ["civil_servant", "2026-01-01", "state", "decree-335-monthly", "2026-01-01"],
    ["public_employee", "2026-06-30", "state", "hanoi-3814-monthly", "2026-01-01"],
    ["public_employee", "2026-07-01", "state", "decree-335-monthly", "2026-01-01"],
    ["cadre", "2026-03-15", "state", "hanoi-3814-monthly", "2026-01-01"],
    ["contract", "2025-05-01", "state", "hanoi-3814-monthly", "2022-01-01"],
    ["cadre", "2025-12-31", "party", "party-366-quarterly", "2025-10-08"],
  ] as const)("%s on %s (%s): %s as of %s", (staffType, date, track, code, versionFrom) => {
    const pick = schemeInForce(DEFAULT_SCHEME_CHOICES, SHIPPED_TEMPLATES, staffType, date, track);
    expect(pick.ok && [pick.template.code, pick.template.validFrom]).toEqual([code, versionFrom]);
  });

  it("keeps records of 2025 under the scheme they were made under", () => {
    const pick = schemeInForce(DEFAULT_SCHEME_CHOICES, SHIPPED_TEMPLATES, "cadre", "2025-11-30");
    expect(pick.ok && pick.template.disqualifiers).toEqual([]);
  });

  it("has exactly one state scheme for every staff type on every first of the month since 2020-09", () => {
    for (const staffType of STAFF_TYPES)
      for (let y = 2020; y <= 2027; y++)
        for (let m = y === 2020 ? 9 : 1; m <= 12; m++) {
          const date = `${y}-${String(m).padStart(2, "0")}-01`;
          expect(schemeInForce(DEFAULT_SCHEME_CHOICES, SHIPPED_TEMPLATES, staffType, date).ok).toBe(true);
        }
  });

  it("names a date with no choice, two overlapping choices, and a choice before its template exists", () => {
    expect(schemeInForce(DEFAULT_SCHEME_CHOICES, SHIPPED_TEMPLATES, "cadre", "2019-01-01")).toEqual({
      ok: false,
      reason: "no_scheme_chosen",
    });
    expect(
      schemeInForce(DEFAULT_SCHEME_CHOICES, SHIPPED_TEMPLATES, "contract", "2026-01-01", "party"),
    ).toEqual({
      ok: false,
      reason: "no_scheme_chosen",
    });
    const overlapping: SchemeChoice[] = [
      ...DEFAULT_SCHEME_CHOICES,
      {
        staffType: "cadre",
        track: "state",
        schemeCode: "decree-335-quarterly",
        validFrom: "2026-04-01",
        validTo: null,
        citation: "x",
      },
    ];
    expect(schemeInForce(overlapping, SHIPPED_TEMPLATES, "cadre", "2026-04-01")).toEqual({
      ok: false,
      reason: "choices_overlap",
    });
    expect(schemeInForce(overlapping, SHIPPED_TEMPLATES, "cadre", "2026-03-31").ok).toBe(true);
    const early: SchemeChoice[] = [{ ...overlapping.at(-1)!, validFrom: "2025-01-01" }];
    expect(schemeInForce(early, SHIPPED_TEMPLATES, "cadre", "2025-06-01")).toEqual({
      ok: false,
      reason: "no_template_version",
    });
  });
});
