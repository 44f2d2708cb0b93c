import type { ReactNode } from 'react';

interface PanelProps {
  title: ReactNode;
  /** Controls at the right of the header. */
  actions?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}

/** A titled, bordered region of the workstation. */
export function Panel({ title, actions, className, testId, children }: PanelProps) {
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId}>
      <header className="panel-head">
        <span className="panel-title">{title}</span>
        <span className="panel-actions">{actions}</span>
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
