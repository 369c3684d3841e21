/**
 * A TCP proxy in front of a redis-server, for timing tests: on 127.0.0.1 at a free port, stopped by
 * the test. Replies to command connections reach the client `delayMs` late (in order); a
 * connection that sent SUBSCRIBE is a subscriber: its messages pass at once, or, with
 * `muteSubscribers`, nothing after its SUBSCRIBE's reply (as a subscription that misses a
 * release). `heldReplyAfterSubscribe()` resolves when a reply to a command connection reached the
 * proxy from Redis (so its command has run) after a SUBSCRIBE was confirmed, and is being held.
 */
import net from "node:net";

export interface RedisProxy {
  port: number;
  delayMs: number;
  muteSubscribers: boolean;
  /** Resolves once a reply to a command connection is held after a SUBSCRIBE was confirmed. */
  heldReplyAfterSubscribe(): Promise<void>;
  close(): Promise<void>;
}

export async function startRedisProxy(redisPort: number, delayMs = 0): Promise<RedisProxy> {
  const sockets = new Set<net.Socket>();
  /** Waiting for a held reply: each with whether a subscription was confirmed since it asked. */
  let onHeld: { subscribed: boolean; resolve: () => void }[] = [];
  const proxy: RedisProxy = {
    port: 0,
    delayMs,
    muteSubscribers: false,
    heldReplyAfterSubscribe: () => new Promise((resolve) => onHeld.push({ subscribed: false, resolve })),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(redisPort, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(s);
      });
    }
    let subscriber = false;
    let confirmed = false;
    /** When the last held reply goes out: replies keep their order. */
    let lastOut = 0;
    client.on("data", (chunk: Buffer) => {
      if (/subscribe/i.test(chunk.toString("latin1"))) subscriber = true;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (subscriber) {
        if (proxy.muteSubscribers && confirmed) return;
        confirmed = true;
        for (const w of onHeld) w.subscribed = true;
        client.write(chunk);
        return;
      }
      const at = Math.max(performance.now() + proxy.delayMs, lastOut);
      lastOut = at;
      setTimeout(() => client.writable && client.write(chunk), at - performance.now());
      for (const w of onHeld) if (w.subscribed) w.resolve();
      onHeld = onHeld.filter((w) => !w.subscribed);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.port = (server.address() as net.AddressInfo).port;
  return proxy;
}
