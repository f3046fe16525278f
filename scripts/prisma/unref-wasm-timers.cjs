// Preloaded (`node --require`) into every Prisma 6.19 CLI process that server/src/db/migrate.ts and
// scripts/prisma/cli.ts start. The WASM schema engine leaves its 10 s advisory-lock and 60 s timers
// armed after the work is done, and PGlite re-arms a 10 s idle timer forever, so `migrate deploy`
// would linger 10 s, `migrate dev` 60 s, and a command holding an in-process PGlite shadow database
// would never exit. Timers scheduled from WASM are unref'd so the process ends with its real work;
// timers set by ordinary JavaScript are left alone.
"use strict";

const MIN_DELAY_MS = 1000;
const WASM_FRAME = /wasm-function|__setitimer_js/;
const setTimeoutOriginal = globalThis.setTimeout;

globalThis.setTimeout = function setTimeoutUnrefFromWasm(callback, delay, ...args) {
  const timer = setTimeoutOriginal.call(this, callback, delay, ...args);
  if (delay >= MIN_DELAY_MS && WASM_FRAME.test(new Error().stack ?? "")) timer.unref();
  return timer;
};
