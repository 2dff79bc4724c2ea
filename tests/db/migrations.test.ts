import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE_STATUSES } from '@shared/contract';
import { isUuid } from '@shared/field-rules';
import { insertApplication } from '../../electron/db/application-repository';
import { findCandidateJsonBySeqs } from '../../electron/db/candidate-json';
import { findCandidateById, insertCandidate, listCandidateSeqs, searchKey } from '../../electron/db/candidate-repository';
import { closeDatabase, openDatabase } from '../../electron/db/connection';
import { DatabaseTooNewError, latestSchemaVersion, migrate, schemaVersion } from '../../electron/db/migrate';
import { MIGRATIONS } from '../../electron/db/migrations';
import type { Migration } from '../../electron/db/migrations/migration';
import { listPipelineStatuses } from '../../electron/db/pipeline-repository';
import { readSetting } from '../../electron/db/settings-repository';
import { makeApplicationRecord, makeCandidateRecord } from '../helpers/candidate-factory';
import { openDatabaseAtVersion } from '../helpers/database-at-version';
import { dumpDatabase } from '../helpers/database-dump';
import { type ScriptProcess, startScript } from '../helpers/script-process';
import { makeTempDir } from '../helpers/temp-dir';

/**
 * Migrations that only create schema (and seed the defaults a fresh database
 * needs, checked under "a fresh database"). Every other migration moves or
 * rewrites existing data and must get its own `describe('migration N: …')`
 * below: seed a database at N-1 with openDatabaseAtVersion, migrate, assert.
 * Then list its version in MIGRATIONS_WITH_DATA_TESTS.
 */
const SCHEMA_ONLY_MIGRATIONS = new Set<number>([1, 2, 3, 4, 5]);
const MIGRATIONS_WITH_DATA_TESTS = new Set<number>([6, 7]);

const LATEST = latestSchemaVersion();

function tableNames(db: Database.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
}

describe('the migration list', () => {
  it('numbers its steps 1, 2, 3… in order, each with a name', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    MIGRATIONS.forEach((migration, index) => {
      expect(migration.version).toBe(index + 1);
      expect(migration.name.trim()).not.toBe('');
    });
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });

  it('has a data test for every migration that is not schema-only', () => {
    for (const migration of MIGRATIONS) {
      const covered = SCHEMA_ONLY_MIGRATIONS.has(migration.version) || MIGRATIONS_WITH_DATA_TESTS.has(migration.version);
      expect(
        covered,
        `migration ${migration.version} (${migration.name}): add it to SCHEMA_ONLY_MIGRATIONS, or write its seed-at-N-1 test and list it in MIGRATIONS_WITH_DATA_TESTS`,
      ).toBe(true);
    }
  });
});

