/**
 * The client's own news of its connection: `lost` when a connection that was ready closes
 * (ioredis `close` or `end`, node-redis `reconnecting` or `end`), `back` when it is ready again
 * (`ready`), so that the store need not wait for a command to time out, nor for a probe. One set
 * of listeners per client, shared by its stores and holding them weakly; removed when the last
 * store stops watching. A client without events (or a Cluster that reports none) is watched by
 * nobody: its commands' failures and the probe tell the same, later.
 */
interface Watcher {
  lost(at: number): void;
  back(): void;
}

interface Emitter {
  on(event: string, listener: () => void): unknown;
  off?(event: string, listener: () => void): unknown;
  removeListener?(event: string, listener: () => void): unknown;
}

interface Hub {
  watchers: Set<WeakRef<Watcher>>;
  detach(): void;
}

const hubs = new WeakMap<object, Hub>();
const isEmitter = (o: unknown): o is Emitter =>
  typeof o === "object" &&
  o !== null &&
  typeof (o as Emitter).on === "function" &&
  (typeof (o as Emitter).off === "function" || typeof (o as Emitter).removeListener === "function");

/** Tells `watcher` of `client`'s connection, until unwatchConnection. */
export function watchConnection(client: unknown, watcher: Watcher): void {
  if (!isEmitter(client)) return;
  let hub = hubs.get(client);
  if (!hub) hubs.set(client, (hub = attach(client)));
  hub.watchers.add(new WeakRef(watcher));
}

export function unwatchConnection(client: unknown, watcher: Watcher): void {
  const hub = typeof client === "object" && client !== null ? hubs.get(client) : undefined;
  if (!hub) return;
  for (const ref of hub.watchers) if (ref.deref() === watcher || !ref.deref()) hub.watchers.delete(ref);
  if (!hub.watchers.size) hub.detach();
}

function attach(client: Emitter): Hub {
  const watchers = new Set<WeakRef<Watcher>>();
  const fields = client as { status?: unknown; isReady?: unknown; evalSha?: unknown };
  // As driverOf tells them apart: node-redis has evalSha.
  const ioredis = typeof fields.evalSha !== "function";
  let ready = ioredis ? fields.status === "ready" : fields.isReady === true;
  const each = (fn: (w: Watcher) => void) => {
    for (const ref of watchers) {
      const w = ref.deref();
      if (w) fn(w);
      else watchers.delete(ref);
    }
    if (!watchers.size) detach();
  };
  const onLost = () => {
    if (!ready) return;
    ready = false;
    const at = performance.now();
    each((w) => w.lost(at));
  };
  const onReady = () => {
    ready = true;
    each((w) => w.back());
  };
  const lostEvents = ioredis ? ["close", "end"] : ["reconnecting", "end"];
  for (const event of lostEvents) client.on(event, onLost);
  client.on("ready", onReady);
  function detach() {
    const off = (event: string, listener: () => void) =>
      client.off ? client.off(event, listener) : client.removeListener!(event, listener);
    for (const event of lostEvents) off(event, onLost);
    off("ready", onReady);
    if (hubs.get(client)?.watchers === watchers) hubs.delete(client);
  }
  return { watchers, detach };
}
