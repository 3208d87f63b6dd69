import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import type { ImportJob } from "../../../../common/contracts/imports.ts";
import { api, apiUpload } from "../../../app/api-client.ts";

export type ImportRunState =
  | { phase: "idle" }
  | { phase: "uploading"; sent: number; total: number }
  | { phase: "running"; jobId: string }
  | { phase: "failed"; error: Error };

const POLL_MS = 500;

/**
 * One import run (a dry run or the real one): the file is uploaded with progress, the server answers at
 * once with a job (async=true), and the job is followed until it is done or failed.
 */
export function useImportRun() {
  const [state, setState] = useState<ImportRunState>({ phase: "idle" });
  const jobId = state.phase === "running" ? state.jobId : undefined;
  const job = useQuery({
    queryKey: ["imports", "job", jobId],
    queryFn: ({ signal }) => api<ImportJob>(`/imports/${jobId}`, { signal }),
    enabled: jobId !== undefined,
    refetchInterval: (query) => (query.state.data?.status === "running" ? POLL_MS : false),
    staleTime: 0,
    gcTime: 60 * 60_000,
  });

  // A real run that wrote rows changes the lists and records shown elsewhere.
  const queryClient = useQueryClient();
  const isCommitted = job.data?.report?.committed === true;
  useEffect(() => {
    if (isCommitted) void queryClient.invalidateQueries({ queryKey: ["cadres"] });
  }, [isCommitted, queryClient]);

  const start = useCallback(async (file: File, dryRun: boolean) => {
    setState({ phase: "uploading", sent: 0, total: file.size });
    try {
      const started = await apiUpload<ImportJob>("/imports/cadres", file, {
        query: { dryRun: String(dryRun), async: "true" },
        onProgress: (sent, total) => setState({ phase: "uploading", sent, total }),
      });
      setState({ phase: "running", jobId: started.id });
    } catch (error) {
      setState({ phase: "failed", error: error as Error });
    }
  }, []);

  const reset = useCallback(() => setState({ phase: "idle" }), []);

  return {
    state,
    /** The job followed, once the upload is done. */
    job: jobId ? job.data : undefined,
    /** The job could not be asked about (network, expired). */
    pollError: jobId ? job.error : null,
    start,
    reset,
  };
}
