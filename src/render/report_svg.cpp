// The report page's drawings (report_html.hpp): the expiries chart with its legend and table, and
// the credit bars of the at-risk rows. The chart is plain SVG in the page (integer coordinates);
// a bar is two spans (an SVG per row makes a long table many times slower to lay out). Colours
// come from the style sheet's classes (l0..l7 by level, done/pend for bars), so print and the dark
// palette apply to them as to the rest.
#include "render/escape.hpp"
#include "render/report.hpp"
#include "render/report_html.hpp"

#include <algorithm>

namespace recert {

namespace {

constexpr int kChartWidth = 760;
constexpr int kChartHeight = 284;
constexpr int kPlotLeft = 60; // room for the count axis and its name
constexpr int kPlotTop = 40;  // room for the tallest bar's total
constexpr int kPlotHeight = 200;
constexpr int kSlot = 57; // one month's width
constexpr int kBarWidth = 33;
constexpr int kPalette = 8; // level colours .l0 .. .l7, then again

void svg_num(std::string& out, long long n) {
    out += std::to_string(n);
}

// The top of the count axis and its step: 1, 2 or 5 times a power of ten, at most five steps.
std::pair<int, int> svg_axis(int max) {
    if (max <= 5) return {std::max(max, 1), 1};
    int step = 1;
    for (int pow10 = 1;; pow10 *= 10) {
        if (max <= 5 * pow10) {
            step = pow10;
            break;
        }
        if (max <= 10 * pow10) {
            step = 2 * pow10;
            break;
        }
        if (max <= 25 * pow10) {
            step = 5 * pow10;
            break;
        }
    }
    return {(max + step - 1) / step * step, step};
}

// The y of a count on the axis (rounded: segments stacked by their running totals meet exactly).
int svg_y(long long count, int top) {
    return kPlotTop + kPlotHeight - static_cast<int>((count * kPlotHeight + top / 2) / top);
}

// "Dec 2026: 2 (Professional 1, CompTIA Network+ 1)"
void svg_month_words(std::string& out, const Rules& rules, const MonthSummary& m,
                     const std::vector<std::size_t>& levels) {
    out += month_label(m) + ": ";
    svg_num(out, m.total);
    bool first = true;
    for (std::size_t l : levels) {
        if (!m.by_level[l]) continue;
        out += first ? " (" : ", ";
        first = false;
        append_html(out, rules.levels[l].name);
        out += ' ';
        svg_num(out, m.by_level[l]);
    }
    if (!first) out += ')';
}

void svg_table(std::string& out, const Rules& rules, const TeamSummary& s,
               const std::vector<std::size_t>& levels) {
    out += "<details>\n<summary>The chart's numbers as a table</summary>\n"
           "<table class=\"expiries\">\n<caption>Expiries by month and level, if nobody "
           "acts</caption>\n<thead><tr><th scope=\"col\">Month</th>"
           "<th scope=\"col\" class=\"num\">Expiring</th>";
    for (std::size_t l : levels) {
        out += "<th scope=\"col\" class=\"num\">";
        append_html(out, rules.levels[l].name);
        out += "</th>";
    }
    out += "<th scope=\"col\">Certifications</th></tr></thead>\n<tbody>\n";
    std::vector<long long> sums(levels.size() + 1, 0);
    for (const MonthSummary& m : s.months) {
        out += "<tr data-month=\"" + month_key(m) + "\"><th scope=\"row\">" + month_label(m) +
               "</th><td class=\"num\">";
        svg_num(out, m.total);
        sums.back() += m.total;
        out += "</td>";
        for (std::size_t i = 0; i < levels.size(); ++i) {
            out += "<td class=\"num\">";
            svg_num(out, m.by_level[levels[i]]);
            sums[i] += m.by_level[levels[i]];
            out += "</td>";
        }
        out += "<td>";
        bool first = true;
        for (const CertSummary& c : s.certs) {
            if (!m.by_cert[c.cert]) continue;
            if (!first) out += ", ";
            first = false;
            append_html(out, rules.certifications[c.cert].name);
            out += ' ';
            svg_num(out, m.by_cert[c.cert]);
        }
        out += "</td></tr>\n";
    }
    out += "</tbody>\n<tfoot><tr><th scope=\"row\">12 months</th><td class=\"num\">";
    svg_num(out, sums.back());
    out += "</td>";
    for (std::size_t i = 0; i < levels.size(); ++i) {
        out += "<td class=\"num\">";
        svg_num(out, sums[i]);
        out += "</td>";
    }
    out += "<td></td></tr></tfoot>\n</table>\n</details>\n";
}

} // namespace

void append_expiry_chart(std::string& out, const Rules& rules, const TeamSummary& s) {
    // the levels that expire at all in these months, in the summary's order (highest rank first)
    std::vector<std::size_t> levels;
    for (std::size_t l : s.levels)
        if (std::any_of(s.months.begin(), s.months.end(),
                        [l](const MonthSummary& m) { return m.by_level[l] > 0; }))
            levels.push_back(l);
    int max = 0;
    for (const MonthSummary& m : s.months) max = std::max(max, m.total);
    const auto [top, step] = svg_axis(max);
    const std::string from = month_label(s.months.front());
    const std::string to = month_label(s.months.back());

    out += "<section id=\"expiries\" aria-labelledby=\"expiries-h\">\n"
           "<h2 id=\"expiries-h\">Expiries by month</h2>\n<p>Certifications in force or in grace "
           "that expire in each month from " +
           from + " to " + to +
           " if nobody acts, by level.</p>\n<figure>\n<svg class=\"chart\" viewBox=\"0 0 ";
    svg_num(out, kChartWidth);
    out += ' ';
    svg_num(out, kChartHeight);
    out += "\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">\n"
           "<title id=\"chart-title\">Expiries by month, " +
           from + " to " + to + "</title>\n<desc id=\"chart-desc\">";
    for (std::size_t i = 0; i < s.months.size(); ++i) {
        if (i) out += "; ";
        svg_month_words(out, rules, s.months[i], levels);
    }
    out += ".</desc>\n";

    // the count axis: grid lines, their labels, its name
    const int right = kPlotLeft + kSlot * static_cast<int>(s.months.size());
    const int base = kPlotTop + kPlotHeight;
    for (int v = 0; v <= top; v += step) {
        const int y = svg_y(v, top);
        out += "<line class=\"grid\" x1=\"" + std::to_string(kPlotLeft) + "\" x2=\"" +
               std::to_string(right) + "\" y1=\"" + std::to_string(y) + "\" y2=\"" +
               std::to_string(y) + "\"/><text class=\"tick\" x=\"" + std::to_string(kPlotLeft - 8) +
               "\" y=\"" + std::to_string(y + 4) + "\" text-anchor=\"end\">" + std::to_string(v) +
               "</text>\n";
    }
    out += "<text class=\"axis-name\" transform=\"translate(16 " +
           std::to_string(kPlotTop + kPlotHeight / 2) +
           ") rotate(-90)\" text-anchor=\"middle\">Expiring</text>\n";

    // one group per month: its stacked bars, its total above them, its label below
    for (std::size_t i = 0; i < s.months.size(); ++i) {
        const MonthSummary& m = s.months[i];
        const std::string key = month_key(m);
        const int x = kPlotLeft + kSlot * static_cast<int>(i) + (kSlot - kBarWidth) / 2;
        const int mid = x + kBarWidth / 2;
        out += "<g class=\"month\" data-month=\"" + key + "\" data-count=\"" +
               std::to_string(m.total) + "\">";
        long long below = 0;
        for (std::size_t k = 0; k < levels.size(); ++k) {
            const int n = m.by_level[levels[k]];
            if (!n) continue;
            const int y = svg_y(below + n, top);
            const int h = svg_y(below, top) - y;
            below += n;
            out += "<rect class=\"l" + std::to_string(k % kPalette) + "\" data-level=\"";
            append_html(out, rules.levels[levels[k]].id);
            out += "\" data-count=\"" + std::to_string(n) + "\" x=\"" + std::to_string(x) +
                   "\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(kBarWidth) +
                   "\" height=\"" + std::to_string(h) + "\"><title>" + month_label(m) + ", ";
            append_html(out, rules.levels[levels[k]].name);
            out += ": " + std::to_string(n) + "</title></rect>";
        }
        out += "<text class=\"total\" x=\"" + std::to_string(mid) + "\" y=\"" +
               std::to_string(svg_y(m.total, top) - 6) + "\" text-anchor=\"middle\">" +
               std::to_string(m.total) + "</text>";
        const std::string label = month_label(m);
        out += "<text class=\"month-label\" data-month=\"" + key + "\" x=\"" + std::to_string(mid) +
               "\" y=\"" + std::to_string(base + 18) + "\" text-anchor=\"middle\">" +
               label.substr(0, label.find(' ')) + "</text>";
        if (i == 0 || m.month == 1)
            out += "<text class=\"year\" x=\"" + std::to_string(mid) + "\" y=\"" +
                   std::to_string(base + 34) + "\" text-anchor=\"middle\">" +
                   std::to_string(m.year) + "</text>";
        out += "</g>\n";
    }
    out += "<line class=\"axis\" x1=\"" + std::to_string(kPlotLeft) + "\" x2=\"" +
           std::to_string(right) + "\" y1=\"" + std::to_string(base) + "\" y2=\"" +
           std::to_string(base) + "\"/>\n</svg>\n";

    if (levels.empty()) {
        out += "<figcaption>Nothing expires in these 12 months.</figcaption>\n";
    } else {
        out += "<figcaption>\n<ul class=\"legend\">\n";
        for (std::size_t k = 0; k < levels.size(); ++k) {
            out += "<li data-level=\"";
            append_html(out, rules.levels[levels[k]].id);
            out += "\"><span class=\"swatch l" + std::to_string(k % kPalette) +
                   "\" aria-hidden=\"true\"></span>";
            append_html(out, rules.levels[levels[k]].name);
            out += "</li>\n";
        }
        out += "</ul>\n</figcaption>\n";
    }
    out += "</figure>\n";
    svg_table(out, rules, s, levels);
    out += "</section>\n";
}

void append_credit_bar(std::string& out, Centi approved, Centi pending, Centi required) {
    // in twentieths of the bar (the style sheet's .w0 to .w20), approved first and pending after
    // it, neither past the end
    const auto part = [required](Centi c) {
        return required > 0 ? std::clamp<Centi>((c * 20 + required / 2) / required, 0, 20)
                            : Centi{20};
    };
    const Centi done = part(approved);
    const Centi pend = part(approved + pending) - done;
    out += "<span class=\"bar\" aria-hidden=\"true\">";
    if (done > 0) out += "<span class=\"done w" + std::to_string(done) + "\"></span>";
    if (pend > 0) out += "<span class=\"pend w" + std::to_string(pend) + "\"></span>";
    out += "</span>";
}

} // namespace recert
