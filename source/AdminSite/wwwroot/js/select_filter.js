// Permission and group pickers: a <select multiple class="selectfilter"> becomes Django's two-list
// "available / chosen" widget, with a filter box over each list. Without script the plain list works.
(function () {
    "use strict";

    function element(tag, attributes, text) {
        var node = document.createElement(tag);
        Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
        if (text) {
            node.textContent = text;
        }
        return node;
    }

    function options(select) {
        return Array.prototype.slice.call(select.options);
    }

    function sortOptions(select) {
        options(select).sort(function (a, b) { return a.text.localeCompare(b.text); })
            .forEach(function (option) { select.appendChild(option); });
    }

    // Moves the selected options (or, with all, every one) that the filter shows; hidden ones stay where they are.
    function move(from, to, all) {
        options(from).forEach(function (option) {
            if (!option.hidden && (all || option.selected)) {
                option.selected = false;
                to.appendChild(option);
            }
        });
        sortOptions(to);
    }

    function filter(select, needle) {
        options(select).forEach(function (option) {
            option.hidden = needle.length > 0 && option.text.toLowerCase().indexOf(needle) === -1;
        });
    }

    // Django's filter box: typing narrows the list; Enter moves the selected match (or the first one) across
    // instead of submitting the whole form; the up and down arrows choose which match that is.
    function filterBox(input, from, to) {
        input.addEventListener("input", function () { filter(from, input.value.toLowerCase()); });
        input.addEventListener("keydown", function (event) {
            var shown = options(from).filter(function (option) { return !option.hidden; });
            var current = shown.findIndex(function (option) { return option.selected; });
            if (event.key === "Enter") {
                event.preventDefault();
                if (shown.length > 0) {
                    shown[current === -1 ? 0 : current].selected = true;
                    move(from, to, false);
                }
            } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && shown.length > 0) {
                event.preventDefault();
                var next = event.key === "ArrowDown" ? (current + 1) % shown.length : (current <= 0 ? shown.length : current) - 1;
                options(from).forEach(function (option) { option.selected = false; });
                shown[next].selected = true;
            }
        });
    }

    function setUpSelectFilter(chosen) {
        var name = chosen.getAttribute("data-field-name") || "items";
        var id = chosen.id;
        var available = element("select", { multiple: "multiple", id: id + "_from", "aria-label": "Available " + name });
        options(chosen).forEach(function (option) {
            if (!option.selected) {
                available.appendChild(option);
            }
        });
        options(chosen).forEach(function (option) { option.selected = false; });
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
        filterBox(leftFilter, available, chosen);
        filterBox(rightFilter, chosen, available);

        // The chosen list is the real form field: everything in it is submitted, whatever its filter shows.
        chosen.form.addEventListener("submit", function () {
            options(chosen).forEach(function (option) { option.selected = true; });
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        Array.prototype.slice.call(document.querySelectorAll("select.selectfilter")).forEach(setUpSelectFilter);
    });
}());
