import type {
  Code,
  CodeListQuery,
  CodeListResponse,
  CreateCodeInput,
  UpdateCodeInput,
} from "../../../common/contracts/codes.ts";
import { CreateCodeSchema } from "../../../common/contracts/codes.ts";
import type { CodeListName } from "../../../common/enums/cadres.ts";
import type { Db, Executor } from "../../db/client.ts";
import { type Actor, authorize } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import { CodeErrors } from "./codes.errors.ts";
import * as repo from "./codes.repo.ts";

type Deps = { db: Db; audit: Pick<AuditService, "record"> };

export type CodesService = ReturnType<typeof createCodesService>;

/** A code another module wants to store, named by the field it came in. */
export type CodeRef = { field: string; list: CodeListName; code: string };

export function createCodesService({ db, audit }: Deps) {
  /** Code lists for any signed-in user (forms need them). */
  async function list(_actor: Actor, query: CodeListQuery): Promise<CodeListResponse> {
    const rows = await repo.listCodes(db, {
      list: query.list,
      includeInactive: query.includeInactive ?? false,
    });
    return { items: rows.map(presentCode) };
  }

  /** Adds a code to a list (admins). */
  async function create(actor: Actor, raw: CreateCodeInput): Promise<Code> {
    authorize(actor, "codes.manage");
    const input = CreateCodeSchema.parse(raw);
    return db.transaction(async (tx) => {
      if (await repo.getCode(tx, input.list, input.code)) throw new AppError(CodeErrors.CODE_EXISTS);
      const row = await repo.insertCode(tx, {
        list: input.list,
        code: input.code,
        name: input.name,
        nameEn: input.nameEn ?? null,
        rank: input.rank,
      });
      const code = presentCode(row);
      await audit.record(tx, actor, {
        action: "code.created",
        entityType: "code",
        entityId: `${input.list}:${input.code}`,
        after: code,
        reason: input.reason,
      });
      return code;
    });
  }

  /** Renames, re-ranks, deactivates or reactivates a code (admins). The code itself never changes. */
  async function update(
    actor: Actor,
    list: CodeListName,
    code: string,
    input: UpdateCodeInput,
  ): Promise<Code> {
    authorize(actor, "codes.manage");
    return db.transaction(async (tx) => {
      const before = await repo.getCode(tx, list, code);
      if (!before) throw new AppError(CodeErrors.CODE_NOT_FOUND);
      const patch: Parameters<typeof repo.updateCode>[3] = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.nameEn !== undefined) patch.nameEn = input.nameEn;
      if (input.rank !== undefined) patch.rank = input.rank;
      if (input.isActive !== undefined) patch.isActive = input.isActive;
      if (Object.keys(patch).length === 0) return presentCode(before);
      const after = await repo.updateCode(tx, list, code, patch);
      await audit.record(tx, actor, {
        action: input.isActive === false && before.isActive ? "code.deactivated" : "code.updated",
        entityType: "code",
        entityId: `${list}:${code}`,
        before: presentCode(before),
        after: presentCode(after),
        reason: input.reason,
      });
      return presentCode(after);
    });
  }

  /** Rank of a code within its list (for "at least university" rules); undefined when unknown. */
  async function levelRank(tx: Executor, list: CodeListName, code: string): Promise<number | undefined> {
    return (await repo.getCode(tx, list, code))?.rank;
  }

  /**
   * Throws CODE_UNKNOWN (422) naming every field whose code is not in its list. New values must be active
   * codes; `allowInactive` accepts deactivated ones (a record that keeps the value it already had).
   */
  async function assertCodes(
    tx: Executor,
    refs: readonly CodeRef[],
    options: { allowInactive?: boolean } = {},
  ): Promise<void> {
    const byList = new Map<CodeListName, CodeRef[]>();
    for (const ref of refs) byList.set(ref.list, [...(byList.get(ref.list) ?? []), ref]);
    const unknown: CodeRef[] = [];
    for (const [list, items] of byList) {
      const found = await repo.codesIn(
        tx,
        list,
        items.map((i) => i.code),
      );
      const usable = new Set(found.filter((f) => options.allowInactive || f.isActive).map((f) => f.code));
      unknown.push(...items.filter((i) => !usable.has(i.code)));
    }
    if (unknown.length) throw new AppError(CodeErrors.CODE_UNKNOWN, { details: unknown });
  }

  return { list, create, update, levelRank, assertCodes };
}

function presentCode(row: repo.CodeRow): Code {
  return {
    list: row.list as CodeListName,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    rank: row.rank,
    isActive: row.isActive,
  };
}
