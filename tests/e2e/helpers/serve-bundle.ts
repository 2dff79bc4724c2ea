import { type ScriptProcess, startNodeProcess } from '../../helpers/script-process';
import { serveBundleIn } from './renderer-build';

/** The key renderer/lib/api-connection.ts keeps a tab's token under: set it before load to open the workspace connected. */
export const SESSION_TOKEN_KEY = 'recruiter-desk.api-token';

export interface ServeProcess extends ScriptProcess {
  /** SIGTERM, which closes the database cleanly; SIGKILL only if that hangs. */
  stop: () => Promise<void>;
}

/** `node <build>/cli/serve.cjs ...args`, as `npm run serve` runs out/cli/serve.cjs. */
export function startServeBundle(buildDir: string, args: readonly string[]): ServeProcess {
  const serve = startNodeProcess([serveBundleIn(buildDir), ...args], {}, 'serve');
  return {
    ...serve,
    stop: async () => {
      const { child } = serve;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await serve.waitForExit();
      clearTimeout(killer);
    },
  };
}

export async function serveAddresses(serve: ServeProcess): Promise<{ baseUrl: string; openUrl: string; tokenFile: string }> {
  const [, baseUrl = ''] = await serve.waitForStdout(/API:\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v1\/candidates/);
  const [, openLine = ''] = await serve.waitForStdout(/Open:\s+(.*)\n/);
  const openUrl = openLine.trim();
  if (!openUrl.startsWith('http://')) throw new Error(`serve did not offer the workspace: "${openLine}".\n${serve.stdout()}\n${serve.stderr()}`);
  const [, tokenFile = ''] = await serve.waitForStdout(/Token file:\s+(\S.*)\n/);
  return { baseUrl, openUrl, tokenFile: tokenFile.trim() };
}
