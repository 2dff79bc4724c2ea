import { expect } from 'vitest';
import type { HttpResponse } from './http-client';

// Written out from the contract rather than imported from the source, so a
// field that goes missing or leaks in makes the tests fail.

/** The contract's Candidate fields, in the seed's order. */
export const CANDIDATE_FIELDS = [
  'id', 'full_name', 'email', 'phone_number', 'whatsapp_number', 'location', 'preferred_location',
  'primary_skills', 'secondary_skills', 'skill_array', 'total_experience_years', 'current_company',
  'current_designation', 'current_ctc', 'expected_ctc', 'notice_period_days', 'in_notice_period',
  'last_working_day', 'resume_url', 'source', 'screening_score', 'talent_pool_status', 'metadata',
  'created_at', 'updated_at',
] as const;

/** The contract's Application (candidate_jobs) fields. */
export const APPLICATION_FIELDS = [
  'id', 'candidate_id', 'job_id', 'organization_id', 'status', 'screening_score', 'match_score', 'notes',
  'shortlisted_at', 'screening_started_at', 'screening_completed_at', 'status_date', 'outreach_sent_at',
  'interest_clicked_at', 'video_interview_invite_sent_at', 'metadata', 'created_at', 'updated_at',
] as const;

export const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const LOWER_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ErrorDetailBody {
  path: string;
  message: string;
}

/**
 * Asserts the response is the contract's error envelope with this status and
 * code, and returns its details ([] when there are none).
 */
export function expectError(response: HttpResponse, status: number, code: string): ErrorDetailBody[] {
  expect(response.status, response.text).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.json).toBeTypeOf('object');
  expect(Object.keys(response.json)).toEqual(['error']);
  const error = response.json.error;
  expect(error.code).toBe(code);
  expect(error.message).toBeTypeOf('string');
  expect(error.message.length).toBeGreaterThan(0);
  expect(Object.keys(error).every((key) => ['code', 'message', 'details'].includes(key))).toBe(true);
  if (error.details === undefined) return [];
  expect(Array.isArray(error.details)).toBe(true);
  for (const detail of error.details) {
    expect(Object.keys(detail).sort()).toEqual(['message', 'path']);
    expect(detail.path).toBeTypeOf('string');
    expect(detail.message).toBeTypeOf('string');
    expect(detail.message.length).toBeGreaterThan(0);
  }
  return error.details as ErrorDetailBody[];
}

/**
 * Asserts a 400 validation_error with exactly one detail per offending field,
 * at exactly these paths (in any order).
 */
export function expectValidationError(response: HttpResponse, paths: readonly string[]): ErrorDetailBody[] {
  const details = expectError(response, 400, 'validation_error');
  expect(details.map((detail) => detail.path).sort()).toEqual([...paths].sort());
  return details;
}
