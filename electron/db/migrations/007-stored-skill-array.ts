import { skillArrayOf } from '@shared/field-rules';
import type { Migration } from './migration';

/**
 * Each candidate keeps its `skill_array` as the contract shows it (both skill
 * lists, trimmed, de-duplicated case-insensitively), so that SQLite can write
 * a list page's JSON without a pass through JavaScript (see candidate-json.ts).
 * Folding case needs JavaScript's Unicode rules, not SQLite's ASCII lower().
 */
export const storedSkillArray: Migration = {
  version: 7,
  name: 'stored skill_array',
  up(db) {
    db.exec("ALTER TABLE candidates ADD COLUMN skill_array TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(skill_array))");
    db.function('skill_array_of', { deterministic: true }, (primary: unknown, secondary: unknown) =>
      JSON.stringify(skillArrayOf(JSON.parse(String(primary)) as string[], JSON.parse(String(secondary)) as string[])),
    );
    db.exec("UPDATE candidates SET skill_array = skill_array_of(primary_skills, secondary_skills) WHERE primary_skills <> '[]' OR secondary_skills <> '[]'");
  },
};
