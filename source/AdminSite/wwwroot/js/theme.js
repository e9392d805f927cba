// The header's theme switch: choosing a theme submits its form at once (without script, its "Apply" button does).
(function () {
    "use strict";

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

    document.addEventListener("DOMContentLoaded", setUpThemeSwitch);
}());
