/* Trauma-Informed London: small enhancements. Every feature works without this file. */
(function () {
  "use strict";

  // "Exit this page" (the GOV.UK pattern, templates/components/quick_exit.html): the button,
  // or the Shift key pressed 3 times within 5 seconds, covers the page at once and replaces it
  // in the history with the harmless site the settings name, so Back does not return here.
  // Screen readers hear how many more presses are needed. Without this script the button is
  // a plain link that leaves all the same.
  var PRESSES_TO_EXIT = 3;
  var PRESS_WINDOW_MS = 5000;
  var quickExit = document.querySelector("[data-quick-exit]");
  var exitLink = quickExit && quickExit.querySelector("[data-quick-exit-link]");
  if (exitLink) {
    var hint = quickExit.querySelector("[data-quick-exit-hint]");
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    quickExit.appendChild(status);
    var lights = document.createElement("span");
    lights.className = "quick-exit__lights";
    lights.setAttribute("aria-hidden", "true");
    for (var light = 0; light < PRESSES_TO_EXIT; light++) {
      lights.appendChild(document.createElement("span"));
    }
    exitLink.appendChild(lights);
    if (hint) {
      hint.hidden = false;
      exitLink.setAttribute("aria-describedby", hint.id);
    }
    var presses = 0;
    var lastKeyWasModified = false;
    var pressTimer = null;
    var messageTimer = null;
    var overlay = null;
    var title = document.title;

    var showPresses = function () {
      lights.setAttribute("data-presses", String(presses));
    };
    var stopTimers = function () {
      clearTimeout(pressTimer);
      clearTimeout(messageTimer);
      pressTimer = null;
      messageTimer = null;
    };
    var leave = function (event) {
      if (event) event.preventDefault();
      stopTimers();
      if (!overlay) {
        overlay = document.createElement("div");
        overlay.className = "quick-exit-overlay";
        document.body.appendChild(overlay);
      }
      document.title = "";
      // As the link's rel="noreferrer": the other site is not told where the reader was.
      var noReferrer = document.createElement("meta");
      noReferrer.name = "referrer";
      noReferrer.content = "no-referrer";
      document.head.appendChild(noReferrer);
      window.location.replace(exitLink.href);
    };
    var expire = function () {
      stopTimers();
      presses = 0;
      showPresses();
      status.textContent = quickExit.getAttribute("data-expired");
      messageTimer = setTimeout(function () {
        status.textContent = "";
      }, PRESS_WINDOW_MS);
    };

    exitLink.addEventListener("click", leave);
    document.addEventListener(
      "keyup",
      function (event) {
        // Shift on its own: when it is used to type a capital, the other key's keyup comes
        // first with shiftKey set, and that Shift keyup does not count.
        if (event.key === "Shift" && !lastKeyWasModified) {
          presses += 1;
          showPresses();
          clearTimeout(messageTimer);
          messageTimer = null;
          if (presses >= PRESSES_TO_EXIT) {
            presses = 0;
            status.setAttribute("role", "alert");
            status.textContent = quickExit.getAttribute("data-exiting");
            leave();
          } else {
            status.textContent = quickExit.getAttribute(
              presses === 1 ? "data-press-two" : "data-press-one"
            );
            if (pressTimer === null) pressTimer = setTimeout(expire, PRESS_WINDOW_MS);
          }
        } else if (pressTimer !== null) {
          expire(); // another key in between: start again
        }
        lastKeyWasModified = event.shiftKey;
      },
      true
    );
    // Coming back to a page the browser kept (some browsers do, despite the replace): undo
    // the cover, the blank title and any announcement.
    window.addEventListener("pageshow", function () {
      if (overlay) {
        overlay.remove();
        overlay = null;
      }
      document.title = title;
      stopTimers();
      presses = 0;
      showPresses();
      status.setAttribute("role", "status");
      status.textContent = "";
    });
  }

  // Videos: nothing loads from the video site until the reader presses play.
  document.querySelectorAll("[data-video]").forEach(function (figure) {
    var play = figure.querySelector(".video__play");
    var url = figure.getAttribute("data-embed-url");
    if (!play || !url) return;
    play.addEventListener("click", function (event) {
      event.preventDefault();
      var iframe = document.createElement("iframe");
      iframe.src = url;
      iframe.title = figure.getAttribute("data-title") || "";
      iframe.allow = "autoplay; fullscreen; picture-in-picture";
      iframe.setAttribute("allowfullscreen", "");
      var frame = figure.querySelector(".video__frame");
      frame.replaceChildren(iframe);
      iframe.focus();
    });
  });
})();
