/**
 * One pino logger for the process, writing JSON to stderr so that stdout stays free for the CLI's
 * `--json` documents. Secrets are redacted by key wherever they appear in a logged object.
 */
import { pino } from 'pino';

export const logger = pino(
  {
    level: process.env.PENNY_LOG_LEVEL ?? 'info',
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'connectionString', '*.connectionString', 'apiKey', '*.apiKey'],
      censor: '[redacted]',
    },
  },
  pino.destination(2),
);
