// The portal's side of mount mode: the app dispatches bubbling DOM events on its host element.
const host = document.querySelector('[data-mobile-auth]');
const log = document.getElementById('mobile-auth-events');
for (const type of ['enrolled', 'logged-in', 'logged-out', 'cancelled', 'error']) {
  host.addEventListener(`mobile-auth:${type}`, (event) => {
    const item = document.createElement('li');
    item.textContent = event.type;
    log.appendChild(item);
  });
}
