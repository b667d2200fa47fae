import { createServer } from 'node:net';

/** A port on 127.0.0.1 that was free a moment ago, chosen by the OS, for the lesson's own broker. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('Could not read the port of a probe server.');
  return address.port;
}
