import type { Application } from '@shared/candidate-schema';
import { formatDay } from '../../lib/format-when';
import { formatScore } from '../../lib/field-values';

/**
 * What the cloud recorded of an application (its scores, the outreach and the
 * screening it ran, when it was shortlisted): read only here, and shown only
 * where there is something, so an application made on this laptop shows none.
 */
export function ApplicationFacts({ application }: { application: Application }) {
  const facts: [term: string, value: string | null][] = [
    ['Screening score', application.screening_score === null ? null : formatScore(application.screening_score)],
    ['Match score', application.match_score === null ? null : formatScore(application.match_score)],
    ['Shortlisted', dayOf(application.shortlisted_at)],
    ['Outreach sent', dayOf(application.outreach_sent_at)],
    ['Interest shown', dayOf(application.interest_clicked_at)],
    ['Screening started', dayOf(application.screening_started_at)],
    ['Screening completed', dayOf(application.screening_completed_at)],
    ['Video interview invited', dayOf(application.video_interview_invite_sent_at)],
  ];
  const known = facts.filter((fact): fact is [string, string] => fact[1] !== null);
  if (known.length === 0) return null;
  return (
    <dl className="application-facts">
      {known.map(([term, value]) => (
        <div key={term} className="application-fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const dayOf = (timestamp: string | null) => (timestamp === null ? null : formatDay(timestamp));
