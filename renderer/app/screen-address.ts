import type { Screen } from './navigation-store';

/**
 * The screen's part of the address: `#/candidates/<id>`, `#/settings/jobs`. The
 * workspace keeps it in the address bar, so a reload or a bookmark opens the
 * same screen, and Back and Forward move between screens.
 */
export function addressOf(screen: Screen): string {
  switch (screen.name) {
    case 'candidates':
      return '#/candidates';
    case 'candidate':
      return screen.id === null ? '#/candidates/new' : `#/candidates/${encodeURIComponent(screen.id)}`;
    case 'attention':
      return '#/needs-attention';
    case 'settings':
      return screen.section === undefined ? '#/settings' : `#/settings/${screen.section}`;
    case 'import':
      return '#/import';
  }
}

/** The screen an address names; an empty or unknown one opens the list, where the workspace starts. */
export function screenAt(hash: string): Screen {
  const [section, part, ...rest] = hash.replace(/^#\/?/, '').split('/');
  if (rest.length > 0) return { name: 'candidates' };
  if (part !== undefined) {
    if (section === 'settings') return part === 'jobs' ? { name: 'settings', section: 'jobs' } : { name: 'candidates' };
    const id = section === 'candidates' ? decodedOrNull(part) : null;
    if (!id) return { name: 'candidates' };
    return { name: 'candidate', id: id === 'new' ? null : id };
  }
  switch (section) {
    case 'needs-attention':
      return { name: 'attention' };
    case 'settings':
      return { name: 'settings' };
    case 'import':
      return { name: 'import' };
    default:
      return { name: 'candidates' };
  }
}

function decodedOrNull(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
