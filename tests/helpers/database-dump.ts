import type { Database } from 'better-sqlite3';

export interface DatabaseDump {
  userVersion: number;
  schema: unknown[];
  /** Every ordinary table's rows, FTS5 shadow tables included, in a stable order. */
  tables: Record<string, string[]>;
}

/**
 * Everything stored, in a form two calls can be compared with toEqual: a write
 * anywhere (a row, an index entry, the search index) shows up as a difference.
 */
export function dumpDatabase(db: Database): DatabaseDump {
  const schema = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all();
  const tableNames = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
    .pluck()
    .all() as string[];
  const tables: Record<string, string[]> = {};
  for (const name of tableNames) {
    const rows = db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all();
    tables[name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return { userVersion: db.pragma('user_version', { simple: true }) as number, schema, tables };
}
