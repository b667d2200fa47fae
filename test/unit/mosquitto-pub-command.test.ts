import { describe, expect, it } from 'vitest';
import { mosquittoPubCommand, printfBytes, shellQuote, type MosquittoPubTarget } from '../../shared/mqtt/mosquitto-pub-command';

const local: MosquittoPubTarget = { host: '127.0.0.1', port: 1883, protocolVersion: 4, tls: false, webSocket: false };
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('mosquittoPubCommand', () => {
  it('quotes topic and payload for the shell', () => {
    const { command, notes } = mosquittoPubCommand(local, { topic: "it's/$HOME/`x`", qos: 1, retain: true, payload: utf8(`{"a": "it's $(rm -rf /)"}\nline 2`) });
    expect(command).toBe(`mosquitto_pub -h '127.0.0.1' -p 1883 -t 'it'\\''s/$HOME/\`x\`' -q 1 -r -m '{"a": "it'\\''s $(rm -rf /)"}\nline 2'`);
    expect(notes).toEqual([]);
  });

  it('sends an empty payload with -n', () => {
    expect(mosquittoPubCommand(local, { topic: 't', qos: 0, retain: false, payload: new Uint8Array() }).command).toBe("mosquitto_pub -h '127.0.0.1' -p 1883 -t 't' -q 0 -n");
  });

  it('pipes a payload that is not UTF-8, or holds control characters, through printf with octal escapes', () => {
    const binary = Uint8Array.of(0x00, 0xff, 0x41, 0x25, 0x5c, 0x27, 0x0a);
    expect(mosquittoPubCommand(local, { topic: 't', qos: 2, retain: false, payload: binary }).command).toBe(
      "printf '\\000\\377A\\045\\134\\047\\012' | mosquitto_pub -h '127.0.0.1' -p 1883 -t 't' -q 2 -s",
    );
    // Valid UTF-8, but an escape character would act on the terminal.
    expect(mosquittoPubCommand(local, { topic: 't', qos: 0, retain: false, payload: utf8('\u001b[2J') }).command).toMatch(/^printf '\\033\[2J' \| /);
  });

  it('adds MQTT 5 properties with -D publish, keeping repeated user property keys', () => {
    const target: MosquittoPubTarget = { ...local, protocolVersion: 5, username: 'ann' };
    const { command, notes } = mosquittoPubCommand(target, {
      topic: 't',
      qos: 0,
      retain: false,
      payload: utf8('x'),
      properties: {
        payloadFormatIndicator: true,
        messageExpiryInterval: 60,
        contentType: 'application/json',
        responseTopic: 'reply/here',
        correlationDataHex: '616263',
        userProperties: [
          { key: 'k', value: 'v1' },
          { key: 'k', value: "v'2" },
        ],
        subscriptionIdentifiers: [7],
        topicAlias: 3,
      },
    });
    expect(command).toBe(
      "mosquitto_pub -h '127.0.0.1' -p 1883 -V mqttv5 -u 'ann' -t 't' -q 0 -D publish payload-format-indicator 1 -D publish message-expiry-interval 60 " +
        "-D publish content-type 'application/json' -D publish response-topic 'reply/here' -D publish correlation-data 'abc' " +
        "-D publish user-property 'k' 'v1' -D publish user-property 'k' 'v'\\''2' -m 'x'",
    );
    expect(notes).toEqual(['Add -P PASSWORD if the broker asks for one; the password is not copied.']);
  });

  it('says what it cannot carry', () => {
    const withZero = mosquittoPubCommand({ ...local, protocolVersion: 5 }, { topic: 't', qos: 0, retain: false, payload: utf8('x'), properties: { correlationDataHex: '00ff' } });
    expect(withZero.command).not.toContain('correlation-data');
    expect(withZero.notes).toEqual(['The correlation data (hex 00ff) is left out: a command-line argument cannot carry its bytes exactly.']);
    const mqtt3 = mosquittoPubCommand(local, { topic: 't', qos: 0, retain: false, payload: utf8('x'), properties: { contentType: 'text/plain' } });
    expect(mqtt3.command).not.toContain('-D');
    expect(mqtt3.notes).toEqual(['The message’s MQTT 5 properties are left out: this connection uses MQTT 3.']);
    const tls = mosquittoPubCommand({ ...local, tls: true, port: 8883 }, { topic: 't', qos: 0, retain: false, payload: utf8('x') });
    expect(tls.command).toContain('--tls-use-os-certs');
  });

  it('escapes single quotes only', () => {
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
    expect(shellQuote('$x "y" \\z')).toBe(`'$x "y" \\z'`);
    expect(printfBytes(utf8('é'))).toBe("'\\303\\251'");
  });
});
