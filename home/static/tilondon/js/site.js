/* Trauma-Informed London: small enhancements. Every feature works without this file. */
(function () {
  "use strict";

  // "Leave this site": replace this page in the history so Back does not return here.
  // Pressing Escape twice does the same.
  function quickExit(event) {
    if (event) event.preventDefault();
    var link = document.querySelector("[data-quick-exit]");
    if (!link) return;
    document.body.hidden = true;
    window.location.replace(link.href);
  }
  var exitLink = document.querySelector("[data-quick-exit]");
  if (exitLink) {
    exitLink.addEventListener("click", quickExit);
    var lastEscape = 0;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var now = Date.now();
      if (now - lastEscape < 1000) quickExit(event);
      lastEscape = now;
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
