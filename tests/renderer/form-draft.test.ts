import { describe, expect, it } from 'vitest';
import { emptyFormValues } from '../../renderer/features/candidate-editor/candidate-form-model';
import { draftOf, restoreDraft } from '../../renderer/features/candidate-editor/form-draft';

const opened = { ...emptyFormValues(), full_name: 'Meera Nair', email: 'meera@example.com', location: 'Kochi', primary_skills: ['Go'] };

describe('a form draft', () => {
  it('keeps only what differs from the form as it opened, and the notes typed', () => {
    const typed = { ...opened, location: 'Mumbai', primary_skills: ['Go', 'SQL'], in_notice_period: true };
    expect(draftOf(opened, typed, { 'job-1': 'Called' })).toEqual({
      changed: { location: 'Mumbai', primary_skills: ['Go', 'SQL'], in_notice_period: true },
      note_drafts: { 'job-1': 'Called' },
    });
    expect(draftOf(opened, opened, {})).toEqual({ changed: {}, note_drafts: {} });
  });

  it('restores over the form as it is now, leaving the fields it did not change', () => {
    const now = { ...opened, phone_number: '+91 90000 00001' };
    const draft = draftOf(opened, { ...opened, location: 'Mumbai' }, { 'job-1': 'Called' });
    expect(restoreDraft(now, {}, draft)).toEqual({ values: { ...now, location: 'Mumbai' }, noteDrafts: { 'job-1': 'Called' } });
  });

  it('is nothing to offer when it holds nothing that differs', () => {
    expect(restoreDraft(opened, {}, { changed: { location: 'Kochi' }, note_drafts: {} })).toBeNull();
    expect(restoreDraft(opened, { 'job-1': 'Called' }, { changed: {}, note_drafts: { 'job-1': 'Called' } })).toBeNull();
    expect(restoreDraft(opened, {}, 'not a draft')).toBeNull();
  });

  it('leaves out what the form has no place for: unknown fields and values of the wrong shape', () => {
    const restored = restoreDraft(opened, {}, {
      changed: {
        location: 'Pune',
        salary: '90',
        full_name: 42,
        primary_skills: ['Go', 7],
        metadata: [{ key: 'k', value: 'v' }],
        in_notice_period: 'yes',
        whatsapp_same_as_phone: null,
        skill_drafts: { primary_skills: 'Rust' },
      },
      note_drafts: { 'job-1': 5, 'job-2': 'Keen' },
    });
    expect(restored).toEqual({ values: { ...opened, location: 'Pune' }, noteDrafts: { 'job-2': 'Keen' } });
  });

  it('takes every shape the form has: skill lists, metadata rows, a yes/no/unsaid answer, the skill boxes', () => {
    const typed = {
      ...opened,
      secondary_skills: ['Docker'],
      metadata: [{ key: 'linkedin', value: 'x', isJson: false }],
      in_notice_period: null,
      whatsapp_same_as_phone: true,
      skill_drafts: { primary_skills: 'Rus', secondary_skills: '' },
    };
    const withAnswer = { ...opened, in_notice_period: false };
    expect(restoreDraft(withAnswer, {}, draftOf(withAnswer, typed, {}))?.values).toEqual(typed);
  });
});
