import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { CodeListName } from "../../../common/enums/cadres.ts";
import type { Executor } from "../../db/client.ts";
import { codeLists } from "./schema.ts";

/** Queries of the code lists. Every function takes the executor (db or transaction) first. */

export type CodeRow = typeof codeLists.$inferSelect;

export async function listCodes(
  tx: Executor,
  filter: { list?: CodeListName | undefined; includeInactive: boolean },
): Promise<CodeRow[]> {
  const where: SQL[] = [];
  if (filter.list) where.push(eq(codeLists.list, filter.list));
  if (!filter.includeInactive) where.push(eq(codeLists.isActive, true));
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
  patch: Partial<Pick<CodeRow, "name" | "nameEn" | "rank" | "isActive">>,
): Promise<CodeRow> {
  const [updated] = await tx
    .update(codeLists)
    .set(patch)
    .where(and(eq(codeLists.list, list), eq(codeLists.code, code)))
    .returning();
  return updated!;
}
