export { type PlaceDataset, shippedPlaces } from "./places.data.ts";
export { PlaceErrors } from "./places.errors.ts";
export { loadPlaces, type PlacesLoadResult } from "./places.load.ts";
export { placesRoutes } from "./places.routes.ts";
export { createPlacesService, type PlacesService, presentPlace } from "./places.service.ts";
export { originPlaceSql, originRelationSql, territoryOfUnitSql } from "./places.sql.ts";
export { placeContainment, placeEditions, placeLineage, places } from "./schema.ts";
