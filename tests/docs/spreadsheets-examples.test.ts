import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../electron/api/candidates-csv';
import { guardFormula } from '../../shared/formula-guard';
import { type HttpResponse, sendHttp } from '../helpers/http-client';
import { makeTempDir } from '../helpers/temp-dir';
import {
  type ProcessResult,
  type ServeProcess,
  fencedBlocks,
  markdownSection,
  parseCsv,
  runProcess,
  startServeProcess,
} from './doc-examples';

const DOC_PATH = fileURLToPath(new URL('../../docs/spreadsheets.md', import.meta.url));
const doc = readFileSync(DOC_PATH, 'utf8');

const SEEDED = 120; // more than one page of 100, so every example has to page
const NUMBER_COLUMNS = new Set(['total_experience_years', 'current_ctc', 'expected_ctc', 'notice_period_days', 'screening_score']);

/**
 * Candidates of many shapes: accents and emoji, commas and quotes, phones with
 * leading zeros, fractions, booleans, metadata. Values with line breaks are
 * left out: the CSV form does not quote a lone "\n" (reported separately).
 */
function seedCandidate(n: number): Record<string, unknown> {
  const tag = String(n).padStart(3, '0');
  return {
    full_name: n % 10 === 0 ? `Zoë Müller-Ångström, "Seed" ${tag} 😀` : `Seed Candidate ${tag}`,
    email: `seed${tag}@example.com`,
    phone_number: n % 3 === 0 ? `0${tag} 44 555` : undefined,
    location: n % 8 === 0 ? 'Pune, MH' : undefined,
    current_company: n === 11 ? `=HYPERLINK("http://evil.example","Seed ${tag}")` : undefined,
    primary_skills: n % 2 === 0 ? ['TypeScript', 'SQL'] : undefined,
    secondary_skills: n % 4 === 0 ? ['Go'] : undefined,
    total_experience_years: n % 4 === 0 ? n / 8 : undefined,
    current_ctc: n % 5 === 0 ? 1_234_567.89 : undefined,
    in_notice_period: n % 5 === 0 ? true : n % 7 === 0 ? false : undefined,
    metadata: n % 6 === 0 ? { tags: ['a, b'], note: 'quote " and ü', depth: { level: 2 } } : undefined,
  };
}

/** The python block of the "Python" section, which must hold just the one complete script. */
function pythonScript(): string {
  const blocks = fencedBlocks(markdownSection(doc, 'Python'), 'python');
  expect(blocks).toHaveLength(1);
  return blocks[0] as string;
}

function jobIdOf(script: string): string {
  const jobId = /^JOB_ID = "([0-9a-f-]{36})"$/m.exec(script)?.[1];
  if (!jobId) throw new Error('The Python script names no JOB_ID.');
  return jobId;
}

