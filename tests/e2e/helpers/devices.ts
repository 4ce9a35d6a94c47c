// Which device projects of playwright.config.ts a spec runs on. Each spec says so itself, in one
// line the config reads before any spec runs:
//   export const runsOn: Devices = ['desktop', 'phones'];
// naming projects, or these groups of them. A spec without the line, or naming anything else,
// stops the run at once.
export const DEVICE_GROUPS = {
  desktop: ['desktop'],
  tablets: ['tablet-ipad', 'tablet-galaxy'],
  phones: ['phone-iphone', 'phone-pixel'],
  'phone-iphone': ['phone-iphone'],
  // One phone, for what depends on being a phone (the direct path, a phone's width) but not on
  // which: the screens in every colour mode and zoom, the carrier outcomes. Run on both, they
  // cost the suite 180 test-seconds (2026-12-08) for nothing either phone could show differently.
  'phone-pixel': ['phone-pixel'],
  // Not a device: the shipped nginx and Caddy configs in front of the app (tests/e2e/proxy/).
  proxy: ['proxy'],
} as const;

export type DeviceName = keyof typeof DEVICE_GROUPS;
export type Devices = readonly DeviceName[];

/** The line of a spec that lists its devices, as the config finds it. */
export const DEVICES_LINE = /^export const runsOn: Devices = \[([^\]\n]*)\];$/m;
