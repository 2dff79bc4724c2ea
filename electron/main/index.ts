import { app } from 'electron';
import { runDesktopApp } from './desktop-app';

// Ctrl+C on `npm start` or a logout's SIGTERM: quit through before-quit, so the database is closed cleanly
// (a second signal while closing changes nothing).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

void runDesktopApp();
