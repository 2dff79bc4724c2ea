import { DEFAULT_PIPELINE_STATUSES, type TalentPoolStatus } from '@shared/contract';
import type { ApplicationRecord } from '../electron/db/application-repository';
import type { CandidateRecord } from '../electron/db/candidate-repository';
import { Prng as SeededPrng } from '../tools/remote-server/prng';

/**
 * The stand-in cloud's seeded generator (mulberry32), plus what a data set
 * needs. Its own uuid() keeps this bench's data set as it has always been.
 */
export class Prng extends SeededPrng {
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** A random version-4 UUID, lower case, built from this generator's stream. */
  override uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    const version = ((b >>> 8) & 0x0f) | 0x40;
    const variant = ((c >>> 24) & 0x3f) | 0x80;
    return (
      hex32(a) + '-' + HEX_BYTE[b >>> 24] + HEX_BYTE[(b >>> 16) & 0xff] + '-' + HEX_BYTE[version] + HEX_BYTE[b & 0xff] +
      '-' + HEX_BYTE[variant] + HEX_BYTE[(c >>> 16) & 0xff] + '-' + HEX_BYTE[(c >>> 8) & 0xff] + HEX_BYTE[c & 0xff] + hex32(d)
    );
  }
}

// Number#toString(16) was a fifth of generation time; a byte table is several times faster.
const HEX_BYTE = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex32(word: number): string {
  return (HEX_BYTE[word >>> 24] as string) + HEX_BYTE[(word >>> 16) & 0xff] + HEX_BYTE[(word >>> 8) & 0xff] + HEX_BYTE[word & 0xff];
}

/** Picks by weight in O(log n) from a precomputed cumulative table. */
class WeightedTable<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly items: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [, weight] of items) {
      sum += weight;
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  pick(prng: Prng): T {
    const target = prng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return (this.items[lo] as readonly [T, number])[0];
  }
}

const INDIAN_FIRST_NAMES = [
  'Aarav', 'Aditi', 'Aditya', 'Akash', 'Amit', 'Ananya', 'Anil', 'Anjali', 'Arjun', 'Asha', 'Deepak', 'Deepika',
  'Divya', 'Gaurav', 'Harish', 'Ishaan', 'Kavya', 'Karthik', 'Kiran', 'Lakshmi', 'Mahesh', 'Manish', 'Meera',
  'Neha', 'Nikhil', 'Pooja', 'Pradeep', 'Priya', 'Rahul', 'Rajesh', 'Ramesh', 'Ravi', 'Riya', 'Rohan', 'Sachin',
  'Sanjay', 'Sneha', 'Suresh', 'Swati', 'Tanvi', 'Varun', 'Vijay', 'Vikram', 'Vivek', 'Yash', 'Zoya', 'Farhan',
  'Imran', 'Ayesha', 'Gurpreet', 'Harpreet', 'Simran', 'Sharmila', 'Venkatesh', 'Lavanya', 'Senthil', 'Bhavana',
  'Chaitanya', 'Shreya', 'Abhishek',
];

/** Weighted so the common search term (Sharma) matches a few percent of candidates. */
const INDIAN_SURNAMES: readonly (readonly [string, number])[] = [
  ['Sharma', 25], ['Patel', 30], ['Singh', 35], ['Kumar', 35], ['Gupta', 20], ['Reddy', 18], ['Rao', 16],
  ['Iyer', 12], ['Nair', 12], ['Menon', 8], ['Joshi', 12], ['Desai', 8], ['Mehta', 10], ['Shah', 12],
  ['Verma', 14], ['Agarwal', 10], ['Banerjee', 8], ['Chatterjee', 8], ['Mukherjee', 8], ['Das', 10],
  ['Bose', 5], ['Pillai', 6], ['Krishnan', 8], ['Subramanian', 6], ['Naidu', 5], ['Chowdhury', 6], ['Khan', 14],
  ['Qureshi', 4], ['Ansari', 5], ['Sheikh', 4], ['Gill', 5], ['Sandhu', 4], ['Dhillon', 3], ['Kulkarni', 8],
  ['Deshpande', 6], ['Pandey', 10], ['Mishra', 10], ['Tiwari', 8], ['Yadav', 10], ['Chauhan', 6], ['Saxena', 5],
  ['Bhat', 6], ['Hegde', 5], ['Shetty', 6], ['Fernandes', 4], ['D\u2019Souza', 4], ['Thomas', 5], ['Varghese', 4],
  ['Mathew', 4], ['Ghosh', 7], ['Sen', 4], ['Jain', 9], ['Malhotra', 5], ['Kapoor', 5],
];

