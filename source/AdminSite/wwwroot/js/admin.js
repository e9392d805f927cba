// Progressive enhancement only: every page works without this file.
// 1. Changelist: "select all" checkbox, the "n of m selected" counter and, on a list of several pages,
//    Django's "Select all N objects" (the action then runs on every match of the search and filters).
// 2. Permission and group pickers: a <select multiple> becomes Django's two-list "available / chosen" widget.
// 3. Theme switch: choosing a theme submits its form at once (without script, the "Apply" button does).
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
        boxes.forEach(function (box) { box.addEventListener("change", refresh); });
        refresh();
    }

    function element(tag, attributes, text) {
        var node = document.createElement(tag);
        Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
        if (text) {
            node.textContent = text;
        }
        return node;
    }

    function sortOptions(select) {
        var options = Array.prototype.slice.call(select.options);
        options.sort(function (a, b) { return a.text.localeCompare(b.text); });
        options.forEach(function (option) { select.appendChild(option); });
    }

    function move(from, to, all) {
        Array.prototype.slice.call(from.options).forEach(function (option) {
            if ((all && !option.hidden) || option.selected) {
                option.selected = false;
                option.hidden = false;
                to.appendChild(option);
            }
        });
        sortOptions(to);
    }

    function filterBox(input, select) {
        input.addEventListener("input", function () {
            var needle = input.value.toLowerCase();
            Array.prototype.slice.call(select.options).forEach(function (option) {
                option.hidden = needle.length > 0 && option.text.toLowerCase().indexOf(needle) === -1;
            });
        });
    }

    function setUpSelectFilter(chosen) {
        var name = chosen.getAttribute("data-field-name") || "items";
        var id = chosen.id;
        var available = element("select", { multiple: "multiple", id: id + "_from", "aria-label": "Available " + name });
        Array.prototype.slice.call(chosen.options).forEach(function (option) {
            if (!option.selected) {
                available.appendChild(option);
            }
        });
        Array.prototype.slice.call(chosen.options).forEach(function (option) { option.selected = false; });
        chosen.removeAttribute("size");
        chosen.setAttribute("aria-label", "Chosen " + name);

        var wrapper = element("div", { "class": "selector" });
        var left = element("div", { "class": "selector-pane available" });
        var leftFilter = element("input", { type: "search", placeholder: "Filter", "aria-label": "Filter available " + name, id: id + "_input" });
        var chooseAll = element("button", { type: "button", "class": "selector-all", id: id + "_add_all" }, "Choose all " + name);
        left.appendChild(element("h3", {}, "Available " + name));
        left.appendChild(element("div", { "class": "selector-filter" })).appendChild(leftFilter);
        left.appendChild(available);
        left.appendChild(chooseAll);

        var chooser = element("div", { "class": "selector-chooser" });
        var add = element("button", { type: "button", title: "Choose selected " + name, id: id + "_add" }, "→");
        var remove = element("button", { type: "button", title: "Remove selected " + name, id: id + "_remove" }, "←");
        chooser.appendChild(add);
        chooser.appendChild(remove);

        var right = element("div", { "class": "selector-pane chosen" });
        var rightFilter = element("input", { type: "search", placeholder: "Filter", "aria-label": "Filter chosen " + name, id: id + "_selected_input" });
        var removeAll = element("button", { type: "button", "class": "selector-all", id: id + "_remove_all" }, "Remove all " + name);
        chosen.parentNode.insertBefore(wrapper, chosen);
        right.appendChild(element("h3", {}, "Chosen " + name));
        right.appendChild(element("div", { "class": "selector-filter" })).appendChild(rightFilter);
        right.appendChild(chosen);
        right.appendChild(removeAll);

        wrapper.appendChild(left);
        wrapper.appendChild(chooser);
        wrapper.appendChild(right);

        add.addEventListener("click", function () { move(available, chosen, false); });
        remove.addEventListener("click", function () { move(chosen, available, false); });
        chooseAll.addEventListener("click", function () { move(available, chosen, true); });
        removeAll.addEventListener("click", function () { move(chosen, available, true); });
        available.addEventListener("dblclick", function () { move(available, chosen, false); });
        chosen.addEventListener("dblclick", function () { move(chosen, available, false); });
        filterBox(leftFilter, available);
        filterBox(rightFilter, chosen);

        // The chosen list is the real form field: everything in it is submitted.
        chosen.form.addEventListener("submit", function () {
            Array.prototype.slice.call(chosen.options).forEach(function (option) { option.selected = true; });
        });
    }

    function setUpThemeSwitch() {
        var form = document.getElementById("theme-form");
        if (!form) {
            return;
        }
        var select = form.querySelector("select");
        var apply = form.querySelector(".theme-apply");
        if (apply) {
            apply.hidden = true;
        }
        select.addEventListener("change", function () {
            // Show the choice at once; the server stores it and renders every later page with it.
            document.documentElement.setAttribute("data-theme", select.value);
            form.submit();
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        setUpActions();
        setUpThemeSwitch();
        Array.prototype.slice.call(document.querySelectorAll("select.selectfilter")).forEach(setUpSelectFilter);
    });
}());
