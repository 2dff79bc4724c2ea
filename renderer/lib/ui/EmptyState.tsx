import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}

/** What a screen shows when there is nothing to list: what it means and what to do next. */
export function EmptyState({ title, children, actions }: EmptyStateProps) {
  return (
    <div className="empty-state">
      <div className="empty-state-title">{title}</div>
      {children && <div>{children}</div>}
      {actions && <div className="empty-state-actions">{actions}</div>}
    </div>
  );
}
