// The admin in Persian: the selection counter that Django's actions.js rewrites whenever a
// row is ticked («2 از 33 انتخاب شده‌اند») in Persian digits, as the page first shows it.
"use strict";
(function () {
  const PERSIAN = "۰۱۲۳۴۵۶۷۸۹";
  const toPersian = (text) => text.replace(/[0-9]/g, (d) => PERSIAN[d]);
  function watch(node) {
    const fix = () => {
      const text = toPersian(node.textContent);
      if (text !== node.textContent) node.textContent = text;
    };
    new MutationObserver(fix).observe(node, { childList: true, characterData: true, subtree: true });
    fix();
  }
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".actions .action-counter, .actions .all, .actions .question a").forEach(watch);
  });
})();
