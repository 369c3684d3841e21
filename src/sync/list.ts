/** The list request of one location's walk: the run's filters and window, oldest first, timed. */
import type { VoiceAIClient } from "../client/voice-ai-client.js";
import { InvalidRequestError } from "../errors/index.js";
import type { Progress } from "./progress.js";
import type { ExportFilters } from "./types.js";
import type { ListPage, Window } from "./walk.js";

export function listFor(
  client: VoiceAIClient,
  locationId: string,
  filters: ExportFilters,
  window: Window,
  progress: Progress,
): ListPage {
  // One millisecond early: a server whose startDate excludes its instant still returns the logs
  // at `window.start`; anything before it is left out by the walk.
  const startDate = Math.max(0, window.start - 1);
  return async (page, pageSize, signal) => {
    const sentAt = performance.now();
    const answer = await client.callLogs.list(
      {
        ...filters,
        locationId,
        startDate,
        endDate: window.end,
        sortBy: "createdAt",
        sort: "ascend",
        page,
        pageSize,
      },
      { signal },
    );
    progress.request(locationId, sentAt, Number(answer.total) || 0, client.rateLimit(locationId));
    return answer;
  };
}

/** The client's methods the runs use: refused early when it is not a client of this package. */
export function checkClient(client: unknown, what: string): VoiceAIClient {
  const list = (client as VoiceAIClient | null)?.callLogs?.list;
  if (typeof list !== "function")
    throw new InvalidRequestError(`${what}: client must be a client made by createVoiceAIClient`);
  return client as VoiceAIClient;
}