const INTERNATIONAL_FIRST_NAMES = [
  'James', 'Emma', 'Oliver', 'Sophia', 'Liam', 'Mia', 'Noah', 'Charlotte', 'Lucas', 'Amelia', 'Ethan', 'Hannah',
  'José', 'María', 'François', 'Chloé', 'Zoë', 'Renée', 'Björn', 'Åsa', 'Søren', 'Jürgen', 'Łukasz', 'Małgorzata',
  'Mei', 'Wei', 'Hiroshi', 'Yuki', 'Minh', 'Ngọc', 'Olumide', 'Chinedu', 'Fatima', 'Omar', 'Ahmed', 'Leila',
  'Dmitri', 'Anastasia', 'Ingrid', 'Matteo',
];

const INTERNATIONAL_SURNAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Taylor', 'Wilson', 'Anderson', 'Martin', 'Müller', 'Schmidt',
  'García', 'Núñez', 'Fernández', 'Dvořák', 'Nowak', 'Kowalski', 'Øvergaard', 'Lindqvist', 'O\u2019Brien', 'Dubois',
  'Lefèvre', 'Rossi', 'Bianchi', 'Nguyễn', 'Trần', 'Tanaka', 'Suzuki', 'Chen', 'Wang', 'Li', 'Okafor', 'Adeyemi',
  'Haddad', 'Al-Farsi', 'Ivanov', 'Petrova', 'Jensen', 'Van der Berg',
];

/** A few names as written in Indian scripts, with the romanised form their email is made from. */
const NATIVE_SCRIPT_NAMES: readonly (readonly [string, string])[] = [
  ['अनन्या शर्मा', 'ananya sharma'],
  ['राहुल वर्मा', 'rahul verma'],
  ['கார்த்திக் சுப்பிரமணியன்', 'karthik subramanian'],
  ['லக்ஷ்மி ராமன்', 'lakshmi raman'],
  ['సాయి కిరణ్ రెడ్డి', 'sai kiran reddy'],
  ['সৌমিত্র বসু', 'soumitra basu'],
];

/** The search terms the benchmark uses, chosen so their match counts are known from how names are built. */
export const SEARCH_TERMS = {
  /** A common surname: a few percent of candidates. */
  common: 'sharma',
  /** Given to exactly RARE_TERM_COUNT candidates and appearing nowhere else. */
  rare: 'thirunavukkarasu',
  /** Appears in no generated name or email. */
  none: 'xyzzyq',
} as const;

/**
 * Every surname the generator uses, lower-cased as search folds them: more
 * distinct searches than the server's list cache holds, for a run that misses it.
 */
export function surnameSearchTerms(): string[] {
  return [...INDIAN_SURNAMES.map(([surname]) => surname), ...INTERNATIONAL_SURNAMES]
    .map((surname) => surname.toLowerCase())
    .filter((term) => term.length >= 3);
}

const RARE_SURNAME = 'Thirunavukkarasu';
const RARE_TERM_COUNT = 5;

const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 55], ['yahoo.co.in', 8], ['outlook.com', 10], ['hotmail.com', 5], ['rediffmail.com', 3],
  ['yahoo.com', 4], ['icloud.com', 3], ['proton.me', 2], ['infosys.example', 2], ['tcs.example', 2],
  ['wipro.example', 2], ['zoho.example', 1], ['freshworks.example', 1],
];

const INDIAN_CITIES: readonly (readonly [string, number])[] = [
  ['Bengaluru', 22], ['Hyderabad', 14], ['Pune', 12], ['Chennai', 11], ['Mumbai', 10], ['Gurugram', 7],
  ['Noida', 6], ['New Delhi', 5], ['Kolkata', 4], ['Ahmedabad', 3], ['Kochi', 2], ['Coimbatore', 2],
  ['Jaipur', 2], ['Indore', 1], ['Chandigarh', 1], ['Thiruvananthapuram', 1], ['Mysuru', 1],
];

