/* The roadmap lens, improved: the plain GET form already works; with JavaScript the results
   are swapped in place, the address keeps in step (so it can still be shared), focus moves to
   the results heading and a live region says what is now shown. */
(function () {
  "use strict";
  var form = document.querySelector("[data-roadmap-lens]");
  var status = document.querySelector("[data-roadmap-status]");
  if (!form || !status || !window.fetch || !window.DOMParser || !window.history.pushState) {
    return;
  }

  function addressFor() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value) { params.append(key, value); }
    });
    var query = params.toString();
    return form.action.split("?")[0] + (query ? "?" + query : "");
  }

  function syncForm(address) {
    var params = new URL(address, window.location.href).searchParams;
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
      select.value = params.get(select.name) || "";
    });
  }

  function show(address, remember) {
    var region = document.querySelector("[data-roadmap-results]");
    region.setAttribute("aria-busy", "true");
    return window.fetch(address, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var parsed = new DOMParser().parseFromString(html, "text/html");
        var fresh = parsed.querySelector("[data-roadmap-results]");
        if (!fresh) { throw new Error("no results in the response"); }
        fresh = document.importNode(fresh, true);
        region.parentNode.replaceChild(fresh, region);
        // The roadmap map marks what applies to the reader: it follows the lens too.
        var maps = document.querySelectorAll("[data-roadmap-map]");
        var freshMaps = parsed.querySelectorAll("[data-roadmap-map]");
        Array.prototype.forEach.call(maps, function (map, index) {
          if (freshMaps[index]) {
            map.parentNode.replaceChild(document.importNode(freshMaps[index], true), map);
          }
        });
        if (remember) { window.history.pushState({ roadmap: true }, "", address); }
        var heading = fresh.querySelector("h2");
        var summary = fresh.querySelector("[data-roadmap-summary]");
        if (heading) { heading.focus(); }
        // Clear, then fill, so screen readers announce the text even if it is unchanged.
        status.textContent = "";
        window.setTimeout(function () {
          status.textContent = [heading && heading.textContent, summary && summary.textContent]
            .filter(Boolean).join(". ");
        }, 100);
      })
      .catch(function () {
        // Anything unexpected: fall back to an ordinary page load.
        window.location.assign(address);
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(addressFor(), true);
  });

  window.addEventListener("popstate", function () {
    syncForm(window.location.href);
    show(window.location.href, false);
  });
})();
