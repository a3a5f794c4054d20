"use strict";
// Follows the preview server: each save sends the new view as an event, which
// replaces the page's view in place (no reload, so scrolling and open tabs stay).
(() => {
  const view = document.getElementById("view");
  const live = document.getElementById("live");
  let version = Number(view.dataset.version);
  let letterScroll = 0;
  let source = null;

  const show = (state, text) => {
    live.dataset.state = state;
    live.textContent = text;
  };
  const showing = () => view.firstElementChild?.dataset.view;

  const apply = (update) => {
    if (update.version === version) return;
    const before = showing();
    if (before === "letter") letterScroll = window.scrollY;
    view.innerHTML = update.html;
    view.dataset.version = String(update.version);
    document.title = update.title;
    version = update.version;
    // Back from an error: where the writer was reading.
    if (before === "error" && showing() === "letter") window.scrollTo(0, letterScroll);
  };

  const connect = () => {
    source = new EventSource("events?since=" + version);
    source.addEventListener("open", () => show("live", "live"));
    source.addEventListener("update", (event) => apply(JSON.parse(event.data)));
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) {
        show("lost", "stopped: run letterkit preview again");
      } else {
        show("lost", "not connected: is letterkit preview running?");
      }
    });
  };

  // A tab in the background gives its connection back: a browser keeps only a few
  // open to one server, and a tab that comes back is sent what it missed.
  document.addEventListener("visibilitychange", () => {
    if (document.hidden && source !== null) {
      source.close();
      source = null;
      show("paused", "paused");
    } else if (!document.hidden && source === null) {
      connect();
    }
  });
  if (!document.hidden) connect();
  else show("paused", "paused");
})();
