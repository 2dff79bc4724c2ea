import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache';

/** A setting's stored JSON value, or undefined when it was never set. */
export function readSetting(db: Database, key: string): unknown {
  const value = statement(db, 'SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return value === undefined ? undefined : JSON.parse(value);
}

export function writeSetting(db: Database, key: string, value: unknown): void {
  statement(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}
