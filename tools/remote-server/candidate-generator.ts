import type { TalentPoolStatus } from '@shared/contract';
import { defaultPipelineStatus, isShortlisted } from '../../electron/core/pipeline';
import type { ApplicationRecord } from '../../electron/db/application-repository';
import type { CandidateRecord, CandidateWithApplicationRecords } from '../../electron/db/candidate-repository';
import { Prng } from './prng';

/** The jobs generated applications point to, so tests can filter a list by a known job_id. */
export const REMOTE_JOB_IDS = [
  '3f1c2a10-5b7e-4c1d-9e2f-0a1b2c3d4e5f',
  '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
  'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
  'c4d5e6f7-a8b9-4c0d-a1e2-f3a4b5c6d7e8',
  'd6e7f8a9-b0c1-4d2e-b3f4-a5b6c7d8e9f0',
  'e8f9a0b1-c2d3-4e4f-8a5b-c6d7e8f9a0b1',
] as const;

export interface GenerateOptions {
  /** When the candidate was created (ms since the epoch). */
  createdAt: number;
  /** The latest its updated_at and its applications' timestamps may be (ms since the epoch). */
  updatedBy: number;
  /** The organisation's pipeline, in its spelling: application statuses are drawn from it. */
  pipeline: readonly string[];
  maskedShare: number;
  revealedShare: number;
}

// [as written, as in an email address]: a share of names with diacritics and
// non-Latin scripts, as a real pool has, so clients are tested on them too.
const FIRST_NAMES: readonly (readonly [string, string])[] = [
  ['Aarav', 'aarav'], ['Aditi', 'aditi'], ['Ananya', 'ananya'], ['Arjun', 'arjun'], ['Deepika', 'deepika'],
  ['Farhan', 'farhan'], ['Kavya', 'kavya'], ['Karthik', 'karthik'], ['Lakshmi', 'lakshmi'], ['Meera', 'meera'],
  ['Neha', 'neha'], ['Priya', 'priya'], ['Rahul', 'rahul'], ['Rohan', 'rohan'], ['Sneha', 'sneha'],
  ['Vikram', 'vikram'], ['Zoya', 'zoya'], ['Gurpreet', 'gurpreet'], ['José', 'jose'], ['Chloé', 'chloe'],
  ['Søren', 'soren'], ['Łukasz', 'lukasz'], ['Ngọc', 'ngoc'], ['Olumide', 'olumide'], ['अनन्या', 'ananya'],
];

const LAST_NAMES: readonly (readonly [string, string])[] = [
  ['Sharma', 'sharma'], ['Patel', 'patel'], ['Singh', 'singh'], ['Kumar', 'kumar'], ['Reddy', 'reddy'],
  ['Iyer', 'iyer'], ['Nair', 'nair'], ['Mehta', 'mehta'], ['Khan', 'khan'], ['Das', 'das'], ['Kulkarni', 'kulkarni'],
  ['D\u2019Souza', 'dsouza'], ['Müller', 'muller'], ['García', 'garcia'], ['Nguyễn', 'nguyen'], ['Okafor', 'okafor'],
  ['शर्मा', 'sharma'],
];

const DOMAINS = ['example.com', 'mail.example', 'example.in', 'example.org'] as const;
const CITIES = ['Bengaluru', 'Hyderabad', 'Pune', 'Chennai', 'Mumbai', 'Gurugram', 'Noida', 'Kolkata', 'Kochi'] as const;
const COMPANIES = ['Infosys', 'TCS', 'Wipro', 'Flipkart', 'Razorpay', 'Freshworks', 'Zoho', 'Thoughtworks', 'Nestlé'] as const;
const SOURCES = ['naukri', 'linkedin', 'referral', 'careers_page', 'api'] as const;
const NOTICE_DAYS = [0, 15, 30, 60, 90] as const;

const SKILL_FAMILIES: readonly { skills: readonly string[]; designation: string }[] = [
  { skills: ['React', 'TypeScript', 'JavaScript', 'Next.js', 'CSS', 'Redux'], designation: 'Frontend Engineer' },
  { skills: ['Java', 'Spring Boot', 'Node.js', 'PostgreSQL', 'Kafka', 'Go'], designation: 'Backend Engineer' },
  { skills: ['Python', 'SQL', 'Spark', 'Airflow', 'Pandas', 'Tableau'], designation: 'Data Engineer' },
  { skills: ['AWS', 'Docker', 'Kubernetes', 'Terraform', 'Linux'], designation: 'DevOps Engineer' },
  { skills: ['Recruitment', 'Sourcing', 'Excel', 'LinkedIn Recruiter'], designation: 'Talent Partner' },
];

const DAY_MS = 86_400_000;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function half(value: number): number {
  return Math.round(value * 2) / 2;
}

/**
 * Realistic cloud candidates, the same ones for the same seed. Emails carry a
 * running number, so every generated address is unique however many are made.
 * The cloud always knows a masked candidate's real values: they are stored.
 */
