/** The Replay tab's keyboard map (pure: key event fields → action), listed in the shortcut help. */

export type ReplayKeyAction =
  | { do: 'toggle' }
  | { do: 'step'; kind: 'event' | 'trade' | 'gap' | 'marker'; direction: 1 | -1 }
  | { do: 'speed'; direction: 1 | -1 }
  | { do: 'jump' }
  | { do: 'edge'; to: 'start' | 'end' };

export function replayKeyAction(e: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): ReplayKeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case ' ':
      return { do: 'toggle' };
    case 'ArrowRight':
      return { do: 'step', kind: e.shiftKey ? 'trade' : 'event', direction: 1 };
    case 'ArrowLeft':
      return { do: 'step', kind: e.shiftKey ? 'trade' : 'event', direction: -1 };
    case 'g':
      return { do: 'step', kind: 'gap', direction: 1 };
    case 'G':
      return { do: 'step', kind: 'gap', direction: -1 };
    case 'm':
      return { do: 'step', kind: 'marker', direction: 1 };
    case 'M':
      return { do: 'step', kind: 'marker', direction: -1 };
    case '+':
    case '=':
      return { do: 'speed', direction: 1 };
    case '-':
      return { do: 'speed', direction: -1 };
    case 't':
    case 'T':
      return { do: 'jump' };
    case 'Home':
      return { do: 'edge', to: 'start' };
    case 'End':
      return { do: 'edge', to: 'end' };
    default:
      return null;
  }
}
