interface ComingSoonProps {
  feature: string;
  what: string;
}

/** An honest placeholder for a planned feature: nothing here pretends to work. */
export function ComingSoon({ feature, what }: ComingSoonProps) {
  return (
    <div className="coming-soon" data-testid={`coming-soon-${feature.toLowerCase()}`}>
      <div className="coming-soon-title">{feature} — coming soon</div>
      <div className="muted">{what}</div>
    </div>
  );
}
