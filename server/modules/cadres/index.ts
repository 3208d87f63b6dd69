import type { SeatOccupancy } from "../posts/index.ts";
import { assignmentsFrom, occupiedCounts } from "./histories.repo.ts";

export { cadresRoutes } from "./cadres.routes.ts";
export { type CadresService, createCadresService } from "./cadres.service.ts";
export { cvRoutes } from "./cv/cv.routes.ts";
export { type CvService, createCvService } from "./cv/cv.service.ts";
export { createHistoriesService, type HistoriesService } from "./histories.service.ts";
export {
  cadreAssignments,
  cadreFamily,
  cadreQualifications,
  cadreRewards,
  cadreSalaries,
  cadres,
  cadreTiers,
  cadreTrainings,
  cadreWorkHistory,
} from "./schema.ts";

/** Who holds which seat: the queries the posts module needs about assignments. */
export const seatOccupancy: SeatOccupancy = { occupiedCounts, assignmentsFrom };
export {
  ANY_CHANGE,
  type CadresBulkWriter,
  createCadresBulkWriter,
  fieldChanged,
  PERSON_COLUMNS,
  type WriteContext,
} from "./cadres.bulk.ts";
export { DISTRICT_LEVEL_KINDS, withIdNumbersMasked } from "./cadres.policy.ts";
export { presentListItem } from "./cadres.presenter.ts";
export { everInScope, inScopeOn } from "./cadres.repo.ts";
export { retirementRoutes } from "./retirement.routes.ts";
export { cadreRetirementOverrides } from "./retirement.schema.ts";
export { createRetirementService, type RetirementService } from "./retirement.service.ts";
export {
  loadRetirementSchedules,
  loadRetirementSettings,
  type RetirementSettings,
} from "./retirement.settings.ts";
export {
  effectiveRetirementSql,
  overrideOnSql,
  pastRetirementSql,
  type RetirementCutoffs,
  type RetirementFacts,
  retirementCutoffsOn,
  retirementFactsSql,
  statutoryRetirementSql,
} from "./retirement.sql.ts";
export { type SearchFilter, searchCount, searchPage } from "./search.repo.ts";
export { holds, intArray, isoDate } from "./sql.ts";
