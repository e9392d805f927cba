using Microsoft.Playwright;

namespace AdminSite.Tests.Browser;

/// <summary>
/// What a person would notice wrong with a page's layout, measured in the browser: each broken fact is one
/// sentence naming what is wrong, so a failing test lists every problem of every page at once.
/// </summary>
public static class LayoutFacts
{
    /// <summary>
    /// The facts: the page never scrolls sideways; the user's links, Log out and the theme menu are visible, inside
    /// the viewport and the header, and not covered by anything; the breadcrumbs are not covered either; no word
    /// in a table (heading or cell) is broken across lines, except after a hyphen; the page links sit inside the
    /// paginator's styled bar (not in a &lt;p&gt; the parser closed before them); the sidebar is shown on wide
    /// screens and behind its toggle on narrow ones.
    /// </summary>
    private const string Script = """
        () => {
            const problems = [];
            const describe = el => (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40) || el.id || el.tagName.toLowerCase();
            const inside = (r, box) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
            const viewport = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
            const uncovered = el => {
                const r = el.getBoundingClientRect();
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return hit !== null && (el.contains(hit) || hit.contains(el) || (el.labels && [...el.labels].some(l => l.contains(hit))));
            };
            const shown = el => el.getClientRects().length > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });

            const root = document.scrollingElement;
            if (root.scrollWidth > root.clientWidth) {
                const wide = [...document.body.querySelectorAll("*")].filter(el => el.getBoundingClientRect().right > root.clientWidth + 0.5)
                    .filter(el => ![...el.children].some(child => child.getBoundingClientRect().right > root.clientWidth + 0.5))
                    .slice(0, 3).map(el => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.classList.length ? "." + [...el.classList].join(".") : ""}`);
                problems.push(`the page scrolls sideways (${root.scrollWidth} px of content in ${root.clientWidth} px; widest: ${wide.join(", ")})`);
            }

            const tools = document.getElementById("user-tools");
            if (tools) {
                const header = document.getElementById("header").getBoundingClientRect();
                const items = [...tools.querySelectorAll("a, button, select")].filter(el => !el.hidden);
                if (!items.some(el => describe(el) === "Log out")) {
                    problems.push("there is no Log out button");
                }
                for (const el of items) {
                    const r = el.getBoundingClientRect();
                    if (!shown(el) || r.width < 1 || r.height < 1) problems.push(`"${describe(el)}" is not visible`);
                    else if (!inside(r, viewport)) problems.push(`"${describe(el)}" is outside the viewport`);
                    else if (!inside(r, header)) problems.push(`"${describe(el)}" spills out of the header`);
                    else if (!uncovered(el)) problems.push(`"${describe(el)}" is covered by something else`);
                }
            }

            const crumb = document.querySelector(".breadcrumbs a");
            if (crumb && !uncovered(crumb)) problems.push("the breadcrumbs are covered by something else");

            const range = document.createRange();
            for (const cell of document.querySelectorAll("table th, table td")) {
                const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    for (const word of node.data.matchAll(/[^\s\-]+-?/g)) {
                        range.setStart(node, word.index);
                        range.setEnd(node, word.index + word[0].length);
                        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                        if (lines.size > 1) problems.push(`"${word[0]}" is broken across ${lines.size} lines in a table ${cell.tagName.toLowerCase()}`);
                    }
                }
            }

            for (const pages of document.querySelectorAll("nav.pages")) {
                const bar = pages.parentElement.closest(".paginator");
                if (pages.closest("p")) problems.push("the page links are inside a <p>");
                if (!bar) { problems.push("the page links are outside the paginator bar"); continue; }
                const box = bar.getBoundingClientRect();
                const style = getComputedStyle(bar);
                if (style.backgroundColor === "rgba(0, 0, 0, 0)" || style.borderBottomStyle === "none") problems.push("the paginator bar has lost its styling");
                for (const link of pages.querySelectorAll("a, span")) {
                    if (!inside(link.getBoundingClientRect(), box)) problems.push(`page link "${describe(link)}" is outside the paginator bar`);
                    if (link.tagName === "A" && getComputedStyle(link).backgroundColor === "rgba(0, 0, 0, 0)") problems.push(`page link "${describe(link)}" is unstyled`);
                }
            }

            const sidebar = document.getElementById("nav-sidebar");
            if (sidebar) {
                const toggle = document.getElementById("toggle-nav-sidebar");
                const wide = innerWidth > 1024;
                if (wide && !shown(sidebar)) problems.push("the sidebar is hidden on a wide screen");
                if (!wide && shown(sidebar)) problems.push("the sidebar takes room on a narrow screen");
                if (!toggle || !shown(toggle) || !inside(toggle.getBoundingClientRect(), viewport)) problems.push("the sidebar's toggle is not visible");
            }
            return problems;
        }
        """;

    public static async Task<IReadOnlyList<string>> CheckAsync(IPage page) => await page.EvaluateAsync<string[]>(Script);
}
