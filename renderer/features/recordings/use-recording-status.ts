import { useEffect, useState } from 'react';
import type { RecordingStatus } from '../../../shared/domain/recording';
import type { ReplayStatus } from '../../../shared/domain/replay';
import { api } from '../../api';
import { useAppStore } from '../../store/app-store';

/** The core's recording status, as it announces it, refreshed whenever the link (re)opens. */
export function useRecordingStatus(): RecordingStatus | undefined {
  return useCoreStatus('recording.updated', 'recording.status');
}

/** The core's replay status: there is one replay at a time, whichever page started it. */
export function useReplayStatus(): ReplayStatus | undefined {
  return useCoreStatus('replay.updated', 'replay.status');
}

function useCoreStatus<S>(event: 'recording.updated' | 'replay.updated', request: 'recording.status' | 'replay.status'): S | undefined {
  const linkOpen = useAppStore((state) => state.link.state === 'open');
  const [status, setStatus] = useState<S>();
  useEffect(() => api.on(event, (next) => setStatus(next as S)), [event]);
  useEffect(() => {
    if (!linkOpen) return;
    void api
      .invoke(request, {})
      .then((next) => setStatus(next as S))
      .catch(() => undefined);
  }, [linkOpen, request]);
  return status;
}
