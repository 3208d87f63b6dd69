/** Evaluations (DOMAIN §3; docs/evaluation.md): periods per unit, forms along the review chain, quotas. */
export { evaluationsRoutes } from "./evaluations.routes.ts";
export { createEvaluationsService, type EvaluationsService } from "./evaluations.service.ts";
export { evaluationEvents, evaluationPeriods, evaluations } from "./schema.ts";
