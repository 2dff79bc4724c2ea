import { describe, expect, it } from 'vitest';
import { detailName, editableText, fieldName, groupByCandidate, valueFromText } from '../../renderer/features/needs-attention/attention-items';
import { displayValue } from '../../renderer/lib/field-values';

describe('Needs attention items', () => {
  it('groups per candidate in first-seen order', () => {
    const groups = groupByCandidate([
      { candidate_id: 'b', field: 'location' },
      { candidate_id: 'a', field: 'email' },
      { candidate_id: 'b', field: 'source' },
    ]);
    expect(groups.map((group) => [group.candidateId, group.items.map((item) => item.field)])).toEqual([
      ['b', ['location', 'source']],
      ['a', ['email']],
    ]);
  });

  it('names fields plainly, metadata keys and applications included', () => {
    expect(fieldName('current_ctc')).toBe('Current CTC (LPA)');
    expect(fieldName('metadata.ats.id')).toBe('Metadata: ats.id');
    expect(fieldName('applications.550e8400-e29b-41d4-a716-446655440000.status', () => 'Frontend lead')).toBe('Frontend lead: status');
  });

  it("names a refusal's detail by its field, or by its application's job", () => {
    expect(detailName('primary_skills.1')).toBe('Primary skills');
    expect(detailName('email')).toBe('Email');
    expect(detailName('applications.550e8400-e29b-41d4-a716-446655440000.status', () => 'Frontend lead')).toBe('Frontend lead: status');
  });

  it('turns an edited text back into a value of the conflict’s type', () => {
    expect(valueFromText('React, Go ,', [['React'], ['Vue']])).toEqual(['React', 'Go']);
    expect(valueFromText('12.5', [null, 10])).toBe(12.5);
    // Numbers as the candidate form reads them: a decimal comma, never a guess at "1,200".
    expect(valueFromText('22,5', [null, 10])).toBe(22.5);
    expect(valueFromText('1,200', [null, 10])).toBe('1,200');
    expect(valueFromText('', ['Pune', 'Delhi'])).toBeNull();
    expect(valueFromText('false', [true])).toBe(false);
    expect(editableText(['React', 'Go'])).toBe('React, Go');
    expect(displayValue(null)).toBe('(empty)');
  });
});
