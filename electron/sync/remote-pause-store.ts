import type { CoreContext } from '../core/core-context';
import { readSetting, writeSetting } from '../db/settings-repository';
import { normalizeRemoteUrl, type RemotePause, type RemotePauseStore } from './remote-client';

const REMOTE_PAUSE_SETTING = 'remote_pause';

interface StoredRemotePause {
  remote_url: string;
  until: string;
  status: number;
}

/**
 * Keeps a wait the cloud asked for in the data folder's settings, with the
 * cloud it came from: a wait for another remote URL does not hold this one.
 * A write that fails (the database busy for longer than its timeout) is
 * reported and costs only the memory of the wait, never the request.
 */
export function remotePauseStore(ctx: CoreContext, remoteUrl: string, reportError: (error: unknown) => void): RemotePauseStore {
  const url = normalizeRemoteUrl(remoteUrl);
  return {
    read: () => {
      const stored = readSetting(ctx.db, REMOTE_PAUSE_SETTING) as StoredRemotePause | undefined;
      if (stored?.remote_url !== url) return undefined;
      const until = Date.parse(stored.until);
      return Number.isFinite(until) ? { until, status: stored.status } : undefined;
    },
    write: (pause: RemotePause) => {
      try {
        const stored: StoredRemotePause = { remote_url: url, until: new Date(pause.until).toISOString(), status: pause.status };
        writeSetting(ctx.db, REMOTE_PAUSE_SETTING, stored);
      } catch (error) {
        reportError(error);
      }
    },
  };
}
