import { describe, expect, it } from "vitest";
import { AGE_BANDS } from "../../../../common/contracts/indicators.ts";
import { ageBandLabel, pyramidBound, pyramidOption, pyramidTotals } from "./age-pyramid.ts";

const bands = (counts: readonly [number, number][]) =>
  AGE_BANDS.map((b, i) => ({
    band: b.key as string,
    male: counts[i]?.[0] ?? 0,
    female: counts[i]?.[1] ?? 0,
  }));

const pyramid = {
  bands: bands([
    [12, 30],
    [40, 55],
    [80, 61],
    [120, 90],
    [95, 70],
    [60, 44],
    [33, 9],
    [2, 0],
  ]),
  total: 711,
  averageAge: 44.6,
};

type Bar = { type: string; name: string; stack: string; data: number[]; label: { position: string } };

describe("the age pyramid", () => {
  it.each([
    ["<=30", "≤ 30"],
    ["31-35", "31–35"],
    ["56-60", "56–60"],
    [">60", "> 60"],
  ])("labels the band %s as %s", (band, label) => {
    expect(ageBandLabel(band)).toBe(label);
  });

  it.each([
    [120, 150],
    [100, 150],
    [125, 150],
    [9, 15],
    [1, 2],
    [2621, 4000],
  ])("gives a longest bar of %i a half-axis of %i", (peak, bound) => {
    expect(pyramidBound({ bands: bands([[peak, 0]]) })).toBe(bound);
  });

  it("keeps a scale of one for a subtree with nobody", () => {
    expect(pyramidBound({ bands: bands([]) })).toBe(1);
  });

  it("counts each side for the legend", () => {
    expect(pyramidTotals(pyramid)).toEqual({ male: 442, female: 359 });
  });

  it("draws men to the left and women to the right, youngest band at the bottom, on one symmetric scale", () => {
    const option = pyramidOption(pyramid, { male: "Nam", female: "Nữ" }, "vi");
    const [men, women] = option.series as Bar[];
    expect(men).toMatchObject({ type: "bar", name: "Nam", stack: "people", label: { position: "left" } });
    expect(women).toMatchObject({ type: "bar", name: "Nữ", stack: "people", label: { position: "right" } });
    expect(men!.data).toEqual([-12, -40, -80, -120, -95, -60, -33, -2]);
    expect(women!.data).toEqual([30, 55, 61, 90, 70, 44, 9, 0]);
    // A category axis draws its first value at the bottom: ≤ 30 there, > 60 on top.
    const yAxis = option.yAxis as { data: string[]; inverse?: boolean };
    expect(yAxis.data[0]).toBe("≤ 30");
    expect(yAxis.data.at(-1)).toBe("> 60");
    expect(yAxis.inverse).toBeUndefined();
    expect(option.xAxis).toMatchObject({ min: -150, max: 150 });
  });

  it("writes the counts on the axis without the sign of the left side, in Vietnamese", () => {
    const option = pyramidOption(
      { ...pyramid, bands: bands([[2621, 1200]]) },
      { male: "Nam", female: "Nữ" },
      "vi",
    );
    const formatter = (option.xAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel
      .formatter;
    expect(formatter(-4000)).toBe("4.000");
    expect(formatter(1500)).toBe("1.500");
  });
});
