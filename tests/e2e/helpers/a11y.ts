// axe-core at WCAG 2.1 A/AA, keyboard helpers, and what a screen reader is told (live regions, step changes).
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { expectStep, stepHeading } from './app';

/** Scans the page as it is now; fails listing each violation and where it is. */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`,
  );
  expect(found, `axe violations on: ${state}`).toEqual([]);
}

/** Presses Tab (only) until `target` has the focus. */
export async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The site's name, the end of every page title. */
export const SITE = '勞保局e化服務系統';
/** The accessibility statement's link text and title. */
export const STATEMENT = '無障礙聲明';

/** A step change: the heading has the focus, the title names the step, and it was announced. */
export async function expectStepChange(page: Page, title: string, timeout?: number) {
  await expectStep(page, title, timeout);
  await expect(stepHeading(page, title)).toBeFocused();
  await expect(page).toHaveTitle(`${title} - ${SITE}`);
  await expect.poll(() => announced(page), { message: `step change to ${title} announced` })
    .toContain(`目前步驟：${title}`);
}

/**
 * Records every text that a live region (`aria-live`, `role=status|alert`) takes, with the page's
 * clock, from now on: what a screen reader would be told.
 */
export async function recordAnnouncements(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __said: { t: number; text: string; alert: boolean }[] };
    w.__said = [];
    const last = new WeakMap<Element, string>();
    const look = () => {
      for (const el of Array.from(document.querySelectorAll('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"]'))) {
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (text === (last.get(el) ?? '')) continue;
        last.set(el, text);
        if (text) w.__said.push({ t: Date.now(), text, alert: el.getAttribute('role') === 'alert' });
      }
    };
    look();
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

export async function said(page: Page): Promise<{ t: number; text: string; alert: boolean }[]> {
  return page.evaluate(() => (window as unknown as { __said?: { t: number; text: string; alert: boolean }[] }).__said ?? []);
}

export async function announced(page: Page): Promise<string[]> {
  return (await said(page)).map((s) => s.text);
}
