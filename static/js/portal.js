// The portal's own behaviour. No inline scripts anywhere: the CSP forbids them.
// Everything here improves a page that already works without JavaScript.
(function () {
  "use strict";

  // Selects marked "picker" become searchable (Tom Select, from its npm package). With
  // data-autocomplete-url, matches also come from the server as the user types, and the
  // first ones when it gets focus: such a select may hold only the chosen option.
  function initPickers(root) {
    if (typeof window.TomSelect === "undefined") {
      return;
    }
    root.querySelectorAll("select.picker").forEach(function (select) {
      if (select.tomselect) {
        return;
      }
      var settings = { maxOptions: 50, plugins: [] };
      if (select.multiple) {
        settings.plugins.push("remove_button");
      } else if (!select.required) {
        settings.plugins.push("clear_button");
      }
      var url = select.dataset.autocompleteUrl;
      if (url) {
        settings.preload = "focus";
        // Tom Select filters the server's matches again: on all the server looked in.
        settings.searchField = ["text", "search"];
        settings.load = function (query, callback) {
          var separator = url.indexOf("?") === -1 ? "?" : "&";
          fetch(url + separator + "q=" + encodeURIComponent(query), {
            credentials: "same-origin",
            headers: { Accept: "application/json" },
          })
            .then(function (response) {
              return response.ok ? response.json() : { results: [] };
            })
            .then(function (data) {
              callback(data.results);
            })
            .catch(function () {
              callback();
            });
        };
      }
      new window.TomSelect(select, settings);
      // Tom Select gives the label to its own input; the hidden select keeps its name.
      var label = document.getElementById(select.id + "-ts-label");
      if (label) {
        select.setAttribute("aria-labelledby", label.id);
      }
    });
  }

  function focusElement(element) {
    if (element) {
      element.focus();
    }
  }

  // After a full page: the error summary first, else the item the address points at.
  function focusOnLoad() {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      focusElement(summary);
      return;
    }
    if (window.location.hash.length > 1) {
      var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (target && target.hasAttribute("tabindex")) {
        focusElement(target);
      }
    }
  }

  // Messages present when the page loads are put in the live region again, so that
  // screen readers announce them as they do for a change.
  function announceMessages() {
    var region = document.getElementById("messages");
    if (!region || !region.children.length) {
      return;
    }
    var messages = Array.prototype.slice.call(region.children);
    messages.forEach(function (message) {
      region.removeChild(message);
    });
    window.setTimeout(function () {
      messages.forEach(function (message) {
        region.appendChild(message);
      });
    }, 250);
  }

  document.addEventListener("DOMContentLoaded", function () {
    initPickers(document);
    announceMessages();
    focusOnLoad();
  });

  document.addEventListener("htmx:load", function (event) {
    initPickers(event.detail.elt);
  });

  // After an htmx swap: to the new item, or to the error summary of the form.
  document.addEventListener("htmx:afterSwap", function (event) {
    var part = event.detail.target && document.getElementById(event.detail.target.id);
    var root = part || document;
    var summary = root.querySelector(".error-summary");
    if (summary) {
      focusElement(summary);
      return;
    }
    var marked = root.matches && root.matches("[data-focus-id]") ? root : root.querySelector("[data-focus-id]");
    if (marked) {
      focusElement(document.getElementById(marked.dataset.focusId));
    }
  });
})();
