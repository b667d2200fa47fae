import type { Page } from '@playwright/test';

/**
 * Controls and headings whose text does not fit their box: wider than it, so cut off or spilling
 * onto a neighbour. Text the app truncates on purpose (an ellipsis on a topic, with the full text
 * at hand) is not counted, nor is a closed select, whose
 * scroll width is that of its longest option.
 */
export async function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'button, [role="tab"], [role="button"], label, h1, h2, h3, h4, th, legend, summary, [role="status"]';
    const found: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(element);
      if (style.textOverflow === 'ellipsis') continue;
      if (element.scrollWidth > element.clientWidth + 1) {
        const name = element.getAttribute('aria-label') ?? element.textContent ?? '';
        found.push(`${element.tagName.toLowerCase()} "${name.trim().slice(0, 60)}" needs ${element.scrollWidth}px, has ${element.clientWidth}px`);
      }
    }
    return found;
  });
}
