export { indicatorsRoutes } from "./indicators.routes.ts";
export { createIndicatorsService, figure, type IndicatorsService } from "./indicators.service.ts";
export { indicatorVersions } from "./schema.ts";
