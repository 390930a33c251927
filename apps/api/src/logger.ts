import type { FastifyServerOptions } from 'fastify';
import pino from 'pino';
import type { Config } from './config.ts';

/**
 * Standard output, written asynchronously: lines that arrive while a write is under way go out
 * together in the next one, and a request never waits for the reader of the pipe (a journal,
 * Docker, a supervisor) to take its lines. Whatever is still buffered is written at exit.
 */
export function logDestination() {
  return pino.destination({ dest: 1, sync: false });
}

/** pino as Fastify ships it: JSON lines in production, pretty in a terminal. */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    ...(config.prettyLogs
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : { stream: logDestination() }),
  };
}
