import type {
  Code,
  CodeCorrection,
  CodeCorrectionList,
  CodeCorrectionQuery,
  CodeListQuery,
  CodeListResponse,
  CreateCodeInput,
  UpdateCodeInput,
} from "../../../common/contracts/codes.ts";
import { CreateCodeSchema } from "../../../common/contracts/codes.ts";
import type { CodeListName } from "../../../common/enums/cadres.ts";
import { codeInForceOn } from "../../../common/rules/code-validity.ts";
import type { Db, Executor } from "../../db/client.ts";
import { type Actor, authorize } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import { CodeErrors } from "./codes.errors.ts";
import * as repo from "./codes.repo.ts";

type Deps = { db: Db; audit: Pick<AuditService, "record"> };

export type CodesService = ReturnType<typeof createCodesService>;

/**
 * A code another module wants to store, named by the field it came in. `on`: the day the value speaks of
 * (a salary row's first day, a tier's) — the code must be in force then; without it any entry of the list
 * is accepted, whatever its dates.
 */
export type CodeRef = { field: string; list: CodeListName; code: string; on?: string | undefined };

export function createCodesService({ db, audit }: Deps) {
  /** Code lists for any signed-in user (forms need them); as of a date, the entries in force then. */
  async function list(_actor: Actor, query: CodeListQuery): Promise<CodeListResponse> {
    const rows = await repo.listCodes(db, {
      list: query.list,
      includeInactive: query.includeInactive ?? false,
      asOf: query.asOf,
    });
    return { items: rows.map(presentCode) };
  }

  /** The corrections of the shipped lists: old codes and the codes that carry their meaning now. */
  async function corrections(_actor: Actor, query: CodeCorrectionQuery): Promise<CodeCorrectionList> {
    const rows = await repo.listCorrections(db, { list: query.list });
    return { items: rows.map(presentCorrection) };
  }

  /** Adds a code to a list (admins). */
  async function create(actor: Actor, raw: CreateCodeInput): Promise<Code> {
    authorize(actor, "codes.manage");
    const input = CreateCodeSchema.parse(raw);
    // The tiers' codes are stored in cadre_tiers and named by indicator definitions: they are named and
    // dated here, never added to (DOMAIN §9).
    if (FIXED_LISTS.has(input.list)) throw new AppError(CodeErrors.CODE_LIST_FIXED);
    assertPeriod(input.validFrom ?? null, input.validTo ?? null);
    return db.transaction(async (tx) => {
      if (await repo.getCode(tx, input.list, input.code)) throw new AppError(CodeErrors.CODE_EXISTS);
      const row = await repo.insertCode(tx, {
        list: input.list,
        code: input.code,
        name: input.name,
        nameEn: input.nameEn ?? null,
        rank: input.rank,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
        basis: input.basis ?? null,
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

  /**
   * Renames, re-ranks, deactivates or reactivates a code, or dates it (admins): a code that stops being in
   * force on a day gets that day as `validTo` and stays on the records and the lists of earlier dates. The
   * code itself never changes.
   */
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
      if (input.validFrom !== undefined) patch.validFrom = input.validFrom;
      if (input.validTo !== undefined) patch.validTo = input.validTo;
      if (input.basis !== undefined) patch.basis = input.basis;
      assertPeriod(
        patch.validFrom !== undefined ? patch.validFrom : before.validFrom,
        patch.validTo !== undefined ? patch.validTo : before.validTo,
      );
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

  /** One entry of a list (its name and dates), whatever its state; undefined when the list lacks it. */
  async function entry(tx: Executor, list: CodeListName, code: string): Promise<Code | undefined> {
    const row = await repo.getCode(tx, list, code);
    return row ? presentCode(row) : undefined;
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
      const byCode = new Map(
        found.filter((f) => options.allowInactive || f.isActive).map((f) => [f.code, f] as const),
      );
      unknown.push(
        ...items.filter((i) => {
          const entry = byCode.get(i.code);
          return !entry || (i.on !== undefined && !codeInForceOn(entry, i.on));
        }),
      );
    }
    if (unknown.length) throw new AppError(CodeErrors.CODE_UNKNOWN, { details: unknown });
  }

  return { list, corrections, create, update, entry, levelRank, assertCodes };
}

/** Lists whose codes are fixed by the system: their entries can be renamed and dated, not added. */
const FIXED_LISTS: ReadonlySet<CodeListName> = new Set(["management_tier"]);

function assertPeriod(validFrom: string | null, validTo: string | null): void {
  if (validFrom !== null && validTo !== null && validTo <= validFrom) {
    throw new AppError(CodeErrors.CODE_PERIOD_INVALID);
  }
}

function presentCode(row: repo.CodeRow): Code {
  return {
    list: row.list as CodeListName,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    rank: row.rank,
    isActive: row.isActive,
    validFrom: row.validFrom,
    validTo: row.validTo,
    basis: row.basis,
  };
}

function presentCorrection(row: repo.CorrectionRow): CodeCorrection {
  return {
    list: row.list as CodeListName,
    oldCode: row.oldCode,
    oldName: row.oldName,
    newCode: row.newCode,
    newName: row.newName,
    correctedOn: row.correctedOn,
    basis: row.basis,
  };
}
