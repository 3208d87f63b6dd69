import { describe, expect, it } from "vitest";
import { type AuditAction, auditActionLabel, auditFieldLabel } from "../../../common/enums/audit.ts";
import { changesOf, formatValue, referencesOf, type ValueNames } from "./audit.changes.ts";
import { presentEntry } from "./audit.presenter.ts";

const names: ValueNames = {
  code: (list, code) => (list === "professional" && code === "DH" ? "Đại học" : undefined),
  unit: (id) => (id === 7 ? "Phường Trúc Bạch" : undefined),
};

describe("a value as people read it", () => {
  it.each([
    ["birthDate", "1982-11-02", "vi", "02/11/1982"],
    ["isMain", true, "vi", "Có"],
    ["isMain", false, "vi", "Không"],
    ["isMain", true, "en", "Yes"],
    ["sex", "female", "vi", "Nữ"],
    ["sex", "female", "en", "Female"],
    ["staffType", "civil_servant", "vi", "Công chức"],
    ["parentId", 7, "vi", "Phường Trúc Bạch (#7)"],
    ["parentId", 8, "vi", "Đơn vị #8"],
    ["roles", ["admin", "officer"], "vi", "admin, officer"],
    ["rows", 12, "vi", "12"],
    ["note", "", "vi", null],
    ["note", null, "vi", null],
    // An instant in UTC is shown on the Vietnamese clock (UTC+7).
    ["lastLoginAt", "2026-03-01T20:15:00.000Z", "vi", "02/03/2026 03:15"],
  ] as const)("%s = %j (%s) reads %j", (field, value, language, expected) => {
    expect(formatValue(field, value, language, names)).toBe(expected);
  });

  it("reads a nested object as labelled parts, empty parts left out", () => {
    expect(
      formatValue("filter", { asOf: "2026-06-15", unitId: 7, q: null, sensitive: false }, "vi", names),
    ).toBe("Tính đến ngày: 15/06/2026; Đơn vị: Phường Trúc Bạch (#7); sensitive: Không");
  });

  it("names a qualification's level from the list of its category", () => {
    expect(formatValue("levelCode", "DH", "vi", names, { category: "professional" })).toBe("Đại học");
    expect(referencesOf(null, { category: "professional", levelCode: "DH", unitId: 7 })).toEqual({
      codes: [["professional", "DH"]],
      units: [7],
    });
  });
});

describe("the changed fields of a row", () => {
  it("lists only what changed, in the form's order, and leaves out row ids and record versions", () => {
    const changes = changesOf(
      {
        action: "cadre.updated",
        before: { phone: null, fullName: "Hoàng Thị Lan", birthDate: "1982-11-02" },
        after: { phone: "0912", fullName: "Hoàng Thị Lan", birthDate: "1982-12-02", version: 3 },
      },
      new Set(),
      "vi",
    );
    expect(changes).toEqual([
      { field: "birthDate", label: "Ngày sinh", before: "02/11/1982", after: "02/12/1982" },
      { field: "phone", label: "Điện thoại", before: null, after: "0912" },
    ]);
  });

  it("lists every field a history row sets, without its kind and id (the action names them)", () => {
    const changes = changesOf(
      {
        action: "cadre.assignment.added",
        before: null,
        after: { kind: "assignments", id: 5, unitId: 7, isMain: true, validFrom: "2020-01-01", note: null },
      },
      new Set(),
      "vi",
      names,
    );
    expect(changes.map((c) => [c.label, c.after])).toEqual([
      ["Từ ngày", "01/01/2020"],
      ["Đơn vị", "Phường Trúc Bạch (#7)"],
      ["Chức vụ chính", "Có"],
    ]);
  });

  it("shows a withheld field as withheld, never its value", () => {
    const entry = presentEntry(
      {
        id: 1,
        at: new Date("2026-01-01T00:00:00Z"),
        actorId: null,
        actorUsername: "cli",
        action: "cadre.updated",
        entityType: "cadre",
        entityId: "1",
        before: { idNumber: "001082000001" },
        after: { idNumber: "001082000002" },
        reason: null,
        requestId: null,
        ip: null,
        hash: null,
      },
      true,
      "en",
    );
    expect(entry.changes).toEqual([
      { field: "idNumber", label: "ID number", before: "(withheld)", after: "(withheld)" },
    ]);
    expect(JSON.stringify(entry)).not.toContain("00108200000");
    expect(entry.actionLabel).toBe("Cadre record updated");
  });
});

describe("names of actions and fields", () => {
  it("names history actions in both languages", () => {
    const action: AuditAction = "cadre.salary.corrected";
    expect(auditActionLabel(action, "vi")).toBe("Sửa ngạch, bậc lương");
    expect(auditActionLabel(action, "en")).toBe("Salary row corrected");
  });

  it("shows an unknown action or field as it is", () => {
    expect(auditActionLabel("users.disabled_someday", "vi")).toBe("users.disabled_someday");
    expect(auditFieldLabel("somethingNew", "en")).toBe("somethingNew");
  });
});
