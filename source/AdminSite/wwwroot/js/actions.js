// The changelist's action form (progressive enhancement: without it, ticked rows are sent all the same):
// "select all" checkbox, the "n of m selected" counter, Django's shift-click to tick a range of rows and, on a
// list of several pages, Django's "Select all N objects" (the action then runs on every match of the search and filters).
(function () {
    "use strict";

    function setUpActions() {
        var form = document.getElementById("changelist-form");
        var toggle = document.getElementById("action-toggle");
        if (!form) {
            return;
        }
        var boxes = Array.prototype.slice.call(form.querySelectorAll("input.action-select"));
        var counter = form.querySelector(".action-counter");
        var across = form.querySelector("input.select-across");
        var question = form.querySelector(".actions .question");
        var all = form.querySelector(".actions .all");
        var clear = form.querySelector(".actions .clear");
        var lastClicked = null;

        function selectAcross(on) {
            across.value = on ? "1" : "0";
            all.hidden = !on;
            clear.hidden = !on;
            if (counter) {
                counter.hidden = on;
            }
        }

        function refresh() {
            var checked = 0;
            boxes.forEach(function (box) {
                var row = box.closest("tr");
                if (row) {
                    row.classList.toggle("selected", box.checked);
                }
                if (box.checked) {
                    checked++;
                }
            });
            var wholePage = boxes.length > 0 && checked === boxes.length;
            if (counter) {
                counter.textContent = checked + " of " + boxes.length + " selected";
            }
            if (toggle) {
                toggle.checked = wholePage;
                toggle.indeterminate = checked > 0 && checked < boxes.length;
            }
            if (across) {
                if (!wholePage) {
                    selectAcross(false);
                }
                question.hidden = !wholePage || across.value === "1";
            }
        }

        // Shift-click (or Shift+Space) gives every row between the last box clicked and this one this box's state.
        function tickRange(event) {
            var box = event.currentTarget;
            if (event.shiftKey && lastClicked && lastClicked !== box) {
                var from = boxes.indexOf(lastClicked);
                var to = boxes.indexOf(box);
                boxes.slice(Math.min(from, to), Math.max(from, to) + 1).forEach(function (between) {
                    between.checked = box.checked;
                });
            }
            lastClicked = box;
            refresh();
        }

        if (across) {
            question.querySelector("a").addEventListener("click", function (event) {
                event.preventDefault();
                selectAcross(true);
                question.hidden = true;
            });
            clear.querySelector("a").addEventListener("click", function (event) {
                event.preventDefault();
                boxes.forEach(function (box) { box.checked = false; });
                selectAcross(false);
                refresh();
            });
        }

        if (toggle) {
            toggle.addEventListener("change", function () {
                boxes.forEach(function (box) { box.checked = toggle.checked; });
                refresh();
            });
        }
        boxes.forEach(function (box) {
            box.addEventListener("click", tickRange);
            box.addEventListener("change", refresh);
        });
        refresh();
    }

    document.addEventListener("DOMContentLoaded", setUpActions);
}());
