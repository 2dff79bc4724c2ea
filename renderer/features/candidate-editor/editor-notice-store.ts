import { create } from 'zustand';

/**
 * A message for the editor that opens next: saving a new candidate (or
 * matching an existing one by email) navigates to that candidate's editor,
 * a new component, and the message has to reach it.
 */
interface EditorNoticeState {
  notice: { candidateId: string; message: string } | null;
  leaveNotice: (candidateId: string, message: string) => void;
  clearNotice: () => void;
}

export const useEditorNoticeStore = create<EditorNoticeState>((set) => ({
  notice: null,
  leaveNotice: (candidateId, message) => set({ notice: { candidateId, message } }),
  clearNotice: () => set({ notice: null }),
}));
