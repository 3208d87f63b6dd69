export { unitClosure, unitLinks, units, unitVersions } from "./schema.ts";
export { scopePredicate } from "./units.repo.ts";
export { unitsRoutes } from "./units.routes.ts";
export {
  type BulkUnit,
  createUnitsService,
  type EndItem,
  type LinkItem,
  type MoveItem,
  type UnitsService,
} from "./units.service.ts";
export { unitTransferRoutes } from "./units.transfer.routes.ts";
export { createUnitTransferService, type UnitTransferService } from "./units.transfer.ts";
