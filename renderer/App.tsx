import { useEffect } from 'react';
import { api } from './api';
import { BrokerPage } from './features/broker/BrokerPage';
import { SimulatorPage } from './features/simulator/SimulatorPage';
import { ConnectionForm } from './features/connections/ConnectionForm';
import { ConnectionSidebar } from './features/connections/ConnectionSidebar';
import { Workspace } from './features/connections/Workspace';
import { startMessageFeed } from './features/messages/history-view';
import { LessonStage } from './features/lessons/LessonStage';
import { WelcomePage } from './features/lessons/WelcomePage';
import { RecordControl } from './features/recordings/RecordControl';
import { RecordingFailure } from './features/recordings/RecordingFailure';
import { RecordingsPage } from './features/recordings/RecordingsPage';
import { appendBrokerLog, dismissNotice, dropConnection, replaceConnections, setBroker, setInfo, setNotices, setLink, setSettings, setTheme, showView, upsertConnection, useAppStore } from './store/app-store';

function useCoreFeed(): void {
  useEffect(() => {
    const stopMessages = startMessageFeed();
    const offUpdated = api.on('connection.updated', upsertConnection);
    const offRemoved = api.on('connection.removed', ({ connectionId }) => dropConnection(connectionId));
    const offBroker = api.on('broker.updated', setBroker);
    const offSettings = api.on('settings.updated', setSettings);
    const offBrokerLog = api.on('broker.log', ({ entries }) => appendBrokerLog(entries));
    const offLink = api.onLinkChange((link) => {
      setLink(link);
      // On every (re)open, take the core's view of the world: it may have changed while we were away.
      if (link.state === 'open') {
        void api.invoke('app.info', {}).then(setInfo);
        void api.invoke('broker.get', {}).then(setBroker);
        void api.invoke('settings.get', {}).then(setSettings);
        void api.invoke('broker.log.list', {}).then(({ entries }) => appendBrokerLog(entries, true));
        void api.invoke('connection.list', {}).then(({ connections, notices }) => {
          replaceConnections(connections);
          setNotices(notices);
          const { view } = useAppStore.getState();
          const first = connections[0];
          if (view.kind === 'welcome' && first) showView({ kind: 'workspace', connectionId: first.connectionId });
        });
      }
    });
    return () => {
      stopMessages();
      offUpdated();
      offRemoved();
      offBroker();
      offSettings();
      offBrokerLog();
      offLink();
    };
  }, []);
}

export function App() {
  useCoreFeed();
  const view = useAppStore((state) => state.view);
  const theme = useAppStore((state) => state.theme);
  const link = useAppStore((state) => state.link);
  const info = useAppStore((state) => state.info);
  const notices = useAppStore((state) => state.notices);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app">
      <header className="app-bar">
        <h1>MQTT Lab</h1>
        {info && <span className="mode-badge">{info.mode === 'web' ? 'web mode' : 'desktop'} · v{info.version}</span>}
        <span className="spacer" />
        <RecordControl />
        <button
          type="button"
          aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
      </header>
      <RecordingFailure />
      {link.state === 'closed' && (
        <p className="link-banner" role="alert">
          {link.reason}
        </p>
      )}
      {notices.map((notice) => (
        <div key={notice} className="notice-banner" role="alert">
          <p>{notice}</p>
          <button type="button" onClick={() => dismissNotice(notice)}>
            Dismiss
          </button>
        </div>
      ))}
      <div className="app-body">
        <ConnectionSidebar />
        <main className="main-area">
          {view.kind === 'form' && <ConnectionForm key={view.connectionId ?? 'new'} {...(view.connectionId ? { connectionId: view.connectionId } : {})} />}
          {view.kind === 'workspace' && <Workspace key={view.connectionId} connectionId={view.connectionId} />}
          {view.kind === 'broker' && <BrokerPage />}
          {view.kind === 'simulator' && <SimulatorPage />}
          {view.kind === 'recordings-page' && <RecordingsPage />}
          {view.kind === 'welcome' && <WelcomePage />}
          {view.kind === 'lesson' && <LessonStage />}
        </main>
      </div>
    </div>
  );
}
