import { z } from "zod";
import { IsoDateSchema } from "./common.ts";

/** Formats of the standard CV (Sơ yếu lý lịch): an HTML print view (the browser prints it to PDF) or Word. */
export const CV_FORMATS = ["html", "docx"] as const;
export type CvFormat = (typeof CV_FORMATS)[number];

export const CvQuerySchema = z.object({
  format: z.enum(CV_FORMATS).default("html").describe("html: print view (A4); docx: Word file"),
  asOf: IsoDateSchema.optional().describe("Date the CV speaks of (current post, salary…); today when absent"),
});
export type CvQuery = z.infer<typeof CvQuerySchema>;
