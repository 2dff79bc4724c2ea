import type { Migration } from './migration';
import { initialSchema } from './001-initial-schema';
import { syncTables } from './002-sync';

/** Every migration, in the order they apply. */
export const MIGRATIONS: readonly Migration[] = [initialSchema, syncTables];
