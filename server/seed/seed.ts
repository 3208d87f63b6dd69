import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import type { Actor } from "../lib/actor.ts";
import type { UnitsService } from "../modules/units/index.ts";
import { demoUnits } from "./demo-units.ts";

export const PROFILES = ["demo", "hanoi", "national"] as const;
export type Profile = (typeof PROFILES)[number];

export type SeedProgress = (step: string, done: number, total: number) => void;

/** True when the database holds no organisation yet (first start). */
export async function isEmpty(db: Db): Promise<boolean> {
  const result = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM units`);
  return (result.rows[0]?.n ?? 0) === 0;
}

/**
 * Loads a deterministic data profile into an empty database. The organisation tree comes first; people
 * (hanoi ≈ 200k, national ≈ 2M) arrive with the cadre records capability.
 */
export async function seed(
  deps: { db: Db; units: Pick<UnitsService, "createMany" | "end" | "addLink"> },
  actor: Actor,
  options: { profile: Profile; seed?: number; onProgress?: SeedProgress },
): Promise<{ units: number }> {
  if (!(await isEmpty(deps.db))) {
    throw new Error("Cơ sở dữ liệu đã có dữ liệu đơn vị: chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu trống.");
  }
  if (options.profile !== "demo") {
    throw new Error(`Hồ sơ dữ liệu "${options.profile}" chưa có: cần phân hệ hồ sơ cán bộ (issue #3).`);
  }
  const progress = options.onProgress ?? (() => {});
  const { units, splits } = demoUnits(options.seed ?? 1);
  progress("Đơn vị", 0, units.length);
  const ids = await deps.units.createMany(actor, units, "Dữ liệu mẫu (seed demo)");
  progress("Đơn vị", units.length, units.length);

  for (const split of splits) {
    // End the split unit's bodies (deepest first), then the unit itself, with a link to each successor.
    const inside = units
      .filter((u) => u.key.startsWith(`${split.from}.`))
      .sort((a, b) => b.key.length - a.key.length);
    for (const u of inside)
      await deps.units.end(actor, ids.get(u.key)!, {
        endDate: split.date,
        reason: "Chia tách đơn vị hành chính",
      });
    const [first, ...others] = split.to;
    await deps.units.end(actor, ids.get(split.from)!, {
      endDate: split.date,
      successorId: ids.get(first!)!,
      lineageKind: "split",
      reason: "Nghị quyết 132/NQ-CP: chia tách huyện Từ Liêm",
    });
    for (const other of others) {
      await deps.units.addLink(actor, {
        predecessorId: ids.get(split.from)!,
        successorId: ids.get(other)!,
        kind: "split",
        effectiveDate: split.date,
        note: "Nghị quyết 132/NQ-CP: chia tách huyện Từ Liêm",
      });
    }
  }
  return { units: units.length };
}
