import { useEffect } from 'react';
import type { SettingsSection } from '../../app/navigation-store';
import { JobsSettings } from './JobsSettings';
import { LocalApiSettings } from './LocalApiSettings';
import { PipelineSettings } from './PipelineSettings';
import { RemoteSettings } from './RemoteSettings';
import { SyncSettings } from './SyncSettings';
import './settings.css';

export function SettingsScreen({ section }: { section?: SettingsSection }) {
  // Sent to a section (the applications panel's hint to name jobs): the recruiter lands on it, its panel at the top of
  // the view wherever it sits at this width, and its heading focused.
  useEffect(() => {
    if (section === undefined) return;
    const heading = document.getElementById(`${section}-title`);
    heading?.closest('.panel')?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }, [section]);

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
