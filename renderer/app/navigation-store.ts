import { create } from 'zustand';
import { addressOf, screenAt } from './screen-address';

/** A part of Settings that another screen can send the recruiter to. */
export type SettingsSection = 'jobs';

/**
 * The workspace's screens; the candidate screen edits one candidate, or creates one when id is null. Settings opened
 * at a section shows that section's heading, focused.
 */
export type Screen =
  | { name: 'candidates' }
  | { name: 'candidate'; id: string | null }
  | { name: 'attention' }
  | { name: 'settings'; section?: SettingsSection }
  | { name: 'import' };

interface NavigationState {
  screen: Screen;
  /** A guard the open screen sets while it has unsaved changes; navigation asks it first. */
  leaveGuard: (() => boolean) | null;
  navigate: (screen: Screen) => void;
  setLeaveGuard: (guard: (() => boolean) | null) => void;
}

export const useNavigationStore = create<NavigationState>((set, get) => ({
  // A reload opens the screen the address names.
  screen: screenAt(window.location.hash),
  leaveGuard: null,
  navigate: (screen) => {
    const guard = get().leaveGuard;
    if (guard && !guard()) return;
    set({ screen, leaveGuard: null });
    const address = addressOf(screen);
    if (window.location.hash !== address) window.history.pushState(null, '', address);
  },
  setLeaveGuard: (leaveGuard) => set({ leaveGuard }),
}));

/**
 * Back, Forward and an edited address move between screens as `navigate`
 * does, asking an open form with unsaved changes first; when it stays, the
 * address goes back to its screen. Returns the function that stops following.
 */
export function followAddressBar(): () => void {
  const onPopState = () => {
    const { screen, leaveGuard } = useNavigationStore.getState();
    const target = screenAt(window.location.hash);
    if (addressOf(target) === addressOf(screen)) return;
    if (leaveGuard && !leaveGuard()) {
      window.history.pushState(null, '', addressOf(screen));
      return;
    }
    useNavigationStore.setState({ screen: target, leaveGuard: null });
  };
  window.addEventListener('popstate', onPopState);
  return () => window.removeEventListener('popstate', onPopState);
}