describe('docs/spreadsheets.md examples against the real server', () => {
  const temp = makeTempDir('recruiter-desk-docs-');
  const dataDir = join(temp.dir, 'data');
  const workDir = join(temp.dir, 'work');
  let server: ServeProcess | undefined;

  const running = (): ServeProcess => {
    if (!server) throw new Error('The server is not running.');
    return server;
  };
  const call = (method: string, path: string, body?: unknown): Promise<HttpResponse> =>
    sendHttp(running().baseUrl, path, { method, body, headers: { authorization: `Bearer ${running().token}` } });
  /** The script's settings: the running server's URL, and the token as given. */
  const apiEnv = (token: Record<string, string>) => scriptEnv({ RECRUITER_DESK_URL: running().baseUrl, ...token });

  /** Every row of the API's own CSV form, header first, read page by page. */
  const serverCsv = async (): Promise<string[][]> => {
    const rows: string[][] = [];
    for (let offset = 0, total = 1; offset < total; offset += 100) {
      const page = await call('GET', `/api/v1/candidates?format=csv&limit=100&offset=${offset}`);
      expect(page.status).toBe(200);
      total = Number(page.headers['x-total-count']);
      const parsed = parseCsv(page.text);
      rows.push(...(rows.length === 0 ? parsed : parsed.slice(1)));
    }
    return rows;
  };

  const scriptEnv = (settings: Record<string, string>): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, PYTHONUTF8: '1', PYTHONDONTWRITEBYTECODE: '1' };
    for (const name of Object.keys(env)) if (name.startsWith('RECRUITER_DESK_')) delete env[name];
    // A proxy nothing listens on: the examples promise loopback traffic never goes through one.
    Object.assign(env, { http_proxy: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', no_proxy: '', NO_PROXY: '' });
    return { ...env, ...settings };
  };

  beforeAll(async () => {
    mkdirSync(workDir);
    server = await startServeProcess(dataDir, () => readFileSync(join(dataDir, 'api-token'), 'utf8').trim());
    for (let n = 1; n <= SEEDED; n += 1) {
      const response = await call('POST', '/api/v1/candidates', seedCandidate(n));
      expect(response.status, response.text).toBe(201);
    }
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    temp.remove();
  }, 30_000);

  describe('the Python script', () => {
    let scriptPath: string;
    let jobId: string;
    let firstRun: ProcessResult;
    const csvPath = () => join(workDir, 'candidates.csv');

    beforeAll(async () => {
      const script = pythonScript();
      jobId = jobIdOf(script);
      scriptPath = join(workDir, 'recruiter_desk_example.py');
      writeFileSync(scriptPath, script);
      firstRun = await runProcess('python3', [scriptPath, csvPath()], {
        cwd: workDir,
        env: apiEnv({ RECRUITER_DESK_TOKEN: running().token }),
      });
    }, 60_000);

    it('runs to the end and says what it did: 201, then 200 for the same email', () => {
      expect(firstRun.stderr).toBe('');
      expect(firstRun.code).toBe(0);
      expect(firstRun.stdout).toMatch(/POST 201: created: Asha Rao \([0-9a-f-]{36}\)/);
      expect(firstRun.stdout).toContain('POST 200: same candidate: True; name unchanged: Asha Rao');
      expect(firstRun.stdout).toContain('application status Interview');
      expect(firstRun.stdout).toContain(`1 candidate(s) with an application to job ${jobId}`);
      expect(firstRun.stdout).toContain(`wrote ${SEEDED + 1} candidate(s)`);
    });

    it('prints the error envelope: status, code, message and each detail path', () => {
      expect(firstRun.stdout).toContain('400 validation_error: The request has invalid fields.');
      expect(firstRun.stdout).toMatch(/^ {4}notice_period_days: .+$/m);
      expect(firstRun.stdout).toMatch(/^ {4}application\.status: .+$/m);
    });

    it('left one candidate, updated by PUT, with the application moved to Interview', async () => {
      const found = await call('GET', `/api/v1/candidates?search=${encodeURIComponent('asha.rao@example.com')}`);
      expect(found.json.meta.total).toBe(1);
      const one = await call('GET', `/api/v1/candidates/${found.json.data[0].id}`);
      expect(one.json.data).toMatchObject({
        full_name: 'Asha Rao',
        email: 'asha.rao@example.com',
        phone_number: '+91 98450 12345',
        primary_skills: ['Python', 'SQL', 'Airflow'],
        total_experience_years: 6.5,
        expected_ctc: 2400000,
        current_designation: 'Senior Data Engineer',
        notice_period_days: 30,
        source: 'api',
      });
      expect(one.json.data.applications).toHaveLength(1);
      expect(one.json.data.applications[0]).toMatchObject({
        job_id: jobId,
        status: 'Interview',
        notes: 'Strong SQL; panel interview next.',
      });

      const byJob = await call('GET', `/api/v1/candidates?job_id=${jobId}`);
      expect(byJob.json.data.map((candidate: { email: string }) => candidate.email)).toEqual(['asha.rao@example.com']);
      const all = await call('GET', '/api/v1/candidates?limit=1');
      expect(all.json.meta.total).toBe(SEEDED + 1);
    });

    it('wrote every candidate to a UTF-8 CSV file matching the API\'s own CSV form', async () => {
      const bytes = readFileSync(csvPath());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte order mark Excel needs
      const text = bytes.subarray(3).toString('utf8');
      expect(text.endsWith('\r\n')).toBe(true);
      const [header, ...rows] = parseCsv(text);
      expect(header).toEqual([...CSV_COLUMNS]);

      const [serverHeader, ...serverRows] = await serverCsv();
      expect(serverHeader).toEqual([...CSV_COLUMNS]);
      expect(rows).toHaveLength(SEEDED + 1);
      const byId = (list: string[][]) => new Map(list.map((row) => [row[0], row]));
      // The same cells, with what a spreadsheet would run as a formula kept as text, as the app's export keeps it.
      const guarded = serverRows.map((row) => row.map((value, column) => (NUMBER_COLUMNS.has(CSV_COLUMNS[column]!) ? value : guardFormula(value))));
      expect(byId(rows)).toEqual(byId(guarded));

      const asha = rows.find((row) => row[2] === 'asha.rao@example.com');
      const cell = (row: string[] | undefined, column: string) => row?.[CSV_COLUMNS.indexOf(column as (typeof CSV_COLUMNS)[number])];
      expect(cell(asha, 'primary_skills')).toBe('Python; SQL; Airflow');
      expect(cell(asha, 'current_designation')).toBe('Senior Data Engineer');
      expect(cell(asha, 'current_ctc')).toBe('');
      const tricky = rows.find((row) => row[2] === 'seed010@example.com');
      expect(cell(tricky, 'full_name')).toBe('Zoë Müller-Ångström, "Seed" 010 😀');
      expect(cell(tricky, 'current_ctc')).toBe('1234567.89');
      expect(cell(tricky, 'in_notice_period')).toBe('true');
      const formula = rows.find((row) => row[2] === 'seed011@example.com');
      expect(cell(formula, 'current_company')).toBe(`'=HYPERLINK("http://evil.example","Seed 011")`);
      expect(cell(rows.find((row) => row[2] === 'seed003@example.com'), 'phone_number')).toBe('0003 44 555');
      expect(cell(asha, 'phone_number')).toBe('+91 98450 12345');
    });

    it('is safe to run again, reading the token from a file: POST matches (200) and nothing is duplicated', async () => {
      const before = await call('GET', `/api/v1/candidates?search=asha.rao`);
      const again = await runProcess('python3', [scriptPath, csvPath()], {
        cwd: workDir,
        env: apiEnv({ RECRUITER_DESK_TOKEN_FILE: join(dataDir, 'api-token') }),
      });
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(`POST 200: already there, matched by email: Asha Rao (${before.json.data[0].id})`);
      expect(again.stdout).toContain(`wrote ${SEEDED + 1} candidate(s)`);
      const after = await call('GET', '/api/v1/candidates?limit=1');
      expect(after.json.meta.total).toBe(SEEDED + 1);
    }, 60_000);

    it('stops with exit code 1 and the error envelope when the token is wrong', async () => {
      const refused = await runProcess('python3', [scriptPath, join(workDir, 'never-written.csv')], {
        cwd: workDir,
        env: apiEnv({ RECRUITER_DESK_TOKEN: 'not-the-token' }),
      });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('401 unauthorized: Send the local API token');
      expect(existsSync(join(workDir, 'never-written.csv'))).toBe(false);
    }, 60_000);
  });

  describe('the LibreOffice Python macro', () => {
    // Stands in for LibreOffice: XSCRIPTCONTEXT with a sheet that records what the macro does to it.
    const HARNESS = `
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("recruiter_desk_calc", sys.argv[1])
macro = importlib.util.module_from_spec(spec)
spec.loader.exec_module(macro)

class Sheet:
    def __init__(self):
        self.calls = []
    def clearContents(self, flags):
        self.calls.append({"clear": flags})
    def getCellRangeByPosition(self, left, top, right, bottom):
        sheet = self
        class CellRange:
            def setDataArray(self, data):
                sheet.calls.append({"box": [left, top, right, bottom], "data": data})
        return CellRange()

sheet = Sheet()
class Controller:
    def getActiveSheet(self): return sheet
class Document:
    def getCurrentController(self): return Controller()
class ScriptContext:
    def getDocument(self): return Document()

macro.XSCRIPTCONTEXT = ScriptContext()
assert macro.g_exportedScripts == (macro.import_candidates,)
macro.import_candidates()
json.dump(sheet.calls, sys.stdout)
`;

    it('is started by the Basic sub and fills the sheet with every candidate, numbers as numbers', async () => {
      const section = markdownSection(doc, 'LibreOffice Calc');
      const [macro] = fencedBlocks(section, 'python');
      const [basic] = fencedBlocks(section, 'vb');
      expect(macro).toBeDefined();
      expect(basic).toContain('vnd.sun.star.script:recruiter_desk_calc.py$import_candidates?language=Python&location=user');
      expect(macro).toMatch(/^def import_candidates\(/m);

      const macroPath = join(workDir, 'recruiter_desk_calc.py');
      const harnessPath = join(workDir, 'calc_harness.py');
      writeFileSync(macroPath, macro as string);
      writeFileSync(harnessPath, HARNESS);
      const result = await runProcess('python3', [harnessPath, macroPath], {
        cwd: workDir,
        env: apiEnv({ RECRUITER_DESK_TOKEN: running().token }),
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);

      const calls = JSON.parse(result.stdout) as Array<{ clear?: number; box?: number[]; data?: Array<Array<string | number>> }>;
      expect(calls[0]).toEqual({ clear: 1 | 2 | 4 | 16 });
      expect(calls).toHaveLength(2);
      const { box, data } = calls[1] as { box: number[]; data: Array<Array<string | number>> };

      const expected = await serverCsv();
      expect(box).toEqual([0, 0, CSV_COLUMNS.length - 1, expected.length - 1]);
      expect(data[0]).toEqual([...CSV_COLUMNS]);
      // setDataArray turns strings into text cells and numbers into number cells.
      const asSheet = (row: string[]) =>
        row.map((value, c) => (NUMBER_COLUMNS.has(CSV_COLUMNS[c] as string) && value !== '' ? Number(value) : value));
      expect(data.slice(1)).toEqual(expected.slice(1).map(asSheet));
      expect(data.slice(1).some((row) => typeof row[CSV_COLUMNS.indexOf('current_ctc')] === 'number')).toBe(true);
    }, 60_000);
  });
});

describe('docs/spreadsheets.md examples that cannot run here', () => {
  it('has an Excel VBA module that pages through the CSV form and writes with POST and PUT', () => {
    const blocks = fencedBlocks(markdownSection(doc, 'Excel VBA'), 'vba');
    expect(blocks).toHaveLength(1);
    const vba = blocks[0] as string;
    for (const text of [
      '/api/v1/candidates',
      '"Authorization", "Bearer "',
      'WinHttp.WinHttpRequest.5.1',
      'format=csv&limit=',
      'X-Total-Count',
      '"Content-Type", "application/json"',
      'ApiSend("POST"',
      'ApiSend("PUT"',
      'Public Sub ImportCandidates()',
      'Public Sub SaveCandidateFromRow()',
    ]) {
      expect(vba).toContain(text);
    }
  });

  it('has a Power Query that sends the token and pages the CSV form from meta.total', () => {
    const blocks = fencedBlocks(markdownSection(doc, 'Excel Power Query'), 'powerquery');
    expect(blocks).toHaveLength(1);
    const query = blocks[0] as string;
    for (const text of [
      'RelativePath = "api/v1/candidates"',
      'Authorization = "Bearer " & Token',
      'Headers = AuthHeaders',
      'Query = [format = "csv"',
      'Encoding = 65001',
      'QuoteStyle = QuoteStyle.Csv',
      'Table.PromoteHeaders',
      'List.Generate',
      'Probe[meta][total]',
    ]) {
      expect(query).toContain(text);
    }
  });

  it('has LibreOffice code that reaches /api/v1/candidates with the Authorization header', () => {
    const section = markdownSection(doc, 'LibreOffice Calc');
    expect(fencedBlocks(section, 'vb')).toHaveLength(1);
    const code = [...fencedBlocks(section, 'vb'), ...fencedBlocks(section, 'python')].join('\n');
    expect(code).toContain('/api/v1/candidates');
    expect(code).toContain('"Authorization": "Bearer "');
  });

  it('lists the CSV columns in the order the API sends them', () => {
    const listed = /\*\*Columns\*\*, in order: `([^`]+)`/.exec(doc)?.[1];
    expect(listed?.split(/,\s*/)).toEqual([...CSV_COLUMNS]);
  });
});
