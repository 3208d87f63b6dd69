import { describe, expect, it } from "vitest";
import { columnsAt } from "./cadre-columns.ts";

// The room a page has at 1366 px: the open side menu (272 px), the page's padding (2 × 24 px) and the
// card around the table (2 × 24 px).
const ROOM_AT_1366 = 1366 - 272 - 48 - 48;

describe("the cadres list on a 1366×768 screen", () => {
  it("fits every column it shows without a horizontal scrollbar", () => {
    expect(columnsAt("xl").minWidth).toBeLessThanOrEqual(ROOM_AT_1366);
  });

  it("keeps who and where: code, name, birth date, unit, title and tier", () => {
    expect(columnsAt("xl").keys).toEqual(
      expect.arrayContaining(["staffCode", "fullName", "birthDate", "unit", "title", "tier"]),
    );
  });

  it("shows every column on a wide screen", () => {
    expect(columnsAt("xxl").keys).toHaveLength(10);
  });
});
