import type { Router } from '../../ipc/router';
import { base64ToBytes } from '../../../shared/payload/preview';
import { AppError } from '../app-error';
import type { ExchangeService } from './exchange-service';

/** The request/response requests: sending requests and listing them, and the responder's rules. */
export function registerExchangeHandlers(router: Router, exchanges: ExchangeService): void {
  router.handle('request.send', ({ connectionId, topic, qos, payload, encoding, responseTopic, timeoutMs }) => {
    let bytes: Uint8Array;
    try {
      bytes = encoding === 'base64' ? base64ToBytes(payload) : new TextEncoder().encode(payload);
    } catch (error) {
      throw new AppError('invalid_input', `payload: ${(error as Error).message}`);
    }
    const { requester } = exchanges.of(connectionId);
    return requester.send({ topic, qos, payload: bytes, responseTopic: responseTopic ?? requester.defaultResponseTopic().responseTopic, timeoutMs });
  });
  router.handle('request.list', ({ connectionId }) => exchanges.of(connectionId).snapshot());
  router.handle('request.clear', ({ connectionId }) => {
    exchanges.of(connectionId).clear();
    return {};
  });
  router.handle('request.defaultResponseTopic', ({ connectionId }) => exchanges.of(connectionId).requester.defaultResponseTopic());
  router.handle('responder.add', ({ connectionId, filter, qos, reply, text, delayMs }) => exchanges.of(connectionId).responder.add({ filter, qos, reply, text, delayMs }));
  router.handle('responder.remove', ({ connectionId, ruleId }) => {
    exchanges.of(connectionId).responder.remove(ruleId);
    return {};
  });
}
