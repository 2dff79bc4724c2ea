import type { Migration } from './migration';
import { initialSchema } from './001-initial-schema';

/** Every migration, in the order they apply. */
export const MIGRATIONS: readonly Migration[] = [initialSchema];
