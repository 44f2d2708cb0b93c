import { describe, expect, it } from 'vitest';
import { formFrom, validateConnection } from '../../../src-renderer/src/features/connection/connection-form';
import { DEFAULT_SETTINGS } from '../../../src-shared/contract/features/settings';

describe('connection form: account mode', () => {
  it('shows paper for settings without a mode and round-trips live', () => {
    const { mode: _omit, ...old } = DEFAULT_SETTINGS.connection;
    expect(formFrom(old).mode).toBe('paper');
    const r = validateConnection({ ...formFrom(DEFAULT_SETTINGS.connection), mode: 'live' });
    expect(r.ok && r.value.mode).toBe('live');
  });
});
