import { useEffect, useState } from 'react';
import { Button } from '../../lib/ui/Button';

/**
 * Copies `value` to the clipboard and says so for a moment, to screen readers too: the button's own text changing
 * under the focus is not read out. `what` names the value ("API token").
 */
export function CopyButton({ value, what }: { value: string; what: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <>
      <Button onClick={copy}>
        {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
        <span className="visually-hidden"> {what}</span>
      </Button>
      <span className="visually-hidden" role="status">
        {copied === 'yes' ? `${what} copied` : copied === 'failed' ? `The ${what} could not be copied` : ''}
      </span>
    </>
  );
}
