import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { Button } from '../../lib/ui/Button';
import { addSkill } from './candidate-form-model';

interface SkillTagInputProps {
  id: string;
  label: string;
  skills: string[];
  onChange: (skills: string[]) => void;
  /** The text typed but not yet added; kept by the form so saving includes it. */
  draft: string;
  onDraftChange: (draft: string) => void;
  describedBy: string | undefined;
  invalid: boolean;
}

/** Tags: Enter or a comma adds what is typed, Backspace in an empty box removes the last tag. */
export function SkillTagInput({ id, label, skills, onChange, draft: typed, onDraftChange: setTyped, describedBy, invalid }: SkillTagInputProps) {
  const [refusal, setRefusal] = useState<string | null>(null);
  // A removed tag took its × button, and the focus, with it: the tag now in its place, the one before, or the box takes it.
  const containerRef = useRef<HTMLDivElement>(null);
  const focusAfterRemoval = useRef<number | null>(null);
  useEffect(() => {
    const index = focusAfterRemoval.current;
    if (index === null) return;
    focusAfterRemoval.current = null;
    const buttons = containerRef.current?.querySelectorAll<HTMLButtonElement>('.tag-remove') ?? [];
    (buttons[Math.min(index, buttons.length - 1)] ?? containerRef.current?.querySelector('input'))?.focus();
  }, [skills]);

  const commit = (value: string) => {
    const result = addSkill(skills, value);
    if (result.refused === 'duplicate') {
      setRefusal(`"${value.trim()}" is already in ${label}.`);
      return;
    }
    setRefusal(null);
    setTyped('');
    if (result.refused === null) onChange(result.skills);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      commit(typed);
    } else if (event.key === 'Backspace' && typed === '' && skills.length > 0) {
      event.preventDefault();
      onChange(skills.slice(0, -1));
    }
  };

  const refusalId = `${id}-refusal`;
  const described = [describedBy, refusal ? refusalId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className="tag-input" data-invalid={invalid || undefined} ref={containerRef}>
      <ul className="tag-input-tags" aria-label={`${label} added`}>
        {skills.map((skill, index) => (
          <li key={`${skill}-${index}`} className="tag">
            {skill}
            <Button
              variant="quiet" size="small" className="tag-remove"
              aria-label={`Remove ${skill}`}
              onClick={() => {
                focusAfterRemoval.current = index;
                onChange(skills.filter((_, i) => i !== index));
              }}
            >
              ×
            </Button>
          </li>
        ))}
      </ul>
      <input
        className="tag-input-field"
        id={id}
        value={typed}
        placeholder={skills.length === 0 ? 'Type a skill, then Enter' : ''}
        aria-describedby={described}
        aria-invalid={invalid || undefined}
        onChange={(event) => {
          const value = event.target.value;
          // A pasted "React, Go" adds each part; the comma key is handled in onKeyDown.
          if (value.includes(',')) {
            const parts = value.split(',');
            let next = skills;
            for (const part of parts.slice(0, -1)) next = addSkill(next, part).skills;
            onChange(next);
            setTyped(parts.at(-1) ?? '');
          } else {
            setTyped(value);
          }
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (typed.trim() !== '') commit(typed);
        }}
      />
      {refusal && (
        <p id={refusalId} className="field-hint" role="status">
          {refusal}
        </p>
      )}
    </div>
  );
}
