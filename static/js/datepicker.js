// The Jalali calendar of every date field (inputs marked data-jdp by persian/forms.py).
// The field stays a text field: a date can still be typed, in Persian or Latin digits, and
// the form works without this script. Loaded with `defer` from templates/base.html.
(function () {
  "use strict";
  if (!window.jalaliDatepicker) {
    return;
  }
  var persian = "۰۱۲۳۴۵۶۷۸۹";
  var arabic = "٠١٢٣٤٥٦٧٨٩";

  function isDateField(node) {
    return node instanceof HTMLInputElement && node.hasAttribute("data-jdp");
  }
  function setIfChanged(field, value) {
    if (value !== field.value) {
      field.value = value;
    }
  }
  // The package reads and writes Latin digits only: while the calendar is in use the field
  // holds them; otherwise it shows Persian ones, as it does when the page comes from the
  // server (the form reads every digit script back).
  function toLatin(field) {
    setIfChanged(
      field,
      field.value.replace(/[۰-۹٠-٩]/g, function (digit) {
        var index = persian.indexOf(digit);
        return String(index >= 0 ? index : arabic.indexOf(digit));
      })
    );
  }
  function toPersian(field) {
    setIfChanged(
      field,
      field.value.replace(/[0-9]/g, function (digit) {
        return persian[Number(digit)];
      })
    );
  }
  // Registered before the package's own listeners, and in the capture phase, so the field
  // holds Latin digits by the time the calendar reads it.
  ["focusin", "pointerdown"].forEach(function (type) {
    document.addEventListener(
      type,
      function (event) {
        if (isDateField(event.target)) {
          toLatin(event.target);
        }
      },
      true
    );
  });
  document.addEventListener("focusout", function (event) {
    if (isDateField(event.target)) {
      toPersian(event.target);
    }
  });
  document.addEventListener("change", function (event) {
    if (isDateField(event.target) && document.activeElement !== event.target) {
      toPersian(event.target);
    }
  });

  var english = document.documentElement.lang === "en";
  window.jalaliDatepicker.startWatch({
    persianDigits: true,
    separatorChars: { date: "/" },
    // Typing stays possible on phones too (the package makes the field read-only there).
    autoReadOnlyInput: false,
    showTodayBtn: true,
    showEmptyBtn: true,
    showCloseBtn: true,
    useDropDownYears: true,
    zIndex: 50,
    days: english
      ? ["Sa", "Su", "Mo", "Tu", "We", "Th", "Fr"]
      : ["ش", "ی", "د", "س", "چ", "پ", "ج"],
    months: english
      ? ["Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
         "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"]
      : ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
         "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"],
  });
})();
