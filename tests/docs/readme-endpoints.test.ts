import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalService, startLocalService } from '../../electron/cli/local-service';
import { PROJECT_ROOT } from '../helpers/project-root';
import { makeTempDir } from '../helpers/temp-dir';

/** Every route path `printRoutes` draws, whole: `/api/local/jobs/:id`. */
function routePaths(tree: string): string[] {
  const paths: string[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length;
    while (stack.length > 0 && stack.at(-1)!.depth >= depth) stack.pop();
    const path = (stack.at(-1)?.path ?? '') + match[2]!;
    stack.push({ depth, path });
    paths.push(path);
  }
  return paths;
}

/** `/api/local/jobs/:id` and the README's `/api/local/jobs/{id}` alike, as `/api/local/jobs/{}`. */
const withoutParameterNames = (path: string) => path.replace(/:[A-Za-z]+/g, '{}').replace(/\{[^}]*\}/g, '{}');

// The /api/v1 routes are the contract's, shown by the README's curl examples and the OpenAPI document.
describe("the README's tables of the app's own endpoints", () => {
  const temp = makeTempDir('recruiter-desk-readme-');
  const reported: unknown[] = [];
  let service: LocalService;
  beforeAll(async () => {
    // As serve runs it, so the routes that exist only with a data folder or a cloud setting are there too.
    service = await startLocalService({ dataDir: join(temp.dir, 'data'), port: 0, reportError: (error) => reported.push(error) });
  });
  afterAll(async () => {
    await service?.close();
    temp.remove();
    expect(reported).toEqual([]);
  });

  it('name every /api/local route the API serves', () => {
    const readme = withoutParameterNames(readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8'));
    const paths = routePaths(service.app.printRoutes({ commonPrefix: false })).filter((path) => path.startsWith('/api/local/'));
    expect(paths).toContain('/api/local/jobs/untitled');
    expect(paths.filter((path) => !readme.includes(withoutParameterNames(path)))).toEqual([]);
  });
});
