import { describe, expect, it } from "vitest";
import { foldVietnamese, matchesFolded, splitVietnameseName, vietnameseSortKey } from "./vietnamese.ts";

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("Vietnamese text", () => {
  it.each([
    ["Nguyễn Văn Ánh", "nguyen van anh"],
    ["ĐỖ THỊ HƯƠNG", "do thi huong"],
    ["  Trần   Quốc  Đạt ", "tran quoc dat"],
  ])("folds %s to %s", (text, folded) => {
    expect(foldVietnamese(text)).toBe(folded);
  });

  it("matches every word of a query typed without diacritics", () => {
    expect(matchesFolded("Quận Ba Đình", "ba dinh")).toBe(true);
    expect(matchesFolded("Quận Ba Đình", "dinh ba")).toBe(true);
    expect(matchesFolded("Quận Hoàn Kiếm", "ba dinh")).toBe(false);
  });

  it("splits a name into family, middle and given names", () => {
    expect(splitVietnameseName("Nguyễn Thị Minh Khai")).toEqual({
      family: "Nguyễn",
      middle: "Thị Minh",
      given: "Khai",
    });
    expect(splitVietnameseName("Lan")).toEqual({ family: "", middle: "", given: "Lan" });
  });

  it("sorts by given name first, in Vietnamese alphabetical order", () => {
    const names = [
      "Trần Văn Đức",
      "Nguyễn Thị Ánh",
      "Lê Văn Dũng",
      "Phạm Minh An",
      "Hoàng Anh",
      "Vũ Thị Ăn",
      "Đỗ Ân",
      "Bùi Thị Ba",
    ];
    const sorted = [...names].sort((a, b) => byteOrder(vietnameseSortKey(a), vietnameseSortKey(b)));
    // Ánh and Anh share their letters: the middle name decides before the tone does.
    expect(sorted).toEqual([
      "Phạm Minh An",
      "Hoàng Anh",
      "Nguyễn Thị Ánh",
      "Vũ Thị Ăn",
      "Đỗ Ân",
      "Bùi Thị Ba",
      "Lê Văn Dũng",
      "Trần Văn Đức",
    ]);
  });

  it("orders the same given name by middle, then family name", () => {
    const names = ["Trần Văn Hùng", "Nguyễn Văn Hùng", "Lê Mạnh Hùng"];
    const sorted = [...names].sort((a, b) => byteOrder(vietnameseSortKey(a), vietnameseSortKey(b)));
    expect(sorted).toEqual(["Lê Mạnh Hùng", "Nguyễn Văn Hùng", "Trần Văn Hùng"]);
  });

  it("uses tones only to break ties: a < à < ả < ã < á < ạ", () => {
    const names = ["Ma", "Mạ", "Má", "Mà", "Mã", "Mả"];
    const sorted = [...names].sort((a, b) => byteOrder(vietnameseSortKey(a), vietnameseSortKey(b)));
    expect(sorted).toEqual(["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]);
  });
});
