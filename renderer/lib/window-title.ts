/** Names the window (and the browser tab) after where the recruiter is: "Settings — Recruiter Desk". */
export function setWindowTitle(place: string): void {
  document.title = `${place} — Recruiter Desk`;
}