export class CandidateGenerator {
  private readonly prng: Prng;
  private ordinal = 0;

  constructor(
    seed: number,
    private readonly organizationId: string,
  ) {
    this.prng = new Prng(seed);
  }

  /** A random moment within `spanMs` before `before`. */
  momentBefore(before: number, spanMs: number): number {
    return before - 1 - this.prng.int(spanMs);
  }

  make(options: GenerateOptions): CandidateWithApplicationRecords {
    const { prng } = this;
    this.ordinal += 1;
    const id = prng.uuid();
    const [first, firstAscii] = prng.pick(FIRST_NAMES);
    const [last, lastAscii] = prng.pick(LAST_NAMES);
    const family = prng.pick(SKILL_FAMILIES);
    const skills = prng.shuffled(family.skills);
    const experience = half(prng.next() * 15);
    const currentCtc = half(3 + experience * 2 * (0.7 + prng.next()));
    const inNotice = prng.chance(0.2);
    const phone = `+91 9${String(prng.int(10_000)).padStart(4, '0')} ${String(prng.int(100_000)).padStart(5, '0')}`;
    const roll = prng.next();
    const status: TalentPoolStatus =
      roll < options.maskedShare ? 'masked' : roll < options.maskedShare + options.revealedShare ? 'revealed' : 'not_linked';
    const updatedAt =
      prng.chance(0.6) || options.updatedBy <= options.createdAt
        ? options.createdAt
        : options.createdAt + prng.int(Math.min(60 * DAY_MS, options.updatedBy - options.createdAt));
    const local = `${firstAscii}.${lastAscii}${this.ordinal}`;
    const candidate: CandidateRecord = {
      id,
      full_name: `${first} ${last}`,
      // A few people type their address with capitals; it is stored as given and matched case-insensitively.
      email: `${prng.chance(0.05) ? local.charAt(0).toUpperCase() + local.slice(1) : local}@${prng.pick(DOMAINS)}`,
      phone_number: prng.chance(0.05) ? null : phone,
      whatsapp_number: prng.chance(0.3) ? null : phone,
      location: prng.pick(CITIES),
      preferred_location: prng.chance(0.4) ? 'Remote' : prng.chance(0.5) ? null : prng.pick(CITIES),
      primary_skills: skills.slice(0, 2 + prng.int(2)),
      secondary_skills: skills.slice(4, 4 + prng.int(3)),
      total_experience_years: experience,
      current_company: experience === 0 ? null : prng.pick(COMPANIES),
      current_designation: family.designation,
      current_ctc: prng.chance(0.1) ? null : currentCtc,
      expected_ctc: prng.chance(0.15) ? null : half(currentCtc * 1.3),
      notice_period_days: prng.pick(NOTICE_DAYS),
      in_notice_period: inNotice,
      last_working_day: inNotice ? iso(options.createdAt + prng.int(90) * DAY_MS).slice(0, 10) : null,
      resume_url: prng.chance(0.7) ? `https://files.example.com/resumes/${id}.pdf` : null,
      resume_path: prng.chance(0.5) ? `resumes/${id}.pdf` : null,
      source: prng.pick(SOURCES),
      screening_score: prng.chance(0.5) ? null : Math.round(prng.next() * 1000) / 10,
      talent_pool_status: status,
      metadata: prng.chance(0.5) ? null : { external_id: `ATS-${100_000 + prng.int(900_000)}` },
      created_at: iso(options.createdAt),
      updated_at: iso(updatedAt),
    };
    return { candidate, applications: this.applications(id, options.createdAt, updatedAt, options.pipeline) };
  }

  /** 0 to 3 applications to distinct jobs, all within the candidate's lifetime so far. */
  private applications(candidateId: string, createdAt: number, updatedAt: number, pipeline: readonly string[]): ApplicationRecord[] {
    const { prng } = this;
    const jobs = new Set<string>();
    const wanted = prng.int(4);
    while (jobs.size < wanted) jobs.add(prng.pick(REMOTE_JOB_IDS));
    return [...jobs].map((jobId) => {
      const status = prng.chance(0.5) ? defaultPipelineStatus(pipeline) : prng.pick(pipeline);
      const at = iso(createdAt + prng.int(updatedAt - createdAt + 1));
      return {
        id: prng.uuid(),
        candidate_id: candidateId,
        job_id: jobId,
        organization_id: this.organizationId,
        status,
        screening_score: null,
        match_score: prng.chance(0.5) ? null : Math.round(prng.next() * 1000) / 10,
        notes: prng.chance(0.2) ? 'Imported from the careers page' : null,
        shortlisted_at: isShortlisted(status) ? at : null,
        screening_started_at: null,
        screening_completed_at: null,
        status_date: at,
        outreach_sent_at: null,
        interest_clicked_at: null,
        video_interview_invite_sent_at: null,
        metadata: null,
        created_at: at,
        updated_at: at,
      };
    });
  }
}
