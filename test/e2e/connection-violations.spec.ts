import { hex, startScriptedBroker } from '../helpers/scripted-broker';
import { expect, test } from './fixtures';
import { connectTo, shootBothThemes, subscribe, switchLanguage } from './ui-actions';

test.use({ viewport: { width: 1400, height: 1000 } });

test('a broker that sends a PUBLISH with a wildcard topic is named in the status, and the packet is marked in the Packets tab, in both themes', async ({ page, app }, testInfo) => {
  // Grants the subscription, then sends a PUBLISH on "sensors/#", which no broker may do.
  const broker = await startScriptedBroker(async (session) => {
    session.write(hex('20 02 00 00'));
    const subscribe = await session.waitFor((packet) => packet.cmd === 'subscribe', 30_000);
    const id = subscribe.cmd === 'subscribe' ? (subscribe.messageId ?? 1) : 1;
    session.write(Buffer.from([0x90, 0x03, id >> 8, id & 0xff, 0x00]));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    session.write(hex('30 10 00 09 73 65 6e 73 6f 72 73 2f 23 68 65 6c 6c 6f'));
  });
  try {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(app.url);
    await connectTo(page, broker.port, { version: '3.1.1' });
    await subscribe(page, 'sensors/+', 0);
    const status = page.getByRole('status', { name: 'Connection status' });
    await expect(status).toContainText(/Disconnected/);
    await expect(page.getByText(/the broker broke the MQTT protocol: its PUBLISH has the wildcard '#' in its topic "sensors\/#".*\(MQTT-3\.3\.2-2\); its bytes: 30 10 00 09/)).toBeVisible();

    await page.getByRole('tab', { name: 'Packets' }).click();
    const packets = page.getByRole('listbox', { name: 'Packets' });
    const offending = packets.getByRole('option', { name: /^← PUBLISH QoS 0 sensors\/#, protocol violation: PUBLISH has the wildcard '#'.*\(MQTT-3\.3\.2-2\)$/ });
    await expect(offending).toBeVisible();
    await offending.click();
    const note = page.getByText(/^Protocol violation:/);
    await expect(note).toBeVisible();
    await expect(page.getByRole('region', { name: 'Packet inspector' }).getByRole('group', { name: 'Packet bytes' })).toContainText('30');
    await page.screenshot({ path: testInfo.outputPath('violation-dark.png') });
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await page.screenshot({ path: testInfo.outputPath('violation-light.png') });

    // In Chinese the core's violation reads whole: the packet name and rule stay, the sentence around them is Chinese.
    await switchLanguage(page, 'zh-CN');
    await expect(page.getByText(/PUBLISH 的主题“sensors\/#”中含有通配符“#”；主题名不得包含通配符（MQTT-3\.3\.2-2）/).first()).toBeVisible();
    await shootBothThemes(page, testInfo, 'violation-zh');
    await switchLanguage(page, 'en');
    await expect(note).toBeVisible();
  } finally {
    await broker.stop();
  }
});
