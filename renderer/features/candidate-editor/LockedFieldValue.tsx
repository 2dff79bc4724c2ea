import { displayValue } from '../../lib/field-values';

/** A masked candidate's locked field: not an empty input, but what it is and where it gets revealed. */
export function LockedFieldValue({ labelledBy, parked }: { labelledBy: string; parked: unknown }) {
  return (
    <div className="locked-field" role="group" aria-labelledby={labelledBy}>
      <span className="locked-field-text">
        <LockIcon /> Locked — revealed in the cloud dashboard
      </span>
      {parked !== undefined && (
        <span className="parked-value">Parked: {displayValue(parked)} — sent once revealed</span>
      )}
    </div>
  );
}

function LockIcon() {
  return (
    <svg className="lock-icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 3.5a2 2 0 1 1 4 0V7H6V4.5Z"
      />
    </svg>
  );
}
