import type { ReactNode } from 'react';

export interface ErrorBannerProps {
  title: string;
  children?: ReactNode;
  /** E.g. a Retry button. */
  action?: ReactNode;
}

/** A failure the user should see and can often act on; announced to screen readers. */
export function ErrorBanner({ title, children, action }: ErrorBannerProps) {
  return (
    <div className="banner banner-error" role="alert">
      <div className="banner-body">
        <div className="banner-title">{title}</div>
        {children && <div>{children}</div>}
      </div>
      {action}
    </div>
  );
}
