import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { connectTo, publishFromUi, subscribe } from './ui-actions';

type Box = { x: number; y: number; width: number; height: number };

/** The box of `inner` in the coordinates of the scrolling content of `scroller`, and that content's size. */
async function boxInScrollContent(scroller: Locator, inner: Locator): Promise<{ box: Box; scrollWidth: number; scrollHeight: number }> {
  const handle = await inner.elementHandle();
  return scroller.evaluate((element, target) => {
    const outer = element.getBoundingClientRect();
    const rect = (target as Element).getBoundingClientRect();
    return {
      box: { x: rect.left - outer.left + element.scrollLeft - element.clientLeft, y: rect.top - outer.top + element.scrollTop - element.clientTop, width: rect.width, height: rect.height },
      scrollWidth: element.scrollWidth,
      scrollHeight: element.scrollHeight,
    };
  }, handle);
}

/** Inside what the box can show when scrolled: nothing cut off at any edge. */
async function expectReachable(scroller: Locator, inner: Locator): Promise<void> {
  const { box, scrollWidth, scrollHeight } = await boxInScrollContent(scroller, inner);
  expect(box.width).toBeGreaterThan(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(scrollWidth + 0.5);
  expect(box.y + box.height).toBeLessThanOrEqual(scrollHeight + 0.5);
}

for (const theme of ['dark', 'light'] as const) {
  test(`at 1280×800 the large view shows the broker lane, every arrow label and the total, and flow names lead with direction, id and topic (${theme})`, async ({ page, app, broker }, testInfo) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(app.url);
    await connectTo(page, broker.port);
    await subscribe(page, 'sensors/#', 2);
    await publishFromUi(page, 'sensors/kitchen/temperature', '2', '21.5');
    await expect(page.getByRole('status', { name: 'Publish result' })).toContainText('PUBCOMP');

    await page.getByRole('tab', { name: 'Timeline' }).click();
    const flows = page.getByRole('listbox', { name: 'Flows' });
    // Direction, packet id and topic first, so they survive when the name is cut at the end.
    const outgoing = flows.getByRole('option', { name: /^→ PUBLISH #\d+ sensors\/kitchen\/temperature · QoS 2, complete in/ });
    const incoming = flows.getByRole('option', { name: /^← PUBLISH #\d+ sensors\/kitchen\/temperature · QoS 2, complete in/ });
    await expect(outgoing).toBeVisible();
    await expect(incoming).toBeVisible();
    await expect(flows.getByRole('option', { name: /^→ SUBSCRIBE #\d+ sensors\/#, complete/ })).toBeVisible();
    await incoming.click();

    await page.getByRole('button', { name: 'Large view' }).click();
    const large = page.getByRole('dialog', { name: 'Timeline of this connection' });
    await expect(large).toBeVisible();
    // The visible part of the name, not only the accessible one, starts with direction and topic.
    const title = large.getByRole('heading', { level: 3 });
    await expect(title).toHaveText(/^← PUBLISH #\d+ sensors\/kitchen\/temperature · QoS 2$/);
    const titleFits = await title.evaluate((element) => element.scrollWidth <= element.clientWidth);
    expect(titleFits).toBe(true);

    const diagram = large.getByRole('group', { name: /^Flow \d+$/ });
    const scroller = large.getByRole('region', { name: 'Sequence diagram' });
    await expect(diagram.getByRole('button')).toHaveCount(4);
    await expectReachable(scroller, diagram.getByText('broker', { exact: true }));
    await expectReachable(scroller, diagram.getByText('this client', { exact: true }));
    for (const label of await diagram.locator('.seq-label, .seq-delta').all()) await expectReachable(scroller, label);
    await expectReachable(scroller, diagram.getByText(/^total /));

    // In the large view this small flow fits without scrolling at all.
    const overflow = await scroller.evaluate((element) => ({ x: element.scrollWidth - element.clientWidth, y: element.scrollHeight - element.clientHeight }));
    expect(overflow.x).toBeLessThanOrEqual(0);
    expect(overflow.y).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath(`timeline-large-${theme}.png`) });

    // Zoom scales the whole picture, across as well as down.
    const widthBefore = (await diagram.boundingBox())?.width ?? 0;
    for (let step = 0; step < 3; step++) await large.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(async () => (await diagram.boundingBox())?.width ?? 0).toBeGreaterThan(widthBefore * 3);
    // Too big for the pane now: it scrolls in both directions instead of cutting.
    const scrolls = await scroller.evaluate((element) => ({ x: element.scrollWidth > element.clientWidth, y: element.scrollHeight > element.clientHeight }));
    expect(scrolls).toEqual({ x: true, y: true });
    await large.getByRole('button', { name: 'Fit' }).click();
    await expect.poll(() => scroller.evaluate((element) => element.scrollWidth <= element.clientWidth && element.scrollHeight <= element.clientHeight)).toBe(true);

    await page.keyboard.press('Escape');
    await expect(large).toBeHidden();
    await expect(page.getByRole('button', { name: 'Large view' })).toHaveAttribute('aria-pressed', 'false');

    // In the small pane at this size the diagram scrolls to every label rather than cutting it.
    const smallScroller = page.getByRole('region', { name: 'Sequence diagram' });
    const smallDiagram = page.getByRole('group', { name: /^Flow \d+$/ });
    await page.screenshot({ path: testInfo.outputPath(`timeline-pane-${theme}.png`) });
    for (const label of await smallDiagram.locator('.seq-label, .seq-lane-label').all()) await expectReachable(smallScroller, label);
    // …and that box, with its scroll bars, lies inside the pane rather than below the window's edge.
    const pane = await page.getByRole('tabpanel').boundingBox();
    const scrollerBox = await smallScroller.boundingBox();
    if (!pane || !scrollerBox) throw new Error('the timeline pane is not on screen');
    expect(scrollerBox.height).toBeGreaterThanOrEqual(60);
    expect(scrollerBox.y + scrollerBox.height).toBeLessThanOrEqual(Math.min(800, pane.y + pane.height) + 0.5);
    await expect(smallDiagram).toHaveAttribute('width', String(Math.round(widthBefore)));
  });
}
