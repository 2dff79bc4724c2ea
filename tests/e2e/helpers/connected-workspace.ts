import { type Workspace, type WorkspaceOptions, openWorkspace } from './workspace';

/**
 * openWorkspace, then waits until the page has traded its one-time code for
 * the token and shows the workspace. openWorkspace returns once the page has
 * loaded, before that exchange answers; a test that reloads in between finds
 * no token kept and lands on the connect screen.
 */
export async function openConnectedWorkspace(options?: WorkspaceOptions): Promise<Workspace> {
  const workspace = await openWorkspace(options);
  try {
    await workspace.page.getByRole('navigation', { name: 'Main' }).waitFor();
  } catch (error) {
    await workspace.close();
    throw error;
  }
  return workspace;
}
