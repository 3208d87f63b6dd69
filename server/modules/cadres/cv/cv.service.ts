import type { CadreDetail } from "../../../../common/contracts/cadres.ts";
import type { CvFormat } from "../../../../common/contracts/cv.ts";
import type { CodeListName } from "../../../../common/enums/cadres.ts";
import { TERRITORIAL_KINDS, type UnitKind } from "../../../../common/enums/units.ts";
import type { Db } from "../../../db/client.ts";
import type { Actor } from "../../../lib/actor.ts";
import type { Clock } from "../../../lib/clock.ts";
import { AppError } from "../../../lib/errors.ts";
import type { AuditService } from "../../audit/index.ts";
import type { CodesService } from "../../codes/index.ts";
import { CadreErrors } from "../cadres.errors.ts";
import { idByStaffCode } from "../cadres.repo.ts";
import type { CadresService } from "../cadres.service.ts";
import { renderCvDocx } from "./cv.docx.ts";
import { renderCvHtml } from "./cv.html.ts";
import { buildCvModel, type CodeNames, type CvModel, type CvPlaces } from "./cv.model.ts";
import { type PathNode, partyTitleRanks, pathOn, unitNamesAtStart } from "./cv.repo.ts";

type Deps = {
  db: Db;
  audit: Pick<AuditService, "record">;
  clock: Clock;
  /** The record is read through the cadres service: same access, scope, masking and read audit. */
  cadres: Pick<CadresService, "get">;
  codes: Pick<CodesService, "list">;
};

export type CvService = ReturnType<typeof createCvService>;

export type CvDocument = {
  format: CvFormat;
  contentType: string;
  fileName: string;
  body: string | Buffer;
  /** True when sensitive parts were withheld from the actor. */
  isMasked: boolean;
};

const CONTENT_TYPES: Record<CvFormat, string> = {
  html: "text/html; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

export function createCvService({ db, audit, clock, cadres, codes }: Deps) {
  /** The CV model of a record as of a date, read with the actor's rights. */
  async function model(
    actor: Actor,
    id: number,
    asOf?: string,
  ): Promise<{ detail: CadreDetail; cv: CvModel }> {
    const d = asOf ?? clock.today();
    const detail = await cadres.get(actor, id, d);
    const [list, places] = await Promise.all([
      codes.list(actor, { includeInactive: true }),
      placesOf(detail, d),
    ]);
    const names: Partial<Record<CodeListName, Record<string, string>>> = {};
    for (const c of list.items) {
      const byCode = names[c.list] ?? {};
      byCode[c.code] = c.name;
      names[c.list] = byCode;
    }
    return { detail, cv: buildCvModel(detail, names as CodeNames, d, places) };
  }

  /**
   * The CV as a document. Access is exactly the detail's (cadres.read and scope, or one's own record;
   * 404 out of scope); a CV carrying sensitive data is recorded in the audit trail with its format.
   */
  async function render(actor: Actor, id: number, query: { format: CvFormat; asOf?: string | undefined }) {
    const { detail, cv } = await model(actor, id, query.asOf);
    const body = query.format === "html" ? renderCvHtml(cv) : await renderCvDocx(cv);
    const isMasked = detail.masked.length > 0;
    if (!isMasked) {
      await db.transaction((tx) =>
        audit.record(tx, actor, {
          action: "cadre.cv_exported",
          entityType: "cadre",
          entityId: id,
          after: { format: query.format, asOf: cv.asOf },
        }),
      );
    }
    return {
      format: query.format,
      contentType: CONTENT_TYPES[query.format],
      fileName: cvFileName(detail, query.format),
      body,
      isMasked,
    } satisfies CvDocument;
  }

  /** The record id of a staff code (the CLI names people by staff code); not found is CADRE_NOT_FOUND. */
  async function idOfStaffCode(staffCode: string): Promise<number> {
    const id = await idByStaffCode(db, staffCode);
    if (id === undefined) throw new AppError(CadreErrors.CADRE_NOT_FOUND);
    return id;
  }

  async function placesOf(detail: CadreDetail, d: string): Promise<CvPlaces> {
    const main = detail.computed.current;
    const [atStart, partyTitles, post, birthplace, homeTown] = await Promise.all([
      unitNamesAtStart(db, detail.assignments),
      partyTitleRanks(
        db,
        detail.assignments.map((a) => a.titleId),
      ),
      main ? pathOn(db, main.unit.id, d) : Promise.resolve([]),
      detail.birthplacePlace == null && detail.birthplaceText == null && detail.birthplaceUnitId != null
        ? pathOn(db, detail.birthplaceUnitId, d)
        : Promise.resolve([]),
      detail.homeTownPlace == null && detail.homeTownText == null && detail.homeTownUnitId != null
        ? pathOn(db, detail.homeTownUnitId, d)
        : Promise.resolve([]),
    ]);
    return {
      unitNameAtStart: atStart,
      partyTitles,
      ...agenciesOf(post),
      birthplace: placeName(birthplace),
      homeTown: placeName(homeTown),
    };
  }

  return { model, render, idOfStaffCode };
}

/**
 * The header's agencies from the path of the main post's unit (unit first): the employing agency is the
 * unit, or the agency a division (phòng) belongs to; the managing agency is the body above it.
 */
export function agenciesOf(path: readonly PathNode[]): {
  employingAgency: string | null;
  managingAgency: string | null;
} {
  let i = 0;
  while (i < path.length - 1 && path[i]!.kind === "division") i++;
  return { employingAgency: path[i]?.name ?? null, managingAgency: path[i + 1]?.name ?? null };
}

/** "Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội": the territorial units of a path, smallest first. */
export function placeName(path: readonly PathNode[]): string | null {
  const names = path.filter((p) => TERRITORIAL_KINDS.includes(p.kind as UnitKind)).map((p) => p.name);
  return names.length ? names.join(", ") : null;
}

/** SYLL_<staff code>_<name without diacritics>.<ext>, safe in any file system. */
export function cvFileName(detail: Pick<CadreDetail, "staffCode" | "fullName">, format: CvFormat): string {
  const ascii = (text: string) =>
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .replace(/[^0-9A-Za-z.-]+/g, "_")
      .replace(/^_+|_+$/g, "");
  return `SYLL_${ascii(detail.staffCode)}_${ascii(detail.fullName)}.${format}`;
}
