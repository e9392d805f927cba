// The navigation sidebar, as Django's nav_sidebar.js: a toggle that collapses it (remembered in this browser)
// and a filter box over its models. On narrow screens, where the stylesheet hides it, the toggle opens it as a
// drawer instead; a click beside the drawer or Escape closes it again.
(function () {
    "use strict";

    var openKey = "admin.navSidebarIsOpen";
    var filterKey = "admin.navSidebarFilterValue";

    // Storage can be switched off, or full: the sidebar then just starts open and unfiltered.
    function read(storage, key) {
        try {
            return storage.getItem(key);
        } catch (e) {
            return null;
        }
    }

    function write(storage, key, value) {
        try {
            storage.setItem(key, value);
        } catch (e) {
            // Not remembered; nothing else depends on it.
        }
    }

    function setUpToggle(toggle, sidebar, main) {
        var narrow = window.matchMedia("(max-width: 1024px)");

        function isOpen() {
            return narrow.matches ? main.classList.contains("nav-open") : !main.classList.contains("nav-collapsed");
        }

        function sync() {
            toggle.setAttribute("aria-expanded", String(isOpen()));
        }

        function closeDrawer() {
            main.classList.remove("nav-open");
            sync();
        }

        main.classList.toggle("nav-collapsed", read(window.localStorage, openKey) === "false");
        toggle.hidden = false;
        sync();

        toggle.addEventListener("click", function () {
            if (narrow.matches) {
                main.classList.toggle("nav-open");
                if (main.classList.contains("nav-open")) {
                    (sidebar.querySelector("#nav-filter:not([hidden])") || sidebar.querySelector("a")).focus();
                }
            } else {
                write(window.localStorage, openKey, String(main.classList.toggle("nav-collapsed") === false));
            }
            sync();
        });
        // The shade beside the drawer belongs to main itself (its ::before).
        main.addEventListener("click", function (event) {
            if (event.target === main) {
                closeDrawer();
            }
        });
        document.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && main.classList.contains("nav-open") && !event.defaultPrevented) {
                closeDrawer();
                toggle.focus();
            }
        });
        narrow.addEventListener("change", closeDrawer);
    }

    function setUpFilter(input, sidebar) {
        var rows = Array.prototype.slice.call(sidebar.querySelectorAll("tr")).filter(function (row) {
            return row.querySelector("th[scope=row]");
        });

        function apply() {
            var needle = input.value.trim().toLowerCase();
            var matches = 0;
            rows.forEach(function (row) {
                var match = row.querySelector("th").textContent.toLowerCase().indexOf(needle) !== -1;
                row.hidden = !match;
                matches += match ? 1 : 0;
            });
            Array.prototype.slice.call(sidebar.querySelectorAll(".module")).forEach(function (module) {
                module.hidden = module.querySelector("tr:not([hidden]) th[scope=row]") === null;
            });
            input.classList.toggle("no-results", needle.length > 0 && matches === 0);
            write(window.sessionStorage, filterKey, input.value);
        }

        input.hidden = false;
        input.value = read(window.sessionStorage, filterKey) || "";
        input.addEventListener("input", apply);
        input.addEventListener("keydown", function (event) {
            // Escape empties a filled box (Django's); an empty box lets Escape close the drawer.
            if (event.key === "Escape" && input.value !== "") {
                event.preventDefault();
                input.value = "";
                apply();
            }
        });
        apply();
    }

    document.addEventListener("DOMContentLoaded", function () {
        var sidebar = document.getElementById("nav-sidebar");
        var toggle = document.getElementById("toggle-nav-sidebar");
        var main = document.getElementById("main");
        if (!sidebar || !toggle || !main) {
            return;
        }
        setUpToggle(toggle, sidebar, main);
        var input = document.getElementById("nav-filter");
        if (input) {
            setUpFilter(input, sidebar);
        }
    });
}());
