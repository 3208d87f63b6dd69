import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ERROR_RESPONSES } from "../../../common/contracts/common.ts";
import {
  ApproveSchema,
  EvaluationDetailSchema,
  EvaluationIdParamsSchema,
  EvaluationListQuerySchema,
  EvaluationListSchema,
  OpenPeriodSchema,
  PeriodDetailSchema,
  PeriodIdParamsSchema,
  PeriodListQuerySchema,
  PeriodListSchema,
  PeriodSchema,
  ReopenSchema,
  ReturnSchema,
  ReviewSchema,
  SaveScoresSchema,
  SubmitSchema,
} from "../../../common/contracts/evaluations.ts";
import { requireActor } from "../../lib/http.ts";
import type { EvaluationsService } from "./evaluations.service.ts";

const errors = ERROR_RESPONSES;
const tags = ["evaluations"];

export function evaluationsRoutes(evaluations: EvaluationsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/evaluations/periods",
      {
        schema: {
          tags,
          summary: "Evaluation periods of the units in scope (evaluations.read, scoped)",
          querystring: PeriodListQuerySchema,
          response: { 200: PeriodListSchema, ...errors },
        },
      },
      (req) => evaluations.listPeriods(requireActor(req), req.query),
    );
    app.post(
      "/evaluations/periods",
      {
        schema: {
          tags,
          summary:
            "Open a period for a unit: one draft form per person in service with a main post in its subtree (evaluations.manage, scoped; audited)",
          body: OpenPeriodSchema,
          response: { 201: PeriodSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await evaluations.openPeriod(requireActor(req), req.body)),
    );
    app.get(
      "/evaluations/periods/:id",
      {
        schema: {
          tags,
          summary:
            "A period with its distribution by state and grade and the top-grade quota (evaluations.read, scoped)",
          params: PeriodIdParamsSchema,
          response: { 200: PeriodDetailSchema, ...errors },
        },
      },
      (req) => evaluations.period(requireActor(req), req.params.id),
    );
    app.get(
      "/evaluations/periods/:id/evaluations",
      {
        schema: {
          tags,
          summary:
            "The period's forms, in a state when asked: the reviewer's or the head's queue (evaluations.read, scoped)",
          params: PeriodIdParamsSchema,
          querystring: EvaluationListQuerySchema,
          response: { 200: EvaluationListSchema, ...errors },
        },
      },
      (req) => evaluations.listEvaluations(requireActor(req), req.params.id, req.query),
    );
    app.get(
      "/evaluations/periods/:id/mine",
      {
        schema: {
          tags,
          summary: "My own form in the period (the account's cadre record)",
          params: PeriodIdParamsSchema,
          response: { 200: EvaluationDetailSchema, ...errors },
        },
      },
      (req) => evaluations.mine(requireActor(req), req.params.id),
    );
    app.post(
      "/evaluations/periods/:id/close",
      {
        schema: {
          tags,
          summary: "Close a period: its approved forms are locked (evaluations.manage, scoped; audited)",
          params: PeriodIdParamsSchema,
          response: { 200: PeriodSchema, ...errors },
        },
      },
      (req) => evaluations.closePeriod(requireActor(req), req.params.id),
    );
    app.get(
      "/evaluations/:id",
      {
        schema: {
          tags,
          summary: "A form with its history (the person, or evaluations.read in scope)",
          params: EvaluationIdParamsSchema,
          response: { 200: EvaluationDetailSchema, ...errors },
        },
      },
      (req) => evaluations.get(requireActor(req), req.params.id),
    );
    app.put(
      "/evaluations/:id/self-assessment",
      {
        schema: {
          tags,
          summary: "Save my self-assessment while draft or returned; bad scores → 400 naming each (audited)",
          params: EvaluationIdParamsSchema,
          body: SaveScoresSchema,
          response: { 200: EvaluationDetailSchema, ...errors },
        },
      },
      (req) => evaluations.saveScores(requireActor(req), req.params.id, req.body),
    );
    app.post(
      "/evaluations/:id/submit",
      {
        schema: {
          tags,
          summary: "Submit my self-assessment (audited)",
          params: EvaluationIdParamsSchema,
          body: SubmitSchema,
          response: { 200: EvaluationDetailSchema, ...errors },
        },
      },
      (req) => evaluations.submit(requireActor(req), req.params.id, req.body),
    );
    app.post(
      "/evaluations/:id/review",
      {
        schema: {
          tags,
          summary: "Review and grade a submitted form (evaluations.review, scoped; audited)",
          params: EvaluationIdParamsSchema,
          body: ReviewSchema,
          response: { 200: EvaluationDetailSchema, ...errors },
        },
      },
      (req) => evaluations.review(requireActor(req), req.params.id, req.body),
    );
    app.post(
      "/evaluations/:id/return",
      {
        schema: {
          tags,
          summary: "Return a form to the person with a comment (the reviewer, or the head; scoped; audited)",
          params: EvaluationIdParamsSchema,
          body: ReturnSchema,
          response: { 200: EvaluationDetailSchema, ...errors },
        },
      },
      (req) => evaluations.returnToPerson(requireActor(req), req.params.id, req.body),
    );
    app.post(
      "/evaluations/:id/approve",
      {
        schema: {
          tags,
          summary:
            "Decide a reviewed form; past the top-grade quota only with an override reason (evaluations.approve, scoped; audited)",
          params: EvaluationIdParamsSchema,
          body: ApproveSchema,
          response: { 200: EvaluationDetailSchema, ...errors },
        },
      },
      (req) => evaluations.approve(requireActor(req), req.params.id, req.body),
    );
    app.post(
      "/evaluations/:id/reopen",
      {
        schema: {
          tags,
          summary: "Reopen a locked form with a reason (evaluations.approve, scoped; audited)",
          params: EvaluationIdParamsSchema,
          body: ReopenSchema,
          response: { 200: EvaluationDetailSchema, ...errors },
        },
      },
      (req) => evaluations.reopen(requireActor(req), req.params.id, req.body),
    );
  };
}
