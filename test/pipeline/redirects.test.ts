import { describe, expect, it, vi } from "vitest";
import { Failure } from "../../src/pipeline/failure.js";
import { followRedirects } from "../../src/pipeline/redirects.js";
import type { Outgoing } from "../../src/pipeline/types.js";
import { ORIGIN, call, request } from "./fakes.js";

const to = (location: string, status = 302) => new Response(null, { status, headers: { location } });

describe("redirects stage", () => {
  it("drops Authorization on a hop to another host and puts it back on a hop home", async () => {
    const next = vi
      .fn<(r: Outgoing) => Promise<Response>>()
      .mockResolvedValueOnce(to("https://cdn.other.test/a"))
      .mockResolvedValueOnce(to(`${ORIGIN}/b`, 307))
      .mockResolvedValueOnce(new Response("{}"));
    const headers = new Headers({ authorization: "Bearer t", "content-type": "application/json" });
    await followRedirects(ORIGIN)(next)(request({ method: "POST", headers, body: "{}" }), call());
    const sent = next.mock.calls.map(([r]) => [r.method, r.url, r.headers.get("authorization"), r.body]);
    expect(sent).toEqual([
      ["POST", request().url, "Bearer t", "{}"],
      ["GET", "https://cdn.other.test/a", null, undefined], // 302: on with a GET, no body
      ["GET", `${ORIGIN}/b`, "Bearer t", undefined],
    ]);
  });

  it("stops after 5 hops, and on a Location it cannot use", async () => {
    const loop = vi.fn(async () => to(`${ORIGIN}/again`));
    await expect(followRedirects(ORIGIN)(loop)(request(), call())).rejects.toMatchObject({
      kind: "redirect",
    });
    expect(loop).toHaveBeenCalledTimes(6);
    for (const location of ["javascript:alert(1)", "file:///etc/passwd", "http://[bad"]) {
      const failure = await followRedirects(ORIGIN)(async () => to(location))(request(), call()).catch(
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(Failure);
    }
  });

  it("passes a 3xx without Location, and a 304, through as they are", async () => {
    for (const response of [new Response(null, { status: 302 }), new Response(null, { status: 304 })]) {
      const exchange = await followRedirects(ORIGIN)(async () => response)(request(), call());
      expect(exchange.response).toBe(response);
      expect(exchange).toMatchObject({ fromApi: true, acted: false });
    }
  });

  it("keeps Cookie and Proxy-Authorization to the origin too, and says who answered", async () => {
    const next = vi
      .fn<(r: Outgoing) => Promise<Response>>()
      .mockResolvedValueOnce(to("https://cdn.other.test/a", 307))
      .mockResolvedValueOnce(new Response("{}"));
    const headers = new Headers({
      authorization: "Bearer t",
      cookie: "s=1",
      "proxy-authorization": "Basic x",
    });
    const exchange = await followRedirects(ORIGIN)(next)(request({ headers }), call());
    const hop = next.mock.calls[1]![0].headers;
    expect([hop.get("authorization"), hop.get("cookie"), hop.get("proxy-authorization")]).toEqual([
      null,
      null,
      null,
    ]);
    expect(exchange).toMatchObject({ fromApi: false, acted: false });
  });

  it("marks what follows a POST turned into a GET as acted on: its answer and its failure", async () => {
    const post = () => request({ method: "POST", body: "{}" });
    const answered = vi
      .fn<(r: Outgoing) => Promise<Response>>()
      .mockResolvedValueOnce(to(`${ORIGIN}/created`, 303))
      .mockResolvedValueOnce(new Response(null, { status: 429 }));
    expect(await followRedirects(ORIGIN)(answered)(post(), call())).toMatchObject({
      acted: true,
      fromApi: true,
    });
    const failing = vi
      .fn<(r: Outgoing) => Promise<Response>>()
      .mockResolvedValueOnce(to(`${ORIGIN}/created`, 303))
      .mockRejectedValueOnce(new Failure("connect", "Connection failed"));
    const failure = await followRedirects(ORIGIN)(failing)(post(), call()).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: "connect", details: { acted: true } });
    // 307 repeats the POST: the server has not acted.
    const repeated = vi
      .fn<(r: Outgoing) => Promise<Response>>()
      .mockResolvedValueOnce(to(`${ORIGIN}/again`, 307))
      .mockResolvedValueOnce(new Response(null, { status: 429 }));
    expect(await followRedirects(ORIGIN)(repeated)(post(), call())).toMatchObject({ acted: false });
  });
});
