// The process's logger (pino). On a terminal the lines are readable and coloured (pino-pretty, in
// this thread: no worker to outlive the process); anywhere else — a container, a pipe, a log
// collector — one JSON object per line, with the level as its name ("info", "warn", "error").
import { pino, type DestinationStream, type LevelWithSilent, type Logger } from "pino";
import { PinoPretty } from "pino-pretty";

export type { Logger };

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** Where the lines go (default stdout). A given destination always receives JSON. */
  destination?: DestinationStream;
}

export function createLogger({ level = "info", destination }: LoggerOptions = {}): Logger {
  const stream =
    destination ??
    (process.stdout.isTTY
      ? PinoPretty({
          colorize: true,
          singleLine: true,
          translateTime: "SYS:HH:MM:ss",
          ignore: "pid,hostname",
          sync: true,
        })
      : pino.destination(1));
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
}
