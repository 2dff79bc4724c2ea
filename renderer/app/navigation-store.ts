import { create } from 'zustand';

/** The workspace's screens; the candidate screen edits one candidate, or creates one when id is null. */
export type Screen =
  | { name: 'candidates' }
  | { name: 'candidate'; id: string | null }
  | { name: 'attention' }
  | { name: 'settings' }
  | { name: 'import' };

interface NavigationState {
  screen: Screen;
  /** A guard the open screen sets while it has unsaved changes; navigation asks it first. */
  leaveGuard: (() => boolean) | null;
  navigate: (screen: Screen) => void;
  setLeaveGuard: (guard: (() => boolean) | null) => void;
}

export const useNavigationStore = create<NavigationState>((set, get) => ({
  screen: { name: 'candidates' },
  leaveGuard: null,
  navigate: (screen) => {
    const guard = get().leaveGuard;
    if (guard && !guard()) return;
    set({ screen, leaveGuard: null });
  },
  setLeaveGuard: (leaveGuard) => set({ leaveGuard }),
}));
