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
  // Not a device: the shipped nginx and Caddy configs in front of the app (tests/e2e/proxy/).
  proxy: ['proxy'],
} as const;

export type DeviceName = keyof typeof DEVICE_GROUPS;
export type Devices = readonly DeviceName[];

/** The line of a spec that lists its devices, as the config finds it. */
export const DEVICES_LINE = /^export const runsOn: Devices = \[([^\]\n]*)\];$/m;
