import { ensureRedisServer } from "./redis-server.js";

/** Installs redis-server once, before any test file starts one (apt-get must not run twice at once). */
export default function setup() {
  ensureRedisServer();
}
