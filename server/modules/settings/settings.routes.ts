import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ERROR_RESPONSES } from "../../../common/contracts/common.ts";
import {
  AddSettingVersionSchema,
  SettingListSchema,
  SettingParamsSchema,
  SettingSchema,
} from "../../../common/contracts/settings.ts";
import { requireActor } from "../../lib/http.ts";
import type { SettingsService } from "./settings.service.ts";

const errors = ERROR_RESPONSES;
const tags = ["settings"];

export function settingsRoutes(settings: SettingsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/settings",
      {
        schema: {
          tags,
          summary:
            "Rule parameters (retirement age, exceptions, notice) with every dated version and its citation",
          response: { 200: SettingListSchema, ...errors },
        },
      },
      (req) => settings.list(requireActor(req)),
    );
    app.get(
      "/settings/:key",
      {
        schema: {
          tags,
          summary: "One rule parameter with its versions",
          params: SettingParamsSchema,
          response: { 200: SettingSchema, ...errors },
        },
      },
      (req) => settings.get(requireActor(req), req.params.key),
    );
    app.post(
      "/settings/:key/versions",
      {
        schema: {
          tags,
          summary: "Add a version of a rule parameter from a date, with its legal basis (codes.manage)",
          params: SettingParamsSchema,
          body: AddSettingVersionSchema,
          response: { 201: SettingSchema, ...errors },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await settings.addVersion(requireActor(req), req.params.key, req.body)),
    );
  };
}
