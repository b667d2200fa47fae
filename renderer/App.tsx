import { useEffect } from 'react';
import { api } from './api';
import { LanguageSwitch } from './i18n/LanguageSwitch';
import { settleLanguage } from './i18n/language';
import { useT } from './i18n/use-t';
import { wordNested } from '../shared/i18n/nested';
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
    const offSettings = api.on('settings.updated', (settings) => {
      setSettings(settings);
      // Another window (the projector's browser, the desktop window) switched language: follow it.
      if (settings.language) settleLanguage(settings.language, undefined);
    });
    const offBrokerLog = api.on('broker.log', ({ entries }) => appendBrokerLog(entries));
    const offLink = api.onLinkChange((link) => {
      setLink(link);
      // On every (re)open, take the core's view of the world: it may have changed while we were away.
      if (link.state === 'open') {
        void Promise.all([api.invoke('app.info', {}), api.invoke('settings.get', {})]).then(([info, settings]) => {
          setInfo(info);
          setSettings(settings);
          settleLanguage(settings.language, info.systemLocale);
        });
        void api.invoke('broker.get', {}).then(setBroker);
        void api.invoke('broker.log.list', {}).then(({ entries }) => appendBrokerLog(entries, true));
        void api.invoke('connection.list', {}).then(({ connections, notices, noticeTexts }) => {
          replaceConnections(connections);
          setNotices(notices, noticeTexts);
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
  const t = useT();
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
        <h1>{t('app.title')}</h1>
        {info && <span className="mode-badge">{t('app.modeBadge', { mode: t(info.mode === 'web' ? 'app.mode.web' : 'app.mode.desktop'), version: info.version })}</span>}
        <span className="spacer" />
        <RecordControl />
        <LanguageSwitch />
        <button type="button" aria-label={t(theme === 'dark' ? 'app.theme.toLight' : 'app.theme.toDark')} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
          {t(theme === 'dark' ? 'app.theme.light' : 'app.theme.dark')}
        </button>
      </header>
      <RecordingFailure />
      {link.state === 'closed' && (
        <p className="link-banner" role="alert">
          {t(link.reason)}
        </p>
      )}
      {notices.map((notice) => (
        <div key={notice.english} className="notice-banner" role="alert">
          <p>{notice.text ? wordNested(t, notice.text, notice.english) : notice.english}</p>
          <button type="button" onClick={() => dismissNotice(notice)}>
            {t('app.notice.dismiss')}
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
