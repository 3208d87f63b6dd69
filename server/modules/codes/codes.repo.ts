import { and, asc, eq, gt, inArray, isNull, lte, or, type SQL } from "drizzle-orm";
import type { CodeListName } from "../../../common/enums/cadres.ts";
import type { Executor } from "../../db/client.ts";
import { codeCorrections, codeLists } from "./schema.ts";

/** Queries of the code lists. Every function takes the executor (db or transaction) first. */

export type CodeRow = typeof codeLists.$inferSelect;

/** The entry is in force on day d: [valid_from, valid_to) holds it, null ends being open. */
function inForceOn(d: string): SQL {
  return and(
    or(isNull(codeLists.validFrom), lte(codeLists.validFrom, d)),
    or(isNull(codeLists.validTo), gt(codeLists.validTo, d)),
  )!;
}

export async function listCodes(
  tx: Executor,
  filter: { list?: CodeListName | undefined; includeInactive: boolean; asOf?: string | undefined },
): Promise<CodeRow[]> {
  const where: SQL[] = [];
  if (filter.list) where.push(eq(codeLists.list, filter.list));
  if (!filter.includeInactive) where.push(eq(codeLists.isActive, true));
  if (filter.asOf) where.push(inForceOn(filter.asOf));
  return tx
    .select()
    .from(codeLists)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(codeLists.list), asc(codeLists.rank), asc(codeLists.code));
}

export async function getCode(tx: Executor, list: string, code: string): Promise<CodeRow | undefined> {
  const [row] = await tx
    .select()
    .from(codeLists)
    .where(and(eq(codeLists.list, list), eq(codeLists.code, code)));
  return row;
}

/** The rows of the given codes of one list (those that exist). */
export async function codesIn(tx: Executor, list: string, codes: readonly string[]): Promise<CodeRow[]> {
  if (codes.length === 0) return [];
  return tx
    .select()
    .from(codeLists)
    .where(and(eq(codeLists.list, list), inArray(codeLists.code, [...codes])));
}

export async function insertCode(tx: Executor, row: typeof codeLists.$inferInsert): Promise<CodeRow> {
  const [created] = await tx.insert(codeLists).values(row).returning();
  return created!;
}

export async function updateCode(
  tx: Executor,
  list: string,
  code: string,
  patch: Partial<Pick<CodeRow, "name" | "nameEn" | "rank" | "isActive" | "validFrom" | "validTo" | "basis">>,
): Promise<CodeRow> {
  const [updated] = await tx
    .update(codeLists)
    .set(patch)
    .where(and(eq(codeLists.list, list), eq(codeLists.code, code)))
    .returning();
  return updated!;
}

export type CorrectionRow = typeof codeCorrections.$inferSelect & { newName: string | null };

/** The corrections of the shipped lists, with the new code's name today. */
export async function listCorrections(
  tx: Executor,
  filter: { list?: CodeListName | undefined },
): Promise<CorrectionRow[]> {
  return tx
    .select({
      id: codeCorrections.id,
      list: codeCorrections.list,
      oldCode: codeCorrections.oldCode,
      oldName: codeCorrections.oldName,
      newCode: codeCorrections.newCode,
      newName: codeLists.name,
      correctedOn: codeCorrections.correctedOn,
      basis: codeCorrections.basis,
    })
    .from(codeCorrections)
    .leftJoin(
      codeLists,
      and(eq(codeLists.list, codeCorrections.list), eq(codeLists.code, codeCorrections.newCode)),
    )
    .where(filter.list ? eq(codeCorrections.list, filter.list) : undefined)
    .orderBy(
      asc(codeCorrections.list),
      asc(codeCorrections.correctedOn),
      asc(codeCorrections.oldCode),
      asc(codeCorrections.id),
    );
}
