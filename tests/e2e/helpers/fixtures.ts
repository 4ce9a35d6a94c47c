// The suite's `test`, for specs whose starting point is "a browser that is already enrolled":
// the enrollment is done once here, the way the project's device does it, so those specs do not
// repeat it. Specs that test the enrollment steps themselves use the step helpers of app.ts.
//
//   test('…', async ({ page, enrolled }) => { … })  // `page` shows 步驟6 for the person `enrolled`
//   test('…', async ({ page, enroll }) => { await page.clock.install(); const p = await enroll(page); … })
import { test as base, type Page, type TestInfo } from '@playwright/test';
import { person, type Person } from './identity';
import { enrollDirect, enrollViaQr } from './app';

/** Phone projects enroll on the phone itself (the direct path); every other device by QR code. */
export const isPhoneProject = (info: TestInfo) => info.project.name.startsWith('phone');

export interface EnrollFixtures {
  /**
   * Enrolls `p` (a fresh person by default) on `page`, which may be in another browser context,
   * the way this project's device does: a phone verifies on itself (the direct path), any other
   * device shows the QR code that a second, phone context reads from the screen and verifies.
   * Resolves with the person once `page` shows 步驟6 (成功登入).
   */
  enroll: (page: Page, p?: Person) => Promise<Person>;
  /** The test's own `page`, enrolled with `enroll` before the test starts: the person it is bound to. */
  enrolled: Person;
}

export const test = base.extend<EnrollFixtures>({
  enroll: async ({ browser }, use, info) => {
    await use(async (page, p = person()) => {
      if (isPhoneProject(info)) await enrollDirect(page, p);
      else await enrollViaQr(browser, page, p);
      return p;
    });
  },
  // Its own time, as the enrollment took in the test before: a test's timeout is for what it tests.
  enrolled: [async ({ page, enroll }, use) => {
    await use(await enroll(page));
  }, { timeout: 60_000 }],
});

export { expect } from '@playwright/test';
