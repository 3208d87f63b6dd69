import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { getTableColumns, type Table } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { UserSchema } from "../../../common/contracts/auth.ts";
import { CodeSchema } from "../../../common/contracts/codes.ts";
import { TitleSchema } from "../../../common/contracts/posts.ts";
import { RetirementOverrideRowSchema } from "../../../common/contracts/retirement.ts";
import {
  AUDIT_ACTION_GROUPS,
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  AUDIT_FIELDS,
  type AuditLabel,
} from "../../../common/enums/audit.ts";
import { users } from "../auth/schema.ts";
import { cadreRetirementOverrides } from "../cadres/retirement.schema.ts";
import * as cadreTables from "../cadres/schema.ts";
import { codeLists } from "../codes/schema.ts";
import { indicatorVersions } from "../indicators/schema.ts";
import { seats, titles, titleVersions } from "../posts/schema.ts";
import { ruleSettings } from "../settings/schema.ts";
import { unitLinks, units, unitVersions } from "../units/schema.ts";

const SERVER = join(import.meta.dirname, "../..");
const REGISTRY = "common/enums/audit.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.includes(".test") ? [path] : [];
  });
}

const ACTION_LIKE = /["'`]([a-z_]+(?:\.(?:[a-z_]+|\$\{[^}]+\}))+)["'`]/g;

/**
 * The actions the server's code can write, read from its source: string literals on the lines that set
 * an action — `action: "unit.created"`, a ternary after `action:`, a template `cadre.${…}.added`, and in
 * SQL `'cadre.created' … AS action` or `THEN 'cadre.updated'`. A template's `${…}` is a wildcard.
 */
function writtenActions(): { action: string; where: string }[] {
  const found: { action: string; where: string }[] = [];
  for (const file of sourceFiles(SERVER)) {
    if (file.includes(`${join("modules", "audit")}`)) continue;
    const lines = readFileSync(file, "utf8").split("\n");
    for (const [i, line] of lines.entries()) {
      if (!/\baction\b/i.test(line) && !/\bTHEN '/.test(line)) continue;
      if (!/action:|AS action|THEN '/.test(line)) continue;
      for (const m of line.matchAll(ACTION_LIKE))
        found.push({ action: m[1]!, where: `${relative(SERVER, file)}:${i + 1}` });
    }
  }
  return found;
}

function isLabelled(label: AuditLabel | undefined): boolean {
  return !!label && label.vi.trim().length > 0 && label.en.trim().length > 0;
}

describe("every action of the trail has a name in Vietnamese and English", () => {
  it("finds the writers' actions in the source (the scan itself works)", () => {
    const actions = writtenActions().map((a) => a.action);
    expect(actions).toContain("unit.created");
    expect(actions).toContain("cadre.updated");
    expect(actions).toContain("code.deactivated");
    expect(actions.some((a) => a.includes("${"))).toBe(true);
  });

  it("registers every action the server writes", () => {
    const registered = Object.keys(AUDIT_ACTIONS);
    const missing = writtenActions().filter(({ action }) => {
      if (!action.includes("${")) return !registered.includes(action);
      const pattern = new RegExp(`^${action.replace(/\./g, "\\.").replace(/\$\\?\{[^}]+\}/g, "[a-z_]+")}$`);
      return !registered.some((r) => pattern.test(r));
    });
    expect(
      missing.map(({ action, where }) => `${action} (written at server/${where}): add it to ${REGISTRY}`),
      `Audit actions without a name: add a line { vi: "…", en: "…" } for each to AUDIT_ACTIONS in ${REGISTRY}`,
    ).toEqual([]);
  });

  it("names every registered action in both languages, each differently from its key", () => {
    const bad = Object.entries(AUDIT_ACTIONS)
      .filter(([key, label]) => !isLabelled(label) || label.vi === key || label.en === key)
      .map(([key]) => key);
    expect(bad).toEqual([]);
  });

  it("offers every action under a group of the page's action filter", () => {
    const groups = Object.keys(AUDIT_ACTION_GROUPS);
    const orphans = Object.keys(AUDIT_ACTIONS).filter((a) => !groups.some((g) => a.startsWith(g)));
    expect(orphans, `Actions outside every AUDIT_ACTION_GROUPS prefix in ${REGISTRY}`).toEqual([]);
  });

  it("names every entity type the writers use", () => {
    const types = new Set<string>();
    for (const file of sourceFiles(SERVER))
      for (const m of readFileSync(file, "utf8").matchAll(/entityType: "([a-z_]+)"/g)) types.add(m[1]!);
    expect(types.size).toBeGreaterThan(5);
    expect(
      [...types].filter((t) => !isLabelled((AUDIT_ENTITY_TYPES as Record<string, AuditLabel>)[t])),
    ).toEqual([]);
  });
});

/** Columns the audit never shows (secrets and bookkeeping that no writer copies into before/after). */
const NOT_SHOWN = new Set(["passwordHash", "searchName", "sortKey", "updatedAt"]);

/**
 * The fields that before/after of the trail hold: the columns of the records written whole (a person and
 * their histories, units, users, codes, titles, seats, settings, indicators), the shapes presented
 * (users, codes, titles, retirement exceptions), and the keys of the writers' own summaries (imports,
 * exports, reads, the seed).
 */
function shownFields(): Map<string, string> {
  const fields = new Map<string, string>();
  const tables: Record<string, Table> = {
    ...(Object.fromEntries(
      Object.entries(cadreTables).filter(([, t]) => typeof t === "object" && t !== null && "getSQL" in t),
    ) as Record<string, Table>),
    cadreRetirementOverrides,
    users,
    units,
    unitVersions,
    unitLinks,
    codeLists,
    titles,
    titleVersions,
    seats,
    ruleSettings,
    indicatorVersions,
  };
  for (const [name, table] of Object.entries(tables))
    for (const column of Object.keys(getTableColumns(table)))
      if (!NOT_SHOWN.has(column)) fields.set(column, `table ${name}`);
  const shapes = { UserSchema, CodeSchema, TitleSchema, RetirementOverrideRowSchema };
  for (const [name, schema] of Object.entries(shapes))
    for (const key of Object.keys(schema.shape)) fields.set(key, `contract ${name}`);
  const summaries: Record<string, string[]> = {
    "cadres.imported / cadres.import_undone": [
      "fileName",
      "format",
      "rows",
      "created",
      "updated",
      "unchanged",
      "undoneChanges",
      "keptLaterEdits",
    ],
    "cadres.exported": ["filter", "format", "rows", "sensitiveColumns"],
    "cadres.retiring_exported": ["asOf", "within", "unitId", "rows"],
    "indicators.people_exported": ["code", "asOf", "unitId", "side", "tier", "rows"],
    "cadre.id_number_searched": ["idNumber", "found", "asOf"],
    "cadre.retirement_override_added": ["statutoryDate"],
    "cadre.<history>.*": ["trainingKind"],
    "unit.*": ["parentId", "effectiveDate", "successorId", "lineageKind", "placeId"],
    "setting.version_added": ["validFrom", "value", "citation"],
    "title.updated": ["effectiveFrom"],
    "seed.loaded": ["profile", "seed", "today", "units"],
  };
  for (const [where, keys] of Object.entries(summaries)) for (const key of keys) fields.set(key, where);
  return fields;
}

describe("every field the trail shows has a name in Vietnamese and English", () => {
  it("names the fields of every record type", () => {
    const labels = AUDIT_FIELDS as Record<string, AuditLabel>;
    const missing = [...shownFields()]
      .filter(([field]) => !isLabelled(labels[field]))
      .map(([field, where]) => `${field} (${where})`);
    expect(
      missing,
      `Audit fields without a name: add ${"{ vi, en }"} for each to AUDIT_FIELDS in ${REGISTRY}`,
    ).toEqual([]);
    expect(labels.fullName?.vi).toBe("Họ và tên");
  });
});
