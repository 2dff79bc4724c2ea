import { DEFAULT_APPLICATION_STATUS, SHORTLISTED_STATUS } from '@shared/contract';

/** The organisation's spelling of `status`, matched case-insensitively, or undefined when unknown. */
export function matchPipelineStatus(pipeline: readonly string[], status: string): string | undefined {
  const key = status.trim().toLowerCase();
  return pipeline.find((name) => name.toLowerCase() === key);
}

export function defaultPipelineStatus(pipeline: readonly string[]): string {
  return matchPipelineStatus(pipeline, DEFAULT_APPLICATION_STATUS) ?? pipeline[0] ?? DEFAULT_APPLICATION_STATUS;
}

export function isShortlisted(status: string): boolean {
  return status.toLowerCase() === SHORTLISTED_STATUS.toLowerCase();
}
