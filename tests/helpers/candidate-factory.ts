import { randomUUID } from 'node:crypto';
import type { ApplicationRecord } from '../../electron/db/application-repository';
import type { CandidateRecord } from '../../electron/db/candidate-repository';

/**
 * A complete stored candidate with plausible values; override what a test is
 * about. Written with insertCandidate, it is how tests put in rows the API
 * cannot create, such as masked candidates that arrive through sync.
 */
export function makeCandidateRecord(overrides: Partial<CandidateRecord> = {}): CandidateRecord {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    full_name: 'Asha Rao',
    email: `asha.${id.slice(0, 8)}@example.com`,
    phone_number: '+91 90000 12345',
    whatsapp_number: '+91 90000 12345',
    location: 'Bangalore',
    preferred_location: 'Remote',
    primary_skills: ['React', 'TypeScript'],
    secondary_skills: ['Docker'],
    total_experience_years: 6.5,
    current_company: 'Acme Inc',
    current_designation: 'Senior Engineer',
    current_ctc: 18,
    expected_ctc: 24,
    notice_period_days: 30,
    in_notice_period: false,
    last_working_day: null,
    resume_url: 'https://example.com/resume.pdf',
    resume_path: null,
    source: 'cloud',
    screening_score: 72.5,
    talent_pool_status: 'not_linked',
    metadata: { external_id: 'ATS-9912' },
    created_at: '2026-11-01T09:00:00.000Z',
    updated_at: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

export function makeApplicationRecord(candidateId: string, overrides: Partial<ApplicationRecord> = {}): ApplicationRecord {
  return {
    id: randomUUID(),
    candidate_id: candidateId,
    job_id: randomUUID(),
    organization_id: randomUUID(),
    status: 'Applied',
    screening_score: null,
    match_score: null,
    notes: null,
    shortlisted_at: null,
    screening_started_at: null,
    screening_completed_at: null,
    status_date: '2026-11-01T09:00:00.000Z',
    outreach_sent_at: null,
    interest_clicked_at: null,
    video_interview_invite_sent_at: null,
    metadata: null,
    created_at: '2026-11-01T09:00:00.000Z',
    updated_at: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}
