import { asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { ruleSettings } from "./schema.ts";

/** One version of a setting. */
export type SettingVersion = { validFrom: string; value: unknown; citation: string };

/** Every version of a setting, oldest first. */
export async function versionsOf(tx: Executor, key: string): Promise<SettingVersion[]> {
  return tx
    .select({ validFrom: ruleSettings.validFrom, value: ruleSettings.value, citation: ruleSettings.citation })
    .from(ruleSettings)
    .where(eq(ruleSettings.key, key))
    .orderBy(asc(ruleSettings.validFrom));
}

/** The version of a setting in force on date d (the latest from on or before it), if any. */
export function versionOn<T extends { validFrom: string }>(versions: readonly T[], d: string): T | undefined {
  let found: T | undefined;
  for (const v of versions) if (v.validFrom <= d && (!found || v.validFrom >= found.validFrom)) found = v;
  return found;
}
