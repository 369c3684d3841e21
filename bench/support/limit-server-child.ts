/**
 * The child process of bench/support/server-process.ts: runs the limit server configured with the
 * JSON of argv[2] and answers the parent's calls over IPC. Exits when the parent disconnects.
 */
import { startLimitServer, type ServerConfig } from "./limit-server.js";
import type { Rpc } from "./server-process.js";

const server = await startLimitServer(JSON.parse(process.argv[2]!) as ServerConfig);
process.on("disconnect", () => process.exit(0));
process.on("message", async (message: Rpc) => {
  let result: unknown;
  if (message.op === "configure") result = await server.configure(message.config);
  else if (message.op === "stats") result = await server.stats();
  else result = await server.stop();
  process.send!({ id: message.id, result: result ?? null });
  if (message.op === "stop") process.exit(0);
});
process.send!({ id: 0, result: server.port });
