import { JobsSettings } from './JobsSettings';
import { LocalApiSettings } from './LocalApiSettings';
import { PipelineSettings } from './PipelineSettings';
import { RemoteSettings } from './RemoteSettings';
import { SyncSettings } from './SyncSettings';
import './settings.css';

export function SettingsScreen() {
  return (
    <section className="screen settings-screen" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <div className="settings-columns">
        <div className="settings-column">
          <RemoteSettings />
          <SyncSettings />
          <LocalApiSettings />
        </div>
        <div className="settings-column">
          <JobsSettings />
          <PipelineSettings />
        </div>
      </div>
    </section>
  );
}
