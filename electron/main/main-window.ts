import { app, BrowserWindow, dialog, Menu, screen } from 'electron';
import { focusWindow } from './app-lifecycle';
import { editContextMenuTemplate } from './edit-context-menu';
import { fitToDisplays, MIN_WINDOW_SIZE, readWindowState, rememberWindowState } from './window-state';
import { secureWebPreferences } from './window-security';

export interface MainWindowOptions {
  url: string;
  preloadPath: string;
  isPackaged: boolean;
  windowStateFile: string;
  /** A PNG for the window's icon where the platform does not take it from the installed app. */
  iconPath?: string;
  reportError: (error: unknown) => void;
}

/** Opens the app's window where it was last left, shown once the first paint is ready (no white flash). */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const primary = screen.getPrimaryDisplay().workArea;
  const state = fitToDisplays(
    readWindowState(options.windowStateFile),
    screen.getAllDisplays().map((display) => display.workArea),
    primary,
  );
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Recruiter Desk',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences({ preloadPath: options.preloadPath, isPackaged: options.isPackaged }),
  });
  rememberWindowState(window, options.windowStateFile, options.reportError);
  confirmLeavingUnsavedChanges(window);
  offerReloadWhenThePageFails(window, options.reportError);
  offerEditContextMenu(window);
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    focusWindow(window);
  });
  window.loadURL(options.url).catch((error: unknown) => {
    // ready-to-show may never come for a page that failed: show the window (and Chromium's error page) anyway.
    options.reportError(error);
    focusWindow(window);
  });
  return window;
}

/**
 * The workspace refuses to unload (beforeunload) while a form has unsaved
 * changes. A browser asks the user then; Electron shows nothing and the window
 * just stays open, so the question is asked here, over the window brought to
 * the front. Leaving lets the unload go on.
 */
function confirmLeavingUnsavedChanges(window: BrowserWindow): void {
  window.webContents.on('will-prevent-unload', (event) => {
    // Closed from the taskbar or quit while minimized or hidden, the window would keep its question out of
    // sight (on macOS it is a sheet of the window) and the close would seem to hang.
    focusWindow(window);
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      title: 'Unsaved changes',
      message: 'You have unsaved changes.',
      detail: 'Leave and lose them, or stay and save them?',
      buttons: ['Leave', 'Stay'],
      defaultId: 1,
      cancelId: 1,
    });
    if (choice === 0) event.preventDefault();
  });
}

/**
 * A page whose renderer crashed, was killed or ran out of memory leaves a
 * blank window that answers nothing; one stuck in a long task freezes it.
 * Electron says nothing in either case. What was saved is in the database, so
 * the page can simply be loaded again: the recruiter is asked.
 */
function offerReloadWhenThePageFails(window: BrowserWindow, reportError: (error: unknown) => void): void {
  // Set while a hung page is ended on the recruiter's word: its render-process-gone is no news.
  let endingHungPage = false;
  window.webContents.on('render-process-gone', (_event, details) => {
    if (endingHungPage) {
      endingHungPage = false;
      return;
    }
    // A clean exit is the page closing with its window, not a failure.
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    reportError(new Error(`The window's page stopped (${details.reason}, exit code ${details.exitCode}).`));
    focusWindow(window);
    dialog
      .showMessageBox(window, {
        type: 'error',
        title: 'Recruiter Desk',
        message: 'The Recruiter Desk window stopped working.',
        detail: 'What you had saved is kept. Reload the window to carry on.',
        buttons: ['Reload', 'Quit'],
        defaultId: 0,
        cancelId: 0,
      })
      .then(({ response }) => {
        if (window.isDestroyed()) return;
        if (response === 0) window.webContents.reload();
        else app.quit();
      })
      .catch(reportError);
  });

  window.on('unresponsive', () => {
    const answered = new AbortController();
    // A page that comes back by itself takes the question away (as Wait).
    const dismiss = () => answered.abort();
    window.once('responsive', dismiss);
    dialog
      .showMessageBox(window, {
        type: 'warning',
        title: 'Recruiter Desk',
        message: 'The Recruiter Desk window is not responding.',
        detail: 'Wait for it, or reload it: what you had saved is kept.',
        buttons: ['Wait', 'Reload'],
        defaultId: 0,
        cancelId: 0,
        signal: answered.signal,
      })
      .then(({ response }) => {
        window.off('responsive', dismiss);
        if (response !== 1 || window.isDestroyed()) return;
        // A reload alone would wait on the stuck page: end its process first, then load afresh.
        endingHungPage = true;
        window.webContents.forcefullyCrashRenderer();
        window.webContents.reload();
      })
      .catch(reportError);
  });
}

function offerEditContextMenu(window: BrowserWindow): void {
  window.webContents.on('context-menu', (_event, params) => {
    const template = editContextMenuTemplate(params, {
      replaceMisspelling: (word) => window.webContents.replaceMisspelling(word),
      addToDictionary: (word) => window.webContents.session.addWordToSpellCheckerDictionary(word),
    });
    if (template.length > 0) Menu.buildFromTemplate(template).popup({ window });
  });
}
