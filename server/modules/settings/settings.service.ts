import { asc } from "drizzle-orm";
import {
  type AddSettingVersion,
  SETTING_KEYS,
  SETTING_VALUE_SCHEMAS,
  type Setting,
  type SettingKey,
  type SettingList,
} from "../../../common/contracts/settings.ts";
import type { Db } from "../../db/client.ts";
import { type Actor, authorize } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import { ruleSettings } from "./schema.ts";
import { SettingErrors } from "./settings.errors.ts";

type Deps = { db: Db; audit: AuditService };

/**
 * The rule parameters as dated settings: every version with its citation, and new versions from a date (a
 * change of law). Versions are never edited: a wrong value is corrected by a version from the same rule's
 * next date. Reading is open to every signed-in user (the rules are public law); adding is the admins'
 * (codes.manage, as for the code lists).
 */
export function createSettingsService({ db, audit }: Deps) {
  async function list(_actor: Actor): Promise<SettingList> {
    const rows = await db
      .select({
        key: ruleSettings.key,
        validFrom: ruleSettings.validFrom,
        value: ruleSettings.value,
        citation: ruleSettings.citation,
        createdBy: ruleSettings.createdBy,
      })
      .from(ruleSettings)
      .orderBy(asc(ruleSettings.key), asc(ruleSettings.validFrom));
    return {
      items: SETTING_KEYS.map((key) => ({
        key,
        versions: rows.filter((r) => r.key === key).map(({ key: _, ...v }) => v),
      })),
    };
  }

  async function get(actor: Actor, key: string): Promise<Setting> {
    const known = knownKey(key);
    return (await list(actor)).items.find((s) => s.key === known)!;
  }

  async function addVersion(actor: Actor, key: string, input: AddSettingVersion): Promise<Setting> {
    authorize(actor, "codes.manage");
    const known = knownKey(key);
    const parsed = SETTING_VALUE_SCHEMAS[known].safeParse(input.value);
    if (!parsed.success) {
      throw new AppError(SettingErrors.SETTING_VALUE_INVALID, {
        details: {
          issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
        },
      });
    }
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(ruleSettings)
        .values({
          key: known,
          validFrom: input.validFrom,
          value: parsed.data,
          citation: input.citation,
          createdBy: actor.username,
        })
        .onConflictDoNothing()
        .returning({ id: ruleSettings.id });
      if (inserted.length === 0) {
        throw new AppError(SettingErrors.SETTING_VERSION_EXISTS, { details: { validFrom: input.validFrom } });
      }
      await audit.record(tx, actor, {
        action: "setting.version_added",
        entityType: "setting",
        entityId: known,
        after: { validFrom: input.validFrom, value: parsed.data, citation: input.citation },
        reason: input.reason,
      });
    });
    return get(actor, known);
  }

  return { list, get, addVersion };
}
export type SettingsService = ReturnType<typeof createSettingsService>;

function knownKey(key: string): SettingKey {
  if (!(SETTING_KEYS as readonly string[]).includes(key)) throw new AppError(SettingErrors.SETTING_NOT_FOUND);
  return key as SettingKey;
}
