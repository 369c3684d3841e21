/**
 * Runs the fake as its own process: `node --import tsx src/testing/serve-cli.ts --port 0 --locations 5
 * --oauth` prints the server's URL as its one line on stdout, then serves until SIGINT or SIGTERM,
 * when it stops deliveries in flight and the server and exits 0. A bad flag exits 2 with the usage.
 */
import { fakeServerOptionsFromArgs, USAGE } from "./serve/args.js";
import { startFakeServer } from "./serve/serve.js";

async function main() {
  let options;
  try {
    options = fakeServerOptionsFromArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const server = await startFakeServer(options);
  process.stdout.write(`${server.url}\n`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
