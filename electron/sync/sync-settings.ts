import { readSetting, writeSetting } from '../db/settings-repository';
import type { CoreContext } from '../core/core-context';
import { CONFLICT_POLICIES, type ConflictPolicy } from './merge';

export const DEFAULT_SYNC_INTERVAL_MINUTES = 5;

export function readConflictPolicy(ctx: CoreContext): ConflictPolicy {
  const value = readSetting(ctx.db, 'conflict_policy');
  return (CONFLICT_POLICIES as readonly unknown[]).includes(value) ? (value as ConflictPolicy) : 'ask';
}

export function writeConflictPolicy(ctx: CoreContext, policy: ConflictPolicy): void {
  writeSetting(ctx.db, 'conflict_policy', policy);
}

export function readSyncIntervalMinutes(ctx: CoreContext): number {
  const value = readSetting(ctx.db, 'sync_interval_minutes');
  return typeof value === 'number' && value > 0 ? value : DEFAULT_SYNC_INTERVAL_MINUTES;
}

export function writeSyncIntervalMinutes(ctx: CoreContext, minutes: number): void {
  writeSetting(ctx.db, 'sync_interval_minutes', minutes);
}