const INTERNATIONAL_CITIES = [
  'Singapore', 'Dubai', 'London', 'Berlin', 'San Francisco', 'New York', 'Toronto', 'Sydney', 'Amsterdam',
  'Kraków', 'Zürich', 'São Paulo', 'Tokyo', 'Ho Chi Minh City',
];

interface SkillFamily {
  skills: readonly string[];
  designations: readonly [junior: string, mid: string, senior: string, lead: string];
}

const SKILL_FAMILIES: readonly (readonly [SkillFamily, number])[] = [
  [{ skills: ['React', 'TypeScript', 'JavaScript', 'Next.js', 'Redux', 'CSS', 'HTML', 'Tailwind CSS', 'Vue.js', 'Angular'],
    designations: ['Frontend Developer', 'Software Engineer', 'Senior Frontend Engineer', 'Frontend Architect'] }, 18],
  [{ skills: ['Java', 'Spring Boot', 'Microservices', 'Node.js', 'Python', 'Django', 'Go', 'PostgreSQL', 'MySQL', 'Kafka', 'Redis', 'REST APIs'],
    designations: ['Backend Developer', 'Software Engineer', 'Senior Software Engineer', 'Principal Engineer'] }, 26],
  [{ skills: ['Python', 'SQL', 'Spark', 'Airflow', 'Pandas', 'Tableau', 'Power BI', 'Machine Learning', 'TensorFlow', 'Snowflake'],
    designations: ['Data Analyst', 'Data Engineer', 'Senior Data Scientist', 'Head of Data'] }, 14],
  [{ skills: ['AWS', 'Docker', 'Kubernetes', 'Terraform', 'Jenkins', 'Linux', 'Azure', 'GCP', 'Ansible', 'Prometheus'],
    designations: ['DevOps Engineer', 'Cloud Engineer', 'Senior SRE', 'Platform Lead'] }, 10],
  [{ skills: ['Android', 'Kotlin', 'Swift', 'iOS', 'Flutter', 'React Native', 'Dart', 'Firebase'],
    designations: ['Mobile Developer', 'Android Engineer', 'Senior iOS Engineer', 'Mobile Lead'] }, 8],
  [{ skills: ['Selenium', 'Cypress', 'Manual Testing', 'JMeter', 'Appium', 'Postman', 'TestNG', 'Playwright'],
    designations: ['QA Engineer', 'Test Engineer', 'Senior SDET', 'QA Manager'] }, 8],
  [{ skills: ['Recruitment', 'Sourcing', 'Talent Acquisition', 'Excel', 'Naukri', 'LinkedIn Recruiter', 'Onboarding'],
    designations: ['HR Executive', 'Recruiter', 'Senior Talent Partner', 'TA Lead'] }, 6],
  [{ skills: ['Tally', 'GST', 'Accounting', 'SAP FICO', 'Excel', 'Financial Analysis', 'Taxation'],
    designations: ['Accounts Executive', 'Financial Analyst', 'Senior Accountant', 'Finance Manager'] }, 5],
  [{ skills: ['B2B Sales', 'Salesforce', 'Lead Generation', 'Negotiation', 'Account Management', 'CRM'],
    designations: ['Sales Executive', 'Account Manager', 'Senior Account Executive', 'Regional Sales Head'] }, 5],
];

const COMPANIES = [
  'Infosys', 'TCS', 'Wipro', 'HCLTech', 'Tech Mahindra', 'Accenture', 'Cognizant', 'Capgemini', 'Flipkart',
  'Swiggy', 'Zomato', 'Razorpay', 'Freshworks', 'Zoho', 'PhonePe', 'Paytm', 'CRED', 'Meesho', 'Ola', 'Byju\u2019s',
  'Amazon', 'Microsoft', 'Google', 'Oracle', 'SAP Labs', 'Deloitte', 'EY', 'KPMG', 'Thoughtworks', 'Mindtree',
  'L&T Infotech', 'Mphasis', 'Persistent Systems', 'Zensar', 'Hexaware', 'Siemens', 'Bosch', 'Shell', 'HDFC Bank',
  'ICICI Bank', 'Axis Bank', 'Société Générale', 'Nestlé', 'Unilever',
];

