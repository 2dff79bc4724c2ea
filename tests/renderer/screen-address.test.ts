import { describe, expect, it } from 'vitest';
import type { Screen } from '../../renderer/app/navigation-store';
import { addressOf, screenAt } from '../../renderer/app/screen-address';

describe("the screen's address", () => {
  const screens: Screen[] = [
    { name: 'candidates' },
    { name: 'candidate', id: '6f1d7a52-93c4-4b8e-a1f0-2c5d8e9b7a31' },
    { name: 'candidate', id: null },
    { name: 'attention' },
    { name: 'settings' },
    { name: 'settings', section: 'jobs' },
    { name: 'import' },
  ];

  it('names every screen, and reads back the screen it names', () => {
    expect(screens.map(addressOf)).toEqual([
      '#/candidates',
      '#/candidates/6f1d7a52-93c4-4b8e-a1f0-2c5d8e9b7a31',
      '#/candidates/new',
      '#/needs-attention',
      '#/settings',
      '#/settings/jobs',
      '#/import',
    ]);
    for (const screen of screens) expect(screenAt(addressOf(screen))).toEqual(screen);
  });

  it('keeps an id with characters an address cannot hold as they are', () => {
    const screen: Screen = { name: 'candidate', id: 'a/b c#d' };
    expect(addressOf(screen)).toBe('#/candidates/a%2Fb%20c%23d');
    expect(screenAt(addressOf(screen))).toEqual(screen);
  });

  it('opens the list for an empty, unknown or malformed address', () => {
    for (const hash of ['', '#', '#/', '#/nowhere', '#/settings/extra', '#/candidates/', '#/candidates/%E0%A4', '#/candidates/a/b', '#/import/new']) {
      expect(screenAt(hash), hash).toEqual({ name: 'candidates' });
    }
  });

  it('reads an address typed without its leading slash', () => {
    expect(screenAt('#settings')).toEqual({ name: 'settings' });
  });
});
