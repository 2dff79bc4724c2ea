import type { WritableCandidateField } from '@shared/contract';

/**
 * Each writable contract field's plain name: the form's labels (which screen
 * readers and tests find), and the words other screens use for a field.
 */
export const FIELD_LABELS = {
  full_name: 'Full name',
  email: 'Email',
  phone_number: 'Phone number',
  whatsapp_number: 'WhatsApp number',
  location: 'Location',
  preferred_location: 'Preferred location',
  primary_skills: 'Primary skills',
  secondary_skills: 'Secondary skills',
  total_experience_years: 'Total experience (years)',
  current_company: 'Current company',
  current_designation: 'Current designation',
  current_ctc: 'Current CTC (LPA)',
  expected_ctc: 'Expected CTC (LPA)',
  notice_period_days: 'Notice period (days)',
  in_notice_period: 'In notice period',
  last_working_day: 'Last working day',
  resume_url: 'Resume URL',
  source: 'Source',
  metadata: 'Metadata',
} as const satisfies Record<WritableCandidateField, string>;

export type LabelledField = keyof typeof FIELD_LABELS;