const SOURCES: readonly (readonly [string, number])[] = [
  ['cloud', 60], ['naukri', 12], ['linkedin', 10], ['referral', 6], ['api', 5], ['careers_page', 4], ['walk_in', 1],
];

const NOTICE_PERIODS: readonly (readonly [number, number])[] = [
  [0, 10], [15, 10], [30, 30], [45, 5], [60, 22], [90, 23],
];

/** How many applications a candidate has; averages about two. */
const APPLICATION_COUNTS: readonly (readonly [number, number])[] = [
  [0, 5], [1, 25], [2, 40], [3, 24], [4, 6],
];

const STATUS_WEIGHTS: Record<(typeof DEFAULT_PIPELINE_STATUSES)[number], number> = {
  Applied: 35, Shortlisted: 15, Screening: 12, Interview: 12, Offered: 4, Hired: 3, Rejected: 19,
};

const SKILL_FAMILY_TABLE = new WeightedTable(SKILL_FAMILIES);
const INDIAN_CITY_TABLE = new WeightedTable(INDIAN_CITIES);
const SOURCE_TABLE = new WeightedTable(SOURCES);
const NOTICE_PERIOD_TABLE = new WeightedTable(NOTICE_PERIODS);
const APPLICATION_COUNT_TABLE = new WeightedTable(APPLICATION_COUNTS);
const EMAIL_DOMAIN_TABLE = new WeightedTable(EMAIL_DOMAINS);
const INDIAN_SURNAME_TABLE = new WeightedTable(INDIAN_SURNAMES);
const STATUSES = new WeightedTable(DEFAULT_PIPELINE_STATUSES.map((status) => [status, STATUS_WEIGHTS[status]] as const));
const PAST_SHORTLIST = new Set(['Shortlisted', 'Screening', 'Interview', 'Offered', 'Hired']);
const PAST_SCREENING = new Set(['Interview', 'Offered', 'Hired']);

const DAY_MS = 86_400_000;
/** The data set's "now": fixed, so two runs generate identical timestamps. */
const REFERENCE_TIME = Date.UTC(2026, 10, 1, 9, 0, 0);
const SPAN_MS = 730 * DAY_MS;

export const DEFAULT_SEED = 20261101;
const JOB_COUNT = 300;

export interface GeneratedCandidate {
  candidate: CandidateRecord;
  applications: ApplicationRecord[];
}

export interface DatasetJobs {
  organizationId: string;
  /** Every job id applications point to, most applied-to (by weight) first. */
  jobIds: string[];
}

const folded = new Map<string, string>();

/** Lower-case ASCII letters and spaces of a name, for its email; names repeat, so each is folded once. */
function asciiFold(text: string): string {
  let result = folded.get(text);
  if (result === undefined) {
    result = foldOnce(text);
    folded.set(text, result);
  }
  return result;
}

function foldOnce(text: string): string {
  return text
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim();
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
const dayStrings = new Map<number, string>();

/** `Date#toISOString` for ms since the epoch; toISOString itself was a quarter of generation time. */
function isoTime(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let date = dayStrings.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayStrings.set(day, date);
  }
  const inDay = ms - day * DAY_MS;
  const hours = Math.floor(inDay / 3_600_000);
  const minutes = Math.floor((inDay % 3_600_000) / 60_000);
  const seconds = Math.floor((inDay % 60_000) / 1000);
  return `${date}T${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[inDay % 1000]}Z`;
}

