import { useEffect, useState } from 'react';
import type { EditorDraftSummary } from '@shared/local-api-schema';
import { useApiClient } from '../lib/api-context';
import { Button } from '../lib/ui/Button';
import { useNavigationStore } from './navigation-store';

/**
 * Said once, as the workspace opens: forms typed in and never saved (a crash,
 * a power cut, a quit) were kept, and Needs attention lists them. Checked only
 * when it mounts (the workspace mounts it after the list's first paint, not to
 * slow that), so a form being typed in later never counts.
 */
export function KeptDraftsNotice() {
  const client = useApiClient();
  const navigate = useNavigationStore((state) => state.navigate);
  const onAttention = useNavigationStore((state) => state.screen.name === 'attention');
  const [kept, setKept] = useState(0);

  useEffect(() => {
    let cancelled = false;
    client
      .request<{ data: EditorDraftSummary[] }>('/api/local/drafts')
      .then(({ body }) => {
        if (!cancelled) setKept(body.data.length);
      })
      .catch(() => {
        // Needs attention still lists them.
      });
    return () => {
      cancelled = true;
    };
  }, [client]);

  // Needs attention, once opened, has said it.
  if (onAttention && kept !== 0) setKept(0);

  // The notice goes with its Dismiss button, which had the focus: it goes on to the current screen's place in the navigation.
  const dismiss = () => {
    setKept(0);
    document.querySelector<HTMLElement>('.workspace-nav-item[aria-current="page"]')?.focus();
  };

  if (kept === 0) return null;
  return (
    <div className="banner banner-info kept-drafts-notice" role="status">
      <div className="banner-body">
        {kept === 1 ? 'A form you had not saved was kept' : `${kept} forms you had not saved were kept`} when Recruiter Desk or its window
        last closed.
      </div>
      <Button size="small" variant="primary" onClick={() => navigate({ name: 'attention' })}>
        Review
      </Button>
      <Button size="small" onClick={dismiss}>
        Dismiss
      </Button>
    </div>
  );
}
