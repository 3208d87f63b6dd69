import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DATE_YEAR_MAX, DATE_YEAR_MIN } from "../rules/dates.ts";
import { IdSchema, INT4_MAX, IsoDateSchema, isStorableText, PageQuerySchema, TextSchema } from "./common.ts";

/** A string with one unpaired half of a surrogate pair somewhere in it. */
const withLoneSurrogate = fc
  .tuple(fc.string(), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string())
  .map(([before, unit, after]) => before + String.fromCharCode(unit) + after);
const withNul = fc.tuple(fc.string(), fc.string()).map(([before, after]) => `${before}\u0000${after}`);
/** Real text: any Unicode characters (surrogate pairs whole), without NUL. */
const realText = fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => !s.includes("\u0000"));

const pad = (n: number, width: number) => String(n).padStart(width, "0");

describe("text fields", () => {
  it("accept any real text, including characters beyond the BMP", () => {
    fc.assert(
      fc.property(realText, (s) => {
        expect(TextSchema.safeParse(s).success).toBe(true);
      }),
    );
    expect(TextSchema.parse("Nguyễn Văn 𠀧")).toBe("Nguyễn Văn 𠀧");
  });

  it("refuse a NUL, which PostgreSQL cannot store in text", () => {
    fc.assert(
      fc.property(withNul, (s) => {
        expect(TextSchema.safeParse(s).success).toBe(false);
      }),
    );
  });

  it("refuse an unpaired surrogate, which would be stored as U+FFFD", () => {
    fc.assert(
      fc.property(withLoneSurrogate, (s) => {
        expect(TextSchema.safeParse(s).success).toBe(false);
      }),
    );
    expect(isStorableText("\ud83d\ude00")).toBe(true);
    expect(isStorableText("\ude00\ud83d")).toBe(false);
  });

  it("say why in Vietnamese", () => {
    const issue = TextSchema.safeParse("a\u0000b").error?.issues[0];
    expect(issue?.message).toMatch(/ký tự không hợp lệ/);
  });
});

describe("dates", () => {
  it(`accept every real date from ${DATE_YEAR_MIN} to ${DATE_YEAR_MAX}`, () => {
    const day = fc.date({
      min: new Date(Date.UTC(DATE_YEAR_MIN, 0, 1)),
      max: new Date(Date.UTC(DATE_YEAR_MAX, 11, 31)),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(day, (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(IsoDateSchema.parse(iso)).toBe(iso);
      }),
    );
  });

  it("refuse years PostgreSQL or JavaScript misread (0000, 0099) and years past the records (99999)", () => {
    for (const bad of ["0000-01-01", "0099-06-15", "1799-12-31", "2201-01-01", "9999-12-31", "99999-01-01"]) {
      expect(IsoDateSchema.safeParse(bad).success, bad).toBe(false);
    }
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: DATE_YEAR_MIN - 1 }),
          fc.integer({ min: DATE_YEAR_MAX + 1, max: 99_999 }),
        ),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (y, m, d) => {
          expect(IsoDateSchema.safeParse(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`).success).toBe(false);
        },
      ),
    );
  });

  it("refuse days that do not exist and other shapes", () => {
    for (const bad of [
      "2023-02-29",
      "2024-02-30",
      "2024-13-01",
      "2024-00-10",
      "2024-1-1",
      "15/06/2024",
      "",
    ]) {
      expect(IsoDateSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(IsoDateSchema.safeParse("2024-02-29").success).toBe(true);
  });
});

describe("ids", () => {
  it("accept every positive int4 as a number or as its digits", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: INT4_MAX }), (n) => {
        expect(IdSchema.parse(n)).toBe(n);
        expect(IdSchema.parse(String(n))).toBe(n);
      }),
    );
  });

  it("refuse numbers an int4 column cannot hold, zero and negatives", () => {
    const outside = fc.oneof(
      fc.integer({ min: INT4_MAX + 1, max: Number.MAX_SAFE_INTEGER }),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: 0 }),
    );
    fc.assert(
      fc.property(outside, (n) => {
        expect(IdSchema.safeParse(n).success).toBe(false);
        expect(IdSchema.safeParse(String(n)).success).toBe(false);
      }),
    );
    expect(IdSchema.safeParse("99999999999999999999").success).toBe(false);
  });

  it("refuse true, fractions and strings that only coerce to a number", () => {
    for (const bad of [
      true,
      false,
      null,
      [],
      [5],
      {},
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      "",
      " 7",
      "7 ",
      "1e3",
      "0x10",
      "1.0",
      "+5",
      "٣",
    ]) {
      expect(IdSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    fc.assert(
      fc.property(fc.double({ noInteger: true }), (x) => {
        expect(IdSchema.safeParse(x).success).toBe(false);
      }),
    );
  });

  it("give a clear message for true", () => {
    expect(IdSchema.safeParse(true).error?.issues[0]?.message).toBe("Mã số phải là số nguyên dương");
  });
});

describe("page numbers", () => {
  it("default to the first page and refuse pages no list has", () => {
    expect(PageQuerySchema.parse({})).toEqual({ page: 1, pageSize: 50 });
    expect(PageQuerySchema.parse({ page: "3", pageSize: "20" })).toEqual({ page: 3, pageSize: 20 });
    for (const page of ["0", "99999999999", "true", "1e3", String(INT4_MAX + 1)]) {
      expect(PageQuerySchema.safeParse({ page }).success, page).toBe(false);
    }
  });
});
