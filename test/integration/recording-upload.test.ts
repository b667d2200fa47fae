import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../electron/web/web-server';
import { createTempCore, makeTempDir, removeTempDir } from '../helpers/temp-core';
import { startTestWebServer } from '../helpers/web-server';

interface Answer {
  status: number;
  body: { path?: string; error?: string };
}

describe('the web shell takes a recording to open', () => {
  const core = createTempCore();
  const uploadDir = join(makeTempDir(), 'recordings', 'opened');
  let server: WebServer;
  let origin: string;

  beforeAll(async () => {
    server = await startTestWebServer(core, { uploadDir });
    origin = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    await core.close();
    removeTempDir(join(uploadDir, '..', '..'));
  });

  /** Streams `chunks` as the request body, as a browser sends a large file: never one buffer. */
  function upload(headers: Record<string, string>, chunks: Buffer[], name = 'run.mqttrec.jsonl'): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const sent = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: `/upload/recording?name=${encodeURIComponent(name)}`, headers }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
      });
      sent.on('error', reject);
      const writeNext = (index: number): void => {
        if (index === chunks.length) {
          sent.end();
          return;
        }
        sent.write(chunks[index], () => writeNext(index + 1));
      };
      writeNext(0);
    });
  }

  const filesSaved = (): string[] => {
    try {
      return readdirSync(uploadDir);
    } catch {
      return [];
    }
  };

  it('refuses a file without the token or with a wrong one, and saves nothing', async () => {
    const body = [Buffer.from('{"type":"header"}\n')];
    expect(await upload({ Origin: origin }, body)).toEqual({ status: 401, body: { error: 'Refused: missing or wrong token.' } });
    expect((await upload({ Origin: origin, 'X-MQTT-Lab-Token': 'wrong' }, body)).status).toBe(401);
    expect(filesSaved()).toEqual([]);
  });

  it('refuses a file sent by a page of another origin or through another host name, even with the token', async () => {
    const body = [Buffer.from('x')];
    expect((await upload({ Origin: 'http://evil.example', 'X-MQTT-Lab-Token': server.token }, body)).status).toBe(403);
    expect((await upload({ 'X-MQTT-Lab-Token': server.token }, body)).status).toBe(403);
    expect((await upload({ Origin: origin, Host: `evil.example:${server.port}`, 'X-MQTT-Lab-Token': server.token }, body)).status).toBe(403);
    expect(filesSaved()).toEqual([]);
  });

  it('streams a 40 MB file to disk byte for byte, under a fresh name in the upload folder', async () => {
    const chunks = Array.from({ length: 40 }, () => randomBytes(1024 * 1024));
    const answer = await upload({ Origin: origin, 'X-MQTT-Lab-Token': server.token }, chunks, '../../etc/passwd run.mqttrec.jsonl');
    expect(answer.status).toBe(200);
    const path = answer.body.path ?? '';
    expect(path.startsWith(`${uploadDir}/`)).toBe(true);
    expect(path.slice(uploadDir.length + 1)).toMatch(/^[\w-]+\/_.._etc_passwd_run\.mqttrec\.jsonl$/);
    expect(readFileSync(path).equals(Buffer.concat(chunks))).toBe(true);
    // Two uploads of the same name never overwrite each other.
    const again = await upload({ Origin: origin, 'X-MQTT-Lab-Token': server.token }, [Buffer.from('second')], '../../etc/passwd run.mqttrec.jsonl');
    expect(again.body.path).not.toBe(path);
    expect(readFileSync(path).length).toBe(40 * 1024 * 1024);
  });

  it('is not there without an upload folder', async () => {
    const bare = await startTestWebServer(core);
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const sent = request({ host: '127.0.0.1', port: bare.port, method: 'POST', path: '/upload/recording', headers: { Origin: `http://127.0.0.1:${bare.port}`, 'X-MQTT-Lab-Token': bare.token } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        sent.on('error', reject);
        sent.end('x');
      });
      expect(status).toBe(405);
    } finally {
      await bare.close();
    }
  });
});
