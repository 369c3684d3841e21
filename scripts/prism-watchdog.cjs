// Preloaded into the Prism process by scripts/prism.ts (`node --require`). The parent talks to
// Prism over an IPC channel it never uses for messages; when the parent goes away, even killed
// with SIGKILL and unable to clean up, the channel closes and Prism exits instead of lingering.
process.on("disconnect", () => process.exit(0));
// The channel alone must not keep Prism alive (it never does anyway: it is a server).
process.channel?.unref();