describe('migrations on a real file', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;
  const opened: Database.Database[] = [];

  const track = (db: Database.Database) => {
    opened.push(db);
    return db;
  };

  beforeEach(() => {
    temp = makeTempDir();
    file = join(temp.dir, 'store.sqlite');
  });
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
    temp.remove();
  });

  describe('a fresh database', () => {
    it('reaches the latest user_version with every table', () => {
      const db = track(openDatabase(file));
      expect(schemaVersion(db)).toBe(LATEST);
      expect(tableNames(db)).toEqual(
        expect.arrayContaining(['applications', 'candidate_search', 'candidates', 'jobs', 'pipeline_statuses', 'settings']),
      );
      const search = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'candidate_search'").pluck().get() as string;
      expect(search).toMatch(/USING fts5\(/i);
      expect(search).toMatch(/trigram/);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });

    it('holds the 7 default pipeline statuses, in order', () => {
      const db = track(openDatabase(file));
      expect(listPipelineStatuses(db)).toEqual([...DEFAULT_PIPELINE_STATUSES]);
      expect(db.prepare('SELECT name_key FROM pipeline_statuses ORDER BY position').pluck().all()).toEqual(
        DEFAULT_PIPELINE_STATUSES.map((s) => s.toLowerCase()),
      );
    });

    it('has an organization_id setting holding a UUID', () => {
      const db = track(openDatabase(file));
      const organizationId = readSetting(db, 'organization_id');
      expect(typeof organizationId).toBe('string');
      expect(isUuid(organizationId as string)).toBe(true);
    });

    it('has a search index kept in step with the candidates table', () => {
      const db = track(openDatabase(file));
      const candidate = makeCandidateRecord({ full_name: 'Zubair Quddus' });
      insertCandidate(db, candidate);
      expect(listCandidateSeqs(db, { search: 'quddus', jobId: undefined })).toHaveLength(1);
      db.prepare("INSERT INTO candidate_search (candidate_search) VALUES ('integrity-check')").run();
    });
  });

  describe('reopening', () => {
    it('is idempotent: nothing is re-run, duplicated or regenerated', () => {
      const first = track(openDatabase(file));
      insertCandidate(first, makeCandidateRecord());
      const before = dumpDatabase(first);
      closeDatabase(first);

      for (let i = 0; i < 3; i += 1) {
        const again = track(openDatabase(file));
        expect(dumpDatabase(again)).toEqual(before);
        closeDatabase(again);
      }
    });
  });

  describe('migrate() with a longer list than the database has seen', () => {
    function recording(version: number, calls: number[], up: Migration['up'] = () => {}): Migration {
      return {
        version,
        name: `synthetic step ${version}`,
        up(db) {
          calls.push(version);
          up(db);
        },
      };
    }

    it('applies only the pending steps, each once, and records each version', () => {
      const db = track(openDatabase(file));
      const organizationId = readSetting(db, 'organization_id');
      const calls: number[] = [];
      const extended = [
        ...MIGRATIONS,
        recording(LATEST + 1, calls, (d) => d.exec('CREATE TABLE step_a (x TEXT) STRICT')),
        recording(LATEST + 2, calls, (d) => d.exec('CREATE TABLE step_b (x TEXT) STRICT')),
      ];

      migrate(db, extended);
      expect(calls).toEqual([LATEST + 1, LATEST + 2]);
      expect(schemaVersion(db)).toBe(LATEST + 2);
      expect(tableNames(db)).toEqual(expect.arrayContaining(['step_a', 'step_b']));
      // Step 1 ran again if the organisation got a new id or the statuses doubled.
      expect(readSetting(db, 'organization_id')).toBe(organizationId);
      expect(listPipelineStatuses(db)).toHaveLength(DEFAULT_PIPELINE_STATUSES.length);

      migrate(db, extended);
      expect(calls).toEqual([LATEST + 1, LATEST + 2]);

      migrate(db, [...extended, recording(LATEST + 3, calls)]);
      expect(calls).toEqual([LATEST + 1, LATEST + 2, LATEST + 3]);
      expect(schemaVersion(db)).toBe(LATEST + 3);
    });

    it('rolls a throwing step back whole: no schema change and user_version unchanged', () => {
      const db = track(openDatabase(file));
      insertCandidate(db, makeCandidateRecord({ full_name: 'Before Migration' }));
      const before = dumpDatabase(db);
      const failing: Migration = {
        version: LATEST + 1,
        name: 'fails half-way',
        up(d) {
          d.exec('CREATE TABLE half_done (x TEXT) STRICT');
          d.exec("UPDATE candidates SET full_name = 'Rewritten', search_name = 'rewritten'");
          d.exec("UPDATE settings SET value = json_quote('changed') WHERE key = 'organization_id'");
          throw new Error('step failed');
        },
      };

      expect(() => migrate(db, [...MIGRATIONS, failing])).toThrow('step failed');
      expect(schemaVersion(db)).toBe(LATEST);
      expect(tableNames(db)).not.toContain('half_done');
      expect(dumpDatabase(db)).toEqual(before);
      expect(listCandidateSeqs(db, { search: 'rewritten', jobId: undefined })).toHaveLength(0);
    });

    it('keeps the steps before a failing one: the database stops at a whole step', () => {
      const db = track(openDatabase(file));
      const steps: Migration[] = [
        ...MIGRATIONS,
        { version: LATEST + 1, name: 'fine', up: (d) => d.exec('CREATE TABLE fine_step (x TEXT) STRICT') },
        {
          version: LATEST + 2,
          name: 'broken',
          up: (d) => {
            d.exec('CREATE TABLE broken_step (x TEXT) STRICT');
            d.exec('THIS IS NOT SQL');
          },
        },
      ];
      expect(() => migrate(db, steps)).toThrow(/syntax error/);
      expect(schemaVersion(db)).toBe(LATEST + 1);
      expect(tableNames(db)).toContain('fine_step');
      expect(tableNames(db)).not.toContain('broken_step');

      const fixed = [...steps.slice(0, -1), { version: LATEST + 2, name: 'fixed', up: () => {} }];
      migrate(db, fixed);
      expect(schemaVersion(db)).toBe(LATEST + 2);
    });

    it('refuses, before running anything, a list shorter than the database', () => {
      const db = track(openDatabase(file));
      const before = dumpDatabase(db);
      expect(() => migrate(db, MIGRATIONS.slice(0, -1))).toThrow(DatabaseTooNewError);
      expect(dumpDatabase(db)).toEqual(before);
    });
  });

  describe('several processes opening one outdated database at once', () => {
    const OPENERS = 3;
    const children: ScriptProcess[] = [];
    afterEach(async () => {
      await Promise.all(children.splice(0).map((child) => child.kill()));
    });

    it('all open it, and each migration runs once', { timeout: 90_000 }, async () => {
      closeDatabase(openDatabaseAtVersion(file, LATEST - 1));
      const go = join(temp.dir, 'go');
      for (let i = 0; i < OPENERS; i += 1) children.push(startScript('tests/helpers/open-database-child.ts', [file, go]));
      await Promise.all(children.map((child) => child.waitForStdout(/^ready$/m)));

      // Holding the write lock keeps every opener between its version check and
      // its migration transaction, the window two starting processes race in.
      const holder = track(new Database(file));
      holder.prepare('BEGIN IMMEDIATE').run();
      writeFileSync(go, '');
      await new Promise((resolve) => setTimeout(resolve, 500));
      holder.prepare('ROLLBACK').run();
      holder.close();

      const exits = await Promise.all(children.map((child) => child.waitForExit()));
      const outputs = children.map((child) => child.stdout().trim().split('\n').at(-1));
      expect(outputs).toEqual(Array(OPENERS).fill('ok'));
      expect(exits.map((e) => e.code)).toEqual(Array(OPENERS).fill(0));
      const db = track(openDatabase(file));
      expect(schemaVersion(db)).toBe(LATEST);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  });

  describe('an old database (user_version 0) holding unrelated state', () => {
    it('is migrated to the latest version and its own tables are kept', () => {
      const old = new Database(file);
      old.exec(`
        CREATE TABLE imported_contacts (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        INSERT INTO imported_contacts (name) VALUES ('Asha'), ('Ravi'), ('Meena');
        CREATE INDEX imported_contacts_by_name ON imported_contacts (name);
      `);
      expect(old.pragma('user_version', { simple: true })).toBe(0);
      expect(old.pragma('journal_mode', { simple: true })).toBe('delete');
      old.close();

      const db = track(openDatabase(file));
      expect(schemaVersion(db)).toBe(LATEST);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(tableNames(db)).toEqual(expect.arrayContaining(['candidates', 'applications', 'imported_contacts']));
      expect(db.prepare('SELECT name FROM imported_contacts ORDER BY id').pluck().all()).toEqual(['Asha', 'Ravi', 'Meena']);
      expect(listPipelineStatuses(db)).toEqual([...DEFAULT_PIPELINE_STATUSES]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });

    it('is left at version 0, schema unchanged, when a step cannot apply to it', () => {
      const old = new Database(file);
      old.exec("CREATE TABLE candidates (name TEXT); INSERT INTO candidates VALUES ('from a pre-release')");
      old.close();

      expect(() => openDatabase(file)).toThrow(/already exists/);

      const after = new Database(file, { readonly: true });
      try {
        expect(after.pragma('user_version', { simple: true })).toBe(0);
        expect(tableNames(after)).toEqual(['candidates']);
        expect(after.prepare('SELECT name FROM candidates').pluck().all()).toEqual(['from a pre-release']);
      } finally {
        after.close();
      }
    });
  });

  describe('migration 2: sync tables, on a database seeded at version 1', () => {
    // Seeded with SQL as version 1 wrote it, not through today's repositories,
    // which may come to need columns a version-1 file does not have.
    function seedVersion1(db: Database.Database): void {
      const insert = db.prepare(`
        INSERT INTO candidates (id, full_name, email, email_key, talent_pool_status, metadata, created_at, updated_at, search_name, search_email)
        VALUES (?, ?, ?, lower(?), ?, ?, '2026-10-01T08:00:00.000Z', '2026-10-02T08:00:00.000Z', lower(?), ?)
      `);
      const index = db.prepare('INSERT INTO candidate_search (rowid, search_name, search_email) VALUES (?, ?, ?)');
      const rows = [
        ['11111111-1111-4111-8111-111111111111', 'Version One', 'v1@example.com', 'not_linked', '{"k":[1,2]}', 'v1@example.com'],
        ['22222222-2222-4222-8222-222222222222', 'Masked One', 'hidden@example.com', 'masked', null, ''],
      ] as const;
      for (const [id, name, email, status, metadata, searchEmail] of rows) {
        const seq = Number(insert.run(id, name, email, email, status, metadata, name, searchEmail).lastInsertRowid);
        index.run(seq, name.toLowerCase(), searchEmail);
      }
      db.prepare(`
        INSERT INTO applications (candidate_seq, job_id, id, status, created_at, updated_at)
        SELECT seq, '33333333-3333-4333-8333-333333333333', 'app-1', 'Shortlisted', created_at, updated_at FROM candidates WHERE full_name = 'Version One'
      `).run();
    }

    it('keeps every candidate, application and setting, and search still finds them', () => {
      const db = track(openDatabaseAtVersion(file, 1));
      seedVersion1(db);
      const candidatesBefore = db.prepare('SELECT * FROM candidates ORDER BY seq').all();
      const applicationsBefore = db.prepare('SELECT * FROM applications').all();
      const settingsBefore = db.prepare('SELECT * FROM settings ORDER BY key').all();
      const tablesBefore = tableNames(db);

      migrate(db, MIGRATIONS.filter((m) => m.version <= 2));

      expect(schemaVersion(db)).toBe(2);
      const candidatesAfter = db.prepare('SELECT * FROM candidates ORDER BY seq').all() as Record<string, unknown>[];
      expect(candidatesAfter.map(({ remote_id: _remoteId, ...rest }) => rest)).toEqual(candidatesBefore);
      expect(candidatesAfter.map((c) => c.remote_id)).toEqual([null, null]);
      expect(db.prepare('SELECT * FROM applications').all()).toEqual(applicationsBefore);
      expect(db.prepare('SELECT * FROM settings ORDER BY key').all()).toEqual(settingsBefore);
      const created = tableNames(db).filter((name) => !tablesBefore.includes(name));
      expect(created.length).toBeGreaterThan(0);
      for (const table of created) expect(db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get(), table).toBe(0);
      expect(listCandidateSeqs(db, { search: 'version one', jobId: undefined })).toHaveLength(1);
      expect(listCandidateSeqs(db, { search: 'hidden', jobId: undefined })).toHaveLength(0);
      expect(listCandidateSeqs(db, { search: '', jobId: '33333333-3333-4333-8333-333333333333' })).toHaveLength(1);
      db.prepare("INSERT INTO candidate_search (candidate_search) VALUES ('integrity-check')").run();
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  });

  describe('migration 6: search keys in NFC, on a database seeded at version 5', () => {
    const decomposed = 'Jose\u0301 Zaki\u0301r'; // "José Zakír" with combining accents
    const nuktaLetter = '\u095B\u093E\u0915\u093F\u0930'; // ज़ाकिर with ज़ as one code point (NFC writes two)

    // Seeded with SQL as version 5 wrote the search columns: lower-cased, not normalised.
    function seedVersion5(db: Database.Database): number[] {
      const insert = db.prepare(`
        INSERT INTO candidates (id, full_name, email, email_key, talent_pool_status, created_at, updated_at, search_name, search_email)
        VALUES (?, ?, ?, lower(?), 'not_linked', '2026-10-01T08:00:00.000Z', '2026-10-02T08:00:00.000Z', lower(?), lower(?))
      `);
      const index = db.prepare('INSERT INTO candidate_search (rowid, search_name, search_email) VALUES (?, ?, ?)');
      const rows = [
        ['11111111-1111-4111-8111-111111111111', decomposed, 'jose\u0301@example.com'],
        ['22222222-2222-4222-8222-222222222222', nuktaLetter, 'zakir@example.com'],
        ['33333333-3333-4333-8333-333333333333', 'Plain Ascii', 'plain@example.com'],
      ] as const;
      return rows.map(([id, name, email]) => {
        const seq = Number(insert.run(id, name, email, email, name, email).lastInsertRowid);
        index.run(seq, name.toLowerCase(), email.toLowerCase());
        return seq;
      });
    }

    it('rewrites only the keys NFC changes, with their index entries, and search finds either spelling', () => {
      const db = track(openDatabaseAtVersion(file, 5));
      const [jose, zakir, plain] = seedVersion5(db);
      const plainBefore = db.prepare('SELECT * FROM candidates WHERE seq = ?').get(plain);

      migrate(db, MIGRATIONS.filter((m) => m.version <= 6));

      expect(schemaVersion(db)).toBe(6);
      const keys = db.prepare('SELECT search_name, search_email FROM candidates WHERE seq = ?').raw();
      expect(keys.get(jose)).toEqual(['josé zakír', 'josé@example.com']);
      expect(keys.get(zakir)).toEqual([nuktaLetter.normalize('NFC'), 'zakir@example.com']);
      expect(db.prepare('SELECT * FROM candidates WHERE seq = ?').get(plain)).toEqual(plainBefore);
      // The candidates' own values are as they were typed.
      expect(db.prepare('SELECT full_name FROM candidates WHERE seq = ?').pluck().get(jose)).toBe(decomposed);

      const find = (term: string) => Array.from(listCandidateSeqs(db, { search: searchKey(term), jobId: undefined }));
      for (const term of ['José', decomposed, 'zakír', 'é', 'josé@example']) expect(find(term), term).toEqual([jose]);
      for (const term of [nuktaLetter, nuktaLetter.normalize('NFC'), nuktaLetter.slice(0, 2)]) expect(find(term), term).toEqual([zakir]);
      db.prepare("INSERT INTO candidate_search (candidate_search) VALUES ('integrity-check')").run();
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  });

  describe('migration 7: stored skill_array, on a database seeded at version 6', () => {
    it("fills each candidate's skill_array from both skill lists, as the contract shows it", () => {
      const db = track(openDatabaseAtVersion(file, 6));
      // Seeded with SQL as version 6 wrote candidates: no skill_array column.
      const insert = db.prepare(`
        INSERT INTO candidates (id, full_name, email, email_key, primary_skills, secondary_skills, talent_pool_status,
                                created_at, updated_at, search_name, search_email)
        VALUES (?, ?, ?, lower(?), ?, ?, 'not_linked', '2026-10-01T08:00:00.000Z', '2026-10-01T08:00:00.000Z', lower(?), lower(?))
      `);
      const seed = (id: string, name: string, primary: string[], secondary: string[]) =>
        Number(insert.run(id, name, `${id}@example.com`, `${id}@example.com`, JSON.stringify(primary), JSON.stringify(secondary), name, `${id}@example.com`).lastInsertRowid);
      const overlapping = seed('11111111-1111-4111-8111-111111111111', 'Overlapping', ['React', 'Ölçme'], ['react', 'ÖLÇME', 'Go']);
      const none = seed('22222222-2222-4222-8222-222222222222', 'No Skills', [], []);

      migrate(db, MIGRATIONS.filter((m) => m.version <= 7));

      expect(schemaVersion(db)).toBe(7);
      const skillArray = db.prepare('SELECT skill_array FROM candidates WHERE seq = ?').pluck();
      expect(skillArray.get(overlapping)).toBe('["React","Ölçme","Go"]');
      expect(skillArray.get(none)).toBe('[]');
      expect(findCandidateJsonBySeqs(db, [overlapping]).map((json) => (JSON.parse(json) as { skill_array: string[] }).skill_array)).toEqual([
        ['React', 'Ölçme', 'Go'],
      ]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  });

  // The shape every data-moving migration's test takes, shown on a synthetic
  // step so the first real one has something to copy: seed at N-1 through the
  // real repositories, migrate, assert on the moved data and the indexes.
  describe('pattern: a data-moving step (synthetic, version LATEST + 1)', () => {
    const moveOrganisationIntoApplications: Migration = {
      version: LATEST + 1,
      name: 'fill applications.organization_id from settings',
      up(db) {
        db.exec(`
          UPDATE applications
          SET organization_id = (SELECT value ->> '$' FROM settings WHERE key = 'organization_id')
          WHERE organization_id IS NULL
        `);
      },
    };

    it('moves the data of a database seeded at N-1, and leaves other rows alone', () => {
      const db = track(openDatabaseAtVersion(file, LATEST));
      const candidate = makeCandidateRecord({ full_name: 'Seeded Before' });
      insertCandidate(db, candidate);
      const missing = makeApplicationRecord(candidate.id, { organization_id: null });
      const present = makeApplicationRecord(candidate.id, { organization_id: 'org-already-set' });
      insertApplication(db, missing);
      insertApplication(db, present);

      migrate(db, [...MIGRATIONS, moveOrganisationIntoApplications]);

      const organizationId = readSetting(db, 'organization_id');
      const rows = db.prepare('SELECT id, organization_id FROM applications').all() as { id: string; organization_id: string }[];
      expect(Object.fromEntries(rows.map((r) => [r.id, r.organization_id]))).toEqual({
        [missing.id]: organizationId,
        [present.id]: 'org-already-set',
      });
      expect(findCandidateById(db, candidate.id)).toEqual(candidate);
      expect(schemaVersion(db)).toBe(LATEST + 1);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  });
});