function isoDate(ms: number): string {
  return isoTime(ms).slice(0, 10);
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

function indianMobile(prng: Prng): string {
  const first = 6 + prng.int(4);
  const rest = String(prng.int(1_000_000_000)).padStart(9, '0');
  return `+91 ${first}${rest.slice(0, 4)} ${rest.slice(4)}`;
}

function internationalPhone(prng: Prng): string {
  const line = String(prng.int(10_000)).padStart(4, '0');
  return prng.pick([
    `+1 415 555 ${line}`,
    `+44 20 7946 ${line}`,
    `+65 9${String(prng.int(1000)).padStart(3, '0')} ${line}`,
    `+971 50 ${String(prng.int(1000)).padStart(3, '0')} ${line}`,
    `+49 30 ${String(prng.int(100_000)).padStart(5, '0')}${line.slice(0, 2)}`,
  ]);
}

function pickSkills(prng: Prng, pool: readonly string[], count: number, exclude: readonly string[] = []): string[] {
  const chosen: string[] = [];
  for (let attempt = 0; chosen.length < count && attempt < count * 4; attempt++) {
    const skill = prng.pick(pool);
    if (!chosen.includes(skill) && !exclude.includes(skill)) chosen.push(skill);
  }
  return chosen;
}

/**
 * Candidates are made in a random created_at order, as a store filled by sync
 * and imports is, so page reads do not get the locality of an append-only log.
 * About one in seven belongs to an import batch sharing one timestamp.
 */
class CreatedAtSource {
  private batchLeft = 0;
  private batchTime = 0;

  constructor(private readonly prng: Prng) {}

  next(): number {
    if (this.batchLeft > 0) {
      this.batchLeft -= 1;
      return this.batchTime;
    }
    const time = REFERENCE_TIME - Math.floor(this.prng.next() * SPAN_MS);
    if (this.prng.chance(0.01)) {
      this.batchTime = time;
      this.batchLeft = 5 + this.prng.int(25);
    }
    return time;
  }
}

interface Person {
  fullName: string;
  /** Lower-case ASCII first and last names the email is made from. */
  first: string;
  last: string;
  international: boolean;
}

function person(prng: Prng, rare: boolean): Person {
  if (rare) {
    const first = prng.pick(INDIAN_FIRST_NAMES);
    return { fullName: `${first} ${RARE_SURNAME}`, first: asciiFold(first), last: asciiFold(RARE_SURNAME), international: false };
  }
  const roll = prng.next();
  if (roll < 0.01) {
    const [fullName, romanised] = prng.pick(NATIVE_SCRIPT_NAMES);
    const parts = romanised.split(' ');
    return { fullName, first: parts[0] as string, last: parts[parts.length - 1] as string, international: false };
  }
  if (roll < 0.16) {
    const first = prng.pick(INTERNATIONAL_FIRST_NAMES);
    const last = prng.pick(INTERNATIONAL_SURNAMES);
    return { fullName: `${first} ${last}`, first: asciiFold(first), last: asciiFold(last).replace(/ /g, ''), international: true };
  }
  const first = prng.pick(INDIAN_FIRST_NAMES);
  const last = INDIAN_SURNAME_TABLE.pick(prng);
  const middle = prng.chance(0.08) ? ` ${prng.pick(['Kumar', 'Prasad', 'Nath', 'Chandra', 'Mohan'])}` : '';
  return { fullName: `${first}${middle} ${last}`, first: asciiFold(first), last: asciiFold(last), international: false };
}

class EmailMaker {
  /** Per address, how many people wanted it: the next one gets the next number. */
  private readonly taken = new Map<string, number>();

  make(prng: Prng, who: Person): string {
    const separator = prng.pick(['.', '', '_', '.']);
    const local = prng.chance(0.15) ? `${who.first[0] ?? 'x'}${who.last}` : `${who.first}${separator}${who.last}`;
    const digits = prng.chance(0.4) ? String(prng.int(100)) : '';
    const domain = EMAIL_DOMAIN_TABLE.pick(prng);
    const wanted = `${local}${digits}@${domain}`;
    const before = this.taken.get(wanted) ?? 0;
    this.taken.set(wanted, before + 1);
    // "rahul.sharma.2@…" ends in a digit after a dot, which no wanted address does, so it cannot clash.
    const email = before === 0 ? wanted : `${local}${digits}.${before + 1}@${domain}`;
    // A few people type their address with capitals; the store keeps it as given.
    return prng.chance(0.03) ? email.charAt(0).toUpperCase() + email.slice(1) : email;
  }
}

function makeCandidate(prng: Prng, id: string, who: Person, email: string, createdAt: number): CandidateRecord {
  const family = SKILL_FAMILY_TABLE.pick(prng);
  // Skewed towards juniors, as applicant pools are.
  const experience = roundTo(Math.pow(prng.next(), 1.6) * 24, 0.5);
  const seniority = experience < 2 ? 0 : experience < 6 ? 1 : experience < 12 ? 2 : 3;
  const primary = pickSkills(prng, family.skills, 2 + prng.int(3));
  const secondary = pickSkills(prng, family.skills, prng.int(4), primary);
  const currentCtc = roundTo((3 + experience * 2.1) * prng.between(0.6, 1.7), 0.5);
  const phone = prng.chance(0.05) ? null : who.international ? internationalPhone(prng) : indianMobile(prng);
  const whatsapp = phone === null ? null : prng.chance(0.7) ? phone : prng.chance(0.66) ? null : indianMobile(prng);
  const city = who.international && prng.chance(0.7) ? prng.pick(INTERNATIONAL_CITIES) : INDIAN_CITY_TABLE.pick(prng);
  const inNotice = prng.chance(0.15) ? null : prng.chance(0.18);
  const noticeDays = NOTICE_PERIOD_TABLE.pick(prng);
  const updatedAt = prng.chance(0.6) ? createdAt : Math.min(REFERENCE_TIME, createdAt + prng.int(120 * DAY_MS));
  const status: TalentPoolStatus = prng.chance(0.02) ? 'masked' : prng.chance(0.03) ? 'revealed' : 'not_linked';
  return {
    id,
    full_name: who.fullName,
    // A masked candidate from sync sometimes comes without the address ever having been seen here.
    email: status === 'masked' && prng.chance(0.5) ? null : email,
    phone_number: phone,
    whatsapp_number: whatsapp,
    location: prng.chance(0.04) ? null : city,
    preferred_location: prng.chance(0.3) ? null : prng.chance(0.4) ? 'Remote' : prng.chance(0.5) ? city : INDIAN_CITY_TABLE.pick(prng),
    primary_skills: primary,
    secondary_skills: secondary,
    total_experience_years: prng.chance(0.03) ? null : experience,
    current_company: experience === 0 && prng.chance(0.7) ? null : prng.pick(COMPANIES),
    current_designation: family.designations[seniority] as string,
    current_ctc: prng.chance(0.1) ? null : currentCtc,
    expected_ctc: prng.chance(0.15) ? null : roundTo(currentCtc * prng.between(1.1, 1.6), 0.5),
    notice_period_days: prng.chance(0.05) ? null : noticeDays,
    in_notice_period: inNotice,
    last_working_day: inNotice ? isoDate(createdAt + prng.int(90) * DAY_MS) : null,
    resume_url: prng.chance(0.75) ? `https://files.recruiterdesk.example/resumes/${id}.pdf` : null,
    resume_path: prng.chance(0.05) ? `resumes/${id}.pdf` : null,
    source: SOURCE_TABLE.pick(prng),
    screening_score: prng.chance(0.4) ? null : roundTo(prng.between(20, 98), 0.1),
    talent_pool_status: status,
    metadata: prng.chance(0.5) ? null : { external_id: `ATS-${100000 + prng.int(900000)}`, imported_from: prng.pick(['naukri', 'linkedin', 'excel']) },
    created_at: isoTime(createdAt),
    updated_at: isoTime(updatedAt),
  };
}

function makeApplication(
  prng: Prng,
  candidateId: string,
  jobId: string,
  organizationId: string,
  candidateCreatedAt: number,
): ApplicationRecord {
  const status = STATUSES.pick(prng);
  const createdAt = Math.min(REFERENCE_TIME, candidateCreatedAt + prng.int(30 * DAY_MS));
  const statusAt = status === 'Applied' ? createdAt : Math.min(REFERENCE_TIME, createdAt + prng.int(21 * DAY_MS));
  const shortlisted = PAST_SHORTLIST.has(status) || (status === 'Rejected' && prng.chance(0.3));
  const screened = PAST_SCREENING.has(status);
  const created = isoTime(createdAt);
  const statusChanged = isoTime(statusAt);
  return {
    id: prng.uuid(),
    candidate_id: candidateId,
    job_id: jobId,
    organization_id: organizationId,
    status,
    screening_score: screened ? roundTo(prng.between(40, 99), 0.1) : null,
    match_score: prng.chance(0.6) ? roundTo(prng.between(10, 99), 0.1) : null,
    notes: prng.chance(0.1) ? prng.pick(['Strong communication', 'Needs relocation', 'Asked for hybrid', 'Counter-offer likely', 'Good culture fit']) : null,
    shortlisted_at: shortlisted ? isoTime(Math.min(statusAt, createdAt + DAY_MS)) : null,
    screening_started_at: screened || status === 'Screening' ? statusChanged : null,
    screening_completed_at: screened ? statusChanged : null,
    status_date: statusChanged,
    outreach_sent_at: prng.chance(0.3) ? created : null,
    interest_clicked_at: null,
    video_interview_invite_sent_at: status === 'Interview' && prng.chance(0.5) ? statusChanged : null,
    metadata: null,
    created_at: created,
    updated_at: statusChanged,
  };
}

function openDataset(seed: number): DatasetJobs & { prng: Prng } {
  const prng = new Prng(seed);
  const organizationId = prng.uuid();
  const jobIds = Array.from({ length: JOB_COUNT }, () => prng.uuid());
  return { prng, organizationId, jobIds };
}

/** The organisation and jobs the data set of this seed uses. */
export function datasetJobs(seed: number = DEFAULT_SEED): DatasetJobs {
  const { organizationId, jobIds } = openDataset(seed);
  return { organizationId, jobIds };
}

/**
 * `count` candidates with about two applications each over JOB_COUNT jobs,
 * one at a time and the same for the same seed. Streamed rather than returned
 * as one array: holding 300,000 records costs more in garbage collection than
 * making them. Job popularity falls off like a Zipf law, as a few open roles
 * draw most applicants.
 */
export function* generateCandidates(count: number, seed: number = DEFAULT_SEED): Generator<GeneratedCandidate> {
  const { prng, organizationId, jobIds } = openDataset(seed);
  const jobs = new WeightedTable(jobIds.map((id, rank) => [id, 1 / Math.pow(rank + 1, 0.7)] as const));
  const rareAt = new Set(Array.from({ length: RARE_TERM_COUNT }, (_, k) => Math.floor(((k + 0.5) * count) / RARE_TERM_COUNT)));
  const createdAt = new CreatedAtSource(prng);
  const emails = new EmailMaker();

  for (let i = 0; i < count; i++) {
    const id = prng.uuid();
    const who = person(prng, rareAt.has(i));
    const created = createdAt.next();
    const candidate = makeCandidate(prng, id, who, emails.make(prng, who), created);
    const jobsOfCandidate = new Set<string>();
    const wanted = APPLICATION_COUNT_TABLE.pick(prng);
    while (jobsOfCandidate.size < wanted) jobsOfCandidate.add(jobs.pick(prng));
    const applications = [...jobsOfCandidate].map((jobId) => makeApplication(prng, id, jobId, organizationId, created));
    yield { candidate, applications };
  }
}

/**
 * A realistic POST body (a candidate with an application, as a job portal's
 * macro sends it) whose email is unique for each `n` and unlike any generated one.
 */
export function makeCreateBody(prng: Prng, n: number, jobIds: readonly string[]): string {
  const who = person(prng, false);
  const family = SKILL_FAMILY_TABLE.pick(prng);
  const experience = roundTo(prng.between(0, 15), 0.5);
  return JSON.stringify({
    full_name: who.fullName,
    email: `${who.first}.${who.last}.${n}@bench-post.example`,
    phone_number: indianMobile(prng),
    location: INDIAN_CITY_TABLE.pick(prng),
    primary_skills: pickSkills(prng, family.skills, 3),
    secondary_skills: pickSkills(prng, family.skills, 2),
    total_experience_years: experience,
    current_ctc: roundTo(3 + experience * 2, 0.5),
    expected_ctc: roundTo((3 + experience * 2) * 1.3, 0.5),
    notice_period_days: NOTICE_PERIOD_TABLE.pick(prng),
    source: 'naukri',
    application: { job_id: prng.pick(jobIds), status: 'Applied' },
  });
}
