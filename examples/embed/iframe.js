// The portal's side of the iframe embedding: trust only messages from the app's origin and its
// frame, size the frame to the app's content, and react to what happened.
const frame = document.getElementById('mobile-auth');
const appOrigin = new URL(frame.src).origin;
const log = document.getElementById('mobile-auth-events');

addEventListener('message', (event) => {
  if (event.origin !== appOrigin || event.source !== frame.contentWindow) return;
  const { type, height } = event.data ?? {};
  if (typeof type !== 'string' || !type.startsWith('mobile-auth:')) return;
  if (type === 'mobile-auth:height') {
    // CSSOM, not a style attribute: allowed under style-src 'self'.
    if (Number.isFinite(height) && height > 0) frame.style.height = `${Math.ceil(height)}px`;
    return;
  }
  const item = document.createElement('li');
  item.textContent = type;
  log.appendChild(item);
  // A real portal would act here, e.g. on 'mobile-auth:logged-in' or 'mobile-auth:enrolled'
  // load its own member page (the backend's session cookie is the proof, never this message).
});
