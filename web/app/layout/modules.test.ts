import { describe, expect, it } from "vitest";
import { MODULES, menuSections } from "./modules.tsx";

describe("the side menu", () => {
  it("lists the working pages first, in their order, and folds what is not built into one group", () => {
    const { built, comingSoon } = menuSections(MODULES);
    expect(built.length + comingSoon.length).toBe(MODULES.length);
    expect(built.every((m) => m.path)).toBe(true);
    expect(comingSoon.every((m) => !m.path)).toBe(true);
    expect(built.map((m) => m.key)).toEqual(MODULES.filter((m) => m.path).map((m) => m.key));
    // Every working page sits above the fold of a 768-pixel screen (40 px a row, below the title).
    expect(built.length * 40 + 64).toBeLessThan(768);
  });
});
