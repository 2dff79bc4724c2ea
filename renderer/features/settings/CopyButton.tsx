import { useEffect, useState } from 'react';
import { Button } from '../../lib/ui/Button';

/** Copies `value` to the clipboard and says so for a moment. */
export function CopyButton({ value, label }: { value: string; label: string }) {
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
    <Button onClick={copy} aria-label={label}>
      {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed: select and copy' : 'Copy'}
    </Button>
  );
}
