import type { ReactNode } from 'react';

interface ModalProps {
  title: string;
  onClose(): void;
  testId?: string;
  children: ReactNode;
}

/** A centred dialog over a dimmed backdrop; clicking the backdrop closes it. */
export function Modal({ title, onClose, testId, children }: ModalProps) {
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal" role="dialog" aria-label={title} data-testid={testId}>
        <header className="modal-head">
          <span>{title}</span>
          <button className="btn btn-ghost" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </header>
        <div className="modal-body">{children}</div>
      </div>
    </div>
  );
}
