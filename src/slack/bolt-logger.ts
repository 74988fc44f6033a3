/**
 * Bolt's Logger interface over Penny's pino logger, so Bolt's own messages land in the same JSON
 * log on stderr (with `component: slack`) instead of on stdout.
 */
import { LogLevel, type Logger } from '@slack/bolt';
import { logger } from '../log/logger.ts';

const PINO_LEVEL: Record<LogLevel, string> = { [LogLevel.DEBUG]: 'debug', [LogLevel.INFO]: 'info', [LogLevel.WARN]: 'warn', [LogLevel.ERROR]: 'error' };

export function boltLogger(): Logger {
  const log = logger.child({ component: 'slack' });
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    // Bolt and the Web API client format bodies for debug lines: only when they would be written.
    debug: (...msg) => log.isLevelEnabled('debug') && log.debug(text(msg)),
    info: (...msg) => log.isLevelEnabled('info') && log.info(text(msg)),
    warn: (...msg) => log.warn(text(msg)),
    error: (...msg) => log.error(text(msg)),
    setLevel: (level) => (log.level = PINO_LEVEL[level]),
    getLevel: () => (Object.entries(PINO_LEVEL).find(([, l]) => l === log.level)?.[0] as LogLevel | undefined) ?? LogLevel.INFO,
    setName: () => undefined,
  };
}
