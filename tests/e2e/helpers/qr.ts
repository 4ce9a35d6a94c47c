// Reads the QR code the way a phone camera does: from the pixels on screen.
import type { Locator, Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** The QR image on the step-4 screen (an SVG/canvas with a text alternative). */
export function qrImage(page: Page): Locator {
  return page.getByRole('img', { name: /QR ?code/i });
}

/**
 * Screenshots the QR element with a white margin around it (a quiet zone, in case the drawing
 * has none) and decodes the PNG with jsQR. Returns the decoded text (the phone-side URL).
 */
export async function decodeQrFromScreen(page: Page): Promise<string> {
  const img = qrImage(page);
  await img.scrollIntoViewIfNeeded();
  const box = await img.boundingBox();
  if (!box) throw new Error('the QR image is not rendered');
  const margin = 24;
  const png = await page.screenshot({
    clip: { x: Math.max(0, box.x - margin), y: Math.max(0, box.y - margin), width: box.width + 2 * margin, height: box.height + 2 * margin },
    animations: 'disabled',
    scale: 'device',
  });
  const decoded = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length), decoded.width, decoded.height);
  if (!code) throw new Error('jsQR could not read the QR code on screen');
  return code.data;
}
