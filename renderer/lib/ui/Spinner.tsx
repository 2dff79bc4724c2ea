export interface SpinnerProps {
  /** What is loading, for screen readers and, unless hidden, beside the spinner. */
  label: string;
  showLabel?: boolean;
  size?: 'normal' | 'large';
}

export function Spinner({ label, showLabel = false, size = 'normal' }: SpinnerProps) {
  return (
    <span role="status" className="muted">
      <span className={size === 'large' ? 'spinner spinner-large' : 'spinner'} aria-hidden="true" />
      {showLabel ? <span style={{ marginLeft: 'var(--space-2)' }}>{label}</span> : <span className="visually-hidden">{label}</span>}
    </span>
  );
}
