import { fileURLToPath } from 'node:url';

/** The repository's root folder, whatever folder the tests run from. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
