// presswatch: small enhancements; every page works without this script.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  // A link to a fact ends in #hl, which the browser scrolls to by itself; without the
  // fragment (a link copied without it), bring the highlighted sentence into view.
  var highlight = document.getElementById("hl");
  if (highlight && window.location.hash !== "#hl") {
    highlight.scrollIntoView({ block: "center" });
  }

  // Filter forms: leave empty fields out of the URL.
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (field) {
        if (field.type !== "checkbox" && field.value === "") {
          field.disabled = true;
        }
      });
    });
  });
});

// Coming back to a page (back button) must not find its fields still disabled.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form.filters input, form.filters select").forEach(function (field) {
    field.disabled = false;
  });
});
