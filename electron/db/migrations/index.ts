import type { Migration } from './migration';
import { initialSchema } from './001-initial-schema';
import { syncTables } from './002-sync';
import { candidateAliases } from './003-candidate-aliases';
import { sentCreates } from './004-sent-creates';
import { editorDrafts } from './005-editor-drafts';
import { searchKeysInNfc } from './006-search-keys-nfc';
import { storedSkillArray } from './007-stored-skill-array';

/** Every migration, in the order they apply. */
export const MIGRATIONS: readonly Migration[] = [initialSchema, syncTables, candidateAliases, sentCreates, editorDrafts, searchKeysInNfc, storedSkillArray];
