import { Button } from '../../lib/ui/Button';
import { ErrorBanner } from '../../lib/ui/ErrorBanner';

interface SettingsLoadErrorProps {
  /** What could not be read, as the banner's title says it: "The sync settings could not be loaded." */
  title: string;
  error: string;
  /** The section's heading (tabIndex -1): Retry goes with the banner, and the focus goes there. */
  headingId: string;
  onRetry: () => void;
}

/** In place of a settings form whose values could not be read: why, and Retry. */
export function SettingsLoadError({ title, error, headingId, onRetry }: SettingsLoadErrorProps) {
  return (
    <ErrorBanner
      title={title}
      action={
        <Button
          onClick={() => {
            onRetry();
            document.getElementById(headingId)?.focus();
          }}
        >
          Retry
        </Button>
      }
    >
      {error}
    </ErrorBanner>
  );
}
